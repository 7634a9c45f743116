import { describe, expect, expectTypeOf, it } from "vitest";
import type { NodeConfig } from "../../../../schemas/index.ts";
import { buildFlow } from "../../fixtures/build.ts";
import { harness } from "../../fixtures/harness.ts";
import { configIssues } from "../../fixtures/node-cases.ts";
import type { endNode } from "./index.ts";

const user = { assignees: [{ kind: "user", userId: "u1" }] };

/** A fork into a task and an end; `terminate` says what the end does. */
const forked = (terminate: boolean) =>
  buildFlow(
    [
      ["s", "start"],
      ["p", "parallel"],
      ["t", "task", user],
      ["quick", "end", { outcome: "quick", terminate }],
      ["slow", "end", { outcome: "slow", terminate: false }],
    ],
    [
      ["1", "s", "p"],
      ["2", "p", "t"],
      ["3", "p", "quick"],
      ["4", "t", "slow"],
    ],
  );

describe("end node", () => {
  it("types its config from its schema", () => {
    expectTypeOf<Parameters<typeof endNode.enter>[0]>().toEqualTypeOf<NodeConfig<"end">>();
  });

  it("requires an outcome key", () => {
    expect(configIssues("end", {})).toEqual([
      { code: "SHAPE_PROPERTY_MISSING", pointer: "/nodes/1/config/outcome" },
    ]);
    expect(configIssues("end", { outcome: "Not a key!" })).toEqual([
      { code: "SHAPE_KEY_INVALID", pointer: "/nodes/1/config/outcome" },
    ]);
  });

  it("terminates the instance by default, cancelling the paths still running", () => {
    const h = harness(forked(true));
    h.send({ type: "start" });
    expect(h.state).toMatchObject({ status: "completed", outcome: "quick", tokens: [] });
    expect(h.effects("task.cancel")).toHaveLength(1);
    expect(h.effects("instance.completed")).toMatchObject([
      { status: "completed", outcome: "quick" },
    ]);
  });

  it("without terminate, ends only its path; the last path's end completes the instance", () => {
    const h = harness(forked(false));
    h.send({ type: "start" });
    expect(h.state.status).toBe("waiting");
    expect(h.state.tokens.map((t) => t.nodeId)).toEqual(["t"]);
    const [task] = h.effects("task.create");
    h.send({ type: "task.completed", taskId: task!.taskId, outcome: "complete", actor: "u1" });
    expect(h.state).toMatchObject({ status: "completed", outcome: "slow" });
  });
});
