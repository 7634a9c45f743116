/**
 * @module server/log-writer
 * Where log lines go by default: stdout, in batches. A busy server logs a line per request, and
 * one write call per line (a system call each; stdout is synchronous on Linux, even to a file
 * or pipe) cost more than building the lines. The first line of an event-loop turn is written at
 * once, so a quiet server's log is as immediate as before; lines that follow in the same turn are
 * joined and written together when the turn ends (`setImmediate`), and on `exit`, so nothing
 * logged is lost on a normal or error exit. Order is kept.
 */

/** Lines pending beyond this size are written at once instead of at the end of the turn. */
const MAX_PENDING_CHARS = 64 * 1024;

/**
 * A line writer that batches lines written within one event-loop turn.
 * @param out Receives chunks of whole lines, each line ending in a newline.
 * @example
 * const write = batchedLineWriter((chunk) => process.stdout.write(chunk));
 * write('{"level":"info","msg":"request"}');
 */
export function batchedLineWriter(out: (chunk: string) => void): (line: string) => void {
  let pending = "";
  let turnStarted = false;
  const flush = () => {
    turnStarted = false;
    if (pending === "") return;
    const chunk = pending;
    pending = "";
    out(chunk);
  };
  process.on("exit", flush);
  return (line) => {
    if (!turnStarted) {
      // The first line of a turn goes out now; the end of the turn ends the batch.
      turnStarted = true;
      setImmediate(flush);
      out(`${line}\n`);
      return;
    }
    pending += `${line}\n`;
    if (pending.length > MAX_PENDING_CHARS) {
      const chunk = pending;
      pending = "";
      out(chunk);
    }
  };
}
