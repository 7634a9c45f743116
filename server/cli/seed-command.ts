/**
 * @module cli/seed-command
 * `kamflow seed --accounts N`: demo accounts with realistic Chinese company names and
 * commercials, owned in turn by the workspace's KAMs (holders of the `kam` business role). On an
 * empty database it first creates the demo workspace (printing its passwords once).
 */
import { randomInt } from "node:crypto";
import type { Engine } from "../../engine/runtime/index.ts";
import { demoAccounts } from "../demo/companies.ts";
import { ensureDemoWorkspace, formatDemoCredentials } from "../demo/demo-workspace.ts";
import {
  type Command,
  DATABASE_HELP,
  databaseOf,
  EXIT,
  parseCommand,
  reportFailure,
  UsageError,
} from "./command.ts";
import { createProgress } from "./terminal.ts";

const MAX_ACCOUNTS = 1_000_000;

const HELP = `Usage: kamflow seed --accounts <n> [--workspace <id>] [--seed <n>] [--database-url <url>]

Creates <n> demo accounts (form "account") with realistic Chinese company names, industries,
regions, annual purchase, margin and NPS; each is owned in turn by a holder of the "kam"
business role. On an empty database the demo workspace is created first. Shows a progress bar
on a terminal, progress lines otherwise.

Options:
  --accounts <n>         how many accounts (1 to ${MAX_ACCOUNTS.toLocaleString("en")})
  --workspace <id>       the workspace (may be left out when the database holds only one)
  --seed <n>             seed of the generator, to repeat a run (default: random)
${DATABASE_HELP}
  -h, --help             show this help`;

/** The KAMs that own seeded accounts, each with their team. */
async function owners(engine: Engine, ws: string) {
  const rows = await engine.store.db
    .selectFrom("user_roles")
    .innerJoin("users", "users.id", "user_roles.user_id")
    .leftJoin("memberships", (join) =>
      join
        .onRef("memberships.user_id", "=", "user_roles.user_id")
        .onRef("memberships.workspace_id", "=", "user_roles.workspace_id"),
    )
    .select(["user_roles.user_id as userId", "memberships.team_id as teamId"])
    .where("user_roles.workspace_id", "=", ws)
    .where("user_roles.role_key", "=", "kam")
    .where("users.status", "=", "active")
    .orderBy("user_roles.user_id")
    .execute();
  const byUser = new Map<string, string | null>();
  for (const row of rows) if (!byUser.get(row.userId)) byUser.set(row.userId, row.teamId);
  return [...byUser].map(([userId, teamId]) => ({ userId, teamId }));
}

function positiveInteger(flag: string, text: string | undefined, max: number): number {
  if (text === undefined) throw new UsageError(`Missing ${flag} <n>.`);
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > max) {
    throw new UsageError(`${flag} must be a whole number from 1 to ${max}, not "${text}".`);
  }
  return value;
}

export const seedCommand: Command = {
  name: "seed",
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommand(args, {
      accounts: { type: "string" },
      workspace: { type: "string" },
      seed: { type: "string" },
      "database-url": { type: "string" },
    });
    if (values.help) {
      io.out(HELP);
      return EXIT.ok;
    }
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    const count = positiveInteger("--accounts", values.accounts, MAX_ACCOUNTS);
    const seed =
      values.seed === undefined
        ? randomInt(2 ** 31)
        : positiveInteger("--seed", values.seed, 2 ** 31);
    try {
      const { withEngine, resolveWorkspace } = await import("./engine-session.ts");
      return await withEngine(databaseOf(values, io), io, async (engine) => {
        let ws = await resolveWorkspace(engine, values.workspace);
        if (!ws) {
          const demo = await ensureDemoWorkspace(engine);
          if (demo) io.out(formatDemoCredentials(demo));
          ws = demo?.workspaceId ?? (await resolveWorkspace(engine, undefined));
        }
        if (!ws) return EXIT.failure;
        if (!(await engine.definitions.latest(ws, "form", "account"))) {
          io.err(`error: workspace ${ws} has no published "account" form to seed.`);
          return EXIT.failure;
        }
        const kams = await owners(engine, ws);
        const next = demoAccounts(seed);
        const progress = createProgress(io, { total: count, label: "accounts" });
        const started = performance.now();
        for (let i = 0; i < count; i++) {
          const owner = kams[i % Math.max(1, kams.length)];
          await engine.records.create(
            ws,
            "account",
            { ...next(), ...(owner ? { owner: owner.userId } : {}) },
            owner
              ? {
                  actor: owner.userId,
                  ownerId: owner.userId,
                  ...(owner.teamId ? { teamId: owner.teamId } : {}),
                }
              : {},
          );
          progress.update(i + 1);
        }
        progress.finish();
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        io.out(`seeded ${count} accounts in workspace ${ws} in ${seconds} s (seed ${seed})`);
        return EXIT.ok;
      });
    } catch (error) {
      if (error instanceof UsageError) throw error;
      return reportFailure(io, error);
    }
  },
};
