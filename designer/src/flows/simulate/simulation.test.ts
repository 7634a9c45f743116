import { describe, expect, it } from "vitest";
import type { FlowDefinition } from "../../../../schemas/index.ts";
import valueAddOffer from "../../../../templates/saas-customer-success/flows/value-add-offer-approval.json";
import accountServiceTeam from "../../../../templates/strategic-service-sla/flows/account-service-team.json";
import strategicTicket from "../../../../templates/strategic-service-sla/flows/strategic-ticket.json";
import { kamflowEngine as engine } from "../../engine-browser/entry.ts";
import { logLine } from "./log-text.ts";
import { createSimulation, type SimLogEntry, type Simulation } from "./simulation.ts";

const MIN = 60_000;
/** Monday 5 January 2026, 09:00 in Shanghai: a working day, at the start of working hours. */
const MONDAY_9AM = Date.UTC(2026, 0, 5, 1);

const calendar = engine.calendarPort(engine.createBusinessCalendar(engine.chinaMainlandCalendar()));

function validated(document: unknown): FlowDefinition {
  const result = engine.validateFlow(document);
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  return result.value;
}

const directory = engine.staticDirectory({
  roles: {
    "service-desk": ["desk1", "desk2"],
    "department-director": ["director"],
    "cs-manager": ["csm-lead"],
  },
});

const slaLevels = (log: readonly SimLogEntry[]) =>
  log.flatMap((e) => (e.kind === "history" && e.entry.type === "sla.level" ? [e.entry] : []));

const taskAt = (sim: Simulation, nodeId: string) => {
  const task = sim.view().tasks.find((t) => t.nodeId === nodeId);
  if (!task) throw new Error(`no open task at ${nodeId}`);
  return task;
};

describe("simulation: strategic service ticket (subflow, SLA escalation at minute 15)", () => {
  const start = () => {
    const sim = createSimulation({
      definition: validated(strategicTicket),
      flows: { "account-service-team": validated(accountServiceTeam) },
      directory,
      calendar,
      startAt: MONDAY_9AM,
      initiator: "kam",
      record: {
        id: "ticket1",
        form: "service-ticket",
        data: { title: "Line 3 is down", account: "acme", category: "fault" },
      },
      records: {
        acme: {
          id: "acme",
          form: "account",
          data: { name: "Acme", tier: "strategic", accountManager: "am", technicalLead: "tl" },
        },
      },
    });
    sim.start();
    return sim;
  };

  it("runs the child flow on the account, then waits at claim and resolve", () => {
    const sim = start();
    const view = sim.view();
    expect(view.state.status).toBe("waiting");
    expect(view.log.some((e) => e.kind === "child" && e.status === "completed")).toBe(true);
    expect(view.state.variables.customerTier).toBe("strategic");
    expect([...view.activeNodes].sort()).toEqual(["claimStrategic", "resolve"]);
    expect(view.visited).toContain("notifyTeam");
    // The record patch and the notifications are listed, never performed.
    const effects = view.log.flatMap((e) => (e.kind === "effect" ? [e.effect.type] : []));
    expect(effects).toContain("record.update");
    expect(effects).toContain("outbox.enqueue");
    expect(view.record?.data.priority).toBe("high");
    expect(taskAt(sim, "claimStrategic").assignees).toEqual(["desk1", "desk2"]);
  });

  it("escalates to the department director at minute 15, not 14", () => {
    const sim = start();
    sim.advance(14 * MIN);
    expect(slaLevels(sim.view().log)).toEqual([]);
    expect(sim.view().now).toBe(MONDAY_9AM + 14 * MIN);
    sim.advance(1 * MIN);
    const levels = slaLevels(sim.view().log);
    expect(levels).toHaveLength(1);
    expect(levels[0]).toMatchObject({
      nodeId: "claimStrategic",
      action: "escalate",
      users: ["director"],
      at: MONDAY_9AM + 15 * MIN,
    });
    expect(taskAt(sim, "claimStrategic").assignees).toContain("director");
  });

  it("checks the task's required field, then ends when the ticket is resolved", () => {
    const sim = start();
    expect(sim.complete(taskAt(sim, "claimStrategic").taskId, { outcome: "complete" })).toBe(
      undefined,
    );
    expect(sim.view().visited).toContain("claimed");
    expect(sim.view().state.status).toBe("waiting");
    const resolve = taskAt(sim, "resolve");
    expect(sim.actions(resolve.taskId)?.outcomes).toEqual(["complete"]);
    expect(sim.complete(resolve.taskId, { outcome: "complete" })).toEqual({
      code: "RUNTIME_FIELD_REQUIRED",
      field: "resolution",
    });
    expect(sim.complete(resolve.taskId, { outcome: "approve" })).toEqual({
      code: "RUNTIME_OUTCOME_INVALID",
    });
    sim.advance(30 * MIN);
    sim.complete(resolve.taskId, {
      outcome: "complete",
      actor: "desk2",
      data: { resolution: "Replaced the controller" },
    });
    const view = sim.view();
    expect(view.state.status).toBe("completed");
    expect(view.state.outcome).toBe("resolved");
    expect(view.record?.data).toMatchObject({
      status: "resolved",
      resolution: "Replaced the controller",
    });
    expect(view.tasks).toEqual([]);
    expect(view.timers).toEqual([]);
    expect(view.activeNodes).toEqual([]);
  });
});

