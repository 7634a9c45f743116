/**
 * @module flows/nodes/parallel
 * The `parallel` node: a fork. Every outgoing edge starts a branch of its own; a `join` node
 * closes the fork (graph validation matches them, see graph/check-forks.ts).
 */
import { parallelConfigSchema } from "../../../../schemas/flow/nodes/parallel.schema.ts";
import { defineNode } from "../define-node.ts";

/** The parallel node type. */
export const parallelNode = defineNode({
  type: "parallel",
  configSchema: parallelConfigSchema,
  ports: { inputs: ["in"], outputs: ["out"] },
  meta: {
    icon: "split",
    label: { "zh-CN": "并行", en: "Parallel" },
    description: {
      "zh-CN": "同时执行每个分支；由汇合节点合并。",
      en: "Runs every outgoing branch at once; a join brings them together.",
    },
    category: "control",
  },
  behavior: { fanOut: "parallel" },
  enter: (_config, ctx) => ({ kind: "fork", edges: ctx.outgoing.map((e) => e.id) }),
});
