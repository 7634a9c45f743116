/**
 * @module server/logging
 * Structured logs: one JSON object per line (`level`, `time`, `msg`, then the fields), written to
 * stdout by default (batched per event-loop turn: server/log-writer). The level comes from
 * `LOG_LEVEL` (debug, info, warn, error, silent); under Vitest the default is silent, so test runs
 * stay quiet unless a test passes its own logger.
 */
import { batchedLineWriter } from "./log-writer.ts";

export const logLevels = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof logLevels)[number];

/** Fields of a log line besides its level, time and message. */
export type LogFields = Readonly<Record<string, unknown>>;

/** Writes structured log lines. */
export interface Logger {
  readonly level: LogLevel;
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
}

export interface LoggerOptions {
  /** @default levelFromEnv() */
  readonly level?: LogLevel;
  /** Receives each line (without its newline). @default stdout, batched per event-loop turn */
  readonly write?: (line: string) => void;
  /** Wall-clock time of a line, epoch ms. @default Date.now */
  readonly now?: () => number;
}

/**
 * The level `LOG_LEVEL` names; else silent under Vitest and info otherwise.
 * @example levelFromEnv({ LOG_LEVEL: "warn" }) // "warn"
 */
export function levelFromEnv(env: NodeJS.ProcessEnv = process.env): LogLevel {
  const named = env.LOG_LEVEL?.trim().toLowerCase();
  if (named && (logLevels as readonly string[]).includes(named)) return named as LogLevel;
  return env.VITEST ? "silent" : "info";
}

/**
 * An error as log fields: its message, code and stack (never dropped).
 * @example logger.error("scheduler: timers failed", errorFields(error));
 */
export function errorFields(error: unknown): LogFields {
  if (!(error instanceof Error)) return { error: String(error) };
  const code = (error as { code?: unknown }).code;
  return {
    error: error.message,
    ...(typeof code === "string" ? { code } : {}),
    stack: error.stack,
  };
}

/**
 * Creates a JSON-lines logger.
 * @example
 * const logger = createLogger({ level: "info" });
 * logger.info("request", { requestId, method: "GET", route: "/healthz", status: 200, ms: 1.2 });
 * // {"level":"info","time":"2026-11-23T01:00:00.000Z","msg":"request","requestId":"…",…}
 */
export function createLogger(options: LoggerOptions = {}): Logger {
  const level = options.level ?? levelFromEnv();
  const write = options.write ?? (level === "silent" ? () => {} : stdoutLines());
  const now = options.now ?? Date.now;
  const threshold = logLevels.indexOf(level);
  // Consecutive lines mostly fall in the same millisecond: format its time once.
  let lastMs = Number.NaN;
  let lastTime = "";
  const at = (lineLevel: Exclude<LogLevel, "silent">) => {
    const enabled = logLevels.indexOf(lineLevel) >= threshold;
    return (msg: string, fields: LogFields = {}): void => {
      if (!enabled) return;
      const ms = now();
      if (ms !== lastMs) {
        lastMs = ms;
        lastTime = new Date(ms).toISOString();
      }
      write(lineOf(lineLevel, lastTime, msg, fields));
    };
  };
  return {
    level,
    debug: at("debug"),
    info: at("info"),
    warn: at("warn"),
    error: at("error"),
  };
}

/**
 * `{"level":…,"time":…,"msg":…,…fields}`: the fields' own JSON spliced in after the first three,
 * which spares a merged copy of every line's fields (a line per request). Fields named like the
 * first three replace them in place, as a spread would.
 */
function lineOf(level: string, time: string, msg: string, fields: LogFields): string {
  if ("level" in fields || "time" in fields || "msg" in fields)
    return JSON.stringify({ level, time, msg, ...fields });
  const head = `{"level":"${level}","time":"${time}","msg":${JSON.stringify(msg)}`;
  const rest = JSON.stringify(fields);
  return rest === "{}" ? `${head}}` : `${head},${rest.slice(1)}`;
}

let stdoutWriter: ((line: string) => void) | undefined;

/** The one batched stdout writer every default logger shares (one `exit` flush in all). */
function stdoutLines(): (line: string) => void {
  stdoutWriter ??= batchedLineWriter((chunk) => process.stdout.write(chunk));
  return stdoutWriter;
}
