/**
 * @module flows/model/history
 * The instance history: every decision the interpreter takes, with the inputs it took it on, so a
 * user can later see why (which branch and what the condition read, who the approvers resolved
 * to, when a timer was set and fired, when a join continued). The runtime stores the entries of
 * each step next to the definition version the instance is pinned to; a `pointer` names the rule
 * or config inside that version.
 */
import type { ErrorCode } from "../../errors/index.ts";
import type { Json, JsonObject } from "./json.ts";

/** Fields the interpreter adds to every entry. */
interface Stamp {
  /** Epoch ms of the step. */
  readonly at: number;
  readonly tokenId?: string;
  readonly nodeId?: string;
}

/** The entries, without their stamp. */
export type HistoryRecord =
  | { readonly type: "instance.started"; readonly initiator?: string; readonly input: JsonObject }
  | { readonly type: "variables.set"; readonly values: JsonObject; readonly ignored?: string[] }
  | { readonly type: "node.entered"; readonly nodeType: string; readonly via?: string }
  | { readonly type: "node.left"; readonly port?: string; readonly edgeId: string }
  | {
      readonly type: "branch.chosen";
      readonly edgeId: string;
      readonly default: boolean;
      /** Pointer of the condition that held (absent for the default edge). */
      readonly pointer?: string;
      readonly condition?: Json;
      /** Every condition tried, in order, with its result. */
      readonly tried: ReadonlyArray<{ readonly edgeId: string; readonly result: boolean }>;
      /** The values the tried conditions read, by `var` path. */
      readonly values: JsonObject;
    }
  | {
      readonly type: "approvers.resolved";
      readonly pointer: string;
      readonly specs: ReadonlyArray<{ readonly spec: Json; readonly users: readonly string[] }>;
      readonly users: readonly string[];
    }
  | {
      readonly type: "approvers.adjusted";
      readonly reason: "self-approval-forbidden" | "self-approval-skipped" | "routed-to-admin";
      readonly users: readonly string[];
    }
  | {
      readonly type: "task.created";
      readonly taskId: string;
      readonly kind: "task" | "approval";
      readonly assignees: readonly string[];
    }
  | {
      readonly type: "task.completed";
      readonly taskId: string;
      readonly outcome: string;
      readonly actor: string;
      readonly comment?: string;
      readonly returnTo?: string;
      readonly auto?: string;
    }
  | { readonly type: "task.cancelled"; readonly taskId: string }
  | {
      readonly type: "approval.returned";
      readonly to: string;
      readonly actor: string;
      readonly taskId: string;
      readonly comment?: string;
    }
  | {
      readonly type: "signers.added";
      readonly position: "before" | "after";
      readonly users: readonly string[];
      readonly by: string;
      readonly taskId: string;
      /** Users left out: already asked on this node. */
      readonly ignored?: readonly string[];
      readonly comment?: string;
    }
  | { readonly type: "token.returned"; readonly from: string; readonly to: string }
  | {
      readonly type: "sla.started";
      readonly targetDueAt?: number;
      readonly levels: ReadonlyArray<{
        readonly level: number;
        readonly action: string;
        readonly dueAt: number;
        /** The duration, or the rule's result for `{ rule }` durations. */
        readonly after: string;
      }>;
    }
  | {
      readonly type: "sla.level";
      readonly level: number;
      readonly action: string;
      /** 1 for the first firing, 2 for the first repetition… */
      readonly firing: number;
      readonly tasks: readonly string[];
      readonly users?: readonly string[];
      readonly warning?: boolean;
      readonly nextDueAt?: number;
    }
  | { readonly type: "sla.breached"; readonly dueAt: number }
  | {
      readonly type: "sla.met";
      readonly dueAt: number;
      /** Milliseconds to spare (on the natural clock). */
      readonly margin: number;
    }
  | { readonly type: "sla.paused"; readonly by: string; readonly reason?: string }
  | {
      readonly type: "sla.resumed";
      readonly by: string;
      readonly pausedMs: number;
      readonly nextDueAt?: number;
    }
  | {
      readonly type: "approval.decided";
      readonly outcome: "approved" | "rejected";
      readonly mode: string;
      readonly approvals: number;
      readonly rejections: number;
      readonly total: number;
      readonly reason?: string;
    }
  | {
      readonly type: "timer.scheduled";
      readonly timerId: string;
      readonly kind: string;
      readonly dueAt: number;
      /** The duration or date it was computed from. */
      readonly from: Json;
    }
  | { readonly type: "timer.fired"; readonly timerId: string }
  | { readonly type: "wait.passed"; readonly dueAt: number; readonly from: Json }
  | { readonly type: "timer.cancelled"; readonly timerId: string }
  | {
      readonly type: "wait.checked";
      readonly pointer: string;
      readonly result: boolean;
      readonly values: JsonObject;
    }
  | { readonly type: "fork"; readonly forkId: string; readonly edges: readonly string[] }
  | {
      readonly type: "join.arrived";
      readonly forkId: string;
      readonly branch: number;
      readonly arrived: number;
      readonly needed: number;
    }
  | {
      readonly type: "join.released";
      readonly forkId: string;
      readonly arrived: number;
      readonly needed: number;
      readonly width: number;
      readonly cancelRemaining: boolean;
    }
  | { readonly type: "record.updated"; readonly patch: JsonObject }
  | { readonly type: "record.created"; readonly recordId: string; readonly form: string }
  | { readonly type: "tier.recompute"; readonly model: string; readonly requested: boolean }
  | {
      readonly type: "outbox.enqueued";
      readonly messageId: string;
      readonly kind: string;
      readonly idempotencyKey: string;
    }
  | {
      readonly type: "outbox.result";
      readonly messageId: string;
      readonly ok: boolean;
      readonly final: boolean;
      readonly success?: boolean;
      readonly status?: number;
      readonly error?: string;
      readonly attempt?: number;
    }
  | { readonly type: "subflow.started"; readonly childId: string; readonly flow: string }
  | {
      readonly type: "subflow.completed";
      readonly childId: string;
      readonly outcome: string;
      readonly port: string;
    }
  | { readonly type: "subflow.cancelled"; readonly childId: string }
  | { readonly type: "token.cancelled"; readonly reason: string }
  | { readonly type: "token.ended"; readonly outcome: string; readonly terminate: boolean }
  | {
      readonly type: "incident.raised";
      readonly code: ErrorCode;
      readonly pointer: string;
      readonly params: JsonObject;
    }
  | { readonly type: "incident.retried"; readonly attempt: number; readonly actor?: string }
  | {
      readonly type: "instance.completed";
      readonly status: "completed" | "cancelled";
      readonly outcome: string;
      readonly reason?: string;
    }
  | { readonly type: "event.ignored"; readonly event: string; readonly reason: string };

/** One history entry. */
export type HistoryEntry = Stamp & HistoryRecord;

/** History `type` values, spelled once. */
export type HistoryType = HistoryRecord["type"];
