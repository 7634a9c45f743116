/**
 * @module rules/repeated
 * Finds subtrees that occur more than once in a rule's top-level scope, so the compiler can
 * evaluate each once per evaluation. Tier rules repeat their score in every band
 * (`if score >= 80 … else if score >= 60 …`); this makes the second band free.
 */
import { primitiveOperators } from "./operators/fast-paths.ts";
import { isOperation } from "./shape.ts";

const SCOPED = new Set(["map", "filter", "reduce", "all", "some", "none"]);

/** Canonical key of a subtree (rules are small and bounded by the shape check). */
export function subtreeKey(rule: unknown): string {
  return JSON.stringify(rule);
}

/** Keys of primitive-valued operations occurring at least twice outside loop bodies. */
export function findRepeated(rule: unknown): Set<string> {
  const counts = new Map<string, number>();
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!isOperation(node)) return;
    const operator = Object.keys(node)[0] as string;
    const raw = node[operator];
    const args = Array.isArray(raw) ? raw : [raw];
    if (primitiveOperators.has(operator)) {
      const key = subtreeKey(node);
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    args.forEach((arg, index) => {
      // The body of a loop runs on each item, not on the data: never shared.
      if (!(SCOPED.has(operator) && index === 1)) visit(arg);
    });
  };
  visit(rule);
  const repeated = new Set<string>();
  for (const [key, count] of counts) {
    // `log` has an effect per evaluation; such subtrees are never shared.
    if (count > 1 && !key.includes('"log"')) repeated.add(key);
  }
  return repeated;
}
