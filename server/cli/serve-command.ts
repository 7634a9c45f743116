/**
 * @module cli/serve-command
 * `kamflow serve`: migrate, create the demo workspace on first run, serve with the scheduler
 * until SIGINT/SIGTERM.
 */
import {
  type Command,
  DATABASE_HELP,
  databaseOf,
  EXIT,
  parseCommand,
  reportFailure,
  UsageError,
} from "./command.ts";

const HELP = `Usage: kamflow serve [--port <n>] [--host <address>] [--database-url <url>] [--no-demo]

Migrates the database, creates the demo workspace when the database holds none (its passwords
are printed once), then serves the API and runs the scheduler (timers, outbox, schedules) until
SIGINT or SIGTERM. Logs are JSON lines on stdout (LOG_LEVEL: debug, info, warn, error, silent).

Options:
  --port <n>             port to listen on (default: PORT, else 8787; 0 picks a free port)
  --host <address>       address to bind (default: HOST, else 127.0.0.1)
${DATABASE_HELP}
  --no-demo              do not create the demo workspace
  -h, --help             show this help`;

export const serveCommand: Command = {
  name: "serve",
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommand(args, {
      port: { type: "string" },
      host: { type: "string" },
      "database-url": { type: "string" },
      "no-demo": { type: "boolean" },
    });
    if (values.help) {
      io.out(HELP);
      return EXIT.ok;
    }
    if (positionals.length > 0) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    const portText = values.port ?? io.env.PORT ?? "8787";
    const port = Number(portText);
    if (!/^\d+$/.test(portText) || port > 65_535) {
      throw new UsageError(`--port must be a number from 0 to 65535, not "${portText}".`);
    }
    try {
      // Loaded here, so `--help` does not load the server.
      const { runServer } = await import("../serve.ts");
      await runServer({
        port,
        ...(values.host ? { host: values.host } : {}),
        ...databaseOf(values, io),
        demo: !values["no-demo"],
        print: (text) => io.out(text),
      });
    } catch (error) {
      return reportFailure(io, error);
    }
    return EXIT.ok;
  },
};
