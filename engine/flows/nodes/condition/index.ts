/**
 * @module flows/nodes/condition
 * The `condition` node: an exclusive branch. The conditions live on the outgoing edges; they are
 * tried in `config.order` (then the rest in the flow's edge order), the first that holds is
 * taken, and the one default edge is taken when none does. The history records every condition
 * tried and the values they read.
 */
import { conditionConfigSchema } from "../../../../schemas/flow/nodes/condition.schema.ts";
import type { Issue } from "../../../errors/index.ts";
import { ptrAt } from "../../../errors/index.ts";
import { type Json, toJson } from "../../model/json.ts";
import { valuesRead } from "../../support/rule-reads.ts";
import { defineNode } from "../define-node.ts";
import type { NodeCheckContext } from "../node-check.ts";
import type { OutgoingEdge } from "../node-context.ts";

/** Conditional edges in evaluation order: listed ones first, then the rest in edge order. */
export function evaluationOrder<E extends { id: string; default: boolean }>(
  edges: readonly E[],
  order: readonly string[] | undefined,
): E[] {
  const conditional = edges.filter((e) => !e.default);
  const listed = (order ?? [])
    .map((id) => conditional.find((e) => e.id === id))
    .filter((e): e is E => e !== undefined);
  return [...listed, ...conditional.filter((e) => !listed.includes(e))];
}

function checkEdges(order: readonly string[] | undefined, ctx: NodeCheckContext): readonly Issue[] {
  const issues: Issue[] = [];
  const defaults = ctx.outgoing.filter((e) => e.default);
  for (const edge of ctx.outgoing) {
    if (edge.default && edge.condition !== undefined) {
      issues.push(ctx.issue("FLOW_DEFAULT_EDGE_HAS_CONDITION", ptrAt(edge.pointer, "condition")));
    } else if (!edge.default && edge.condition === undefined) {
      issues.push(ctx.issue("FLOW_CONDITION_MISSING", edge.pointer, { edge: edge.id }));
    }
  }
  if (defaults.length === 0) issues.push(ctx.issue("FLOW_DEFAULT_EDGE_MISSING", ctx.pointer));
  for (const extra of defaults.slice(1)) {
    issues.push(
      ctx.issue("FLOW_DEFAULT_EDGE_MULTIPLE", ptrAt(extra.pointer, "default"), {
        first: defaults[0]?.id,
      }),
    );
  }
  for (const [k, id] of (order ?? []).entries()) {
    if (!ctx.outgoing.some((e) => e.id === id)) {
      issues.push(
        ctx.issue("FLOW_CONDITION_ORDER_UNKNOWN_EDGE", ptrAt(ctx.pointer, "config", "order", k), {
          edge: id,
        }),
      );
    }
  }
  return issues;
}

/** The condition node type. */
export const conditionNode = defineNode({
  type: "condition",
  configSchema: conditionConfigSchema,
  ports: { inputs: ["in"], outputs: ["out"] },
  meta: {
    icon: "branch",
    label: { "zh-CN": "条件", en: "Condition" },
    description: {
      "zh-CN": "按连线上的条件选择一条分支；都不满足时走默认连线。",
      en: "Takes the first outgoing edge whose condition holds, else the default edge.",
    },
    category: "control",
  },
  behavior: { fanOut: "exclusive" },
  check: (node, ctx) => checkEdges(node.config.order, ctx),
  enter: (config, ctx) => {
    const tried: Array<{ edgeId: string; result: boolean }> = [];
    const rules: unknown[] = [];
    let chosen: OutgoingEdge | undefined;
    for (const edge of evaluationOrder(ctx.outgoing, config.order)) {
      rules.push(edge.condition);
      const result = ctx.test(edge.condition, ptrAt(edge.pointer, "condition"));
      tried.push({ edgeId: edge.id, result });
      if (result) {
        chosen = edge;
        break;
      }
    }
    const fallback = ctx.outgoing.find((e) => e.default);
    const taken = chosen ?? fallback;
    if (!taken)
      return { kind: "fail", error: { code: "FLOW_NO_BRANCH_TAKEN", pointer: ctx.node.pointer } };
    const condition: Json | undefined = chosen ? toJson(chosen.condition) : undefined;
    return {
      kind: "take",
      edge: taken.id,
      history: [
        {
          type: "branch.chosen",
          edgeId: taken.id,
          default: chosen === undefined,
          ...(chosen ? { pointer: ptrAt(chosen.pointer, "condition"), condition } : {}),
          tried,
          values: valuesRead(rules, ctx.scope),
        },
      ],
    };
  },
});
