/**
 * @module cli/install-command
 * `kamflow install <pack> [--dry-run] [--policy fail|skip|new-version] [--sample-data]`: installs
 * a template pack into a workspace, all or nothing, through the same code as the API
 * (runtime/template-admin). `--dry-run` prints what would be created, updated or left alone and
 * saves nothing. On a database without a workspace, one is created for the pack.
 * Exit codes: 0 installed (or a dry-run that would install), 1 invalid pack or conflicts,
 * 2 wrong usage.
 */
import type { Engine } from "../../engine/runtime/index.ts";
import {
  type ConflictPolicy,
  conflictPolicies,
  type InstallPlan,
} from "../../engine/runtime/template-admin.ts";
import type { PackDocument } from "../../engine/templates/pack-document.ts";
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

const HELP = `Usage: kamflow install <pack> [--dry-run] [--policy fail|skip|new-version] [--workspace <id>]
                       [--sample-data [--accounts <n>]] [--json] [--database-url <url>]

Installs a template pack: a bundled pack's key (e.g. b2b-key-accounts), a pack folder, or a
single-file pack written by "kamflow export". The pack is validated in full first; the install
is one transaction — everything or nothing. Definitions the pack installed before and nobody has
changed are upgraded; running flows finish on the version they started on.

Options:
  --dry-run              print what would be created, updated or left alone; save nothing
  --policy <p>           when the workspace changed a definition the pack ships:
                           fail (default) refuse the install, skip keep the workspace's,
                           new-version publish the pack's as the next version
  --workspace <id>       the workspace (may be left out when the database holds only one;
                         on an empty database one is created for the pack)
  --sample-data          also create the pack's demo people and records
  --accounts <n>         with --sample-data: how many accounts (default: the pack's spec)
  --json                 print the plan as JSON
${DATABASE_HELP}
  -h, --help             show this help

Exit codes: 0 installed (dry-run: would install), 1 invalid pack or conflicts, 2 wrong usage.`;

const ACTION_LABEL: Readonly<Record<string, string>> = {
  create: "create   ",
  update: "update   ",
  unchanged: "unchanged",
  skip: "skip     ",
  conflict: "CONFLICT ",
};

/** The plan as lines a person reads. */
export function formatPlan(plan: InstallPlan): string[] {
  const lines = plan.items.map((item) => {
    const versions =
      item.action === "create"
        ? `→ v${item.newVersion}`
        : item.action === "update"
          ? `v${item.currentVersion} → v${item.newVersion}`
          : `v${item.currentVersion}`;
    const changes = item.changes
      ? ` (${item.changes.added.length} added, ${item.changes.removed.length} removed, ${item.changes.changed.length} changed)`
      : "";
    const mark = item.customized && item.action !== "create" ? " [changed in the workspace]" : "";
    return `  ${ACTION_LABEL[item.action]} ${item.kind}/${item.key} ${versions}${changes}${mark}`;
  });
  const counts = Object.entries(plan.counts)
    .filter(([, n]) => n > 0)
    .map(([action, n]) => `${n} ${action}`)
    .join(", ");
  return [
    `${plan.pack.key}@${plan.pack.version}${plan.installedVersion ? ` (installed: ${plan.installedVersion})` : ""}, policy ${plan.policy}: ${counts || "nothing"}`,
    ...lines,
    ...(plan.kpiConfig ? [`  KPI configuration: ${plan.kpiConfig}`] : []),
    ...(plan.unheldRoles.length > 0
      ? [`  nobody holds these business roles yet: ${plan.unheldRoles.join(", ")}`]
      : []),
  ];
}

function policyOf(text: string | undefined): ConflictPolicy {
  if (text === undefined) return "fail";
  if ((conflictPolicies as readonly string[]).includes(text)) return text as ConflictPolicy;
  throw new UsageError(`--policy must be one of ${conflictPolicies.join(", ")}, not "${text}".`);
}

function accountsOf(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1 || Number(text) > 1_000_000)
    throw new UsageError(`--accounts must be a whole number from 1 to 1000000, not "${text}".`);
  return Number(text);
}

/**
 * The workspace to install into; on an empty database, a new one named after the pack — except
 * for a dry run, which saves nothing and plans against no workspace (everything is a create).
 */
async function targetWorkspace(
  engine: Engine,
  named: string | undefined,
  pack: PackDocument,
  io: CliIo,
  dryRun: boolean,
): Promise<string> {
  const { resolveWorkspace } = await import("./engine-session.ts");
  const found = await resolveWorkspace(engine, named);
  if (found) return found;
  if (dryRun) {
    io.out("the database holds no workspace: installing would create one");
    return "";
  }
  const ws = await engine.workspaces.create(`${pack.name["zh-CN"]} / ${pack.name.en}`, {
    timeZone: "Asia/Shanghai",
    locale: "zh-CN",
  });
  io.out(`created workspace ${ws}; add an admin with: kamflow user add --workspace ${ws} …`);
  return ws;
}

export const installCommand: Command = {
  name: "install",
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommand(args, {
      "dry-run": { type: "boolean" },
      policy: { type: "string" },
      workspace: { type: "string" },
      "sample-data": { type: "boolean" },
      accounts: { type: "string" },
      json: { type: "boolean" },
      "database-url": { type: "string" },
    });
    if (values.help) {
      io.out(HELP);
      return EXIT.ok;
    }
    if (positionals.length !== 1) throw new UsageError("Name one pack to install.");
    const policy = policyOf(values.policy);
    const accounts = accountsOf(values.accounts);
    if (accounts !== undefined && !values["sample-data"])
      throw new UsageError("--accounts goes with --sample-data.");
    const locale = localeOf(io.env) ?? "en";
    const loaded = await loadPackSource(positionals[0] as string);
    if (!loaded.ok) {
      for (const found of loaded.issues) io.err(formatPackIssue(found, locale));
      io.err(`the pack is invalid: ${loaded.issues.length} problem(s); nothing was installed`);
      return EXIT.failure;
    }
    for (const found of loaded.warnings) io.err(formatPackIssue(found, locale));
    const pack = loaded.pack;
    try {
      const { withEngine } = await import("./engine-session.ts");
      return await withEngine(databaseOf(values, io), io, async (engine) => {
        const dryRun = values["dry-run"] === true;
        const ws = await targetWorkspace(engine, values.workspace, pack, io, dryRun);
        if (dryRun) {
          const plan = await engine.templates.plan(ws, pack, policy);
          if (values.json) io.out(JSON.stringify(plan, null, 2));
          else for (const line of formatPlan(plan)) io.out(line);
          io.out("dry run: nothing was saved");
          return plan.counts.conflict > 0 ? EXIT.failure : EXIT.ok;
        }
        const result = await engine.templates.install(ws, pack, { policy });
        if (values.json) io.out(JSON.stringify(result, null, 2));
        else for (const line of formatPlan(result)) io.out(line);
        io.out(`installed ${pack.key}@${pack.version} into workspace ${ws}`);
        if (values["sample-data"]) await seedPack(engine, ws, pack, io, { accounts });
        return EXIT.ok;
      });
    } catch (error) {
      if (error instanceof UsageError) throw error;
      return reportFailure(io, error);
    }
  },
};
