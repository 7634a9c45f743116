import { describe, expect, it } from "vitest";
import { buildFlow, flowDocument, type NodeSpec } from "../../fixtures/build.ts";
import { type Harness, harness, T0 } from "../../fixtures/harness.ts";
import { around, configIssues } from "../../fixtures/node-cases.ts";
import type { HistoryEntry } from "../../model/history.ts";
import { validateFlow } from "../../validate-flow.ts";
import type { RecordSnapshot } from "../node-context.ts";
import type { Tally } from "./tally.ts";

const HOUR = 3_600_000;
const people = {
  roles: { board: ["a", "b", "c"], pair: ["a", "b"], solo: ["a"], director: ["dir"] },
};
const role = (name: string) => [{ kind: "role", role: name }];
const user = (userId: string) => [{ kind: "user", userId }];
const ports: ReadonlyArray<readonly [string, string]> = [
  ["approved", "yes"],
  ["rejected", "no"],
];

/** The tally of the waiting approval. */
function tallyOf(h: Harness): Tally {
  const data = h.state.tokens.find((t) => t.status === "waiting")?.wait?.data;
  if (!data) throw new Error("no waiting approval");
  return data as unknown as Tally;
}

/** The open task of `who`. */
function taskOf(h: Harness, who: string): string {
  const found = Object.entries(tallyOf(h).pending).find(([, u]) => u === who)?.[0];
  if (!found) throw new Error(`${who} has no open task`);
  return found;
}

/** Who holds an open task, in task order. */
const asked = (h: Harness) => Object.values(tallyOf(h).pending);

function decide(h: Harness, who: string, outcome: "approve" | "reject") {
  return h.send({ type: "task.completed", taskId: taskOf(h, who), outcome, actor: who });
}

function sign(h: Harness, who: string, position: "before" | "after", users: string[]) {
  return h.send({ type: "task.signers", taskId: taskOf(h, who), position, users, actor: who });
}

function logged<T extends HistoryEntry["type"]>(h: Harness, type: T) {
  return (h.last?.history ?? []).filter((e): e is Extract<HistoryEntry, { type: T }> => {
    return e.type === type;
  });
}

/** An approval of `approvers` around which the flow is built, started by kam. */
function approval(config: Record<string, unknown>, record?: RecordSnapshot): Harness {
  const h = harness(around(["ap", "approval", config], ports), {
    directory: people,
    ...(record ? { record } : {}),
  });
  h.send({ type: "start", initiator: "kam", ...(record ? { recordId: record.id } : {}) });
  return h;
}

