/**
 * @module rules/forms/scoped
 * `map`, `filter`, `reduce`, `all`, `some`, `none`: the second argument runs once per element with
 * the element as its data. Each iteration is charged to the budget by the size of that logic.
 */
import { budgetExceeded, charge, expandedSize } from "../budget.ts";
import type { CompiledNode, Evaluate, SchemaScope } from "../compiled-node.ts";
import type { SchemaNode } from "../schema-paths.ts";
import { itemsOf } from "../schema-paths.ts";
import { truthy } from "../truthy.ts";
import type { FormCompiler, FormContext } from "./form-context.ts";

interface Parts {
  readonly collection: Evaluate;
  readonly body: Evaluate;
  readonly bodyCost: number;
  readonly cost: number;
}

/** Scope of the loop body: the items schema of the collection field, when it is known. */
function itemScope(c: FormContext, collection: CompiledNode): SchemaScope | undefined {
  if (!c.scope || !collection.fieldSchema) return undefined;
  const items = itemsOf(c.scope.root, collection.fieldSchema);
  return items ? { root: c.scope.root, node: items } : undefined;
}

function parts(
  c: FormContext,
  bodyScope: (items: SchemaScope | undefined) => SchemaScope | undefined,
): Parts {
  const collection = c.compileArg(0);
  c.checkKind(collection, "array", 0);
  const body =
    c.values.length > 1 ? c.compileIn(1, bodyScope(itemScope(c, collection))) : undefined;
  const bodyCost = body?.cost ?? 1;
  return {
    collection: collection.fn,
    body: body?.fn ?? (() => undefined),
    bodyCost,
    cost: 1 + collection.cost + bodyCost,
  };
}

const same = (s: SchemaScope | undefined) => s;

const compileMap: FormCompiler = (c) => {
  const { collection, body, bodyCost, cost } = parts(c, same);
  const { budget } = c.state;
  const at = c.pointer;
  return {
    constant: false,
    cost,
    fn: (d) => {
      const list = collection(d);
      if (!Array.isArray(list)) return [];
      charge(budget, list.length * bodyCost, at);
      const out = new Array<unknown>(list.length);
      for (let i = 0; i < list.length; i++) out[i] = body(list[i]);
      return out;
    },
  };
};

const compileFilter: FormCompiler = (c) => {
  const { collection, body, bodyCost, cost } = parts(c, same);
  const { budget } = c.state;
  const at = c.pointer;
  return {
    constant: false,
    cost,
    fn: (d) => {
      const list = collection(d);
      if (!Array.isArray(list)) return [];
      charge(budget, list.length * bodyCost, at);
      const out: unknown[] = [];
      for (const item of list) if (truthy(body(item))) out.push(item);
      return out;
    },
  };
};

/** `reduce` sees `{current, accumulator}`; the schema of `current` is the item schema. */
function reduceScope(items: SchemaScope | undefined): SchemaScope | undefined {
  if (!items) return undefined;
  const node: SchemaNode = {
    type: "object",
    properties: { current: items.node, accumulator: {} },
  };
  return { root: items.root, node };
}

const compileReduce: FormCompiler = (c) => {
  const { collection, body, bodyCost, cost } = parts(c, reduceScope);
  const initial = c.values.length > 2 ? c.compileArg(2) : undefined;
  const initialFn = initial?.fn;
  const { budget } = c.state;
  const limit = budget.limits.maxArrayLength;
  const at = c.pointer;
  return {
    constant: false,
    cost: cost + (initial?.cost ?? 0),
    fn: (d) => {
      const list = collection(d);
      let accumulator = initialFn ? initialFn(d) : null;
      if (!Array.isArray(list)) return accumulator;
      for (const current of list) {
        accumulator = body({ current, accumulator });
        // The accumulator is the only value fed back into the next iteration: bound what it
        // would expand to, so [acc, acc] cannot double unseen until something prints it.
        const size = expandedSize(accumulator, limit);
        if (size > limit) throw budgetExceeded("array length", limit, at);
        charge(budget, bodyCost + size, at);
      }
      return accumulator;
    },
  };
};

function quantifier(emptyResult: boolean, stopOn: boolean, stopResult: boolean): FormCompiler {
  return (c) => {
    const { collection, body, bodyCost, cost } = parts(c, same);
    const { budget } = c.state;
    const at = c.pointer;
    return {
      constant: false,
      cost,
      boolean: true,
      fn: (d) => {
        const list = collection(d);
        if (!Array.isArray(list) || list.length === 0) return emptyResult;
        for (const item of list) {
          charge(budget, bodyCost, at);
          if (truthy(body(item)) === stopOn) return stopResult;
        }
        return !stopResult;
      },
    };
  };
}

/** The scoped special forms by operator name. */
export const scopedForms: Readonly<Record<string, FormCompiler>> = Object.freeze({
  map: compileMap,
  filter: compileFilter,
  reduce: compileReduce,
  // all: empty is false, first falsy → false; some: empty false, first truthy → true;
  // none: empty true, first truthy → false.
  all: quantifier(false, false, false),
  some: quantifier(false, true, true),
  none: quantifier(true, true, false),
});
