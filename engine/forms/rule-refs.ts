/**
 * @module forms/rule-refs
 * The record fields a JSON Logic rule names literally (`var` paths, `missing`, `missing_some`).
 * Used to reject rules that read fields the form does not have, with a pointer to the `var`
 * itself, and to order computed fields by their dependencies. Paths built at run time (a `var`
 * whose argument is itself a rule) cannot be known here; the rule compiler guards those.
 */
import { ptrAt } from "../errors/index.ts";

/** A literal field path a rule reads, and where in the definition it is written. */
export interface RuleFieldRef {
  /** The path as written, e.g. `contacts.0.phone`. */
  readonly path: string;
  /** Its first segment: the top-level field of the record. */
  readonly field: string;
  readonly pointer: string;
}

/** Operators whose later arguments run once per array element, reading the element, not the record. */
const SCOPED = new Set(["map", "filter", "reduce", "all", "some", "none"]);

type Json = unknown;

function isOperation(value: Json): value is Record<string, Json> {
  return (
    typeof value === "object" &&
    value !== null &&
    !Array.isArray(value) &&
    Object.keys(value).length === 1
  );
}

function pathRef(path: Json, pointer: string, out: RuleFieldRef[]): void {
  if (typeof path !== "string" && typeof path !== "number") return;
  const text = String(path);
  if (text === "") return; // the whole record
  out.push({ path: text, field: text.split(".")[0] ?? text, pointer });
}

function visitVar(args: Json, pointer: string, out: RuleFieldRef[]): void {
  if (Array.isArray(args)) {
    const [path, fallback] = args;
    if (isOperation(path)) visit(path, ptrAt(pointer, 0), out);
    else pathRef(path, ptrAt(pointer, 0), out);
    if (args.length > 1) visit(fallback, ptrAt(pointer, 1), out);
    return;
  }
  if (isOperation(args)) visit(args, pointer, out);
  else pathRef(args, pointer, out);
}

function visitPathList(list: Json, pointer: string, out: RuleFieldRef[]): void {
  if (!Array.isArray(list)) {
    visit(list, pointer, out);
    return;
  }
  list.forEach((item, i) => {
    if (isOperation(item)) visit(item, ptrAt(pointer, i), out);
    else pathRef(item, ptrAt(pointer, i), out);
  });
}

function visit(rule: Json, pointer: string, out: RuleFieldRef[]): void {
  if (Array.isArray(rule)) {
    rule.forEach((item, i) => {
      visit(item, ptrAt(pointer, i), out);
    });
    return;
  }
  if (!isOperation(rule)) return;
  const [op] = Object.keys(rule) as [string];
  const args = rule[op];
  const at = ptrAt(pointer, op);
  if (op === "var") {
    visitVar(args, at, out);
    return;
  }
  if (op === "missing") {
    visitPathList(args, at, out);
    return;
  }
  if (op === "missing_some" && Array.isArray(args)) {
    visit(args[0], ptrAt(at, 0), out);
    visitPathList(args[1], ptrAt(at, 1), out);
    return;
  }
  if (SCOPED.has(op)) {
    // Only the array argument reads the record; the rest reads each element.
    const first = Array.isArray(args) ? args[0] : args;
    visit(first, Array.isArray(args) ? ptrAt(at, 0) : at, out);
    if (op === "reduce" && Array.isArray(args) && args.length > 2) {
      visit(args[2], ptrAt(at, 2), out);
    }
    return;
  }
  visit(args, at, out);
}

/**
 * Lists the literal field paths `rule` reads from the record.
 * @example
 * ruleFieldRefs({ ">": [{ var: "margin" }, 20] }, "/rules/requiredIf/reason")
 * // → [{ path: "margin", field: "margin", pointer: "/rules/requiredIf/reason/>/0/var" }]
 */
export function ruleFieldRefs(rule: unknown, pointer: string): RuleFieldRef[] {
  const out: RuleFieldRef[] = [];
  visit(rule, pointer, out);
  return out;
}