describe("return (退回)", () => {
  /** start → first (f) → second (b, may return to first) → yes / no. */
  const twoApprovals = (second: Record<string, unknown> = {}) =>
    buildFlow(
      [
        ["start", "start"],
        ["first", "approval", { approvers: user("f") }],
        [
          "second",
          "approval",
          { approvers: user("b"), actions: { return: { targets: ["first"] } }, ...second },
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

  it("re-enters an earlier approval, which asks its approvers again", () => {
    const h = harness(twoApprovals({ cc: { to: user("boss"), on: ["returned"] } }), {
      directory: people,
    });
    h.send({ type: "start", initiator: "kam" });
    decide(h, "f", "approve");
    const bTask = taskOf(h, "b");
    h.clock.set(T0 + HOUR);
    h.send({
      type: "task.completed",
      taskId: bTask,
      outcome: "return",
      returnTo: "first",
      actor: "b",
      comment: "numbers are wrong",
    });
    expect(logged(h, "approval.returned")).toMatchObject([
      { to: "first", actor: "b", taskId: bTask, comment: "numbers are wrong", nodeId: "second" },
    ]);
    expect(logged(h, "token.returned")).toMatchObject([{ from: "second", to: "first" }]);
    expect(logged(h, "node.entered")).toMatchObject([{ nodeId: "first", nodeType: "approval" }]);
    expect(h.state.tokens).toMatchObject([
      { nodeId: "first", status: "waiting", returned: { from: "second", by: "b" } },
    ]);
    expect(h.effects("task.create")).toMatchObject([{ nodeId: "first", assignees: ["f"] }]);
    expect(h.effects("outbox.enqueue")).toMatchObject([
      { payload: { event: "approval.returned", to: ["boss"], nodeId: "second" } },
    ]);
    expect(h.state.outputs.second).toMatchObject({ outcome: "returned", to: "first" });
    // The re-entered approval starts a fresh tally, and the flow goes on from there.
    expect(tallyOf(h).decisions).toEqual([]);
    decide(h, "f", "approve");
    expect(h.effects("task.create")).toMatchObject([{ nodeId: "second", assignees: ["b"] }]);
    expect(h.state.tokens[0]?.returned).toBeUndefined();
    decide(h, "b", "approve");
    expect(h.state.outcome).toBe("yes");
  });

  it("sends no CC on a return unless `returned` is asked for", () => {
    const h = harness(twoApprovals({ cc: { to: user("boss") } }), { directory: people });
    h.send({ type: "start", initiator: "kam" });
    decide(h, "f", "approve");
    h.send({
      type: "task.completed",
      taskId: taskOf(h, "b"),
      outcome: "return",
      returnTo: "first",
      actor: "b",
    });
    expect(h.effects("outbox.enqueue")).toEqual([]);
    expect(h.state.tokens[0]?.nodeId).toBe("first");
  });

  it("cancels the other approvers' tasks when one returns", () => {
    const h = approval({
      approvers: role("pair"),
      mode: "all",
      actions: { return: { targets: ["start"] } },
    });
    const bTask = taskOf(h, "b");
    h.send({
      type: "task.completed",
      taskId: taskOf(h, "a"),
      outcome: "return",
      returnTo: "start",
      actor: "a",
    });
    expect(h.effects("task.cancel").map((e) => e.taskId)).toEqual([bTask]);
  });

  it("to the start: the initiator revises and resubmits, and the flow runs again", () => {
    const h = approval(
      { approvers: user("b"), actions: { return: { targets: ["start"] } } },
      { id: "r1", data: { amount: 5000, note: "x" } },
    );
    h.send({
      type: "task.completed",
      taskId: taskOf(h, "b"),
      outcome: "return",
      returnTo: "start",
      actor: "b",
    });
    const [resubmit] = h.effects("task.create");
    expect(resubmit).toMatchObject({
      nodeId: "start",
      kind: "task",
      assignees: ["kam"],
      assignment: "single",
    });
    expect(h.state.tokens).toMatchObject([
      { nodeId: "start", status: "waiting", returned: { from: "ap", by: "b" } },
    ]);
    h.send({
      type: "task.completed",
      taskId: resubmit!.taskId,
      outcome: "complete",
      actor: "kam",
      data: { amount: 4000 },
    });
    expect(h.effects("record.update")).toMatchObject([
      { recordId: "r1", patch: { amount: 4000 }, nodeId: "start" },
    ]);
    expect(h.record?.data).toEqual({ amount: 4000, note: "x" });
    expect(h.state.outputs.start).toEqual({ resubmitted: true, data: { amount: 4000 } });
    expect(logged(h, "node.left")).toMatchObject([{ nodeId: "start", port: "out" }]);
    expect(h.effects("task.create")).toMatchObject([{ nodeId: "ap", assignees: ["b"] }]);
    decide(h, "b", "approve");
    expect(h.state.outcome).toBe("yes");
  });

  it("to the start without data: nothing is written, the flow runs again", () => {
    const h = approval(
      { approvers: user("b"), actions: { return: { targets: ["start"] } } },
      { id: "r1", data: { amount: 5000 } },
    );
    h.send({
      type: "task.completed",
      taskId: taskOf(h, "b"),
      outcome: "return",
      returnTo: "start",
      actor: "b",
    });
    const [resubmit] = h.effects("task.create");
    h.send({ type: "task.completed", taskId: resubmit!.taskId, outcome: "complete", actor: "kam" });
    expect(h.effects("record.update")).toEqual([]);
    expect(asked(h)).toEqual(["b"]);
  });

  it("to the start of an instance without an initiator: an incident at the start", () => {
    const h = harness(
      around(
        ["ap", "approval", { approvers: user("b"), actions: { return: { targets: ["start"] } } }],
        ports,
      ),
      { directory: people },
    );
    h.send({ type: "start" });
    h.send({
      type: "task.completed",
      taskId: taskOf(h, "b"),
      outcome: "return",
      returnTo: "start",
      actor: "b",
    });
    expect(h.state.incident).toMatchObject({ code: "FLOW_NO_ASSIGNEES", nodeId: "start" });
  });

  it("inside a parallel branch: the path keeps its fork, and the join still counts it", () => {
    const flow = buildFlow(
      [
        ["start", "start"],
        ["p", "parallel"],
        ["x", "task", { assignees: user("x") }],
        ["apx", "approval", { approvers: user("b"), actions: { return: { targets: ["x"] } } }],
        ["y", "task", { assignees: user("y") }],
        ["j", "join"],
        ["yes", "end", { outcome: "yes" }],
        ["no", "end", { outcome: "no", terminate: true }],
      ],
      [
        ["e1", "start", "p"],
        ["e2", "p", "x"],
        ["e3", "p", "y"],
        ["e4", "x", "apx"],
        ["e5", "apx", "j", { sourceHandle: "approved" }],
        ["e6", "apx", "no", { sourceHandle: "rejected" }],
        ["e7", "y", "j"],
        ["e8", "j", "yes"],
      ],
    );
    const h = harness(flow, { directory: people });
    h.send({ type: "start", initiator: "kam" });
    const done = (taskId: string, actor: string) =>
      h.send({ type: "task.completed", taskId, outcome: "complete", actor });
    const [tx, ty] = h.effects("task.create");
    const branch = h.state.tokens.find((t) => t.nodeId === "x")?.scope;
    done(ty!.taskId, "y");
    done(tx!.taskId, "x");
    h.send({
      type: "task.completed",
      taskId: h.effects("task.create")[0]!.taskId,
      outcome: "return",
      returnTo: "x",
      actor: "b",
    });
    expect(h.state.tokens).toMatchObject([{ nodeId: "x", scope: branch }]);
    expect(Object.values(h.state.joins)).toEqual([{ arrived: [1], released: false }]);
    done(h.effects("task.create")[0]!.taskId, "x");
    h.send({
      type: "task.completed",
      taskId: h.effects("task.create")[0]!.taskId,
      outcome: "approve",
      actor: "b",
    });
    expect(h.state).toMatchObject({ status: "completed", outcome: "yes" });
  });

  it("to a target the node does not allow: an incident on the return targets", () => {
    const h = approval({ approvers: user("b"), actions: { return: { targets: ["start"] } } });
    h.send({
      type: "task.completed",
      taskId: taskOf(h, "b"),
      outcome: "return",
      returnTo: "yes",
      actor: "b",
    });
    expect(h.state.incident).toMatchObject({
      code: "FLOW_RETURN_TARGET_UNKNOWN",
      pointer: "/nodes/1/config/actions/return/targets",
      params: { target: "yes" },
      nodeId: "ap",
    });
    expect(h.state.outcome).toBeUndefined();
    const none = approval({ approvers: user("b") });
    none.send({
      type: "task.completed",
      taskId: taskOf(none, "b"),
      outcome: "return",
      returnTo: "start",
      actor: "b",
    });
    expect(none.state.incident).toMatchObject({ code: "FLOW_RETURN_TARGET_UNKNOWN" });
    expect(none.state.tokens[0]?.nodeId).toBe("ap");
  });
});

describe("add signer (加签) before", () => {
  it("any: the adder's task is closed, the signer asked, then the adder again, then the decision", () => {
    const h = approval({ approvers: role("pair"), mode: "any" });
    const aTask = taskOf(h, "a");
    const bTask = taskOf(h, "b");
    sign(h, "a", "before", ["s"]);
    expect(logged(h, "signers.added")).toMatchObject([
      { position: "before", users: ["s"], by: "a", taskId: aTask, nodeId: "ap" },
    ]);
    // The path no longer waits for the adder's task. The runtime has already completed it with
    // the action, so the cancel the interpreter sends for it finds it closed and changes nothing.
    expect(h.state.tokens[0]?.wait?.tasks).not.toContain(aTask);
    expect(h.effects("task.cancel")).toMatchObject([{ taskId: aTask }]);
    expect(h.effects("task.create")).toMatchObject([{ assignees: ["s"], kind: "approval" }]);
    expect(taskOf(h, "b")).toBe(bTask);
    expect(asked(h).sort()).toEqual(["b", "s"]);

    decide(h, "s", "approve");
    expect(h.state.status).toBe("waiting");
    expect(h.effects("task.create")).toMatchObject([{ assignees: ["a"] }]);
    expect(taskOf(h, "a")).not.toBe(aTask);
    decide(h, "a", "approve");
    expect(h.state.outcome).toBe("yes");
    expect(h.effects("task.cancel").map((e) => e.taskId)).toEqual([bTask]);
  });

  it("any: another approver decides while the signer is pending; the signer's task is cancelled", () => {
    const h = approval({ approvers: role("pair"), mode: "any" });
    sign(h, "a", "before", ["s"]);
    const sTask = taskOf(h, "s");
    decide(h, "b", "approve");
    expect(h.state.outcome).toBe("yes");
    expect(h.effects("task.cancel").map((e) => e.taskId)).toEqual([sTask]);
  });

  it("all: everyone's decision is needed, the adder's only after the signer's", () => {
    const h = approval({ approvers: role("pair"), mode: "all" });
    sign(h, "a", "before", ["s"]);
    expect(asked(h).sort()).toEqual(["b", "s"]);
    decide(h, "b", "approve");
    expect(asked(h)).toEqual(["s"]);
    decide(h, "s", "approve");
    expect(asked(h)).toEqual(["a"]);
    decide(h, "a", "approve");
    expect(h.state.outcome).toBe("yes");
    expect(h.state.outputs.ap).toMatchObject({
      outcome: "approved",
      decisions: [
        { user: "b", decision: "approve" },
        { user: "s", decision: "approve" },
        { user: "a", decision: "approve" },
      ],
    });
  });

  it("all: the signer's rejection is the adder's rejection", () => {
    const h = approval({ approvers: role("pair"), mode: "all" });
    const bTask = taskOf(h, "b");
    sign(h, "a", "before", ["s"]);
    decide(h, "s", "reject");
    expect(h.state.outcome).toBe("no");
    expect(h.history.find((e) => e.type === "approval.decided")).toMatchObject({
      outcome: "rejected",
      rejections: 1,
      approvals: 0,
      total: 2,
    });
    expect(h.effects("task.cancel").map((e) => e.taskId)).toEqual([bTask]);
  });

  it("sequential: the signer goes first, then the adder, then the next approver", () => {
    const h = approval({ approvers: role("pair"), mode: "sequential" });
    expect(asked(h)).toEqual(["a"]);
    sign(h, "a", "before", ["s"]);
    expect(asked(h)).toEqual(["s"]);
    decide(h, "s", "approve");
    expect(asked(h)).toEqual(["a"]);
    decide(h, "a", "approve");
    expect(asked(h)).toEqual(["b"]);
    expect(h.effects("task.create")).toMatchObject([{ assignees: ["b"], sequence: 1 }]);
    decide(h, "b", "approve");
    expect(h.state.outcome).toBe("yes");
  });

  it("a signer may add a signer of their own", () => {
    const h = approval({ approvers: role("solo"), mode: "all" });
    sign(h, "a", "before", ["s"]);
    sign(h, "s", "before", ["t"]);
    expect(asked(h)).toEqual(["t"]);
    decide(h, "t", "approve");
    expect(asked(h)).toEqual(["s"]);
    decide(h, "s", "approve");
    expect(asked(h)).toEqual(["a"]);
    decide(h, "a", "approve");
    expect(h.state.outcome).toBe("yes");
  });
});

describe("add signer (加签) after", () => {
  it("counts as the adder's approval, which stands once the signer approves", () => {
    const h = approval({ approvers: role("solo"), mode: "all" });
    const aTask = taskOf(h, "a");
    sign(h, "a", "after", ["s"]);
    expect(tallyOf(h).decisions).toMatchObject([{ user: "a", decision: "approve", taskId: aTask }]);
    expect(asked(h)).toEqual(["s"]);
    expect(h.state.status).toBe("waiting");
    decide(h, "s", "approve");
    expect(h.state.outcome).toBe("yes");
    expect(h.history.find((e) => e.type === "approval.decided")).toMatchObject({
      approvals: 1,
      total: 1,
    });
  });

  it("a signer's rejection is the adder's rejection", () => {
    const h = approval({ approvers: role("solo"), mode: "all" });
    sign(h, "a", "after", ["s"]);
    decide(h, "s", "reject");
    expect(h.state.outcome).toBe("no");
  });

  it("any: the adder's approval does not decide before the signer's", () => {
    const h = approval({ approvers: role("pair"), mode: "any" });
    const bTask = taskOf(h, "b");
    sign(h, "a", "after", ["s"]);
    expect(h.state.status).toBe("waiting");
    expect(asked(h).sort()).toEqual(["b", "s"]);
    decide(h, "s", "approve");
    expect(h.state.outcome).toBe("yes");
    expect(h.effects("task.cancel").map((e) => e.taskId)).toEqual([bTask]);
  });
});

describe("add signer: people already taking part", () => {
  it("are left out and listed as ignored", () => {
    const h = approval({ approvers: role("board"), mode: "all" });
    const bTask = taskOf(h, "b");
    sign(h, "a", "before", ["b", "s", "a"]);
    expect(logged(h, "signers.added")).toMatchObject([
      { users: ["s"], ignored: ["b", "a"], by: "a" },
    ]);
    expect(h.effects("task.create").map((t) => t.assignees)).toEqual([["s"]]);
    expect(taskOf(h, "b")).toBe(bTask);
    expect(tallyOf(h).signers).toEqual([{ user: "s", by: "a", position: "before" }]);
    // A signer already added is taken too.
    sign(h, "c", "after", ["s"]);
    expect(logged(h, "signers.added")).toMatchObject([{ users: [], ignored: ["s"], by: "c" }]);
    expect(tallyOf(h).signers).toHaveLength(1);
  });

  it("when nobody new is added before, the adder is simply asked again", () => {
    const h = approval({ approvers: role("pair"), mode: "all" });
    const aTask = taskOf(h, "a");
    sign(h, "a", "before", ["b"]);
    expect(logged(h, "signers.added")).toMatchObject([{ users: [], ignored: ["b"] }]);
    expect(asked(h).sort()).toEqual(["a", "b"]);
    expect(taskOf(h, "a")).not.toBe(aTask);
  });
});

describe("escalation", () => {
  it("an escalation target completing the task decides for the slot's approver, as actor", () => {
    const h = approval({
      approvers: role("pair"),
      mode: "all",
      sla: { levels: [{ action: "escalate", after: "PT1H", to: role("director") }] },
    });
    const aTask = taskOf(h, "a");
    const [timer] = h.effects("timer.schedule");
    h.clock.set(T0 + HOUR);
    h.send({ type: "timer.fired", timerId: timer!.timerId });
    expect(h.effects("task.update").map((e) => [e.taskId, e.addAssignees])).toEqual([
      [aTask, ["dir"]],
      [taskOf(h, "b"), ["dir"]],
    ]);
    h.send({ type: "task.completed", taskId: aTask, outcome: "approve", actor: "dir" });
    expect(tallyOf(h).decisions).toEqual([
      { user: "a", decision: "approve", taskId: aTask, at: T0 + HOUR, actor: "dir" },
    ]);
    expect(asked(h)).toEqual(["b"]);
    decide(h, "b", "approve");
    expect(h.state.outcome).toBe("yes");
    expect(h.state.outputs.ap).toMatchObject({
      decisions: [
        { user: "a", actor: "dir" },
        { user: "b", decision: "approve" },
      ],
    });
  });
});

describe("publish checks", () => {
  const branches = (ap: NodeSpec, inBranch: boolean) =>
    flowDocument(
      [
        ["start", "start"],
        ["before", "task", { assignees: user("kam") }],
        ["p", "parallel"],
        ["x", "task", { assignees: user("x") }],
        ["y", "task", { assignees: user("y") }],
        ["j", "join"],
        ap,
        ["yes", "end", { outcome: "yes" }],
        ["no", "end", { outcome: "no", terminate: true }],
      ],
      inBranch
        ? [
            ["e1", "start", "before"],
            ["e2", "before", "p"],
            ["e3", "p", "x"],
            ["e4", "p", "y"],
            ["e5", "x", "ap"],
            ["e6", "ap", "j", { sourceHandle: "approved" }],
            ["e7", "ap", "no", { sourceHandle: "rejected" }],
            ["e8", "y", "j"],
            ["e9", "j", "yes"],
          ]
        : [
            ["e1", "start", "before"],
            ["e2", "before", "p"],
            ["e3", "p", "x"],
            ["e4", "p", "y"],
            ["e5", "x", "j"],
            ["e6", "y", "j"],
            ["e7", "j", "ap"],
            ["e8", "ap", "yes", { sourceHandle: "approved" }],
            ["e9", "ap", "no", { sourceHandle: "rejected" }],
          ],
    );
  const returning = (targets: string[]): NodeSpec => [
    "ap",
    "approval",
    { approvers: user("b"), actions: { return: { targets } } },
  ];
  const issues = (doc: unknown) => {
    const result = validateFlow(doc);
    return result.ok ? [] : result.issues.map(({ code, pointer }) => ({ code, pointer }));
  };

  it("a return from after a join into one branch is refused; before the fork is fine", () => {
    expect(issues(branches(returning(["x", "before", "start"]), false))).toEqual([
      {
        code: "FLOW_RETURN_TARGET_OTHER_BRANCH",
        pointer: "/nodes/6/config/actions/return/targets/0",
      },
    ]);
  });

  it("a return from inside a branch may stay in it, not leave the fork", () => {
    expect(issues(branches(returning(["x"]), true))).toEqual([]);
    expect(issues(branches(returning(["before", "y"]), true))).toEqual([
      {
        code: "FLOW_RETURN_TARGET_OTHER_BRANCH",
        pointer: "/nodes/6/config/actions/return/targets/0",
      },
      {
        code: "FLOW_RETURN_TARGET_NOT_EARLIER",
        pointer: "/nodes/6/config/actions/return/targets/1",
      },
    ]);
  });

  it("auto-approve and auto-reject levels are refused on task nodes only", () => {
    const sla = {
      levels: [
        { action: "remind", after: "PT1H" },
        { action: "auto-approve", after: "PT2H" },
        { action: "auto-reject", after: "PT3H" },
      ],
    };
    expect(configIssues("task", { assignees: user("a"), sla })).toEqual([
      { code: "FLOW_SLA_ACTION_UNSUPPORTED", pointer: "/nodes/1/config/sla/levels/1/action" },
      { code: "FLOW_SLA_ACTION_UNSUPPORTED", pointer: "/nodes/1/config/sla/levels/2/action" },
    ]);
    // (The approval here lacks its port edges; only the SLA check matters.)
    expect(
      configIssues("approval", { approvers: user("a"), sla }).filter(
        (i) => i.code === "FLOW_SLA_ACTION_UNSUPPORTED",
      ),
    ).toEqual([]);
  });
});

describe("add signer on a node without signers", () => {
  it("leaves a task node waiting for its task", () => {
    const h = harness(around(["work", "task", { assignees: user("a") }]), { directory: people });
    h.send({ type: "start", initiator: "kam" });
    const [taskId] = h.state.tokens[0]?.wait?.tasks ?? [];
    h.send({
      type: "task.signers",
      taskId: taskId ?? "",
      position: "before",
      users: ["b"],
      actor: "a",
    });
    expect(h.state.tokens[0]?.wait?.tasks).toEqual([taskId]);
    expect(h.effects("task.cancel")).toEqual([]);
    h.send({ type: "task.completed", taskId: taskId ?? "", outcome: "complete", actor: "a" });
    expect(h.state.status).toBe("completed");
  });
});

describe("transfer (转交)", () => {
  it("puts the new holder in the former holder's place, so re-asks go to them", () => {
    const h = approval({ approvers: role("pair"), mode: "all" });
    const aTask = taskOf(h, "a");
    h.send({ type: "task.transferred", taskId: aTask, from: "a", to: "x", actor: "a" });
    expect(tallyOf(h).approvers).toEqual(["x", "b"]);
    expect(taskOf(h, "x")).toBe(aTask);
    expect(h.effects("task.cancel")).toEqual([]);
    sign(h, "x", "before", ["s"]);
    decide(h, "s", "approve");
    // The holder is asked again after the signer: the new one, not the former.
    expect(asked(h).sort()).toEqual(["b", "x"]);
    decide(h, "x", "approve");
    decide(h, "b", "approve");
    expect(h.state.status).toBe("completed");
  });
});
