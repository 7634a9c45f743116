/**
 * @module cli/main
 * The `kamflow` command line. Exit codes: 0 success, 1 invalid input (e.g. a definition with
 * errors), 2 wrong usage.
 */
import { parseArgs } from "node:util";
import type { Locale } from "../../engine/errors/index.ts";
import { version } from "../version.ts";
import { runValidate } from "./validate-command.ts";

const USAGE = `kamflow ${version}

Usage:
  kamflow validate <file>… [--with <file>]… [--lang zh-CN|en] [--json]
      Validate definition files (form, tier-model, flow, template-pack). Prints each problem
      as "pointer: message" and exits 1, or prints "ok" and exits 0. --with loads definitions
      the files refer to (the form whose fields a tier model reads).
  kamflow serve [--port <n>]
      Start the server (default port 8787, or PORT).
  kamflow --version | --help`;

/** Locale from --lang, else from LANG/LC_ALL (Chinese → zh-CN), else en. */
function localeOf(flag: string | undefined): Locale | undefined {
  const value = flag ?? process.env.LC_ALL ?? process.env.LANG ?? "";
  if (flag !== undefined && flag !== "zh-CN" && flag !== "en") return undefined;
  return value.toLowerCase().startsWith("zh") ? "zh-CN" : "en";
}

/** Runs the command line; returns the exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(argv);
  } catch (error) {
    console.error(`${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.version) {
    console.log(version);
    return 0;
  }
  const [command, ...rest] = positionals;
  if (values.help || command === undefined || command === "help") {
    console.log(USAGE);
    return command === undefined && !values.help ? 2 : 0;
  }
  if (command === "validate") {
    const locale = localeOf(values.lang);
    if (rest.length === 0 || !locale) {
      console.error(USAGE);
      return 2;
    }
    return runValidate({
      files: rest,
      withFiles: values.with ?? [],
      locale,
      json: values.json ?? false,
      out: (line) => console.log(line),
    });
  }
  if (command === "serve") {
    const { startServer } = await import("../serve.ts");
    await startServer({ port: Number(values.port ?? process.env.PORT ?? 8787) });
    return 0;
  }
  console.error(`Unknown command "${command}".\n\n${USAGE}`);
  return 2;
}

function parse(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    options: {
      help: { type: "boolean", short: "h" },
      version: { type: "boolean", short: "v" },
      lang: { type: "string" },
      json: { type: "boolean" },
      with: { type: "string", multiple: true },
      port: { type: "string" },
    },
  });
}
