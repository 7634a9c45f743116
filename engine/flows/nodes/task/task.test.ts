import { describe, expect, expectTypeOf, it } from "vitest";
import type { NodeConfig } from "../../../../schemas/index.ts";
import { harness } from "../../fixtures/harness.ts";
import { around, configIssues } from "../../fixtures/node-cases.ts";
import type { taskNode } from "./index.ts";

const team = { roles: { csm: ["c1", "c2"] } };
const record = { id: "r1", owner: "kam", data: { notes: "", margin: 12 } };

describe("task node", () => {
  it("types its config from its schema", () => {
    expectTypeOf<Parameters<typeof taskNode.enter>[0]>().toEqualTypeOf<NodeConfig<"task">>();
  });

  it("requires assignees and checks the assignment", () => {
    expect(configIssues("task", {})).toEqual([
      { code: "SHAPE_PROPERTY_MISSING", pointer: "/nodes/1/config/assignees" },
    ]);
    expect(
      configIssues("task", { assignees: [{ kind: "initiator" }], assignment: "first" }),
    ).toEqual([{ code: "SHAPE_VALUE_NOT_ALLOWED", pointer: "/nodes/1/config/assignment" }]);
  });

  it("offers one claim task to every assignee, writes permitted fields, leaves by out", () => {
    const flow = around([
      "t",
      "task",
      {
        assignees: [{ kind: "role", role: "csm" }],
        fields: { notes: "editable", margin: "read-only" },
      },
    ]);
    const h = harness(flow, { directory: team, record });
    h.send({ type: "start", initiator: "kam" });
    expect(h.effects("task.create")).toMatchObject([
      { kind: "task", assignees: ["c1", "c2"], assignment: "claim", fields: { notes: "editable" } },
    ]);
    expect(h.state.tokens[0]).toMatchObject({
      status: "waiting",
      nodeId: "t",
      wait: { for: "task" },
    });
    const [task] = h.effects("task.create");
    h.send({
      type: "task.completed",
      taskId: task!.taskId,
      outcome: "complete",
      actor: "c2",
      data: { notes: "met", margin: 99 },
    });
    expect(h.effects("record.update")).toMatchObject([{ recordId: "r1", patch: { notes: "met" } }]);
    expect(h.state.outputs.t).toMatchObject({
      actor: "c2",
      outcome: "complete",
      data: { notes: "met", margin: 99 },
    });
    expect(h.state.status).toBe("completed");
  });

  it("gives each assignee a task of their own and waits for all of them", () => {
    const h = harness(
      around(["t", "task", { assignees: [{ kind: "role", role: "csm" }], assignment: "each" }]),
      { directory: team },
    );
    h.send({ type: "start" });
    const tasks = h.effects("task.create");
    expect(tasks.map((t) => [t.assignees, t.assignment])).toEqual([
      [["c1"], "single"],
      [["c2"], "single"],
    ]);
    h.send({ type: "task.completed", taskId: tasks[0]!.taskId, outcome: "complete", actor: "c1" });
    expect(h.state.status).toBe("waiting");
    expect(h.state.tokens[0]?.wait?.tasks).toEqual([tasks[1]!.taskId]);
    h.send({ type: "task.completed", taskId: tasks[1]!.taskId, outcome: "complete", actor: "c2" });
    expect(h.state.status).toBe("completed");
  });

  it("keeps a separate form's data as output without touching the record", () => {
    const flow = around([
      "t",
      "task",
      { assignees: [{ kind: "initiator" }], form: "visit", fields: { notes: "editable" } },
    ]);
    const h = harness(flow, { record });
    h.send({ type: "start", initiator: "kam" });
    const [task] = h.effects("task.create");
    expect(task?.form).toBe("visit");
    h.send({
      type: "task.completed",
      taskId: task!.taskId,
      outcome: "complete",
      actor: "kam",
      data: { notes: "x" },
    });
    expect(h.effects("record.update")).toEqual([]);
  });

  it("stops as an incident when nobody is found", () => {
    const h = harness(around(["t", "task", { assignees: [{ kind: "role", role: "nobody" }] }]));
    h.send({ type: "start" });
    expect(h.state.status).toBe("incident");
    expect(h.state.incident).toMatchObject({
      code: "FLOW_NO_ASSIGNEES",
      pointer: "/nodes/1/config/assignees",
      nodeId: "t",
    });
  });
});
