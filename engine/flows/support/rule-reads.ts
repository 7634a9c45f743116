/**
 * @module flows/support/rule-reads
 * The values a rule read, for the history: every `var` with a literal path, looked up in the data
 * the rule ran on. Paths computed at run time (a `var` of a rule) are left out.
 */
import { type JsonObject, toJson } from "../model/json.ts";
import { getPath } from "./paths.ts";

function collect(rule: unknown, out: Set<string>): void {
  if (Array.isArray(rule)) {
    for (const item of rule) collect(item, out);
    return;
  }
  if (typeof rule !== "object" || rule === null) return;
  for (const [operator, args] of Object.entries(rule)) {
    if (operator === "var") {
      const path = Array.isArray(args) ? args[0] : args;
      if (typeof path === "string" && path !== "") out.add(path);
      else if (typeof path === "number") out.add(String(path));
    } else {
      collect(args, out);
    }
  }
}

/**
 * The values the rules' literal `var` paths point at in `data`, keyed by path.
 * @example valuesRead([{ ">": [{ var: "record.amount" }, 10] }], { record: { amount: 12 } })
 * // { "record.amount": 12 }
 */
export function valuesRead(rules: readonly unknown[], data: unknown): JsonObject {
  const paths = new Set<string>();
  for (const rule of rules) collect(rule, paths);
  const out: JsonObject = {};
  for (const path of paths) {
    try {
      out[path] = toJson(getPath(data, path));
    } catch {
      // A refused path (a prototype segment) was rejected by the rule compiler already.
      out[path] = null;
    }
  }
  return out;
}
