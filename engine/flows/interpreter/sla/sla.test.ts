import { describe, expect, it } from "vitest";
import {
  calendarPort,
  chinaMainlandCalendar,
  createBusinessCalendar,
} from "../../../calendars/index.ts";
import { buildFlow } from "../../fixtures/build.ts";
import { type Harness, harness, T0 } from "../../fixtures/harness.ts";
import { around } from "../../fixtures/node-cases.ts";
import type { HistoryEntry } from "../../model/history.ts";
import type { SlaClock } from "../../model/state.ts";
import type { RecordSnapshot } from "../../nodes/node-context.ts";

const MIN = 60_000;
const HOUR = 60 * MIN;

const people = {
  roles: {
    agents: ["a1", "a2"],
    director: ["dir"],
    leads: ["l1"],
    board: ["a", "b", "c"],
    nobody: [],
  },
};
const agents = [{ kind: "role", role: "agents" }];
const director = [{ kind: "role", role: "director" }];
const leads = [{ kind: "role", role: "leads" }];

/** start → task "t" (claim, the agents) with `sla` → end "done". */
const taskFlow = (sla: Record<string, unknown>, config: Record<string, unknown> = {}) =>
  around(["t", "task", { assignees: agents, sla, ...config }]);

/** start → approval "ap" (the board) with `sla` → yes / no. */
const approvalFlow = (sla: Record<string, unknown>, config: Record<string, unknown> = {}) =>
  around(
    ["ap", "approval", { approvers: [{ kind: "role", role: "board" }], sla, ...config }],
    [
      ["approved", "yes"],
      ["rejected", "no"],
    ],
  );

/** Starts `flow` at `at` as kam. */
function started(
  flow: ReturnType<typeof taskFlow>,
  options: { at?: number; record?: RecordSnapshot; business?: boolean } = {},
): Harness {
  const h = harness(flow, {
    directory: people,
    ...(options.record ? { record: options.record } : {}),
    ...(options.business
      ? { ports: { calendar: calendarPort(createBusinessCalendar(chinaMainlandCalendar())) } }
      : {}),
  });
  h.clock.set(options.at ?? T0);
  h.send({ type: "start", initiator: "kam" });
  return h;
}

/** The SLA clock of the (only) waiting path. */
function clockOf(h: Harness): SlaClock {
  const clock = h.state.tokens.find((t) => t.status === "waiting")?.wait?.sla;
  if (!clock) throw new Error("no waiting path with an SLA clock");
  return clock;
}

/** The deadline of `level` (-1: the target) on the clock. */
function deadline(h: Harness, level: number) {
  const found = clockOf(h).deadlines.find((d) => d.level === level);
  if (!found) throw new Error(`no deadline for level ${level}`);
  return found;
}

/** Fires the timer of `level` at its due time. */
function fire(h: Harness, level: number) {
  const { timerId, dueAt } = deadline(h, level);
  if (timerId === undefined || dueAt === undefined) throw new Error(`level ${level} is paused`);
  h.clock.set(dueAt);
  return h.send({ type: "timer.fired", timerId });
}

/** The open tasks of the waiting path. */
const openTasks = (h: Harness) =>
  h.state.tokens.find((t) => t.status === "waiting")?.wait?.tasks ?? [];

/** Completes the task node's one task as `actor`. */
function complete(h: Harness, actor = "a1") {
  const [taskId] = openTasks(h);
  if (!taskId) throw new Error("no open task");
  return h.send({ type: "task.completed", taskId, outcome: "complete", actor });
}

/** History entries of `type` in the last step. */
function logged<T extends HistoryEntry["type"]>(h: Harness, type: T) {
  return (h.last?.history ?? []).filter((e): e is Extract<HistoryEntry, { type: T }> => {
    return e.type === type;
  });
}

const slaTimers = (h: Harness) => h.effects("timer.schedule").filter((t) => t.kind === "sla");