describe("simulation: value-add offer approval (approve vs reject, business-hour reminders)", () => {
  const start = () => {
    const sim = createSimulation({
      definition: validated(valueAddOffer),
      directory,
      calendar,
      startAt: MONDAY_9AM,
      initiator: "csm",
      record: {
        id: "offer1",
        form: "value-add-offer",
        data: { status: "proposed", csm: "csm", value: 20000 },
      },
    });
    sim.start();
    return sim;
  };

  it("approving takes the approved edge to the approved end", () => {
    const sim = start();
    const task = taskAt(sim, "approve");
    expect(sim.actions(task.taskId)?.outcomes).toEqual(["approve", "reject"]);
    sim.complete(task.taskId, { outcome: "approve" });
    const view = sim.view();
    expect(view.state).toMatchObject({ status: "completed", outcome: "approved" });
    expect(view.takenEdges).toContain("e2");
    expect(view.takenEdges).not.toContain("e3");
    expect(view.visited).toEqual([
      "start",
      "approve",
      "mark-approved",
      "tell-approved",
      "approved",
    ]);
    expect(view.record?.data.status).toBe("approved");
  });

  it("rejecting needs a comment, then takes the rejected edge", () => {
    const sim = start();
    const task = taskAt(sim, "approve");
    expect(sim.complete(task.taskId, { outcome: "reject" })).toEqual({
      code: "RUNTIME_COMMENT_REQUIRED",
    });
    sim.complete(task.taskId, { outcome: "reject", comment: "Too generous" });
    const view = sim.view();
    expect(view.state).toMatchObject({ status: "completed", outcome: "rejected" });
    expect(view.takenEdges).toContain("e3");
    expect(view.takenEdges).not.toContain("e2");
    expect(view.record?.data.status).toBe("rejected");
  });

  it("reminds after 4 working hours (lunch break excluded), repeating", () => {
    const sim = start();
    // 09:00 + 3 h to noon, the lunch hour off, 1 h more: 14:00 Shanghai.
    expect(sim.nextTimer()?.dueAt).toBe(MONDAY_9AM + 5 * 60 * MIN);
    sim.advance(4 * 60 * MIN);
    expect(slaLevels(sim.view().log)).toEqual([]);
    sim.advanceToNextTimer();
    expect(slaLevels(sim.view().log)).toMatchObject([{ action: "remind", firing: 1 }]);
    // The reminder is addressed to whoever holds the task now; listed, never sent.
    const reminders = sim
      .view()
      .log.flatMap((e) =>
        e.kind === "effect" && e.effect.type === "outbox.enqueue" ? [e.effect.payload] : [],
      );
    expect(reminders).toMatchObject([{ event: "sla.remind", to: ["csm-lead"] }]);
    const line = logLine(sim.view().log.find((e) => e.kind === "effect") as SimLogEntry, {
      node: (id) => `<${id}>`,
      users: (ids) => (ids ?? []).join("+"),
      time: String,
      text: String,
    });
    expect(line).toMatchObject({ key: "notification", listed: true, params: { to: "csm-lead" } });
    expect(sim.view().now).toBe(MONDAY_9AM + 5 * 60 * MIN);
    expect(sim.nextTimer()?.kind).toBe("sla");
  });
});
