/**
 * @module flows/nodes/join
 * The `join` node: closes the fork of one parallel node (graph validation matches them). Each
 * arriving path is absorbed into the bookkeeping of its innermost fork; when `waitFor` paths
 * (all, any or N of the fork's branches) have arrived, one path continues. With
 * `cancelRemaining` (the default) the branches still running are then cancelled; without it they
 * run on and are absorbed when they arrive.
 */
import { joinConfigSchema } from "../../../../schemas/flow/nodes/join.schema.ts";
import { ptrAt } from "../../../errors/index.ts";
import { defineNode } from "../define-node.ts";

/** How many branches of a fork `width` wide a join waits for. */
export function needed(waitFor: "all" | "any" | number, width: number): number {
  if (waitFor === "all") return width;
  if (waitFor === "any") return 1;
  return Math.min(waitFor, width);
}

/** The join node type. */
export const joinNode = defineNode({
  type: "join",
  configSchema: joinConfigSchema,
  ports: { inputs: ["in"], outputs: ["out"] },
  meta: {
    icon: "merge",
    label: { "zh-CN": "汇合", en: "Join" },
    description: {
      "zh-CN": "等待并行分支（全部、任一或 N 个）到达后继续。",
      en: "Waits for all, any or N of the parallel branches, then continues once.",
    },
    category: "control",
  },
  behavior: { join: true },
  check: (node, ctx) => {
    const { waitFor } = node.config;
    const fork = ctx.matchedFork;
    if (typeof waitFor !== "number" || !fork || waitFor <= fork.width) return [];
    return [
      ctx.issue("FLOW_JOIN_COUNT_TOO_HIGH", ptrAt(ctx.pointer, "config", "waitFor"), {
        count: waitFor,
        width: fork.width,
      }),
    ];
  },
  enter: (config, ctx) => {
    const fork = ctx.fork;
    if (!fork) {
      return { kind: "fail", error: { code: "FLOW_JOIN_WITHOUT_FORK", pointer: ctx.node.pointer } };
    }
    const before = ctx.joinState ?? { arrived: [], released: false };
    const arrived = [...before.arrived, fork.branch];
    const all = arrived.length >= fork.width;
    const need = needed(config.waitFor, fork.width);
    const arrival = {
      type: "join.arrived" as const,
      forkId: fork.forkId,
      branch: fork.branch,
      arrived: arrived.length,
      needed: need,
    };
    if (before.released || arrived.length < need) {
      // Absorbed: either still waiting for more, or a late branch after the join continued.
      const join = all ? null : { arrived, released: before.released };
      return { kind: "merge", join, release: false, cancelRest: false, history: [arrival] };
    }
    const cancelRest = config.cancelRemaining && !all;
    return {
      kind: "merge",
      join: all || cancelRest ? null : { arrived, released: true },
      release: true,
      cancelRest,
      history: [
        arrival,
        {
          type: "join.released",
          forkId: fork.forkId,
          arrived: arrived.length,
          needed: need,
          width: fork.width,
          cancelRemaining: cancelRest,
        },
      ],
    };
  },
});