describe("SLA target", () => {
  const sla = { target: "PT1H", levels: [{ action: "remind", after: "PT30M" }] };

  it("schedules the target and each level from the activation and dates the task by the target", () => {
    const h = started(taskFlow(sla));
    expect(slaTimers(h).map((t) => [t.dueAt, t.nodeId])).toEqual([
      [T0 + HOUR, "t"],
      [T0 + 30 * MIN, "t"],
    ]);
    expect(h.effects("task.create")[0]?.dueAt).toBe(T0 + HOUR);
    expect(logged(h, "sla.started")).toMatchObject([
      { targetDueAt: T0 + HOUR, levels: [{ level: 0, action: "remind", dueAt: T0 + 30 * MIN }] },
    ]);
  });

  it("is met when the task completes in time, with the margin left, and cancels every SLA timer", () => {
    const h = started(taskFlow(sla));
    const timers = slaTimers(h).map((t) => t.timerId);
    h.clock.set(T0 + 40 * MIN);
    complete(h);
    expect(h.state.status).toBe("completed");
    expect(logged(h, "sla.met")).toMatchObject([{ dueAt: T0 + HOUR, margin: 20 * MIN }]);
    expect(logged(h, "sla.breached")).toEqual([]);
    expect(
      h
        .effects("timer.cancel")
        .map((e) => e.timerId)
        .sort(),
    ).toEqual([...timers].sort());
  });

  it("is breached when its timer fires: the task is marked and no 'met' is recorded later", () => {
    const h = started(taskFlow(sla));
    const [task] = h.effects("task.create");
    fire(h, -1);
    expect(logged(h, "sla.breached")).toMatchObject([{ dueAt: T0 + HOUR, nodeId: "t" }]);
    expect(h.effects("task.update")).toEqual([
      {
        type: "task.update",
        taskId: task!.taskId,
        tokenId: task!.tokenId,
        nodeId: "t",
        sla: "breached",
      },
    ]);
    expect(clockOf(h)).toMatchObject({ breached: true, targetDueAt: T0 + HOUR });
    expect(clockOf(h).deadlines.map((d) => d.level)).toEqual([0]);
    h.clock.set(T0 + 2 * HOUR);
    complete(h);
    expect(h.state.status).toBe("completed");
    expect(logged(h, "sla.met")).toEqual([]);
    // Only the level's timer was still pending.
    expect(h.effects("timer.cancel")).toHaveLength(1);
  });

  it("dates the tasks by the soonest level when there is no target", () => {
    const h = started(
      taskFlow({
        levels: [
          { action: "remind", after: "PT1H" },
          { action: "remind", after: "PT20M" },
        ],
      }),
    );
    expect(h.effects("task.create")[0]?.dueAt).toBe(T0 + 20 * MIN);
    expect(clockOf(h).targetDueAt).toBeUndefined();
    complete(h);
    // Nothing to meet without a target.
    expect(logged(h, "sla.met")).toEqual([]);
  });
});

