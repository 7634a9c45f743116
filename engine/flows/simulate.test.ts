import { describe, expect, it } from "vitest";
import { manualClock } from "../ports.ts";
import allNodeTypes from "./fixtures/all-node-types.flow.json" with { type: "json" };
import { asFlow, buildFlow, fiveNodeFlow } from "./fixtures/build.ts";
import { T0 } from "./fixtures/harness.ts";
import { simulate } from "./simulate.ts";
import { staticDirectory } from "./static-directory.ts";

const DAY = 86_400_000;

const valueVerification = buildFlow(
  [
    ["s", "start"],
    ["e", "end", { outcome: "verified" }],
  ],
  [["1", "s", "e"]],
  {
    key: "value-verification",
    variables: {
      contractId: { type: "string", input: true },
      orderRef: { type: "string", default: "PO-9" },
    },
  },
);

const contract = {
  id: "ct-1",
  owner: "kam",
  data: {
    number: "HT-1",
    accountName: "Acme",
    amount: 90,
    salesOwner: "s1",
    erpAck: false,
    health: 50,
    endDate: "2026-06-30",
  },
};

describe("simulate", () => {
  it("runs the every-node-type fixture to its end, moving the clock through each timer", () => {
    const clock = manualClock(T0);
    const result = simulate(asFlow(allNodeTypes), {
      clock,
      initiator: "kam",
      input: { csm: "c1" },
      record: contract,
      directory: staticDirectory({ managers: { kam: "m1", m1: "m2" } }),
      flows: { "value-verification": valueVerification },
      call: () => ({ ok: true, response: { status: 200, body: { id: "SO-7" } } }),
    });
    expect(result.state).toMatchObject({
      status: "completed",
      outcome: "handed-over",
      variables: { erpOrderId: "PO-9" },
    });
    // The ERP ack never came: the 1-day timeout passed, then 30 days, then the renewal date.
    const fired = result.history.filter((e) => e.type === "timer.fired").map((e) => e.nodeId);
    expect(fired).toEqual(["wait-ack", "wait-30d", "wait-renewal"]);
    expect(clock.now()).toBe(Date.UTC(2026, 2, 29, 16));
    expect(result.record?.data).toMatchObject({
      stage: "handed-over",
      handoverAt: new Date(T0 + DAY).toISOString(),
    });
    expect(result.createdRecords).toMatchObject([
      { form: "visit", data: { purpose: "value-review", contract: "ct-1" } },
    ]);
    // The ERP call, the approval's CC on approval, the final in-app notification.
    expect(result.outbox.map((m) => [m.kind, m.nodeId])).toEqual([
      ["webhook", "erp-sync"],
      ["notification", "csm-approval"],
      ["notification", "notify-csm"],
    ]);
    expect(Object.values(result.children).map((c) => c.state.outcome)).toEqual(["verified"]);
  });

  it("stops waiting when decide leaves a task open and no timer is due", () => {
    const result = simulate(fiveNodeFlow(), {
      clock: manualClock(T0),
      initiator: "kam",
      record: { id: "r", data: { amount: 5000 } },
      directory: staticDirectory({ roles: { manager: ["m1"] } }),
      decide: (task) => (task.kind === "task" ? { outcome: "complete" } : undefined),
    });
    expect(result.state.status).toBe("waiting");
    expect(result.openTasks.map((t) => [t.nodeId, t.assignees])).toEqual([["approve", ["m1"]]]);
  });

  it("stops on an incident when a call fails for good", () => {
    const flow = buildFlow(
      [
        ["s", "start"],
        ["w", "webhook", { method: "GET", url: "https://erp.example.com/ping" }],
        ["e", "end", { outcome: "x" }],
      ],
      [
        ["1", "s", "w"],
        ["2", "w", "e"],
      ],
    );
    const result = simulate(flow, {
      clock: manualClock(T0),
      call: () => ({ ok: false, error: { message: "refused" } }),
    });
    expect(result.state.incident).toMatchObject({
      code: "FLOW_WEBHOOK_FAILED",
      params: { detail: "refused" },
    });
  });

  it("is deterministic: the same inputs give the same history", () => {
    const run = () =>
      simulate(asFlow(allNodeTypes), {
        clock: manualClock(T0),
        initiator: "kam",
        record: contract,
        directory: staticDirectory({ managers: { kam: "m1", m1: "m2" } }),
        flows: { "value-verification": valueVerification },
      });
    expect(run().history).toEqual(run().history);
  });
});
