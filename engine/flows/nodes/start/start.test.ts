import { describe, expect, expectTypeOf, it } from "vitest";
import type { NodeConfig } from "../../../../schemas/index.ts";
import { harness } from "../../fixtures/harness.ts";
import { around, configIssues } from "../../fixtures/node-cases.ts";
import type { startNode } from "./index.ts";

describe("start node", () => {
  it("types its config from its schema", () => {
    expectTypeOf<Parameters<typeof startNode.enter>[0]>().toEqualTypeOf<NodeConfig<"start">>();
  });

  it("rejects config properties its schema does not have", () => {
    expect(configIssues("start", { x: 1 })).toEqual([
      { code: "SHAPE_PROPERTY_UNKNOWN", pointer: "/nodes/1/config/x" },
    ]);
  });

  it("leaves by out at once", () => {
    const h = harness(
      around([
        "n",
        "notify",
        { channels: ["in-app"], to: [{ kind: "initiator" }], body: { "zh-CN": "好", en: "ok" } },
      ]),
    );
    h.send({ type: "start", initiator: "u1" });
    expect(h.history.find((e) => e.type === "node.left" && e.nodeId === "start")).toMatchObject({
      port: "out",
      edgeId: "e0",
    });
    expect(h.state.status).toBe("completed");
  });
});
