/**
 * @module cli/terminal
 * Terminal helpers: a progress bar redrawn in place on a TTY (plain progress lines otherwise, so
 * logs and CI output stay readable) and a password prompt that does not echo.
 */
import type { CliIo } from "./command.ts";

export interface Progress {
  /** Reports `done` of the total. */
  update(done: number): void;
  /** Ends the bar (a newline on a TTY). */
  finish(): void;
}

const WIDTH = 30;

/**
 * A progress reporter for `total` items.
 * @example
 * const progress = createProgress(io, { total: 1000, label: "accounts" });
 * for (let i = 1; i <= 1000; i++) { await work(); progress.update(i); }
 * progress.finish();
 */
export function createProgress(io: CliIo, options: { total: number; label: string }): Progress {
  const { total, label } = options;
  // Plain lines: about ten of them, whatever the total.
  const step = Math.max(1, Math.ceil(total / 10));
  let lastLine = 0;
  let drawn = -1;
  return {
    update(done) {
      if (io.isTTY) {
        const filled = total === 0 ? WIDTH : Math.round((done / total) * WIDTH);
        const percent = total === 0 ? 100 : Math.floor((done / total) * 100);
        if (percent === drawn && done !== total) return;
        drawn = percent;
        const bar = `${"█".repeat(filled)}${"░".repeat(WIDTH - filled)}`;
        io.write(`\r${label} [${bar}] ${String(percent).padStart(3)}% ${done}/${total}`);
      } else if (done === total || done - lastLine >= step) {
        lastLine = done;
        io.out(`${label}: ${done}/${total}`);
      }
    },
    finish() {
      if (io.isTTY) io.write("\n");
    },
  };
}

/**
 * Reads a line from a terminal without echoing it (raw mode); Ctrl-C aborts.
 * @example
 * const password = await promptHidden(process.stdin, process.stdout, "Password: ");
 */
export function promptHidden(
  input: NodeJS.ReadStream,
  output: NodeJS.WriteStream,
  question: string,
): Promise<string> {
  return new Promise((resolve, reject) => {
    output.write(question);
    let value = "";
    const wasRaw = input.isRaw;
    input.setRawMode(true);
    input.resume();
    input.setEncoding("utf8");
    const done = (error?: Error) => {
      input.setRawMode(wasRaw);
      input.pause();
      input.off("data", onData);
      output.write("\n");
      if (error) reject(error);
      else resolve(value);
    };
    const onData = (chunk: string) => {
      for (const char of chunk) {
        if (char === "\r" || char === "\n" || char === "\u0004") return done();
        if (char === "\u0003") return done(new Error("cancelled"));
        if (char === "\u007f" || char === "\b") value = value.slice(0, -1);
        else value += char;
      }
    };
    input.on("data", onData);
  });
}
