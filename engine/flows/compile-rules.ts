/**
 * @module flows/compile-rules
 * Compiles every JSON Logic rule of a document and collects the compiler's issues.
 */

import type { Issue } from "../errors/kam-error.ts";
import { KamError } from "../errors/kam-error.ts";
import { compileRule, RuleError } from "../rules/index.ts";
import { findRuleSites } from "./rule-sites.ts";

const within = (pointer: string, base: string) =>
  pointer === base || pointer.startsWith(`${base}/`);

/**
 * Compiles each rule `schema` locates in `document` (with its pointer, so issues point into the
 * document). Rules that already have a schema issue at or inside them are skipped, so a shape
 * error is not reported twice. A non-KamError from the compiler is a bug and propagates.
 */
export function compileRules(
  schema: object,
  document: unknown,
  schemaIssues: readonly Issue[],
  locate: (pointer: string) => { nodeId?: string },
): Issue[] {
  const issues: Issue[] = [];
  for (const site of findRuleSites(schema, document)) {
    if (schemaIssues.some((i) => within(i.pointer, site.pointer))) continue;
    try {
      compileRule(site.rule, { pointer: site.pointer });
    } catch (error) {
      if (!(error instanceof KamError)) throw error;
      const found = error instanceof RuleError ? error.issues : [error.toIssue()];
      for (const i of found) issues.push({ ...i, ...locate(i.pointer) });
    }
  }
  return issues;
}