describe("SLA levels", () => {
  const ladder = {
    levels: [
      {
        action: "remind",
        after: "PT10M",
        message: { "zh-CN": "请尽快处理", en: "Please handle it" },
      },
      { action: "notify", after: "PT20M", to: leads },
      { action: "escalate", after: "PT30M", to: director },
      { action: "reassign", after: "PT40M", to: leads },
    ],
    target: "PT2H",
  };

  it("remind: one notification addressed to the tasks, with the level's message", () => {
    const h = started(taskFlow(ladder));
    const [task] = h.effects("task.create");
    fire(h, 0);
    expect(h.effects("outbox.enqueue")).toMatchObject([
      {
        kind: "notification",
        nodeId: "t",
        payload: {
          event: "sla.remind",
          tasks: [task!.taskId],
          level: 0,
          firing: 1,
          nodeId: "t",
          message: { "zh-CN": "请尽快处理", en: "Please handle it" },
        },
      },
    ]);
    expect(h.effects("outbox.enqueue")[0]?.payload.to).toBeUndefined();
    expect(h.effects("outbox.enqueue")[0]?.idempotencyKey).toMatch(/:sla-0-1$/);
    expect(h.effects("task.update")).toEqual([]);
    expect(logged(h, "sla.level")).toMatchObject([
      { level: 0, action: "remind", firing: 1, tasks: [task!.taskId] },
    ]);
  });

  it("notify: resolves `to` through the directory and leaves the task alone", () => {
    const h = started(taskFlow(ladder));
    fire(h, 1);
    expect(h.effects("outbox.enqueue")).toMatchObject([
      { payload: { event: "sla.notify", to: ["l1"], level: 1 } },
    ]);
    expect(h.effects("task.update")).toEqual([]);
    expect(logged(h, "sla.level")[0]?.users).toEqual(["l1"]);
    expect(logged(h, "approvers.resolved")).toMatchObject([
      { pointer: "/nodes/1/config/sla/levels/1/to", users: ["l1"] },
    ]);
  });

  it("escalate: adds the target to the task's holders (the due time stays the target)", () => {
    const h = started(taskFlow(ladder));
    const [task] = h.effects("task.create");
    fire(h, 2);
    expect(h.effects("task.update")).toMatchObject([
      { taskId: task!.taskId, addAssignees: ["dir"], dueAt: T0 + 2 * HOUR },
    ]);
    expect(h.effects("task.update")[0]?.assignees).toBeUndefined();
    expect(h.effects("outbox.enqueue")).toMatchObject([
      { payload: { event: "sla.escalated", to: ["dir"] } },
    ]);
  });

  it("reassign: replaces the task's holders", () => {
    const h = started(taskFlow(ladder));
    const [task] = h.effects("task.create");
    fire(h, 3);
    expect(h.effects("task.update")).toMatchObject([
      { taskId: task!.taskId, assignees: ["l1"], dueAt: T0 + 2 * HOUR },
    ]);
    expect(h.effects("task.update")[0]?.addAssignees).toBeUndefined();
    expect(h.effects("outbox.enqueue")).toMatchObject([
      { payload: { event: "sla.reassigned", to: ["l1"] } },
    ]);
  });

  it("escalating to nobody changes nothing but is recorded", () => {
    const h = started(
      taskFlow({
        levels: [{ action: "escalate", after: "PT5M", to: [{ kind: "role", role: "nobody" }] }],
      }),
    );
    fire(h, 0);
    expect(h.effects("task.update")).toEqual([]);
    expect(h.effects("outbox.enqueue")).toEqual([]);
    expect(logged(h, "sla.level")).toMatchObject([{ action: "escalate", users: [] }]);
    expect(h.state.status).toBe("waiting");
  });

  it("a warning level marks the tasks at risk, and a breach later wins", () => {
    const h = started(
      taskFlow({
        target: "PT1H",
        levels: [{ action: "notify", after: "PT45M", to: leads, warning: true }],
      }),
    );
    const [task] = h.effects("task.create");
    fire(h, 0);
    expect(h.effects("task.update")).toMatchObject([{ taskId: task!.taskId, sla: "warning" }]);
    expect(logged(h, "sla.level")).toMatchObject([{ warning: true }]);
    expect(clockOf(h).warning).toBe(true);
    fire(h, -1);
    expect(h.effects("task.update")).toMatchObject([{ taskId: task!.taskId, sla: "breached" }]);
  });

  it("a level without `warning` does not touch the SLA state", () => {
    const h = started(taskFlow({ levels: [{ action: "notify", after: "PT45M", to: leads }] }));
    fire(h, 0);
    expect(clockOf(h).warning).toBe(false);
    expect(h.effects("task.update")).toEqual([]);
  });

  it("repeat: fires 1 + times times, each firing with a new timer, then stops", () => {
    const h = started(
      taskFlow({
        levels: [{ action: "remind", after: "PT10M", repeat: { every: "PT5M", times: 2 } }],
      }),
    );
    const first = deadline(h, 0).timerId!;
    const ids = [first];
    fire(h, 0);
    expect(logged(h, "sla.level")).toMatchObject([{ firing: 1, nextDueAt: T0 + 15 * MIN }]);
    expect(slaTimers(h).map((t) => t.dueAt)).toEqual([T0 + 15 * MIN]);
    ids.push(slaTimers(h)[0]!.timerId);
    fire(h, 0);
    expect(logged(h, "sla.level")).toMatchObject([{ firing: 2, nextDueAt: T0 + 20 * MIN }]);
    ids.push(slaTimers(h)[0]!.timerId);
    fire(h, 0);
    expect(logged(h, "sla.level")).toMatchObject([{ firing: 3 }]);
    expect(logged(h, "sla.level")[0]?.nextDueAt).toBeUndefined();
    expect(slaTimers(h)).toEqual([]);
    expect(clockOf(h).deadlines).toEqual([]);
    expect(new Set(ids).size).toBe(3);
    // The last timer, delivered twice, does nothing more.
    expect(h.send({ type: "timer.fired", timerId: ids[2]! }).ignored).toBeDefined();
    const reminders = h.history.filter((e) => e.type === "sla.level");
    expect(reminders).toHaveLength(3);
  });

  it("repeat: `times` defaults to 3 repetitions", () => {
    const h = started(
      taskFlow({ levels: [{ action: "remind", after: "PT10M", repeat: { every: "PT1M" } }] }),
    );
    let firings = 0;
    while (clockOf(h).deadlines.length > 0) {
      fire(h, 0);
      firings++;
      if (firings > 10) break;
    }
    expect(firings).toBe(4);
  });

  it("completing the task cancels every pending SLA timer (repeats included) and fires no more", () => {
    const flow = buildFlow(
      [
        ["start", "start"],
        [
          "t1",
          "task",
          {
            assignees: agents,
            sla: {
              target: "PT1H",
              levels: [
                { action: "remind", after: "PT10M", repeat: { every: "PT10M" } },
                { action: "escalate", after: "PT30M", to: director },
              ],
            },
          },
        ],
        [
          "t2",
          "task",
          {
            assignees: agents,
            sla: { target: "PT1H", levels: [{ action: "remind", after: "PT10M" }] },
          },
        ],
        ["done", "end", { outcome: "done" }],
      ],
      [
        ["e1", "start", "t1"],
        ["e2", "t1", "t2"],
        ["e3", "t2", "done"],
      ],
    );
    const h = started(flow);
    fire(h, 0);
    const pending = clockOf(h)
      .deadlines.map((d) => d.timerId!)
      .sort();
    expect(pending).toHaveLength(3);
    h.clock.set(T0 + 15 * MIN);
    complete(h);
    expect(
      h
        .effects("timer.cancel")
        .map((e) => e.timerId)
        .sort(),
    ).toEqual(pending);
    expect(logged(h, "sla.level")).toEqual([]);
    expect(logged(h, "timer.cancelled")).toHaveLength(3);
    // t2 has a clock of its own, with new timers.
    const t2Timers = slaTimers(h).map((t) => t.timerId);
    expect(t2Timers).toHaveLength(2);
    expect(t2Timers.some((id) => pending.includes(id))).toBe(false);
    // A timer of t1's clock delivered late is ignored: nothing fires on t2.
    h.clock.set(T0 + 30 * MIN);
    const late = h.send({ type: "timer.fired", timerId: pending[0]! });
    expect(late.ignored).toMatch(/no path waits/);
    expect(late.effects).toEqual([]);
    expect(
      clockOf(h)
        .deadlines.map((d) => d.timerId)
        .sort(),
    ).toEqual([...t2Timers].sort());
  });

  it("a duration rule chooses the level's time from the record", () => {
    const after = {
      rule: { if: [{ "==": [{ var: "record.tier" }, "strategic"] }, "PT15M", "PT1H"] },
    };
    const flow = taskFlow({ levels: [{ action: "escalate", after, to: director }] });
    const strategic = started(flow, { record: { id: "r", data: { tier: "strategic" } } });
    expect(slaTimers(strategic).map((t) => t.dueAt)).toEqual([T0 + 15 * MIN]);
    expect(logged(strategic, "sla.started")[0]?.levels[0]?.after).toBe("PT15M");
    const standard = started(flow, { record: { id: "r", data: { tier: "standard" } } });
    expect(slaTimers(standard).map((t) => t.dueAt)).toEqual([T0 + HOUR]);
    expect(standard.effects("task.create")[0]?.dueAt).toBe(T0 + HOUR);
  });

  it("a duration rule returning something else is an incident, and no timer is left behind", () => {
    const flow = taskFlow({
      target: "PT2H",
      levels: [
        { action: "remind", after: "PT10M" },
        { action: "remind", after: { rule: { var: "record.days" } } },
      ],
    });
    const h = started(flow, { record: { id: "r", data: { days: 3 } } });
    expect(h.state.status).toBe("incident");
    expect(h.state.incident).toMatchObject({
      code: "FLOW_DURATION_INVALID",
      pointer: "/nodes/1/config/sla/levels/1/after",
      params: { value: 3 },
      nodeId: "t",
    });
    expect(h.effects("timer.schedule")).toEqual([]);
    // The task it had created is withdrawn; a retry creates it again.
    const [task] = h.effects("task.create");
    expect(h.effects("task.cancel").map((e) => e.taskId)).toEqual([task!.taskId]);
  });
});

