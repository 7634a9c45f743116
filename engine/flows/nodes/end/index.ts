/**
 * @module flows/nodes/end
 * The `end` node: ends the path with an outcome. With `terminate` (the default) it ends the whole
 * instance and cancels the paths still running; otherwise the instance ends when its last path
 * does, with the outcome of that last end.
 */
import { endConfigSchema } from "../../../../schemas/flow/nodes/end.schema.ts";
import { defineNode } from "../define-node.ts";

/** The end node type. */
export const endNode = defineNode({
  type: "end",
  configSchema: endConfigSchema,
  ports: { inputs: ["in"], outputs: [] },
  meta: {
    icon: "flag",
    label: { "zh-CN": "结束", en: "End" },
    description: {
      "zh-CN": "以一个结果结束流程（或当前分支）。",
      en: "Ends the instance (or this branch) with an outcome.",
    },
    category: "control",
  },
  behavior: { terminal: true },
  terminates: (config) => config.terminate,
  outcome: (config) => config.outcome,
  enter: (config) => ({ kind: "end", outcome: config.outcome, terminate: config.terminate }),
});
