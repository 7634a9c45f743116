/**
 * @module rules/forms/data
 * `var`, `missing` and `missing_some`: the operators that read the data.
 */
import { issue } from "../../errors/kam-error.ts";
import type { CompiledNode, Evaluate } from "../compiled-node.ts";
import { lengthOf } from "../operators/standard.ts";
import { resolvePath } from "../schema-paths.ts";
import { isOperation } from "../shape.ts";
import {
  FORBIDDEN_SEGMENTS,
  isWholeDataPath,
  pathGetter,
  readPath,
  splitPath,
} from "../var-path.ts";
import type { FormCompiler, FormContext } from "./form-context.ts";

/** The data-schema check of a static path: missing fields are reported on the path argument. */
function checkStaticPath(c: FormContext, segments: readonly string[]): CompiledNode["fieldSchema"] {
  const forbidden = segments.find((s) => FORBIDDEN_SEGMENTS.has(s));
  const path = segments.join(".");
  if (forbidden !== undefined) {
    c.state.issues.push(issue("RULE_FORBIDDEN_PATH", c.argPointer(0), { path, member: forbidden }));
    return undefined;
  }
  if (!c.scope) return undefined;
  const resolved = resolvePath(c.scope.root, c.scope.node, segments);
  if (resolved.kind === "missing") {
    c.state.issues.push(
      issue("RULE_UNKNOWN_FIELD", c.argPointer(0), { path, segment: resolved.segment }),
    );
    return undefined;
  }
  return resolved.kind === "found" ? resolved.schema : undefined;
}

export const compileVar: FormCompiler = (c) => {
  const pathNode = c.values.length > 0 ? c.compileArg(0) : undefined;
  const defaultNode = c.values.length > 1 ? c.compileArg(1) : undefined;
  const cost = 1 + (pathNode?.cost ?? 0) + (defaultNode?.cost ?? 0);
  // json-logic-js evaluates the default even when the path is found (it may `log`).
  const defaultFn: Evaluate | undefined =
    defaultNode && !defaultNode.constant ? defaultNode.fn : undefined;
  const constantDefault = defaultNode?.constant ? defaultNode.value : undefined;
  const notFoundConst = constantDefault === undefined ? null : constantDefault;

  if (!pathNode || pathNode.constant) {
    const path = pathNode?.value;
    if (isWholeDataPath(path)) {
      const fn: Evaluate = defaultFn
        ? (d) => {
            defaultFn(d);
            return d;
          }
        : (d) => d;
      return { constant: false, cost, fn };
    }
    const segments = splitPath(path);
    const fieldSchema = checkStaticPath(c, segments);
    const get = pathGetter(segments);
    let fn: Evaluate;
    if (defaultFn) {
      fn = (d) => {
        const nf = defaultFn(d);
        return get(d, nf === undefined ? null : nf);
      };
    } else if (segments.length === 1) {
      // The most common rule node: one field of the record, read inline.
      const key = segments[0] as string;
      const nf = notFoundConst;
      fn = (d) => {
        if (d === null || d === undefined) return nf;
        const v = (d as Record<string, unknown>)[key];
        return v === undefined || typeof v === "function" ? nf : v;
      };
    } else {
      fn = (d) => get(d, notFoundConst);
    }
    const fieldKey =
      !defaultFn && segments.length === 1 && notFoundConst === null ? segments[0] : undefined;
    return { constant: false, cost, fn, fieldSchema, fieldPath: segments.join("."), fieldKey };
  }

  const pathFn = pathNode.fn;
  return {
    constant: false,
    cost,
    fn: (d) => {
      const path = pathFn(d);
      const nf = defaultFn ? defaultFn(d) : constantDefault;
      if (isWholeDataPath(path)) return d;
      return readPath(d, splitPath(path), nf === undefined ? null : nf);
    },
  };
};

/**
 * json-logic-js's `missing` re-applies `{"var": key}` to each key, so a key that is itself
 * logic (it can only come from data) is evaluated. Primitive keys, the normal case, are read
 * directly; anything else goes through the engine's own compiler, limits and budget.
 */
function varOfKey(c: FormContext, key: unknown, data: unknown): unknown {
  if (key === null || typeof key !== "object") {
    return isWholeDataPath(key) ? data : readPath(data, splitPath(key), null);
  }
  return c.state.evaluateDynamic({ var: key }, data, c.pointer);
}

function missingOf(c: FormContext, args: readonly unknown[], data: unknown): unknown[] {
  const keys = Array.isArray(args[0]) ? (args[0] as unknown[]) : args;
  const missing: unknown[] = [];
  for (const key of keys) {
    const value = varOfKey(c, key, data);
    if (value === null || value === "") missing.push(key);
  }
  return missing;
}

function evaluateArgs(c: FormContext): { fns: Evaluate[]; cost: number } {
  const nodes = c.values.map((_, i) => c.compileArg(i));
  return { fns: nodes.map((n) => n.fn), cost: nodes.reduce((t, n) => t + n.cost, 1) };
}

export const compileMissing: FormCompiler = (c) => {
  // Static keys are checked against the data schema like var paths.
  c.values.forEach((value, index) => {
    if (typeof value === "string" && value !== "" && c.scope) {
      const segments = splitPath(value);
      const resolved = resolvePath(c.scope.root, c.scope.node, segments);
      if (resolved.kind === "missing") {
        c.state.issues.push(issue("RULE_UNKNOWN_FIELD", c.argPointer(index), { path: value }));
      }
    }
    if (typeof value === "string" && splitPath(value).some((s) => FORBIDDEN_SEGMENTS.has(s))) {
      c.state.issues.push(
        issue("RULE_FORBIDDEN_PATH", c.argPointer(index), { path: value, member: value }),
      );
    }
  });
  const { fns, cost } = evaluateArgs(c);
  return {
    constant: false,
    cost,
    fn: (d) =>
      missingOf(
        c,
        fns.map((f) => f(d)),
        d,
      ),
  };
};

/** Re-applies a value as json-logic-js's `apply` would: arrays mapped, logic evaluated. */
function reapply(c: FormContext, value: unknown, data: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => reapply(c, v, data));
  if (isOperation(value)) return c.state.evaluateDynamic(value, data, c.pointer);
  return value;
}

export const compileMissingSome: FormCompiler = (c) => {
  const { fns, cost } = evaluateArgs(c);
  const [needFn, optionsFn] = fns;
  return {
    constant: false,
    cost,
    fn: (d) => {
      const need = needFn?.(d);
      const options = optionsFn?.(d);
      const values = Array.isArray(options) ? options : [options];
      const areMissing = missingOf(
        c,
        values.map((v) => reapply(c, v, d)),
        d,
      );
      const length = lengthOf(options) as number;
      return length - areMissing.length >= (need as number) ? [] : areMissing;
    },
  };
};
