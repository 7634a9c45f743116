import { describe, expect, it } from "vitest";
import { manualClock } from "../../ports.ts";
import { createRuleEngine } from "../../rules/index.ts";
import { asFlow, fiveNodeFlow } from "../fixtures/build.ts";
import { harness, T0 } from "../fixtures/harness.ts";
import strategicTicket from "../fixtures/strategic-ticket.flow.json" with { type: "json" };
import { initialState } from "../model/state.ts";
import { simulate } from "../simulate.ts";
import { staticDirectory } from "../static-directory.ts";
import { step } from "./step.ts";

const order = (amount: number) => ({ id: "r1", owner: "kam", data: { amount } });
const managers = { roles: { manager: ["m1", "m2"] } };

describe("step: the five-node flow (start → task → condition → approval → end)", () => {
  it("creates the task for the initiator, then routes a large order to the approval", () => {
    const h = harness(fiveNodeFlow(), { directory: managers, record: order(5000) });
    h.send({ type: "start", initiator: "kam", recordId: "r1" });
    expect(h.state.status).toBe("waiting");
    const [task] = h.effects("task.create");
    expect(task).toMatchObject({
      kind: "task",
      nodeId: "fill",
      assignees: ["kam"],
      assignment: "claim",
    });

    h.send({ type: "task.completed", taskId: task!.taskId, outcome: "complete", actor: "kam" });
    const approvals = h.effects("task.create");
    expect(approvals.map((t) => [t.kind, t.assignees])).toEqual([
      ["approval", ["m1"]],
      ["approval", ["m2"]],
    ]);
    const branch = h.last?.history.find((e) => e.type === "branch.chosen");
    expect(branch).toMatchObject({
      edgeId: "e3",
      default: false,
      pointer: "/edges/2/condition",
      tried: [{ edgeId: "e3", result: true }],
      values: { "record.amount": 5000 },
    });

    // Mode any: the first decision counts and the other approver's task is cancelled.
    h.send({
      type: "task.completed",
      taskId: approvals[1]!.taskId,
      outcome: "approve",
      actor: "m2",
    });
    expect(h.effects("task.cancel").map((e) => e.taskId)).toEqual([approvals[0]!.taskId]);
    expect(h.state.status).toBe("completed");
    expect(h.state.outcome).toBe("approved");
    expect(h.effects("instance.completed")).toEqual([
      { type: "instance.completed", status: "completed", outcome: "approved", variables: {} },
    ]);
    expect(h.state.tokens).toEqual([]);
  });

  it("takes the default edge for a small order and records the condition it tried", () => {
    const h = harness(fiveNodeFlow(), { directory: managers, record: order(10) });
    h.send({ type: "start", initiator: "kam" });
    const [task] = h.effects("task.create");
    h.send({ type: "task.completed", taskId: task!.taskId, outcome: "complete", actor: "kam" });
    expect(h.state.outcome).toBe("approved");
    expect(h.last?.history.find((e) => e.type === "branch.chosen")).toMatchObject({
      edgeId: "e4",
      default: true,
      tried: [{ edgeId: "e3", result: false }],
    });
  });

  it("leaves by the rejected port on a rejection", () => {
    const result = simulate(fiveNodeFlow(), {
      clock: manualClock(T0),
      directory: staticDirectory(managers),
      initiator: "kam",
      record: order(5000),
      decide: (t) => ({ outcome: t.kind === "approval" ? "reject" : "complete" }),
    });
    expect(result.state.outcome).toBe("rejected");
  });
});

describe("step: the strategic-ticket fixture", () => {
  const flow = asFlow(strategicTicket);
  const directory = staticDirectory({ managers: { kam: "lead" } });

  it("sends a strategic ticket to the owner's manager and writes the permitted fields", () => {
    const result = simulate(flow, {
      clock: manualClock(T0),
      directory,
      initiator: "kam",
      record: { id: "t1", owner: "kam", data: { accountTier: "strategic-core", number: "T-7" } },
      decide: (task) => ({
        outcome: "approve",
        actor: task.assignees[0] ?? "",
        data: { resolution: "replaced the part", internalNotes: "not written: hidden" },
      }),
    });
    expect(result.state).toMatchObject({ status: "completed", outcome: "resolved" });
    expect(result.record?.data).toEqual({
      accountTier: "strategic-core",
      number: "T-7",
      resolution: "replaced the part",
    });
    const resolved = result.history.find((e) => e.type === "approvers.resolved");
    expect(resolved).toMatchObject({ nodeId: "manager-approval", users: ["lead"] });
    expect(result.outbox.map((m) => [m.kind, m.payload.params])).toEqual([
      ["notification", { ticket: "T-7" }],
      ["email", { ticket: "T-7" }],
    ]);
  });

  it("ends a routine ticket at once", () => {
    const result = simulate(flow, {
      clock: manualClock(T0),
      directory,
      record: { id: "t2", owner: "kam", data: { accountTier: "routine" } },
    });
    expect(result.state).toMatchObject({ status: "completed", outcome: "routine" });
    expect(result.events).toBe(1);
  });
});

describe("step: determinism and purity", () => {
  it("gives the same result for the same definition, state, event and context", () => {
    const flow = fiveNodeFlow();
    const run = () => {
      const clock = manualClock(T0);
      const ctx = {
        now: T0,
        rules: createRuleEngine({ clock }),
        directory: staticDirectory(managers),
        record: order(5000),
      };
      const first = step(flow, initialState("i9"), { type: "start", initiator: "kam" }, ctx);
      const taskId = first.effects.find((e) => e.type === "task.create")?.taskId ?? "";
      const done = { type: "task.completed", taskId, outcome: "complete", actor: "kam" } as const;
      return [first, step(flow, first.state, done, ctx)];
    };
    expect(JSON.parse(JSON.stringify(run()))).toEqual(JSON.parse(JSON.stringify(run())));
  });

  it("never mutates the state it is given, and its state is plain JSON", () => {
    const h = harness(fiveNodeFlow(), { directory: managers, record: order(5000) });
    h.send({ type: "start", initiator: "kam" });
    const before = structuredClone(h.state);
    const frozen = Object.freeze(h.state);
    const [task] = h.effects("task.create");
    h.send({ type: "task.completed", taskId: task!.taskId, outcome: "complete", actor: "kam" });
    expect(frozen).toEqual(before);
    expect(JSON.parse(JSON.stringify(h.state))).toEqual(h.state);
  });

  it("ignores an event nobody waits for, returning the state unchanged", () => {
    const h = harness(fiveNodeFlow(), { directory: managers, record: order(5000) });
    h.send({ type: "start", initiator: "kam" });
    const state = h.state;
    const result = h.send({
      type: "task.completed",
      taskId: "nope",
      outcome: "complete",
      actor: "x",
    });
    expect(result.ignored).toMatch(/no path waits/);
    expect(result.state).toBe(state);
    expect(result.effects).toEqual([]);
  });
});
