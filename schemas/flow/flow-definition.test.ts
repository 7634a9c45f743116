import { describe, expect, expectTypeOf, it } from "vitest";
import { validatorFor } from "../ajv.ts";
import type { TemplatePackManifest } from "../template-pack.schema.ts";
import { type FlowDefinition, flowDefinitionSchema } from "./flow-definition.schema.ts";
import type { FlowNode } from "./flow-node.schema.ts";
import type { NodeConfig, NodeType } from "./node-types.ts";
import type { ApproverSpec, FlowTrigger, Sla } from "./types.ts";

const label = { "zh-CN": "节点", en: "Node" };
const node = (id: string, type: string, config: object) => ({
  id,
  type,
  label,
  position: { x: 0, y: 0 },
  config,
});

const flow = (nodes: object[]) => ({
  kind: "flow",
  key: "sample",
  name: { "zh-CN": "示例", en: "Sample" },
  trigger: { type: "manual" },
  nodes,
  edges: [],
});

describe("flowDefinitionSchema", () => {
  const validate = validatorFor(flowDefinitionSchema.$id);

  it("reports a bad approver spec at its own pointer, not as a mismatch of every node type", () => {
    const doc = flow([
      node("start", "start", {}),
      node("ask", "task", { assignees: [{ kind: "initiator" }] }),
      node("fork", "parallel", {}),
      node("approve", "approval", { approvers: [{ kind: "manager", of: "initiator", level: 0 }] }),
    ]);
    expect(validate(doc)).toBe(false);
    expect(validate.errors?.map((e) => [e.instancePath, e.keyword])).toEqual([
      ["/nodes/3/config/approvers/0/level", "minimum"],
    ]);
  });

  it("reports an unknown node type on the node by its discriminator", () => {
    expect(validate(flow([node("start", "timer", {})]))).toBe(false);
    expect(validate.errors?.map((e) => [e.instancePath, e.keyword, e.params])).toEqual([
      ["/nodes/0", "discriminator", { error: "mapping", tag: "type", tagValue: "timer" }],
    ]);
  });

  it("accepts a minimal flow", () => {
    expect(validate(flow([node("start", "start", {})]))).toBe(true);
  });
});

describe("derived flow types", () => {
  it("types each node config from its own schema", () => {
    expectTypeOf<NodeConfig<"approval">["mode"]>().toEqualTypeOf<
      "any" | "all" | "sequential" | "vote"
    >();
    expectTypeOf<NodeConfig<"approval">["selfApproval"]>().toEqualTypeOf<
      "forbid" | "skip" | "allow"
    >();
    expectTypeOf<NodeConfig<"join">["waitFor"]>().toEqualTypeOf<"all" | "any" | number>();
    expectTypeOf<NodeConfig<"end">["outcome"]>().toEqualTypeOf<string>();
    expectTypeOf<NodeConfig<"webhook">["method"]>().toEqualTypeOf<
      "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
    >();
  });

  it("narrows a node's config by its type", () => {
    expectTypeOf<Extract<FlowNode, { type: "webhook" }>["config"]>().toEqualTypeOf<
      NodeConfig<"webhook">
    >();
    expectTypeOf<FlowNode["type"]>().toEqualTypeOf<NodeType>();
    // A structural comparison of the whole union is too deep for expectTypeOf (TS2589).
    const nodesAreFlowNodes: FlowDefinition["nodes"] extends FlowNode[] ? true : false = true;
    expect(nodesAreFlowNodes).toBe(true);
  });

  it("derives approver specs, SLA levels and triggers as discriminated unions", () => {
    expectTypeOf<Extract<ApproverSpec, { kind: "manager" }>["level"]>().toEqualTypeOf<number>();
    expectTypeOf<Sla["levels"][number]["action"]>().toEqualTypeOf<
      "remind" | "escalate" | "reassign" | "notify" | "auto-approve" | "auto-reject"
    >();
    expectTypeOf<FlowTrigger["type"]>().toEqualTypeOf<
      | "manual"
      | "record.created"
      | "record.updated"
      | "tier.changed"
      | "schedule"
      | "webhook"
      | "flow.completed"
    >();
    expectTypeOf<FlowDefinition["trigger"]>().toEqualTypeOf<FlowTrigger>();
    expectTypeOf<TemplatePackManifest["version"]>().toEqualTypeOf<string>();
  });
});
