/**
 * @module designer/tiers/condition-text
 * Decision-table cells as text, close to DMN's unary tests, so a row reads like the table on
 * paper: `-` (any), `> 1000000`, `<= 20`, `[10..20]` / `[300000..1000000)` / `(0..]` (a range:
 * a square bracket includes the edge, an empty edge is unbounded), `= "gold"`, `!= 3`,
 * `in ("a", "b")`, `not in (1, 2)`; a bare literal means `=`. `parseCondition(formatCondition(c))`
 * gives `c` back (a range's default `includes` spelled out). Pure, unit-tested in node.
 */
import type { DecisionTableModel } from "../../../engine/tiers/index.ts";

export type Condition = DecisionTableModel["rows"][number]["when"][string];
type Scalar = string | number | boolean | null;

export type ParsedCondition =
  | { readonly ok: true; readonly condition: Condition }
  /** `syntax`: not a test; `number`: a comparison or range needs numbers; `edge`: a range needs an edge. */
  | { readonly ok: false; readonly error: "syntax" | "number" | "edge" };

const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$/;

function formatLiteral(value: Scalar): string {
  return typeof value === "string" ? JSON.stringify(value) : String(value);
}

/** A condition as the text of its cell. */
export function formatCondition(condition: Condition | undefined): string {
  if (!condition) return "-";
  switch (condition.op) {
    case "any":
      return "-";
    case "<":
    case "<=":
    case ">":
    case ">=":
      return `${condition.op} ${condition.value}`;
    case "==":
      return `= ${formatLiteral(condition.value)}`;
    case "!=":
      return `!= ${formatLiteral(condition.value)}`;
    case "range": {
      const includes = condition.includes ?? "min";
      const left = includes === "min" || includes === "both" ? "[" : "(";
      const right = includes === "max" || includes === "both" ? "]" : ")";
      return `${left}${condition.min ?? ""}..${condition.max ?? ""}${right}`;
    }
    case "in":
    case "not-in":
      return `${condition.op === "in" ? "in" : "not in"} (${condition.values.map(formatLiteral).join(", ")})`;
  }
}

/** One literal: a number, true/false/null, a JSON string, or a bare word (a string). */
function parseLiteral(text: string): Scalar | undefined {
  const t = text.trim();
  if (t === "") return undefined;
  if (NUMBER.test(t)) return Number(t);
  if (t === "true") return true;
  if (t === "false") return false;
  if (t === "null") return null;
  if (t.startsWith('"')) {
    try {
      const value: unknown = JSON.parse(t);
      return typeof value === "string" ? value : undefined;
    } catch {
      return undefined;
    }
  }
  return /^[^",()[\]]+$/.test(t) ? t : undefined;
}

/** Splits a list at commas outside JSON strings. */
function splitList(text: string): string[] | undefined {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      current += c;
      if (c === "\\") current += text[++i] ?? "";
      else if (c === '"') quoted = false;
    } else if (c === '"') {
      quoted = true;
      current += c;
    } else if (c === ",") {
      parts.push(current);
      current = "";
    } else current += c;
  }
  if (quoted) return undefined;
  if (current.trim() !== "" || parts.length > 0) parts.push(current);
  return parts;
}

const INCLUDES = { "[]": "both", "[)": "min", "(]": "max", "()": "neither" } as const;

/**
 * Reads a cell's text.
 * @example parseCondition("[10..20]") // { ok: true, condition: { op: "range", min: 10, max: 20, includes: "both" } }
 */
export function parseCondition(text: string): ParsedCondition {
  const t = text.trim();
  if (t === "" || t === "-") return { ok: true, condition: { op: "any" } };

  const compare = /^(<=|>=|<|>)\s*(.*)$/.exec(t);
  if (compare) {
    const value = compare[2]!.trim();
    if (!NUMBER.test(value)) return { ok: false, error: "number" };
    const op = compare[1] as "<" | "<=" | ">" | ">=";
    return { ok: true, condition: { op, value: Number(value) } };
  }

  const equality = /^(==|=|!=)\s*(.*)$/.exec(t);
  if (equality) {
    const value = parseLiteral(equality[2]!);
    if (value === undefined) return { ok: false, error: "syntax" };
    return { ok: true, condition: { op: equality[1] === "!=" ? "!=" : "==", value } };
  }

  const left = t[0];
  const right = t[t.length - 1];
  const dots = t.indexOf("..");
  if ((left === "[" || left === "(") && (right === "]" || right === ")") && dots > 0) {
    const minText = t.slice(1, dots).trim();
    const maxText = t.slice(dots + 2, -1).trim();
    if ((minText !== "" && !NUMBER.test(minText)) || (maxText !== "" && !NUMBER.test(maxText)))
      return { ok: false, error: "number" };
    if (minText === "" && maxText === "") return { ok: false, error: "edge" };
    const includes = INCLUDES[`${left}${right}` as keyof typeof INCLUDES];
    return {
      ok: true,
      condition: {
        op: "range",
        ...(minText !== "" ? { min: Number(minText) } : {}),
        ...(maxText !== "" ? { max: Number(maxText) } : {}),
        includes,
      } as Condition,
    };
  }

  const set = /^(not\s+in|in)\s*\((.*)\)$/i.exec(t);
  if (set) {
    const parts = splitList(set[2]!);
    if (!parts) return { ok: false, error: "syntax" };
    const values = parts.map(parseLiteral);
    if (values.some((v) => v === undefined)) return { ok: false, error: "syntax" };
    const op = /^not/i.test(set[1]!) ? "not-in" : "in";
    return { ok: true, condition: { op, values: values as Scalar[] } };
  }

  const literal = parseLiteral(t);
  if (literal === undefined) return { ok: false, error: "syntax" };
  return { ok: true, condition: { op: "==", value: literal } };
}
