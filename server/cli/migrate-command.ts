/**
 * @module cli/migrate-command
 * `kamflow migrate`: applies pending migrations (safe while servers run, and from several
 * processes at once) and prints what it applied.
 */
import {
  type Command,
  commandLogger,
  DATABASE_HELP,
  databaseOf,
  EXIT,
  parseCommand,
  reportFailure,
  UsageError,
} from "./command.ts";

const HELP = `Usage: kamflow migrate [--database-url <url>]

Applies the database migrations this version needs and prints their names, or "up to date".
Exits 1 when a migration fails (the failed run is rolled back).

Options:
${DATABASE_HELP}
  -h, --help             show this help`;

export const migrateCommand: Command = {
  name: "migrate",
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommand(args, { "database-url": { type: "string" } });
    if (values.help) {
      io.out(HELP);
      return EXIT.ok;
    }
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    let applied: string[];
    try {
      const { openMigratedStore } = await import("../serve.ts");
      const opened = await openMigratedStore(databaseOf(values, io), commandLogger(io));
      applied = opened.applied;
      await opened.store.close();
    } catch (error) {
      return reportFailure(io, error);
    }
    if (applied.length === 0) io.out("up to date");
    for (const name of applied) io.out(`applied ${name}`);
    return EXIT.ok;
  },
};
