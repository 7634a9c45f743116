/**
 * @module flows/nodes/approval/tally
 * The approval node's bookkeeping, kept on its waiting path: who approves, which tasks are open,
 * and every decision so far. Pure functions decide when the node is done.
 */
import type { JsonObject } from "../../model/json.ts";

/** Approval modes (the schema's enum). */
export type ApprovalMode = "any" | "all" | "sequential" | "vote";

/** One decision; `auto` says why nobody decided by hand (e.g. the initiator's own step skipped). */
export interface Decision {
  readonly user: string;
  readonly decision: "approve" | "reject";
  readonly taskId: string | null;
  readonly at: number;
  readonly auto?: string;
}

/** The tally, stored as the waiting path's `wait.data` (plain JSON). */
export interface Tally {
  readonly mode: ApprovalMode;
  /** Approvers in order; the `sequential` chain follows it. */
  readonly approvers: readonly string[];
  /** Open task id → the approver it was created for. */
  readonly pending: Readonly<Record<string, string>>;
  readonly decisions: readonly Decision[];
}

/** Reads the tally back from `wait.data` (written by this module). */
export function readTally(data: unknown): Tally {
  return data as Tally;
}

/** The tally as JSON, for `wait.data`. */
export function tallyJson(tally: Tally): JsonObject {
  return tally as unknown as JsonObject;
}

const decided = (tally: Tally, user: string) => tally.decisions.some((d) => d.user === user);
const asked = (tally: Tally, user: string) => Object.values(tally.pending).includes(user);

/**
 * Approvers who need a task now: every undecided one (any, all, vote), or the next undecided one
 * in order when nobody is being asked (sequential).
 */
export function toAsk(tally: Tally): string[] {
  const open = tally.approvers.filter((u) => !decided(tally, u) && !asked(tally, u));
  if (tally.mode !== "sequential") return open;
  return Object.keys(tally.pending).length > 0 ? [] : open.slice(0, 1);
}

/** Counts for the history. */
export function counts(tally: Tally) {
  const approvals = tally.decisions.filter((d) => d.decision === "approve").length;
  const rejections = tally.decisions.length - approvals;
  return { approvals, rejections, total: tally.approvers.length };
}

/**
 * The node's result once it is reached: `any` takes the first decision; `all` and `sequential`
 * need every approval and stop at the first rejection; `vote` approves once approvals reach
 * `votePercent` of the approvers and rejects once they no longer can.
 */
export function verdict(tally: Tally, votePercent: number): "approved" | "rejected" | undefined {
  const { approvals, rejections, total } = counts(tally);
  const first = tally.decisions[0];
  switch (tally.mode) {
    case "any":
      return first === undefined
        ? undefined
        : first.decision === "approve"
          ? "approved"
          : "rejected";
    case "vote":
      if (approvals * 100 >= votePercent * total) return "approved";
      return (total - rejections) * 100 < votePercent * total ? "rejected" : undefined;
    default:
      if (rejections > 0) return "rejected";
      return approvals >= total ? "approved" : undefined;
  }
}
