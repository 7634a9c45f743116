/**
 * @module flows/interpreter/node-context
 * Builds the context an executor runs with: a read-only view of its path and the run, plus the
 * helpers (rules, approver resolution, ids, due times) wired to the step's ports. Resolution is
 * recorded in the history here, so every node that resolves people leaves the same trace.
 */
import type { ApproverSpec } from "../../../schemas/index.ts";
import { KamError } from "../../errors/index.ts";
import { truthy } from "../../rules/index.ts";
import { addDuration, parseDuration } from "../../tiers/index.ts";
import { type Json, toJson } from "../model/json.ts";
import type { Token } from "../model/state.ts";
import type { CalendarKind, NodeContext, RuleScope } from "../nodes/node-context.ts";
import type { IndexedNode } from "./flow-index.ts";
import { compiledRule } from "./rule-cache.ts";
import { log, mintId, type Run } from "./run.ts";

/** The data flow rules read, as of now in the run. */
export function ruleScope(run: Run): RuleScope {
  return {
    record: run.record?.data ?? null,
    variables: run.variables,
    initiator: run.initiator ?? null,
    instance: { id: run.instanceId, recordId: run.record?.id ?? run.recordId ?? null },
    nodes: run.outputs,
  };
}

function dueAt(run: Run, duration: string, calendar: CalendarKind, pointer: string): number {
  const from = run.ctx.now;
  const viaPort = run.ctx.calendar?.add(from, duration, calendar);
  if (viaPort !== undefined && viaPort !== null) return viaPort;
  const parsed = viaPort === null ? null : parseDuration(duration);
  if (!parsed) throw new KamError("FLOW_DURATION_INVALID", pointer, { value: duration });
  return addDuration(from, parsed);
}

function resolve(
  run: Run,
  token: Token,
  specs: readonly ApproverSpec[],
  pointer: string,
): string[] {
  const context = {
    ...(run.initiator === undefined ? {} : { initiator: run.initiator }),
    ...(run.record === undefined ? {} : { record: run.record }),
    variables: run.variables,
  };
  const users: string[] = [];
  const trace: Array<{ spec: Json; users: readonly string[] }> = [];
  for (const spec of specs) {
    const found = [...run.ctx.directory.resolve(spec, context)];
    trace.push({ spec: toJson(spec), users: found });
    for (const user of found) if (!users.includes(user)) users.push(user);
  }
  log(run, { type: "approvers.resolved", pointer, specs: trace, users }, token);
  return users;
}

/** The context of one executor call for `token` at `at`. */
export function nodeContext(run: Run, token: Token, at: IndexedNode): NodeContext {
  const fork = token.scope[token.scope.length - 1];
  const joinState = fork ? run.joins[`${at.node.id}@${fork.forkId}`] : undefined;
  const evaluate = (rule: unknown, pointer: string, data?: unknown) =>
    compiledRule(
      run.ctx.rules,
      run.definition,
      pointer,
      rule,
    )(data === undefined ? ruleScope(run) : data);
  return {
    instanceId: run.instanceId,
    node: { id: at.node.id, pointer: at.pointer },
    token: {
      id: token.id,
      activation: token.activation,
      attempt: token.attempt,
      enteredAt: token.enteredAt,
      ...(token.wait ? { wait: token.wait } : {}),
    },
    now: run.ctx.now,
    ...(run.initiator === undefined ? {} : { initiator: run.initiator }),
    timeZone: run.timeZone,
    ...(run.record === undefined ? {} : { record: run.record }),
    variables: run.variables,
    outgoing: at.outgoing,
    ...(fork ? { fork } : {}),
    ...(joinState ? { joinState } : {}),
    scope: ruleScope(run),
    evaluate,
    test: (rule, pointer, data) => truthy(evaluate(rule, pointer, data)),
    resolve: (specs, pointer) => resolve(run, token, specs, pointer),
    approvalAdmins: () => [...(run.ctx.directory.approvalAdmins?.() ?? [])],
    newId: (kind) => mintId(run, kind),
    dueAt: (duration, calendar, pointer) => dueAt(run, duration, calendar, pointer),
    idempotencyKey: (suffix) =>
      [run.instanceId, token.id, token.activation, token.attempt, ...(suffix ? [suffix] : [])].join(
        ":",
      ),
  };
}