describe("SLA: leaving the node in other ways", () => {
  it("cancelling the instance cancels every SLA timer", () => {
    const h = started(taskFlow({ target: "PT1H", levels: [{ action: "remind", after: "PT30M" }] }));
    const timers = slaTimers(h).map((t) => t.timerId);
    h.send({ type: "cancel" });
    expect(
      h
        .effects("timer.cancel")
        .map((e) => e.timerId)
        .sort(),
    ).toEqual([...timers].sort());
    expect(h.state.status).toBe("cancelled");
  });

  it("a return cancels the node's SLA timers; the node returned to starts a clock of its own", () => {
    const sla = { target: "PT1H", levels: [{ action: "remind", after: "PT30M" }] };
    const flow = buildFlow(
      [
        ["start", "start"],
        ["first", "approval", { approvers: [{ kind: "user", userId: "f" }], sla }],
        [
          "second",
          "approval",
          {
            approvers: [{ kind: "user", userId: "s" }],
            actions: { return: { targets: ["first"] } },
            sla,
          },
        ],
        ["yes", "end", { outcome: "yes" }],
        ["no", "end", { outcome: "no" }],
      ],
      [
        ["e1", "start", "first"],
        ["e2", "first", "second", { sourceHandle: "approved" }],
        ["e3", "first", "no", { sourceHandle: "rejected" }],
        ["e4", "second", "yes", { sourceHandle: "approved" }],
        ["e5", "second", "no", { sourceHandle: "rejected" }],
      ],
    );
    const h = started(flow);
    h.clock.set(T0 + 10 * MIN);
    complete(h, "f");
    const secondTimers = slaTimers(h).map((t) => t.timerId);
    expect(slaTimers(h).map((t) => t.dueAt)).toEqual([T0 + 70 * MIN, T0 + 40 * MIN]);
    h.clock.set(T0 + 20 * MIN);
    const [taskId] = openTasks(h);
    h.send({
      type: "task.completed",
      taskId: taskId!,
      outcome: "return",
      returnTo: "first",
      actor: "s",
    });
    expect(
      h
        .effects("timer.cancel")
        .map((e) => e.timerId)
        .sort(),
    ).toEqual([...secondTimers].sort());
    expect(slaTimers(h).map((t) => [t.nodeId, t.dueAt])).toEqual([
      ["first", T0 + 80 * MIN],
      ["first", T0 + 50 * MIN],
    ]);
    expect(clockOf(h).startedAt).toBe(T0 + 20 * MIN);
  });
});

describe("SLA and added signers", () => {
  it("a signer's task is due when the node's target is", () => {
    const h = started(
      approvalFlow(
        { target: "PT2H", levels: [{ action: "remind", after: "PT1H" }] },
        { mode: "all" },
      ),
    );
    const [first] = h.effects("task.create");
    h.clock.set(T0 + 30 * MIN);
    h.send({
      type: "task.signers",
      taskId: first!.taskId,
      position: "before",
      users: ["s"],
      actor: "a",
    });
    expect(h.effects("task.create")).toMatchObject([{ assignees: ["s"], dueAt: T0 + 2 * HOUR }]);
    // The clock runs on: no timer is cancelled or scheduled again.
    expect(h.effects("timer.cancel")).toEqual([]);
    expect(slaTimers(h)).toEqual([]);
  });
});

