/**
 * @module flows/nodes/start
 * The `start` node: where every instance begins. It only passes the path on; the trigger decides
 * when an instance starts and the `start` event sets its variables.
 */
import { startConfigSchema } from "../../../../schemas/flow/nodes/start.schema.ts";
import { defineNode } from "../define-node.ts";

/** The start node type. */
export const startNode = defineNode({
  type: "start",
  configSchema: startConfigSchema,
  ports: { inputs: [], outputs: ["out"] },
  meta: {
    icon: "play",
    label: { "zh-CN": "开始", en: "Start" },
    description: {
      "zh-CN": "每个实例从这里开始；一个流程只有一个开始节点。",
      en: "Where every instance begins; a flow has exactly one.",
    },
    category: "control",
  },
  behavior: { start: true },
  enter: () => ({ kind: "next", port: "out" }),
});
