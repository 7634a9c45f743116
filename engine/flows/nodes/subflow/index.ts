/**
 * @module flows/nodes/subflow
 * The `subflow` node starts a child instance of another flow (the runtime pins it to that flow's
 * latest published version) with input variables computed by rules, on this record or the one a
 * reference field holds. By default it waits for the child's outcome, sets variables from the
 * child's `{ outcome, variables }` by the `output` rules, and leaves by the edge whose handle is
 * that outcome, else by `out`. Cancelling the path cancels the child.
 */
import { subflowConfigSchema } from "../../../../schemas/flow/nodes/subflow.schema.ts";
import type { Issue } from "../../../errors/index.ts";
import { ptrAt } from "../../../errors/index.ts";
import { type JsonObject, toJson } from "../../model/json.ts";
import { getPath } from "../../support/paths.ts";
import { defineNode } from "../define-node.ts";

/** The subflow node type. */
export const subflowNode = defineNode({
  type: "subflow",
  configSchema: subflowConfigSchema,
  ports: { inputs: ["in"], outputs: ["out"], outcomeHandles: true },
  meta: {
    icon: "layers",
    label: { "zh-CN": "子流程", en: "Subflow" },
    description: {
      "zh-CN": "启动另一个流程并等待其结果。",
      en: "Starts another flow and waits for its outcome.",
    },
    category: "automation",
  },
  waitState: (config) => config.waitForCompletion,
  // `out` is needed unless the child's every outcome has an edge of its own (checked below).
  requiredOutputs: () => [],
  // The output rules read the child's { outcome, variables }.
  foreignRuleScopes: ["/output"],
  check: (node, ctx) => {
    const issues: Issue[] = [];
    const { flow, record } = node.config;
    if (record !== undefined) {
      const issue = ctx.checkField(record, ptrAt(ctx.pointer, "config", "record"));
      if (issue) issues.push(issue);
    }
    const facts = ctx.flow(flow);
    if (facts === null)
      issues.push(
        ctx.issue("FLOW_SUBFLOW_UNKNOWN", ptrAt(ctx.pointer, "config", "flow"), { flow }),
      );
    const handled = new Set<string>();
    for (const edge of ctx.outgoing) {
      if (edge.port === "out") continue;
      handled.add(edge.port);
      if (facts && !facts.outcomes.includes(edge.port)) {
        issues.push(
          ctx.issue("FLOW_SUBFLOW_OUTCOME_UNKNOWN", ptrAt(edge.pointer, "sourceHandle"), {
            outcome: edge.port,
            outcomes: facts.outcomes,
          }),
        );
      }
    }
    const covered = facts
      ? facts.outcomes.length > 0 && facts.outcomes.every((o) => handled.has(o))
      : false;
    const hasOut = ctx.outgoing.some((e) => e.port === "out");
    if (!hasOut && !(covered && node.config.waitForCompletion)) {
      issues.push(ctx.issue("FLOW_PORT_UNCONNECTED", ctx.pointer, { port: "out" }));
    }
    return issues;
  },
  enter: (config, ctx) => {
    const at = ptrAt(ctx.node.pointer, "config");
    const input: JsonObject = {};
    for (const [name, rule] of Object.entries(config.input ?? {})) {
      input[name] = toJson(ctx.evaluate(rule, ptrAt(at, "input", name)));
    }
    const referenced =
      config.record === undefined ? undefined : getPath(ctx.record?.data, config.record);
    const recordId =
      config.record === undefined
        ? ctx.record?.id
        : typeof referenced === "string"
          ? referenced
          : undefined;
    const childId = ctx.newId("instance");
    const effects = [
      {
        type: "subflow.start" as const,
        childId,
        flow: config.flow,
        ...(recordId === undefined ? {} : { recordId }),
        input,
        waitForCompletion: config.waitForCompletion,
        tokenId: ctx.token.id,
        nodeId: ctx.node.id,
      },
    ];
    const history = [{ type: "subflow.started" as const, childId, flow: config.flow }];
    if (!config.waitForCompletion) return { kind: "next", port: "out", effects, history };
    return { kind: "wait", wait: { for: "subflow", children: [childId] }, effects, history };
  },
  resume: (config, ctx, signal) => {
    if (signal.type !== "subflow.completed")
      return { kind: "wait", wait: ctx.token.wait ?? { for: "subflow" } };
    const seen: JsonObject = { outcome: signal.outcome, variables: signal.variables ?? {} };
    const variables: JsonObject = {};
    for (const [name, rule] of Object.entries(config.output ?? {})) {
      variables[name] = toJson(
        ctx.evaluate(rule, ptrAt(ctx.node.pointer, "config", "output", name), seen),
      );
    }
    const port = ctx.outgoing.some((e) => e.port === signal.outcome) ? signal.outcome : "out";
    return {
      kind: "next",
      port,
      variables,
      output: seen,
      history: [
        { type: "subflow.completed", childId: signal.childId, outcome: signal.outcome, port },
      ],
    };
  },
});
