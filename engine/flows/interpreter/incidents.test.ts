import { describe, expect, it } from "vitest";
import { buildFlow, fiveNodeFlow } from "../fixtures/build.ts";
import { harness } from "../fixtures/harness.ts";
import { validateFlow } from "../validate-flow.ts";

/** A loop through a wait whose date has passed: valid, yet it never waits. */
function runaway(iterations: number) {
  return buildFlow(
    [
      ["s", "start"],
      [
        "bump",
        "action",
        {
          operations: [
            { kind: "set-variables", variables: { n: { "+": [{ var: "variables.n" }, 1] } } },
          ],
        },
      ],
      ["w", "wait", { kind: "until", until: "2000-01-01" }],
      ["again", "condition"],
      ["e", "end", { outcome: "done" }],
    ],
    [
      ["1", "s", "bump"],
      ["2", "bump", "w"],
      ["3", "w", "again"],
      ["4", "again", "bump", { condition: { "<": [{ var: "variables.n" }, iterations] } }],
      ["5", "again", "e", { default: true }],
    ],
    { variables: { n: { type: "integer", default: 0 } } },
  );
}

describe("step limit, incidents and retry", () => {
  it("stops a loop that never waits at the step limit, as a located incident", () => {
    const flow = runaway(500);
    expect(validateFlow(flow).ok).toBe(true);
    const h = harness(flow, { maxTransitions: 100 });
    h.send({ type: "start" });
    expect(h.state.status).toBe("incident");
    expect(h.state.incident).toMatchObject({
      code: "FLOW_STEP_LIMIT_EXCEEDED",
      params: { limit: 100 },
    });
    expect(h.effects("incident.raise")).toHaveLength(1);
    expect(h.state.counters.transitions).toBe(100);
  });

  it("resumes from the incident on retry, with a fresh step budget each time", () => {
    const h = harness(runaway(80), { maxTransitions: 100 });
    h.send({ type: "start" });
    const stoppedAt = h.state.incident?.nodeId;
    expect(stoppedAt).toBeDefined();
    h.send({ type: "retry", actor: "ops" });
    expect(h.history.find((e) => e.type === "incident.retried")).toMatchObject({
      attempt: 1,
      actor: "ops",
      nodeId: stoppedAt,
    });
    expect(h.state.status).toBe("incident");
    h.send({ type: "retry" });
    expect(h.state).toMatchObject({ status: "completed", outcome: "done", variables: { n: 80 } });
    expect(h.state.incident).toBeUndefined();
  });

  it("stops a loop without any wait state too (a definition that skipped graph validation)", () => {
    const flow = buildFlow(
      [
        ["s", "start"],
        ["a", "action", { operations: [{ kind: "set-variables", variables: { n: 1 } }] }],
        ["c", "condition"],
        ["e", "end", { outcome: "x" }],
      ],
      [
        ["1", "s", "a"],
        ["2", "a", "c"],
        ["3", "c", "a", { condition: true }],
        ["4", "c", "e", { default: true }],
      ],
      { variables: { n: { type: "integer" } } },
    );
    expect(validateFlow(flow).ok).toBe(false);
    const h = harness(flow);
    h.send({ type: "start" });
    expect(h.state.incident).toMatchObject({
      code: "FLOW_STEP_LIMIT_EXCEEDED",
      params: { limit: 1000 },
    });
  });

  it("ignores retry without an incident, events before start and after the end", () => {
    const h = harness(fiveNodeFlow(), {
      directory: { roles: { manager: ["m"] } },
      record: { id: "r", data: { amount: 1 } },
    });
    expect(h.send({ type: "cancel" }).ignored).toMatch(/not started/);
    h.send({ type: "start", initiator: "kam" });
    expect(h.send({ type: "retry" }).ignored).toMatch(/incident/);
    expect(h.send({ type: "record.changed" }).ignored).toMatch(/record/);
    expect(h.send({ type: "start" }).ignored).toMatch(/already started/);
    h.send({ type: "cancel", reason: "duplicate" });
    expect(h.state).toMatchObject({ status: "cancelled", outcome: "cancelled", tokens: [] });
    expect(h.effects("task.cancel")).toHaveLength(1);
    expect(h.effects("instance.completed")).toMatchObject([
      { status: "cancelled", outcome: "cancelled" },
    ]);
    expect(h.send({ type: "retry" }).ignored).toMatch(/cancelled/);
  });

  it("keeps other paths running while one is stopped on an incident", () => {
    const flow = buildFlow(
      [
        ["s", "start"],
        ["p", "parallel"],
        ["broken", "task", { assignees: [{ kind: "role", role: "nobody" }] }],
        ["fine", "task", { assignees: [{ kind: "user", userId: "u1" }] }],
        ["j", "join"],
        ["e", "end", { outcome: "x" }],
      ],
      [
        ["1", "s", "p"],
        ["2", "p", "broken"],
        ["3", "p", "fine"],
        ["4", "broken", "j"],
        ["5", "fine", "j"],
        ["6", "j", "e"],
      ],
    );
    const h = harness(flow);
    h.send({ type: "start" });
    expect(h.state.status).toBe("incident");
    const [task] = h.effects("task.create");
    h.send({ type: "task.completed", taskId: task!.taskId, outcome: "complete", actor: "u1" });
    expect(h.state.status).toBe("incident");
    expect(h.state.tokens.map((t) => [t.nodeId, t.status])).toEqual([["broken", "incident"]]);
  });
});
