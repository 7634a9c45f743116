/**
 * @module forms/depth
 * Finds the first place a JSON document nests deeper than a limit, without recursion, so a
 * hostile 100,000-level document is rejected with a pointer instead of overflowing the stack of
 * the validators that would walk it next.
 */
import { ptrAt } from "../errors/index.ts";

/**
 * The pointer of the first value deeper than `limit` levels, or undefined when there is none.
 * @example
 * tooDeepAt({ a: { b: {} } }, 1) // "/a/b"
 */
export function tooDeepAt(document: unknown, limit: number): string | undefined {
  const stack: Array<{ value: unknown; pointer: string; depth: number }> = [
    { value: document, pointer: "", depth: 0 },
  ];
  while (stack.length > 0) {
    const { value, pointer, depth } = stack.pop() as {
      value: unknown;
      pointer: string;
      depth: number;
    };
    if (typeof value !== "object" || value === null) continue;
    if (depth > limit) return pointer;
    const entries = Array.isArray(value) ? value.entries() : Object.entries(value);
    for (const [key, child] of entries) {
      if (typeof child === "object" && child !== null) {
        stack.push({ value: child, pointer: ptrAt(pointer, key), depth: depth + 1 });
      }
    }
  }
  return undefined;
}
