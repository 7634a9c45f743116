import { describe, expect, expectTypeOf, it } from "vitest";
import type { NodeConfig } from "../../../../schemas/index.ts";
import { harness } from "../../fixtures/harness.ts";
import { around, configIssues } from "../../fixtures/node-cases.ts";
import type { approvalNode } from "./index.ts";

const board = { roles: { board: ["a", "b", "c"] }, admins: ["admin"] };
const ports: ReadonlyArray<readonly [string, string]> = [
  ["approved", "yes"],
  ["rejected", "no"],
];
const flow = (config: Record<string, unknown>) =>
  around(["ap", "approval", { approvers: [{ kind: "role", role: "board" }], ...config }], ports);

/** Starts `config`'s approval as `initiator`; returns the driver and a decide helper. */
function run(config: Record<string, unknown>, initiator = "kam", directory = board) {
  const h = harness(flow(config), { directory });
  h.send({ type: "start", initiator });
  const decide = (user: string, outcome: "approve" | "reject") => {
    const task = h.state.tokens[0]?.wait?.data as { pending: Record<string, string> } | undefined;
    const taskId = Object.entries(task?.pending ?? {}).find(([, u]) => u === user)?.[0];
    if (!taskId) throw new Error(`${user} has no open task`);
    return h.send({ type: "task.completed", taskId, outcome, actor: user });
  };
  return { h, decide };
}

describe("approval node", () => {
  it("types its config from its schema", () => {
    expectTypeOf<Parameters<typeof approvalNode.enter>[0]>().toEqualTypeOf<
      NodeConfig<"approval">
    >();
  });

  it("rejects an unknown mode and a vote threshold out of range", () => {
    expect(
      configIssues("approval", {
        approvers: [{ kind: "initiator" }],
        mode: "majority",
        votePercent: 0,
      }),
    ).toEqual([
      { code: "SHAPE_VALUE_NOT_ALLOWED", pointer: "/nodes/1/config/mode" },
      { code: "SHAPE_OUT_OF_RANGE", pointer: "/nodes/1/config/votePercent" },
    ]);
  });

  it("any: the first decision counts and the other tasks are cancelled", () => {
    const { h, decide } = run({ mode: "any" });
    expect(h.effects("task.create").map((t) => t.assignees[0])).toEqual(["a", "b", "c"]);
    decide("b", "reject");
    expect(h.state.outcome).toBe("no");
    expect(h.effects("task.cancel")).toHaveLength(2);
    expect(h.last?.history.find((e) => e.type === "approval.decided")).toMatchObject({
      outcome: "rejected",
      rejections: 1,
      total: 3,
    });
  });

  it("all: everyone approves, and one rejection ends it", () => {
    const ok = run({ mode: "all" });
    ok.decide("a", "approve");
    ok.decide("c", "approve");
    expect(ok.h.state.status).toBe("waiting");
    ok.decide("b", "approve");
    expect(ok.h.state.outcome).toBe("yes");
    const no = run({ mode: "all" });
    no.decide("a", "approve");
    no.decide("b", "reject");
    expect(no.h.state.outcome).toBe("no");
    expect(no.h.effects("task.cancel")).toHaveLength(1);
  });

  it("sequential: asks one approver at a time, in order", () => {
    const { h, decide } = run({ mode: "sequential" });
    expect(h.effects("task.create").map((t) => [t.assignees[0], t.sequence])).toEqual([["a", 0]]);
    decide("a", "approve");
    expect(h.effects("task.create").map((t) => [t.assignees[0], t.sequence])).toEqual([["b", 1]]);
    decide("b", "approve");
    decide("c", "approve");
    expect(h.state.outcome).toBe("yes");
  });

  it("vote: approves once the share is reached, rejects once it no longer can be", () => {
    const yes = run({ mode: "vote", votePercent: 60 });
    yes.decide("a", "approve");
    expect(yes.h.state.status).toBe("waiting");
    yes.decide("b", "approve");
    expect(yes.h.state.outcome).toBe("yes");
    const no = run({ mode: "vote", votePercent: 60 });
    no.decide("a", "reject");
    no.decide("b", "reject");
    expect(no.h.state.outcome).toBe("no");
  });

  it("self-approval: forbid removes the initiator, skip counts them as approved", () => {
    const forbid = run({ mode: "all" }, "a");
    expect(forbid.h.effects("task.create").map((t) => t.assignees[0])).toEqual(["b", "c"]);
    const skip = run({ mode: "all", selfApproval: "skip" }, "a");
    expect(skip.h.effects("task.create").map((t) => t.assignees[0])).toEqual(["b", "c"]);
    skip.decide("b", "approve");
    skip.decide("c", "approve");
    expect(skip.h.state.outcome).toBe("yes");
    const allow = run({ mode: "all", selfApproval: "allow" }, "a");
    expect(allow.h.effects("task.create")).toHaveLength(3);
  });

  it("empty approvers: auto-approve, route to the admins, or an incident", () => {
    const nobody = { approvers: [{ kind: "role", role: "none" }] };
    expect(run({ ...nobody, emptyApprovers: "auto-approve" }).h.state.outcome).toBe("yes");
    const routed = run({ ...nobody, emptyApprovers: "route-to-admin" });
    expect(routed.h.effects("task.create").map((t) => t.assignees)).toEqual([["admin"]]);
    const stopped = run({ ...nobody, emptyApprovers: "incident" });
    expect(stopped.h.state.incident).toMatchObject({
      code: "FLOW_NO_APPROVERS",
      pointer: "/nodes/1/config/approvers",
      nodeId: "ap",
    });
    const noAdmin = run({ ...nobody }, "kam", { roles: { board: [] }, admins: [] });
    expect(noAdmin.h.state.status).toBe("incident");
  });

  it("copies the CC list on the decisions it asks for", () => {
    const { h, decide } = run({ mode: "any", cc: { to: [{ kind: "user", userId: "boss" }] } });
    decide("a", "approve");
    expect(h.effects("outbox.enqueue")).toMatchObject([
      { kind: "notification", payload: { event: "approval.approved", to: ["boss"] } },
    ]);
  });
});
