/**
 * @module cli/command
 * What every `kamflow` command shares: its I/O (injectable, so tests call `main` in-process),
 * the exit codes, option parsing that turns mistakes into usage errors, the locale of messages
 * and how a failure is reported.
 */
import { type ParseArgsConfig, parseArgs } from "node:util";
import {
  DefinitionError,
  KamError,
  type Locale,
  localizeIssue,
  renderMessage,
} from "../../engine/errors/index.ts";
import type { StoreOptions } from "../../engine/store/index.ts";
import { createLogger, type Logger, levelFromEnv } from "../logging.ts";

/** Exit codes: 0 success, 1 failure or invalid input, 2 wrong usage. */
export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;

/** A command's I/O and environment. */
export interface CliIo {
  /** Prints a line to stdout. */
  readonly out: (line: string) => void;
  /** Prints a line to stderr. */
  readonly err: (line: string) => void;
  /** Writes raw text to stdout (a progress bar redrawing its line). */
  readonly write: (text: string) => void;
  /** Whether stdout is a terminal. */
  readonly isTTY: boolean;
  readonly env: NodeJS.ProcessEnv;
  /** Asks for a secret without echoing it; absent when stdin is not a terminal. */
  readonly prompt?: (question: string) => Promise<string>;
  /** More options of `openStore` (tests pass their database location's). */
  readonly storeOptions?: StoreOptions;
}

/** One `kamflow` command. */
export interface Command {
  readonly name: string;
  /** The full `--help` text. */
  readonly help: string;
  run(args: readonly string[], io: CliIo): Promise<number>;
}

/** Wrong usage: the message is printed with the command's help, and the exit code is 2. */
export class UsageError extends Error {
  override readonly name = "UsageError";
}

type Options = NonNullable<ParseArgsConfig["options"]>;

/**
 * Parses a command's arguments strictly; every mistake is a UsageError. `--help` is added.
 * @example const { values, positionals } = parseCommand(args, { port: { type: "string" } });
 */
export function parseCommand<const O extends Options>(args: readonly string[], options: O) {
  try {
    return parseArgs({
      args: [...args],
      allowPositionals: true,
      strict: true,
      options: { ...options, help: { type: "boolean", short: "h" } } as O & {
        help: { type: "boolean"; short: "h" };
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Locale of messages: --lang, else LANG/LC_ALL (Chinese → zh-CN), else en.
 * @example localeOf({ LANG: "zh_CN.UTF-8" }) // "zh-CN"
 */
export function localeOf(env: NodeJS.ProcessEnv, flag?: string): Locale | undefined {
  if (flag !== undefined) return flag === "zh-CN" || flag === "en" ? flag : undefined;
  const value = env.LC_ALL || env.LANG || "";
  return value.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

/**
 * The logger of commands other than serve: warnings and errors only, unless LOG_LEVEL says.
 * @example await openMigratedStore(database, commandLogger(io));
 */
export function commandLogger(io: CliIo): Logger {
  const level = io.env.LOG_LEVEL ? levelFromEnv(io.env) : "warn";
  return createLogger({ level, write: (line) => io.err(line) });
}

/**
 * Prints a failure the user can act on, with LOG_LEVEL=debug the stack; returns exit code 1.
 * @example catch (error) { return reportFailure(io, error); }
 */
export function reportFailure(io: CliIo, error: unknown): number {
  const locale = localeOf(io.env) ?? "en";
  if (error instanceof DefinitionError) {
    for (const found of error.issues) {
      const local = localizeIssue(found, locale);
      io.err(`${local.pointer === "" ? "(root)" : local.pointer}: ${local.message}`);
    }
  } else if (error instanceof KamError) {
    io.err(`${error.code}: ${renderMessage(error.code, locale, error.params)}`);
  } else if (error instanceof Error) {
    io.err(io.env.LOG_LEVEL === "debug" ? String(error.stack) : `error: ${error.message}`);
  } else {
    io.err(`error: ${String(error)}`);
  }
  return EXIT.failure;
}

/** The help lines of the database options. */
export const DATABASE_HELP = `  --database-url <url>   file:<path> (SQLite) or postgres://… (default: DATABASE_URL, else
                         file:./data/kamflow.db); DATABASE_SCHEMA picks a PostgreSQL schema`;

/**
 * The store location from the flag, else the environment.
 * @example await withEngine(databaseOf(values, io), io, work);
 */
export function databaseOf(values: { "database-url"?: string | undefined }, io: CliIo) {
  return {
    databaseUrl: values["database-url"] ?? io.env.DATABASE_URL,
    databaseSchema: io.env.DATABASE_SCHEMA || undefined,
    ...(io.storeOptions ? { storeOptions: io.storeOptions } : {}),
  };
}
