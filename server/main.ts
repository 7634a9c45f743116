/**
 * @module server/main
 * `npm start`: migrate, create the demo workspace on first run (its passwords are printed once),
 * then serve on PORT (default 8787) with the scheduler, until SIGINT/SIGTERM.
 */
import { createLogger, errorFields } from "./logging.ts";
import { runServer } from "./serve.ts";

const logger = createLogger();
try {
  await runServer({ logger });
} catch (error) {
  logger.error("kamflow could not start", errorFields(error));
  if (logger.level === "silent") console.error(`kamflow could not start: ${String(error)}`);
  process.exitCode = 1;
}
