/**
 * @module cli/validate-command
 * `kamflow validate <file…> [--with <file>…] [--lang zh-CN|en] [--json]`: validates definition
 * files and prints each problem as `pointer: message`. Exit 0 when every file is valid
 * (warnings allowed), 1 when any is not.
 */
import { readFileSync, statSync } from "node:fs";
import { basename, dirname } from "node:path";
import { validateDefinition } from "../../engine/definitions/index.ts";
import {
  type Issue,
  issue,
  type Locale,
  localizeIssue,
  type Validation,
} from "../../engine/errors/index.ts";
import { loadPackFolder } from "../../engine/templates/load-folder.ts";
import { validatePack } from "../../engine/templates/validate-pack.ts";
import { engineVersion } from "../../engine/version.ts";
import { type Command, EXIT, localeOf, parseCommand, UsageError } from "./command.ts";

export interface ValidateCommandOptions {
  readonly files: readonly string[];
  /** Other definition files the validated ones may refer to (e.g. the form of a tier model). */
  readonly withFiles: readonly string[];
  readonly locale: Locale;
  readonly json: boolean;
  readonly out: (line: string) => void;
}

type Loaded =
  | { readonly ok: true; readonly document: unknown }
  | { readonly ok: false; readonly issue: Issue };

function load(file: string): Loaded {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (error) {
    return {
      ok: false,
      issue: issue("FILE_READ_FAILED", "", { detail: (error as Error).message }),
    };
  }
  try {
    return { ok: true, document: JSON.parse(text) };
  } catch (error) {
    return {
      ok: false,
      issue: issue("JSON_PARSE_FAILED", "", { detail: (error as Error).message }),
    };
  }
}

function isFolder(file: string): boolean {
  try {
    return statSync(file).isDirectory();
  } catch {
    return false;
  }
}

function formatIssue(value: Issue): string {
  const prefix = value.severity === "warning" ? "warning: " : "";
  const file = typeof value.params?.file === "string" ? `${value.params.file}#` : "";
  return `${file}${value.pointer === "" ? "(root)" : value.pointer}: ${prefix}${value.message}`;
}

/** A pack: a folder, its pack.json, or a single-file pack (with its definitions embedded). */
async function validatePackAt(file: string, document: unknown): Promise<Validation<unknown>> {
  if (statSync(file).isDirectory()) return loadPackFolder(file, { engineVersion });
  const contents = (document as { contents?: Record<string, unknown> }).contents ?? {};
  const listsFiles = Object.values(contents).some(
    (list) => Array.isArray(list) && list.some((entry) => typeof entry?.path === "string"),
  );
  if (!listsFiles) return validatePack(document, { engineVersion });
  // A folder's pack.json: the whole folder. Any other manifest file: the manifest alone.
  if (basename(file) === "pack.json") return loadPackFolder(dirname(file), { engineVersion });
  return validateDefinition(document);
}

const isPack = (document: unknown) =>
  (document as { kind?: unknown } | null)?.kind === "template-pack";

/** Runs the command; returns the process exit code. */
export async function runValidate(options: ValidateCommandOptions): Promise<number> {
  const definitions = options.withFiles.flatMap((file) => {
    const loaded = load(file);
    return loaded.ok ? [loaded.document] : [];
  });
  let failed = false;
  const report: Array<{ file: string; ok: boolean; issues: Issue[] }> = [];
  for (const file of options.files) {
    const folder = isFolder(file);
    const loaded: Loaded = folder ? { ok: true, document: undefined } : load(file);
    const result: Validation<unknown> = !loaded.ok
      ? { ok: false as const, issues: [loaded.issue] }
      : folder || isPack(loaded.document)
        ? await validatePackAt(file, loaded.document)
        : validateDefinition(loaded.document, { definitions: [...definitions, loaded.document] });
    const found = result.ok ? [...result.warnings] : [...result.issues];
    const issues = found.map((i) => localizeIssue(i, options.locale));
    failed ||= !result.ok;
    report.push({ file, ok: result.ok, issues });
  }
  if (options.json) {
    options.out(JSON.stringify(report, null, 2));
  } else {
    for (const entry of report) {
      if (options.files.length > 1) options.out(`${entry.file}:`);
      for (const found of entry.issues) options.out(formatIssue(found));
      if (entry.ok) options.out("ok");
    }
  }
  return failed ? 1 : 0;
}

const HELP = `Usage: kamflow validate <file|pack folder>… [--with <file>]… [--lang zh-CN|en] [--json]

Validates definition files (form, tier-model, flow, template-pack; the document's "kind" says
which) and template packs: a pack folder (or its pack.json) or an exported single-file pack, in
full — every file, every reference inside the pack, the sample-data spec. Prints each problem as "pointer: message" and exits 1, or prints "ok" and exits 0
(warnings are printed but do not fail the run).

Options:
  --with <file>          a definition the files refer to (the form a tier model reads); repeatable
  --lang zh-CN|en        language of the messages (default: from LANG, zh → Chinese)
  --json                 machine-readable output
  -h, --help             show this help`;

export const validateCommand: Command = {
  name: "validate",
  help: HELP,
  async run(args, io) {
    const { values, positionals } = parseCommand(args, {
      lang: { type: "string" },
      json: { type: "boolean" },
      with: { type: "string", multiple: true },
    });
    if (values.help) {
      io.out(HELP);
      return EXIT.ok;
    }
    const locale = localeOf(io.env, values.lang);
    if (!locale) throw new UsageError(`--lang must be zh-CN or en, not "${values.lang}".`);
    if (positionals.length === 0) throw new UsageError("Name at least one file to validate.");
    return runValidate({
      files: positionals,
      withFiles: values.with ?? [],
      locale,
      json: values.json ?? false,
      out: io.out,
    });
  },
};
