/**
 * @module cli/export-command
 * `kamflow export [--workspace <id>] [--pack <key>] [--out <file>]`: the workspace's published
 * definitions (or one installed pack's) as a single-file template pack, which `kamflow install`
 * installs into another workspace as exactly the same definitions.
 */
import { writeFileSync } from "node:fs";
import {
  type Command,
  DATABASE_HELP,
  databaseOf,
  EXIT,
  parseCommand,
  reportFailure,
  UsageError,
} from "./command.ts";

const HELP = `Usage: kamflow export [--workspace <id>] [--pack <key>] [--out <file>]
                      [--key <key>] [--version <semver>] [--database-url <url>]

Writes the workspace's latest published forms, tier models and flows (and its KPI
configuration) as one template-pack JSON file; with --pack, only what that installed pack put
there, under its own manifest. "kamflow install <file>" installs it elsewhere.

Options:
  --workspace <id>       the workspace (may be left out when the database holds only one)
  --pack <key>           export one installed pack
  --out <file>           write to a file (default: standard output)
  --key <key>            the exported pack's key (default: the pack's, else workspace-export)
  --version <semver>     the exported pack's version (default: the pack's, else 1.0.0)
${DATABASE_HELP}
  -h, --help             show this help`;

export const exportCommand: Command = {
  name: "export",
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommand(args, {
      workspace: { type: "string" },
      pack: { type: "string" },
      out: { type: "string" },
      key: { type: "string" },
      version: { type: "string" },
      "database-url": { type: "string" },
    });
    if (values.help) {
      io.out(HELP);
      return EXIT.ok;
    }
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    try {
      const { withEngine, resolveWorkspace } = await import("./engine-session.ts");
      return await withEngine(databaseOf(values, io), io, async (engine) => {
        const ws = await resolveWorkspace(engine, values.workspace);
        if (!ws) {
          io.err("error: the database holds no workspace to export.");
          return EXIT.failure;
        }
        const pack = await engine.templates.export(ws, {
          ...(values.pack !== undefined ? { packKey: values.pack } : {}),
          ...(values.key !== undefined ? { key: values.key } : {}),
          ...(values.version !== undefined ? { version: values.version } : {}),
        });
        const text = `${JSON.stringify(pack, null, 2)}\n`;
        const count =
          pack.embedded.forms.length + pack.embedded.tierModels.length + pack.embedded.flows.length;
        if (values.out === undefined) {
          io.write(text);
          return EXIT.ok;
        }
        writeFileSync(values.out, text);
        io.out(`exported ${count} definitions of workspace ${ws} to ${values.out}`);
        return EXIT.ok;
      });
    } catch (error) {
      if (error instanceof UsageError) throw error;
      return reportFailure(io, error);
    }
  },
};
