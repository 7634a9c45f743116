/**
 * @module flows/nodes/start
 * The `start` node: where every instance begins. It only passes the path on; the trigger decides
 * when an instance starts and the `start` event sets its variables. When an approver returns the
 * request to the start (退回发起人), the initiator gets a task to revise and resubmit it; what they
 * enter is written to the record, and the path runs on from the start again.
 */
import { startConfigSchema } from "../../../../schemas/flow/nodes/start.schema.ts";
import type { JsonObject } from "../../model/json.ts";
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
  enter: (_config, ctx) => {
    if (!ctx.token.returned) return { kind: "next", port: "out" };
    const initiator = ctx.initiator;
    if (initiator === undefined)
      return { kind: "fail", error: { code: "FLOW_NO_ASSIGNEES", pointer: ctx.node.pointer } };
    const taskId = ctx.newId("task");
    return {
      kind: "wait",
      wait: { for: "task", tasks: [taskId] },
      effects: [
        {
          type: "task.create",
          taskId,
          tokenId: ctx.token.id,
          nodeId: ctx.node.id,
          kind: "task",
          assignees: [initiator],
          assignment: "single",
        },
      ],
      history: [{ type: "task.created", taskId, kind: "task", assignees: [initiator] }],
    };
  },
  resume: (_config, ctx, signal) => {
    const wait = ctx.token.wait;
    if (signal.type !== "task.completed" || !wait)
      return { kind: "wait", wait: wait ?? { for: "task" } };
    const data: JsonObject = signal.data ?? {};
    const effects =
      ctx.record && Object.keys(data).length > 0
        ? [
            {
              type: "record.update" as const,
              recordId: ctx.record.id,
              patch: data,
              tokenId: ctx.token.id,
              nodeId: ctx.node.id,
            },
          ]
        : [];
    return { kind: "next", port: "out", effects, output: { resubmitted: true, data } };
  },
});