describe("SLA: a repeat the calendar cannot count", () => {
  it("stops the path on an incident when the level fires, instead of failing the step", () => {
    const h = started(
      taskFlow({
        target: "PT8H",
        calendar: "business",
        levels: [{ action: "remind", after: "PT1H", repeat: { every: "P1M" } }],
      }),
      { at: Date.parse("2026-01-05T09:00:00+08:00"), business: true },
    );
    const timers = slaTimers(h).map((t) => t.timerId);
    fire(h, 0);
    expect(h.state.incident).toMatchObject({
      code: "FLOW_DURATION_INVALID",
      pointer: "/nodes/1/config/sla/levels/0/repeat/every",
      params: { value: "P1M" },
    });
    expect(h.effects("outbox.enqueue")).toEqual([]);
    // The target's timer goes with the path's wait.
    expect(h.effects("timer.cancel").map((e) => e.timerId)).toContain(timers[0]);
    expect(h.state.tokens[0]?.wait).toBeUndefined();
  });
});

describe("SLA auto-approve and auto-reject", () => {
  it("auto-approve in sequential mode decides only the pending approver", () => {
    const h = started(
      approvalFlow({ levels: [{ action: "auto-approve", after: "PT1H" }] }, { mode: "sequential" }),
    );
    const [first] = h.effects("task.create");
    expect(first?.assignees).toEqual(["a"]);
    fire(h, 0);
    expect(h.effects("task.update")).toEqual([
      {
        type: "task.update",
        taskId: first!.taskId,
        tokenId: first!.tokenId,
        nodeId: "ap",
        complete: { outcome: "approve", auto: "sla" },
      },
    ]);
    expect(logged(h, "task.completed")).toMatchObject([
      { taskId: first!.taskId, outcome: "approve", actor: "system", auto: "sla" },
    ]);
    expect(h.effects("task.create").map((t) => [t.assignees, t.sequence])).toEqual([[["b"], 1]]);
    expect(h.state.status).toBe("waiting");
    const tally = h.state.tokens[0]?.wait?.data as { decisions: unknown[] };
    expect(tally.decisions).toEqual([
      {
        user: "a",
        decision: "approve",
        taskId: first!.taskId,
        at: T0 + HOUR,
        auto: "sla",
        actor: "system",
      },
    ]);
    // The level fired once; b decides by hand.
    expect(clockOf(h).deadlines).toEqual([]);
  });

  it("auto-approve in all mode approves for every open approver", () => {
    const h = started(
      approvalFlow({ levels: [{ action: "auto-approve", after: "PT1H" }] }, { mode: "all" }),
    );
    fire(h, 0);
    expect(h.effects("task.update").map((e) => e.complete)).toEqual([
      { outcome: "approve", auto: "sla" },
      { outcome: "approve", auto: "sla" },
      { outcome: "approve", auto: "sla" },
    ]);
    expect(h.state.outcome).toBe("yes");
    expect(h.effects("task.cancel")).toEqual([]);
  });

  it("auto-reject rejects (the first rejection decides; the other tasks are cancelled)", () => {
    const h = started(
      approvalFlow(
        { target: "PT2H", levels: [{ action: "auto-reject", after: "PT1H" }] },
        { mode: "all" },
      ),
    );
    const tasks = h.effects("task.create").map((t) => t.taskId);
    fire(h, 0);
    expect(h.effects("task.update")).toMatchObject([
      { taskId: tasks[0], complete: { outcome: "reject", auto: "sla" } },
    ]);
    expect(h.state.outcome).toBe("no");
    expect(h.effects("task.cancel").map((e) => e.taskId)).toEqual(tasks.slice(1));
    expect(logged(h, "approval.decided")).toMatchObject([{ outcome: "rejected", rejections: 1 }]);
    // Left before the target: met, and the target's timer is cancelled.
    expect(logged(h, "sla.met")).toMatchObject([{ dueAt: T0 + 2 * HOUR, margin: HOUR }]);
    expect(h.effects("timer.cancel")).toHaveLength(1);
  });
});

