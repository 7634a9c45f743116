import { describe, expect, expectTypeOf, it } from "vitest";
import type { NodeConfig } from "../../../../schemas/index.ts";
import { buildFlow } from "../../fixtures/build.ts";
import { harness, T0 } from "../../fixtures/harness.ts";
import { around, configIssues } from "../../fixtures/node-cases.ts";
import type { waitNode } from "./index.ts";

const MIN = 60_000;

describe("wait node", () => {
  it("types its config from its schema", () => {
    expectTypeOf<Parameters<typeof waitNode.enter>[0]>().toEqualTypeOf<NodeConfig<"wait">>();
  });

  it("rejects a malformed duration and an unknown kind", () => {
    expect(configIssues("wait", { kind: "duration", duration: "15 min" })).toEqual([
      { code: "SHAPE_DURATION_INVALID", pointer: "/nodes/1/config/duration" },
    ]);
    expect(configIssues("wait", { kind: "forever" })).toEqual([
      { code: "SHAPE_VARIANT_UNKNOWN", pointer: "/nodes/1/config/kind" },
    ]);
  });

  it("duration: schedules a timer and leaves by out when it fires", () => {
    const h = harness(around(["w", "wait", { kind: "duration", duration: "PT15M" }]));
    h.send({ type: "start" });
    const [timer] = h.effects("timer.schedule");
    expect(timer).toMatchObject({ kind: "wait", dueAt: T0 + 15 * MIN, nodeId: "w" });
    expect(h.history.find((e) => e.type === "timer.scheduled")).toMatchObject({
      dueAt: T0 + 15 * MIN,
      from: "PT15M",
    });
    h.clock.advance(15 * MIN);
    h.send({ type: "timer.fired", timerId: timer!.timerId });
    expect(h.state.status).toBe("completed");
    // A timer of a path that moved on is ignored.
    expect(h.send({ type: "timer.fired", timerId: timer!.timerId }).ignored).toBeDefined();
  });

  it("duration: a rule may compute it, and a business calendar port counts it", () => {
    const rule = {
      rule: { if: [{ "==": [{ var: "record.tier" }, "strategic"] }, "PT15M", "PT1H"] },
    };
    const flow = around(["w", "wait", { kind: "duration", duration: rule, calendar: "business" }]);
    const calendar = {
      add: (from: number, d: string, c: string) =>
        c === "business" && d === "PT15M" ? from + 3 * MIN : null,
    };
    const h = harness(flow, {
      record: { id: "r", data: { tier: "strategic" } },
      ports: { calendar },
    });
    h.send({ type: "start" });
    expect(h.effects("timer.schedule")[0]?.dueAt).toBe(T0 + 3 * MIN);
  });

  it("duration: a rule returning something else stops the path as an incident", () => {
    const h = harness(
      around(["w", "wait", { kind: "duration", duration: { rule: { var: "record.days" } } }]),
      {
        record: { id: "r", data: { days: 3 } },
      },
    );
    h.send({ type: "start" });
    expect(h.state.incident).toMatchObject({
      code: "FLOW_DURATION_INVALID",
      pointer: "/nodes/1/config/duration",
    });
  });

  it("until: waits for the date (a calendar date is midnight in Asia/Shanghai), passes a past one", () => {
    const until = { kind: "until", until: { var: "record.due" } };
    const future = harness(around(["w", "wait", until]), {
      record: { id: "r", data: { due: "2026-02-01" } },
    });
    future.send({ type: "start" });
    expect(future.effects("timer.schedule")[0]?.dueAt).toBe(Date.UTC(2026, 0, 31, 16));
    const past = harness(around(["w", "wait", until]), {
      record: { id: "r", data: { due: "2025-12-01T08:00:00Z" } },
    });
    past.send({ type: "start" });
    expect(past.state.status).toBe("completed");
    expect(past.history.find((e) => e.type === "wait.passed")).toMatchObject({
      from: "2025-12-01T08:00:00Z",
    });
    const bad = harness(around(["w", "wait", until]), {
      record: { id: "r", data: { due: "soon" } },
    });
    bad.send({ type: "start" });
    expect(bad.state.incident).toMatchObject({
      code: "FLOW_WAIT_DATE_INVALID",
      pointer: "/nodes/1/config/until",
      params: { value: "soon" },
    });
  });

  it("condition: waits until a record change makes it true", () => {
    const flow = around([
      "w",
      "wait",
      { kind: "condition", condition: { "==": [{ var: "record.ack" }, true] } },
    ]);
    const h = harness(flow, { record: { id: "r", data: { ack: false } } });
    h.send({ type: "start" });
    expect(h.state.tokens[0]?.wait).toMatchObject({ for: "record", record: true });
    h.send({ type: "record.changed", recordId: "r" });
    expect(h.state.status).toBe("waiting");
    h.record = { id: "r", data: { ack: true } };
    h.send({ type: "record.changed", recordId: "r" });
    expect(h.state.status).toBe("completed");
    expect(
      h.history
        .filter((e) => e.type === "wait.checked")
        .map((e) => e.type === "wait.checked" && e.values),
    ).toEqual([{ "record.ack": false }, { "record.ack": false }, { "record.ack": true }]);
  });

  it("condition: leaves by timeout when the limit passes (by out without a timeout edge)", () => {
    const config = { kind: "condition", condition: { var: "record.ack" }, timeout: "P1D" };
    const withEdge = around(
      ["w", "wait", config],
      [
        [undefined, "done"],
        ["timeout", "late"],
      ],
    );
    const h = harness(withEdge, { record: { id: "r", data: { ack: false } } });
    h.send({ type: "start" });
    const [timer] = h.effects("timer.schedule");
    expect(timer).toMatchObject({ kind: "timeout", dueAt: T0 + 86_400_000 });
    h.send({ type: "timer.fired", timerId: timer!.timerId });
    expect(h.state.outcome).toBe("late");
    const without = harness(around(["w", "wait", config]), {
      record: { id: "r", data: { ack: false } },
    });
    without.send({ type: "start" });
    without.send({ type: "timer.fired", timerId: without.effects("timer.schedule")[0]!.timerId });
    expect(without.state.outcome).toBe("done");
  });

  it("condition: met by another branch's record update in the same step, cancelling its timeout", () => {
    const flow = buildFlow(
      [
        ["s", "start"],
        ["p", "parallel"],
        ["w", "wait", { kind: "condition", condition: { var: "record.ack" }, timeout: "PT1H" }],
        ["set", "action", { operations: [{ kind: "set-fields", fields: { ack: true } }] }],
        ["j", "join"],
        ["e", "end", { outcome: "done" }],
      ],
      [
        ["1", "s", "p"],
        ["2", "p", "w"],
        ["3", "p", "set"],
        ["4", "w", "j"],
        ["5", "set", "j"],
        ["6", "j", "e"],
      ],
    );
    const h = harness(flow, { record: { id: "r", data: { ack: false } } });
    h.send({ type: "start" });
    expect(h.state.status).toBe("completed");
    expect(h.effects("timer.cancel")).toHaveLength(1);
  });
});
