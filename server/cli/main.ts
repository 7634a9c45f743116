/**
 * @module cli/main
 * The `kamflow` command line: `serve`, `migrate`, `user add`, `seed`, `install`, `export`,
 * `retier`, `validate`, each with
 * `--help`. Exit codes: 0 success, 1 failure or invalid input (e.g. a definition with errors),
 * 2 wrong usage.
 */
import { version } from "../version.ts";
import { type CliIo, type Command, EXIT, UsageError } from "./command.ts";
import { promptHidden } from "./terminal.ts";

/** The commands, loaded on use: `--help` and `validate` need not load the server. */
const COMMANDS: ReadonlyArray<{
  readonly name: string;
  readonly summary: string;
  load(): Promise<Command>;
}> = [
  {
    name: "serve",
    summary: "Serve the API with the scheduler (migrates and creates the demo workspace first)",
    load: async () => (await import("./serve-command.ts")).serveCommand,
  },
  {
    name: "migrate",
    summary: "Apply pending database migrations",
    load: async () => (await import("./migrate-command.ts")).migrateCommand,
  },
  {
    name: "user",
    summary: "Add a user: user add --email --name --role [--workspace] [--password]",
    load: async () => (await import("./user-command.ts")).userCommand,
  },
  {
    name: "seed",
    summary: "Create demo data: seed --accounts N [--pack <pack>] [--workspace <id>]",
    load: async () => (await import("./seed-command.ts")).seedCommand,
  },
  {
    name: "install",
    summary: "Install a template pack: install <pack> [--dry-run] [--policy] [--sample-data]",
    load: async () => (await import("./install-command.ts")).installCommand,
  },
  {
    name: "export",
    summary: "Export a workspace's definitions as a template pack: export [--out <file>]",
    load: async () => (await import("./export-command.ts")).exportCommand,
  },
  {
    name: "retier",
    summary: "Re-evaluate a tier model for every record: retier <model>",
    load: async () => (await import("./retier-command.ts")).retierCommand,
  },
  {
    name: "validate",
    summary: "Validate definition files (form, tier model, flow, template pack)",
    load: async () => (await import("./validate-command.ts")).validateCommand,
  },
];

const USAGE = `kamflow ${version}: a workflow engine for key account management

Usage: kamflow <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.name.padEnd(10)} ${c.summary}`).join("\n")}

Run "kamflow <command> --help" for a command's options.
Exit codes: 0 success, 1 failure or invalid input, 2 wrong usage.

  kamflow --version | --help`;

/** The process's own I/O. */
export function processIo(): CliIo {
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    write: (text) => process.stdout.write(text),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
    ...(process.stdin.isTTY
      ? { prompt: (question: string) => promptHidden(process.stdin, process.stdout, question) }
      : {}),
  };
}

/**
 * Runs the command line; returns the exit code.
 * @example
 * process.exitCode = await main(process.argv.slice(2));
 */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  if (first === "--version" || first === "-v") {
    io.out(version);
    return EXIT.ok;
  }
  if (first === "--help" || first === "-h" || first === "help") {
    const topic = COMMANDS.find((c) => c.name === rest[0]);
    io.out(topic ? (await topic.load()).help : USAGE);
    return EXIT.ok;
  }
  if (first === undefined) {
    io.err(USAGE);
    return EXIT.usage;
  }
  const entry = COMMANDS.find((c) => c.name === first);
  if (!entry) {
    io.err(`Unknown command "${first}".\n\n${USAGE}`);
    return EXIT.usage;
  }
  const command = await entry.load();
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.err(`${error.message}\n\n${command.help}`);
    return EXIT.usage;
  }
}
