/**
 * @module forms/form-compiler
 * Compiles form definitions and caches the results by (key, version) in a bounded LRU, so a
 * server validating records of many forms compiles each published version once and its memory
 * stays bounded however many versions pass through.
 */
import { DefinitionError, issue } from "../errors/index.ts";
import { analyzeForm } from "./analyze.ts";
import type { FormRuleOptions } from "./compile-rules.ts";
import { type CompiledForm, createCompiledForm } from "./compiled-form.ts";

/** Options of `createFormCompiler`. */
export interface FormCompilerOptions extends FormRuleOptions {
  /**
   * Compiled versions kept; the least recently used is dropped beyond this.
   * @default 256
   */
  readonly maxEntries?: number;
}

/** Compiles form definitions, caching published versions. */
export interface FormCompiler {
  /**
   * The compiled form of `def`; throws `DefinitionError` (with every issue) when it is invalid.
   * Versioned definitions are cached by (key, version); a definition whose content differs from
   * the cached one under the same key and version is compiled anew and replaces it. Drafts
   * (no `version`) are compiled on every call.
   */
  compile(def: unknown): CompiledForm;
  /** Number of cached compiled forms. */
  readonly size: number;
  /** Drops every cached form. */
  clear(): void;
}

interface Entry {
  readonly text: string;
  readonly form: CompiledForm;
}

function cacheKeyOf(def: unknown): string | undefined {
  if (typeof def !== "object" || def === null) return undefined;
  const { key, version } = def as { key?: unknown; version?: unknown };
  if (typeof key !== "string" || typeof version !== "number") return undefined;
  return JSON.stringify([key, version]);
}

/**
 * Creates a form compiler with its own bounded cache.
 * @example
 * const forms = createFormCompiler({ maxEntries: 100, clock });
 * const form = forms.compile(definition);
 * const result = form.validateRecord(input, { locale: "zh-CN" });
 */
export function createFormCompiler(options: FormCompilerOptions = {}): FormCompiler {
  const { maxEntries = 256, ...ruleOptions } = options;
  if (!Number.isInteger(maxEntries) || maxEntries < 1) {
    throw new Error("maxEntries must be a positive integer");
  }
  // A Map iterates in insertion order; re-inserting on use makes its first key the LRU one.
  const cache = new Map<string, Entry>();

  function compileFresh(text: string): CompiledForm {
    // Compile a private copy, so later changes to the caller's object cannot reach the cache.
    const analysis = analyzeForm(JSON.parse(text), ruleOptions);
    if (!analysis.ok) throw new DefinitionError(analysis.issues);
    return createCompiledForm(analysis.artifacts);
  }

  function compile(def: unknown): CompiledForm {
    let text: string | undefined;
    try {
      text = JSON.stringify(def);
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      throw new DefinitionError([issue("FORM_INVALID", "", { detail })]);
    }
    if (text === undefined) {
      // Not JSON at all (undefined, a function): let the analysis say why, with its pointer.
      const analysis = analyzeForm(def, ruleOptions);
      const detail = "not a JSON value";
      throw new DefinitionError(
        analysis.ok ? [issue("FORM_INVALID", "", { detail })] : analysis.issues,
      );
    }
    const cacheKey = cacheKeyOf(def);
    if (cacheKey === undefined) return compileFresh(text);
    const hit = cache.get(cacheKey);
    if (hit && hit.text === text) {
      cache.delete(cacheKey);
      cache.set(cacheKey, hit);
      return hit.form;
    }
    const form = compileFresh(text);
    cache.delete(cacheKey);
    cache.set(cacheKey, { text, form });
    while (cache.size > maxEntries) {
      const oldest = cache.keys().next().value;
      if (oldest === undefined) break;
      cache.delete(oldest);
    }
    return form;
  }

  return {
    compile,
    get size() {
      return cache.size;
    },
    clear: () => cache.clear(),
  };
}

let defaultCompiler: FormCompiler | undefined;

/**
 * Compiles a form definition with the process-wide compiler (cache of 256 versions, no clock:
 * hosts whose rules use `now` or `days_since` create their own with `createFormCompiler`
 * and a `ruleEngine` made with their clock).
 * Throws `DefinitionError` when the definition is invalid.
 * @example
 * const form = compileForm(accountProfile);
 * form.validateRecord({ name: "华东重工" }).ok;
 */
export function compileForm(def: unknown): CompiledForm {
  defaultCompiler ??= createFormCompiler();
  return defaultCompiler.compile(def);
}
