/**
 * @module cli/seed-command
 * `kamflow seed --accounts N [--pack <pack>]`: demo accounts with realistic Chinese company names and
 * commercials, owned in turn by the workspace's KAMs (holders of the `kam` business role). On an
 * empty database it first creates the demo workspace (printing its passwords once).
 */
import { randomInt } from "node:crypto";
import type { Engine } from "../../engine/runtime/index.ts";
import { demoAccounts } from "../demo/companies.ts";
import { ensureDemoWorkspace, formatDemoCredentials } from "../demo/demo-workspace.ts";
import {
  type CliIo,
  type Command,
  DATABASE_HELP,
  databaseOf,
  EXIT,
  localeOf,
  parseCommand,
  reportFailure,
  UsageError,
} from "./command.ts";
import { formatPackIssue, loadPackSource } from "./pack-source.ts";
import { seedPack } from "./seed-pack.ts";
import { createProgress } from "./terminal.ts";

const MAX_ACCOUNTS = 1_000_000;

const HELP = `Usage: kamflow seed --accounts <n> [--pack <pack>] [--workspace <id>] [--seed <n>]
                    [--database-url <url>]

Creates <n> demo accounts (form "account", the b2b-key-accounts pack's) with realistic Chinese
company names, industries, regions, annual purchase, margin, influence and follow-up dates; each
is owned in turn by a holder of the "kam" business role. On an empty database the demo workspace is created first. Shows a progress bar
on a terminal, progress lines otherwise.

With --pack, the demo data of a template pack instead: its people and teams (new people share a
generated password, printed once), <n> accounts of its account form and their related records
(contacts, visits, orders, tickets…), from the pack's own generator spec. The pack is installed
first when the workspace does not have it (on an empty database, into a new workspace).

Options:
  --accounts <n>         how many accounts (1 to ${MAX_ACCOUNTS.toLocaleString("en")})
  --workspace <id>       the workspace (may be left out when the database holds only one)
  --pack <pack>          a bundled pack's key, a pack folder or a single-file pack
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

/** `seed --pack`: the pack's sample data, installing the pack first when needed. */
async function seedPackCommand(
  source: string,
  accounts: number,
  seed: number,
  values: { workspace?: string | undefined; "database-url"?: string | undefined },
  io: CliIo,
): Promise<number> {
  const loaded = await loadPackSource(source);
  if (!loaded.ok) {
    const locale = localeOf(io.env) ?? "en";
    for (const found of loaded.issues) io.err(formatPackIssue(found, locale));
    return EXIT.failure;
  }
  const { pack } = loaded;
  try {
    const { withEngine, resolveWorkspace } = await import("./engine-session.ts");
    return await withEngine(databaseOf(values, io), io, async (engine) => {
      const ws =
        (await resolveWorkspace(engine, values.workspace)) ??
        (await engine.workspaces.create(`${pack.name["zh-CN"]} / ${pack.name.en}`, {
          timeZone: "Asia/Shanghai",
          locale: "zh-CN",
        }));
      const installed = (await engine.templates.installed(ws)).some((p) => p.key === pack.key);
      if (!installed) {
        await engine.templates.install(ws, pack);
        io.out(`installed ${pack.key}@${pack.version} into workspace ${ws}`);
      }
      await seedPack(engine, ws, pack, io, { accounts, seed });
      return EXIT.ok;
    });
  } catch (error) {
    if (error instanceof UsageError) throw error;
    return reportFailure(io, error);
  }
}

export const seedCommand: Command = {
  name: "seed",
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommand(args, {
      accounts: { type: "string" },
      workspace: { type: "string" },
      seed: { type: "string" },
      pack: { type: "string" },
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
    if (values.pack !== undefined) return seedPackCommand(values.pack, count, seed, values, io);
    try {
      const { withEngine, resolveWorkspace } = await import("./engine-session.ts");
      return await withEngine(databaseOf(values, io), io, async (engine) => {
        let ws = await resolveWorkspace(engine, values.workspace);
        if (!ws) {
          // Exactly the accounts asked for: none of the packs' generated ones.
          const demo = await ensureDemoWorkspace(engine, {
            sampleAccounts: { "b2b-key-accounts": 0, "saas-customer-success": 0 },
          });
          if (demo) io.out(formatDemoCredentials(demo));
          ws = demo?.workspaceId ?? (await resolveWorkspace(engine, undefined));
        }
        if (!ws) return EXIT.failure;
        if (!(await engine.definitions.latest(ws, "form", "account"))) {
          io.err(`error: workspace ${ws} has no published "account" form to seed.`);
          return EXIT.failure;
        }
        const kams = await owners(engine, ws);
        const next = demoAccounts(seed, engine.clock.now());
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