describe("SLA pause", () => {
  const sla = { target: "PT1H", levels: [{ action: "remind", after: "PT30M" }], allowPause: true };

  it("creates the next sequential approver's task paused while the clock is paused", () => {
    const h = started(approvalFlow(sla, { mode: "sequential" }));
    const [first] = h.effects("task.create");
    expect(first).toMatchObject({ sla: "on-track", dueAt: T0 + HOUR });
    h.clock.set(T0 + 10 * MIN);
    h.send({ type: "sla.pause", taskId: first!.taskId, paused: true, actor: "a" });
    h.send({ type: "task.completed", taskId: first!.taskId, outcome: "approve", actor: "a" });
    const [second] = h.effects("task.create");
    expect(second?.assignees).toEqual(["b"]);
    expect(second?.sla).toBe("paused");
    expect(second?.dueAt).toBeUndefined();
    // The clock is the node's: resuming from the new task continues with the time left.
    h.clock.set(T0 + 2 * HOUR);
    h.send({ type: "sla.pause", taskId: second!.taskId, paused: false, actor: "b" });
    expect(h.effects("task.update")).toMatchObject([
      { taskId: second!.taskId, sla: "on-track", dueAt: T0 + 2 * HOUR + 50 * MIN },
    ]);
  });

  it("pausing cancels every SLA timer and clears the due date; resuming reschedules the time left", () => {
    const h = started(taskFlow(sla));
    const [task] = h.effects("task.create");
    const timers = slaTimers(h).map((t) => t.timerId);
    h.clock.set(T0 + 10 * MIN);
    h.send({
      type: "sla.pause",
      taskId: task!.taskId,
      paused: true,
      actor: "a1",
      reason: "customer",
    });
    expect(
      h
        .effects("timer.cancel")
        .map((e) => e.timerId)
        .sort(),
    ).toEqual([...timers].sort());
    expect(logged(h, "sla.paused")).toMatchObject([{ by: "a1", reason: "customer" }]);
    expect(h.effects("task.update")).toMatchObject([
      { taskId: task!.taskId, sla: "paused", dueAt: null },
    ]);
    expect(clockOf(h).paused).toEqual({ at: T0 + 10 * MIN, by: "a1", reason: "customer" });
    expect(clockOf(h).deadlines.map((d) => [d.level, d.remaining, d.timerId])).toEqual([
      [-1, 50 * MIN, undefined],
      [0, 20 * MIN, undefined],
    ]);
    // Paused twice, or resumed when running: ignored.
    expect(
      h.send({ type: "sla.pause", taskId: task!.taskId, paused: true, actor: "a1" }).ignored,
    ).toMatch(/already paused/);
    // A timer the runtime fired before it saw the cancellation changes nothing.
    h.clock.set(T0 + HOUR);
    expect(h.send({ type: "timer.fired", timerId: timers[0]! }).ignored).toMatch(/no path waits/);

    const resumeAt = T0 + 3 * HOUR;
    h.clock.set(resumeAt);
    h.send({ type: "sla.pause", taskId: task!.taskId, paused: false, actor: "a2" });
    expect(slaTimers(h).map((t) => t.dueAt)).toEqual([resumeAt + 50 * MIN, resumeAt + 20 * MIN]);
    expect(slaTimers(h).some((t) => timers.includes(t.timerId))).toBe(false);
    expect(logged(h, "sla.resumed")).toMatchObject([
      { by: "a2", pausedMs: 170 * MIN, nextDueAt: resumeAt + 50 * MIN },
    ]);
    expect(h.effects("task.update")).toMatchObject([
      { taskId: task!.taskId, sla: "on-track", dueAt: resumeAt + 50 * MIN },
    ]);
    expect(clockOf(h)).toMatchObject({ pausedMs: 170 * MIN, targetDueAt: resumeAt + 50 * MIN });
    expect(clockOf(h).paused).toBeUndefined();
    expect(
      h.send({ type: "sla.pause", taskId: task!.taskId, paused: false, actor: "a2" }).ignored,
    ).toMatch(/not paused/);
    expect(h.send({ type: "timer.fired", timerId: timers[1]! }).ignored).toMatch(/no path waits/);

    h.clock.set(resumeAt + 40 * MIN);
    complete(h);
    expect(logged(h, "sla.met")).toMatchObject([{ dueAt: resumeAt + 50 * MIN, margin: 10 * MIN }]);
  });

  it("a pause of a task without a clock, or of an unknown task, is ignored", () => {
    const plain = started(around(["t", "task", { assignees: agents }]));
    const [task] = plain.effects("task.create");
    expect(
      plain.send({ type: "sla.pause", taskId: task!.taskId, paused: true, actor: "a1" }).ignored,
    ).toMatch(/no SLA clock/);
    expect(
      plain.send({ type: "sla.pause", taskId: "nope", paused: true, actor: "a1" }).ignored,
    ).toMatch(/no path waits/);
  });

  it("a task completed while paused is met with the time that was left", () => {
    const h = started(taskFlow(sla));
    const [task] = h.effects("task.create");
    h.clock.set(T0 + 10 * MIN);
    h.send({ type: "sla.pause", taskId: task!.taskId, paused: true, actor: "a1" });
    h.clock.set(T0 + 5 * HOUR);
    complete(h);
    expect(logged(h, "sla.met")).toMatchObject([{ margin: 50 * MIN }]);
    expect(h.effects("timer.cancel")).toEqual([]);
  });

  it("business calendar: a pause over a weekend resumes with the working time left", () => {
    // Friday 9 Jan 2026, 16:00 in Shanghai. Target PT4H of working time: Fri 16:00–18:00 (2 h)
    // and Mon 12 Jan 09:00–11:00 (2 h) → Mon 11:00. The remind level, PT2H, falls due on Friday
    // at 18:00, the end of the working day.
    const start = Date.parse("2026-01-09T16:00:00+08:00");
    const h = started(
      taskFlow({
        target: "PT4H",
        calendar: "business",
        levels: [{ action: "remind", after: "PT2H" }],
        allowPause: true,
      }),
      { at: start, business: true },
    );
    const [task] = h.effects("task.create");
    expect(slaTimers(h).map((t) => t.dueAt)).toEqual([
      Date.parse("2026-01-12T11:00:00+08:00"),
      Date.parse("2026-01-09T18:00:00+08:00"),
    ]);
    // Paused on Friday at 17:00: 3 working hours left on the target, 1 on the level.
    h.clock.set(Date.parse("2026-01-09T17:00:00+08:00"));
    h.send({ type: "sla.pause", taskId: task!.taskId, paused: true, actor: "a1" });
    expect(clockOf(h).deadlines.map((d) => d.remaining)).toEqual([3 * HOUR, HOUR]);
    // Resumed on Monday at 10:00. Target: 10:00–12:00 (2 h), lunch, 13:00–14:00 (1 h) → 14:00.
    // Level: 10:00–11:00 → 11:00. The weekend counted for nothing, paused or not.
    h.clock.set(Date.parse("2026-01-12T10:00:00+08:00"));
    h.send({ type: "sla.pause", taskId: task!.taskId, paused: false, actor: "a1" });
    expect(slaTimers(h).map((t) => t.dueAt)).toEqual([
      Date.parse("2026-01-12T14:00:00+08:00"),
      Date.parse("2026-01-12T11:00:00+08:00"),
    ]);
    expect(h.effects("task.update")[0]?.dueAt).toBe(Date.parse("2026-01-12T14:00:00+08:00"));
  });

  it("business calendar: a pause over National Day resumes with the working time left", () => {
    // Wednesday 30 Sep 2026, 15:00. Target PT16H of working time: 30 Sep 15:00–18:00 (3 h);
    // 1–7 Oct are holidays; Thu 8 Oct (8 h, total 11 h); Fri 9 Oct 09:00–12:00 and 13:00–15:00
    // (5 h) → Fri 9 Oct 15:00.
    const h = started(
      taskFlow({
        target: "PT16H",
        calendar: "business",
        levels: [{ action: "remind", after: "PT1H" }],
      }),
      { at: Date.parse("2026-09-30T15:00:00+08:00"), business: true },
    );
    const [task] = h.effects("task.create");
    expect(task?.dueAt).toBe(Date.parse("2026-10-09T15:00:00+08:00"));
    // The remind level (PT1H) fires at 16:00, so only the target is left when the clock is
    // paused on 30 Sep at 17:00: 2 h worked, 14 h left.
    fire(h, 0);
    h.clock.set(Date.parse("2026-09-30T17:00:00+08:00"));
    h.send({ type: "sla.pause", taskId: task!.taskId, paused: true, actor: "a1" });
    expect(clockOf(h).deadlines.map((d) => [d.level, d.remaining])).toEqual([[-1, 14 * HOUR]]);
    // Resumed on Thu 8 Oct at 14:00, the first working day after the holiday: 14:00–18:00
    // (4 h), Fri 9 Oct (8 h, total 12 h), then Sat 10 Oct, a make-up working day (调休),
    // 09:00–11:00 (2 h) → Sat 10 Oct 11:00.
    h.clock.set(Date.parse("2026-10-08T14:00:00+08:00"));
    h.send({ type: "sla.pause", taskId: task!.taskId, paused: false, actor: "a1" });
    expect(slaTimers(h).map((t) => t.dueAt)).toEqual([Date.parse("2026-10-10T11:00:00+08:00")]);
    expect(logged(h, "sla.resumed")).toMatchObject([
      {
        pausedMs: Date.parse("2026-10-08T14:00:00+08:00") - Date.parse("2026-09-30T17:00:00+08:00"),
      },
    ]);
  });

  it("business calendar: resumed during the holiday, the clock starts again on 8 Oct 09:00", () => {
    // 14 working hours left from Sat 3 Oct (a holiday): Thu 8 Oct 09:00–18:00 (8 h), Fri 9 Oct
    // 09:00–12:00 and 13:00–16:00 (6 h) → Fri 9 Oct 16:00.
    const h = started(
      taskFlow({
        target: "PT16H",
        calendar: "business",
        levels: [{ action: "remind", after: "PT8H" }],
      }),
      {
        at: Date.parse("2026-09-30T15:00:00+08:00"),
        business: true,
      },
    );
    const [task] = h.effects("task.create");
    h.clock.set(Date.parse("2026-09-30T17:00:00+08:00"));
    h.send({ type: "sla.pause", taskId: task!.taskId, paused: true, actor: "a1" });
    h.clock.set(Date.parse("2026-10-03T10:00:00+08:00"));
    h.send({ type: "sla.pause", taskId: task!.taskId, paused: false, actor: "a1" });
    // The level had PT8H − 2 h = 6 h left: 8 Oct 09:00–12:00, 13:00–16:00 → 8 Oct 16:00.
    expect(slaTimers(h).map((t) => t.dueAt)).toEqual([
      Date.parse("2026-10-09T16:00:00+08:00"),
      Date.parse("2026-10-08T16:00:00+08:00"),
    ]);
  });

  it("Friday 17:00 before Qingming + PT2H business is due Tuesday 10:00", () => {
    // Fri 3 Apr 2026 17:00–18:00 counts 1 h; Sat 4 – Mon 6 Apr are the Qingming holiday; the
    // second hour is Tue 7 Apr 09:00–10:00. A level on the natural calendar is 2 h later, 19:00.
    const h = started(
      taskFlow({
        target: "PT2H",
        calendar: "business",
        levels: [{ action: "remind", after: "PT2H", calendar: "natural" }],
      }),
      { at: Date.parse("2026-04-03T17:00:00+08:00"), business: true },
    );
    expect(slaTimers(h).map((t) => t.dueAt)).toEqual([
      Date.parse("2026-04-07T10:00:00+08:00"),
      Date.parse("2026-04-03T19:00:00+08:00"),
    ]);
    expect(h.effects("task.create")[0]?.dueAt).toBe(Date.parse("2026-04-07T10:00:00+08:00"));
  });

  it("pauseWhen: a record field pauses the clock and resumes it on record.changed", () => {
    const flow = taskFlow({
      ...sla,
      pauseWhen: { "==": [{ var: "record.status" }, "waiting-customer"] },
    });
    const h = started(flow, { record: { id: "r", data: { status: "open" } } });
    expect(clockOf(h).paused).toBeUndefined();
    expect(h.state.tokens[0]?.wait?.record).toBe(true);
    const timers = slaTimers(h).map((t) => t.timerId);
    // A change that leaves the rule false does nothing.
    h.clock.set(T0 + 5 * MIN);
    h.record = { id: "r", data: { status: "in-progress" } };
    expect(h.send({ type: "record.changed", recordId: "r" }).effects).toEqual([]);

    h.clock.set(T0 + 10 * MIN);
    h.record = { id: "r", data: { status: "waiting-customer" } };
    h.send({ type: "record.changed", recordId: "r" });
    expect(logged(h, "sla.paused")).toMatchObject([{ by: "system", reason: "pauseWhen" }]);
    expect(
      h
        .effects("timer.cancel")
        .map((e) => e.timerId)
        .sort(),
    ).toEqual([...timers].sort());
    // Still waiting for the customer: nothing happens.
    h.clock.set(T0 + 20 * MIN);
    expect(h.send({ type: "record.changed", recordId: "r" }).effects).toEqual([]);

    h.clock.set(T0 + HOUR);
    h.record = { id: "r", data: { status: "open" } };
    h.send({ type: "record.changed", recordId: "r" });
    expect(logged(h, "sla.resumed")).toMatchObject([{ by: "system", pausedMs: 50 * MIN }]);
    expect(slaTimers(h).map((t) => t.dueAt)).toEqual([T0 + HOUR + 50 * MIN, T0 + HOUR + 20 * MIN]);
    expect(h.state.status).toBe("waiting");
  });

  it("pauseWhen: a clock that starts while the rule holds starts paused", () => {
    const flow = taskFlow({ ...sla, pauseWhen: { var: "record.waiting" } });
    const h = started(flow, { record: { id: "r", data: { waiting: true } } });
    const [task] = h.effects("task.create");
    expect(clockOf(h).paused).toMatchObject({ by: "system", reason: "pauseWhen" });
    expect(h.effects("task.update")).toMatchObject([
      { taskId: task!.taskId, sla: "paused", dueAt: null },
    ]);
    expect(clockOf(h).deadlines.map((d) => d.remaining)).toEqual([HOUR, 30 * MIN]);
  });

  it("pauseWhen does not resume a pause a person made", () => {
    const flow = taskFlow({ ...sla, pauseWhen: { var: "record.waiting" } });
    const h = started(flow, { record: { id: "r", data: { waiting: false } } });
    const [task] = h.effects("task.create");
    h.send({ type: "sla.pause", taskId: task!.taskId, paused: true, actor: "a1" });
    h.send({ type: "record.changed", recordId: "r" });
    expect(clockOf(h).paused).toMatchObject({ by: "a1" });
    expect(h.last?.effects).toEqual([]);
  });
});

