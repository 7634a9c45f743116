/**
 * @module designer/flows/simulate/log-text
 * Which log lines the simulator shows and the message key and parameters of each
 * (`simulate.log.<key>`). Pure: names and times come from the caller.
 */
import type { SimLogEntry } from "./simulation.ts";

/** A line of the log as the UI shows it. */
export interface LogLine {
  readonly seq: number;
  readonly at: number;
  readonly nodeId?: string;
  /** The history or effect type, for tests and filtering (`sla.level`, `outbox.enqueue`…). */
  readonly type: string;
  /** Key under `simulate.log.`. */
  readonly key: string;
  readonly params: Record<string, string | number>;
  /** Something the server would do, only listed here. */
  readonly listed?: boolean;
  readonly tone?: "warning" | "error" | "success";
}

/** How the caller names things. */
export interface Namer {
  node(id: string | undefined): string;
  users(ids: readonly unknown[] | undefined): string;
  time(epochMs: number): string;
  text(value: unknown): string;
}

/** History entries another line already says (effects listed, steps too small to show). */
const HIDDEN = new Set([
  "node.left",
  "variables.set",
  "record.updated",
  "record.created",
  "outbox.enqueued",
  "tier.recompute",
  "timer.cancelled",
  "join.arrived",
  "fork",
  "subflow.cancelled",
  "token.cancelled",
]);

const json = (value: unknown) => {
  const text = JSON.stringify(value);
  return text.length > 160 ? `${text.slice(0, 157)}…` : text;
};

/** The line for one log entry, or undefined for entries not shown. */
export function logLine(entry: SimLogEntry, name: Namer): LogLine | undefined {
  const base = { seq: entry.seq, at: entry.at };
  switch (entry.kind) {
    case "event":
      return undefined;
    case "clock":
      if (entry.to === entry.from) return undefined;
      return {
        ...base,
        type: "clock",
        key: "clock",
        params: { from: name.time(entry.from), to: name.time(entry.to) },
      };
    case "ignored":
      return { ...base, type: "ignored", key: "ignored", params: { reason: entry.reason } };
    case "child":
      return {
        ...base,
        type: "child",
        key: entry.status === "unavailable" ? "childUnavailable" : "child",
        params: { flow: entry.flow, status: entry.status, outcome: entry.outcome ?? "" },
      };
    case "effect": {
      const e = entry.effect;
      const at = { ...base, nodeId: e.nodeId, type: e.type, listed: true };
      switch (e.type) {
        case "outbox.enqueue": {
          const p = e.payload as Record<string, unknown>;
          const to = Array.isArray(p.to) ? name.users(p.to) : "";
          if (e.kind === "webhook")
            return {
              ...at,
              key: "webhook",
              params: { method: String(p.method ?? "POST"), url: String(p.url ?? "") },
            };
          return {
            ...at,
            key: e.kind === "email" ? "email" : "notification",
            params: { to: to || "—", subject: name.text(p.subject ?? p.message ?? p.event ?? "") },
          };
        }
        case "record.update":
          return { ...at, key: "recordUpdate", params: { patch: json(e.patch) } };
        case "record.create":
          return { ...at, key: "recordCreate", params: { form: e.form, data: json(e.data) } };
        case "tier.recompute":
          return { ...at, key: "tierRecompute", params: { model: e.model } };
        default:
          return undefined;
      }
    }
    case "history": {
      const h = entry.entry;
      if (HIDDEN.has(h.type)) return undefined;
      const at = { ...base, type: h.type, ...(h.nodeId ? { nodeId: h.nodeId } : {}) };
      const node = name.node(h.nodeId);
      switch (h.type) {
        case "instance.started":
          return { ...at, key: "started", params: { initiator: name.users([h.initiator]) || "—" } };
        case "node.entered":
          return { ...at, key: "entered", params: { node } };
        case "branch.chosen":
          return {
            ...at,
            key: h.default ? "branchDefault" : "branch",
            params: { node, edge: h.edgeId },
          };
        case "approvers.resolved":
          return { ...at, key: "approvers", params: { node, users: name.users(h.users) || "—" } };
        case "approvers.adjusted":
          return { ...at, key: "approversAdjusted", params: { node, reason: h.reason } };
        case "task.created":
          return {
            ...at,
            key: "taskCreated",
            params: { node, users: name.users(h.assignees) || "—" },
          };
        case "task.completed":
          return {
            ...at,
            key: h.auto ? "taskAuto" : "taskCompleted",
            params: { node, outcome: h.outcome, actor: name.users([h.actor]) },
          };
        case "task.cancelled":
          return { ...at, key: "taskCancelled", params: { node } };
        case "sla.started":
          return {
            ...at,
            key: "slaStarted",
            params: {
              node,
              target: h.targetDueAt === undefined ? "—" : name.time(h.targetDueAt),
              levels: h.levels.map((l) => `${l.action} @ ${name.time(l.dueAt)}`).join(", ") || "—",
            },
          };
        case "sla.level":
          return {
            ...at,
            key: "slaLevel",
            tone: "warning",
            params: {
              node,
              level: h.level + 1,
              action: h.action,
              firing: h.firing,
              users: name.users(h.users ?? []) || "—",
            },
          };
        case "sla.breached":
          return { ...at, key: "slaBreached", tone: "error", params: { node } };
        case "sla.met":
          return {
            ...at,
            key: "slaMet",
            tone: "success",
            params: { node, minutes: Math.round(h.margin / 60_000) },
          };
        case "sla.paused":
        case "sla.resumed":
          return {
            ...at,
            key: h.type === "sla.paused" ? "slaPaused" : "slaResumed",
            params: { node },
          };
        case "approval.decided":
          return {
            ...at,
            key: "decided",
            params: { node, outcome: h.outcome, approvals: h.approvals, total: h.total },
          };
        case "approval.returned":
          return { ...at, key: "returned", params: { node, to: name.node(h.to) } };
        case "timer.scheduled":
          return {
            ...at,
            key: "timerScheduled",
            params: { node, kind: h.kind, due: name.time(h.dueAt) },
          };
        case "timer.fired":
          return { ...at, key: "timerFired", params: { node } };
        case "wait.passed":
          return { ...at, key: "waitPassed", params: { node } };
        case "wait.checked":
          return { ...at, key: "waitChecked", params: { node, result: String(h.result) } };
        case "join.released":
          return { ...at, key: "joined", params: { node } };
        case "outbox.result":
          return { ...at, key: "callResult", params: { node, ok: String(h.success ?? h.ok) } };
        case "subflow.started":
          return { ...at, key: "subflowStarted", params: { node, flow: h.flow } };
        case "subflow.completed":
          return { ...at, key: "subflowCompleted", params: { node, outcome: h.outcome } };
        case "token.ended":
          return { ...at, key: "ended", tone: "success", params: { node, outcome: h.outcome } };
        case "incident.raised":
          return { ...at, key: "incident", tone: "error", params: { node, code: h.code } };
        case "instance.completed":
          return {
            ...at,
            key: h.status === "cancelled" ? "cancelled" : "completed",
            tone: "success",
            params: { outcome: h.outcome },
          };
        case "event.ignored":
          return { ...at, key: "ignored", params: { reason: h.reason } };
        default:
          return { ...at, key: "other", params: { type: h.type, node } };
      }
    }
    default:
      return undefined;
  }
}
