/**
 * @module designer/flows/inspector/condition-logic
 * Edge conditions between JSON Logic (what flows store) and react-querybuilder's query: a rule
 * is shown in the builder only when the builder writes it back unchanged, so a rule it cannot
 * represent (`days_since`, arithmetic, `var` with a default) stays as the JSON it is. The fields
 * offered are what flow rules read (README "What flow rules read"): `record.<field>` from the
 * flow's form and `variables.<name>`, plus any path the rule already uses.
 */
import { type Field, formatQuery, type RuleGroupType } from "react-querybuilder";
import { parseJsonLogic } from "react-querybuilder/parseJsonLogic";
import type { RecordField, VariableChoice } from "./inspector-data.ts";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A group of one rule (what the builder writes for a single comparison) as that rule. */
export function unwrapSingle(rule: unknown): unknown {
  if (!isObject(rule)) return rule;
  const keys = Object.keys(rule);
  if (keys.length === 1 && (keys[0] === "and" || keys[0] === "or")) {
    const list = rule[keys[0] as string];
    if (Array.isArray(list) && list.length === 1) return unwrapSingle(list[0]);
  }
  return rule;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The empty query the builder starts from. */
export const emptyQuery = (): RuleGroupType => ({ combinator: "and", rules: [] });

/**
 * The builder's query for a rule, and whether the builder represents it exactly.
 * @example toQuery({ "==": [{ var: "record.status" }, "open"] }).representable // true
 */
export function toQuery(rule: unknown): { query: RuleGroupType; representable: boolean } {
  if (rule === undefined) return { query: emptyQuery(), representable: true };
  try {
    const query = parseJsonLogic(rule as Parameters<typeof parseJsonLogic>[0]);
    const back = toRule(query);
    return { query, representable: same(unwrapSingle(back), unwrapSingle(rule)) };
  } catch {
    return { query: emptyQuery(), representable: false };
  }
}

/** The JSON Logic of a query; undefined for an empty one (no condition). */
export function toRule(query: RuleGroupType): unknown {
  const out = formatQuery(query, "jsonlogic") as unknown;
  if (out === false || out === null || out === undefined) return undefined;
  return unwrapSingle(out);
}

/** Every `var` path a rule reads. */
export function varsOf(rule: unknown, out = new Set<string>()): Set<string> {
  if (Array.isArray(rule)) for (const r of rule) varsOf(r, out);
  else if (isObject(rule))
    for (const [k, v] of Object.entries(rule)) {
      if (k === "var") {
        const path = Array.isArray(v) ? v[0] : v;
        if (typeof path === "string" && path) out.add(path);
      } else varsOf(v, out);
    }
  return out;
}

/** The builder's fields: the form's fields under `record.`, the variables, the rule's own. */
export function conditionFields(
  fields: readonly RecordField[],
  variables: readonly VariableChoice[],
  rule: unknown,
  labels: { record: string; variable: string },
): Field[] {
  const out: Field[] = fields.map((f) => {
    const base: Field = { name: `record.${f.path}`, label: `${labels.record} · ${f.label}` };
    if (f.options)
      return {
        ...base,
        valueEditorType: "select",
        values: f.options.map((o) => ({ name: o.value, value: o.value, label: o.label })),
      };
    if (f.type === "number" || f.type === "integer") return { ...base, inputType: "number" };
    if (f.type === "boolean") return { ...base, valueEditorType: "checkbox" };
    if (f.kind === "date") return { ...base, inputType: "date" };
    return base;
  });
  for (const v of variables)
    out.push({
      name: `variables.${v.name}`,
      label: `${labels.variable} · ${v.label}`,
      ...(v.type === "number" || v.type === "integer" ? { inputType: "number" } : {}),
    });
  const known = new Set(out.map((f) => f.name));
  for (const path of varsOf(rule))
    if (!known.has(path)) {
      known.add(path);
      out.push({ name: path, label: path });
    }
  return out;
}