describe("SLA: the claim task escalated to a director after 15 minutes", () => {
  it("schedules the level exactly 15 minutes after activation and adds the director when it fires", () => {
    const h = started(
      taskFlow(
        { levels: [{ action: "escalate", after: "PT15M", to: director }] },
        { assignment: "claim" },
      ),
    );
    const [task] = h.effects("task.create");
    expect(task).toMatchObject({
      assignees: ["a1", "a2"],
      assignment: "claim",
      dueAt: T0 + 15 * MIN,
    });
    // One timer, due at minute 15 exactly: nothing can fire at minute 14.
    expect(slaTimers(h).map((t) => t.dueAt)).toEqual([T0 + 15 * MIN]);
    fire(h, 0);
    expect(h.clock.now()).toBe(T0 + 15 * MIN);
    expect(h.effects("task.update")).toMatchObject([
      { taskId: task!.taskId, addAssignees: ["dir"] },
    ]);
    expect(logged(h, "sla.level")).toMatchObject([
      { action: "escalate", users: ["dir"], tasks: [task!.taskId] },
    ]);
    // The director, now a holder, completes it.
    h.send({ type: "task.completed", taskId: task!.taskId, outcome: "complete", actor: "dir" });
    expect(h.state.status).toBe("completed");
    expect(h.state.outputs.t).toMatchObject({ actor: "dir" });
  });
});
