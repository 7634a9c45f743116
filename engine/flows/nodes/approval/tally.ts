/**
 * @module flows/nodes/approval/tally
 * The approval node's bookkeeping, kept on its waiting path: who approves, which tasks are open,
 * every decision so far and the signers approvers added (加签). Pure functions decide who is
 * asked next and when the node is done.
 *
 * Added signers attach to the approver who added them. `before`: the adder is asked again only
 * once the signers approved. `after`: the adder's approval stands only once the signers approved.
 * Either way a signer's rejection is the adder's rejection. The mode then counts each original
 * approver's *effective* decision — so in `any` another approver may still decide first.
 */
import type { JsonObject } from "../../model/json.ts";

/** Approval modes (the schema's enum). */
export type ApprovalMode = "any" | "all" | "sequential" | "vote";

/** One decision; `auto` says why nobody decided by hand (self-approval skipped, an SLA level). */
export interface Decision {
  readonly user: string;
  readonly decision: "approve" | "reject";
  readonly taskId: string | null;
  readonly at: number;
  readonly auto?: string;
  /** Who acted, when not `user` (an escalation target, the system). */
  readonly actor?: string;
}

/** A signer added by an approver (or by another signer). */
export interface Signer {
  readonly user: string;
  readonly by: string;
  readonly position: "before" | "after";
}

/** The tally, stored as the waiting path's `wait.data` (plain JSON). */
export interface Tally {
  readonly mode: ApprovalMode;
  /** Approvers in order; the `sequential` chain follows it. */
  readonly approvers: readonly string[];
  /** Open task id → the approver (or signer) it was created for. */
  readonly pending: Readonly<Record<string, string>>;
  readonly decisions: readonly Decision[];
  readonly signers?: readonly Signer[];
}

type Effective = "approve" | "reject" | undefined;

/** Reads the tally back from `wait.data` (written by this module). */
export function readTally(data: unknown): Tally {
  return data as Tally;
}

/** The tally as JSON, for `wait.data`. */
export function tallyJson(tally: Tally): JsonObject {
  return tally as unknown as JsonObject;
}

/** Everyone taking part: approvers and signers. */
export function participants(tally: Tally): string[] {
  return [...tally.approvers, ...(tally.signers ?? []).map((s) => s.user)];
}

const own = (tally: Tally, user: string): Effective =>
  tally.decisions.findLast((d) => d.user === user)?.decision;
const signersOf = (tally: Tally, user: string, position: "before" | "after") =>
  (tally.signers ?? []).filter((s) => s.by === user && s.position === position);

/** Combines decisions: any rejection rejects, any undecided leaves it open. */
function all(decisions: readonly Effective[]): Effective {
  if (decisions.includes("reject")) return "reject";
  return decisions.includes(undefined) ? undefined : "approve";
}

/** A participant's decision once the signers they added are counted. */
function effective(tally: Tally, user: string, depth = 0): Effective {
  if (depth > 50) return undefined;
  const before = all(
    signersOf(tally, user, "before").map((s) => effective(tally, s.user, depth + 1)),
  );
  if (before === "reject") return "reject";
  const mine = own(tally, user);
  if (mine !== "approve") return mine;
  return all(signersOf(tally, user, "after").map((s) => effective(tally, s.user, depth + 1)));
}

/** Who must be asked for `user`'s effective decision to be reached (signers first). */
function askFor(tally: Tally, user: string, depth = 0): string[] {
  if (depth > 50 || effective(tally, user) !== undefined) return [];
  const before = signersOf(tally, user, "before");
  const open = before.filter((s) => effective(tally, s.user) === undefined);
  if (open.length > 0) return open.flatMap((s) => askFor(tally, s.user, depth + 1));
  if (own(tally, user) === undefined) return [user];
  return signersOf(tally, user, "after").flatMap((s) => askFor(tally, s.user, depth + 1));
}

/**
 * Who should hold a task now: for every approver whose decision is still open (the first such
 * one in `sequential`), the participant that decision waits on.
 */
export function toAskNow(tally: Tally): string[] {
  const open = tally.approvers.filter((u) => effective(tally, u) === undefined);
  const approvers = tally.mode === "sequential" ? open.slice(0, 1) : open;
  return [...new Set(approvers.flatMap((u) => askFor(tally, u)))];
}

/** Counts of effective decisions, for the history. */
export function counts(tally: Tally) {
  let approvals = 0;
  let rejections = 0;
  for (const user of tally.approvers) {
    const e = effective(tally, user);
    if (e === "approve") approvals++;
    else if (e === "reject") rejections++;
  }
  return { approvals, rejections, total: tally.approvers.length };
}

/**
 * The node's result once it is reached: `any` takes the first effective decision; `all` and
 * `sequential` need every approval and stop at the first rejection; `vote` approves once
 * approvals reach `votePercent` of the approvers and rejects once they no longer can.
 */
export function verdict(tally: Tally, votePercent: number): "approved" | "rejected" | undefined {
  const { approvals, rejections, total } = counts(tally);
  switch (tally.mode) {
    case "any":
      if (approvals > 0) return "approved";
      return rejections > 0 ? "rejected" : undefined;
    case "vote":
      if (approvals * 100 >= votePercent * total) return "approved";
      return (total - rejections) * 100 < votePercent * total ? "rejected" : undefined;
    default:
      if (rejections > 0) return "rejected";
      return approvals >= total ? "approved" : undefined;
  }
}
