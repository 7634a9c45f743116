/**
 * @module flows/interpreter/node-context
 * Builds the context an executor runs with: a read-only view of its path and the run, plus the
 * helpers (rules, approver resolution, ids, due times) wired to the step's ports. Resolution is
 * recorded in the history here, so every node that resolves people leaves the same trace.
 * A class, so the helpers live on its prototype instead of being new closures on every call
 * (the interpreter's hot path).
 */
import type { ApproverSpec } from "../../../schemas/index.ts";
import { KamError } from "../../errors/index.ts";
import { truthy } from "../../rules/index.ts";
import { addDuration, parseDuration } from "../../tiers/index.ts";
import type { Json } from "../model/json.ts";
import type { ForkFrame, JoinState, Token } from "../model/state.ts";
import type {
  CalendarKind,
  IdKind,
  NodeContext,
  OutgoingEdge,
  RecordSnapshot,
  RuleScope,
} from "../nodes/node-context.ts";
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
    tiers: run.record?.tiers ?? {},
  };
}

class ExecutorContext implements NodeContext {
  readonly node: { readonly id: string; readonly pointer: string };
  readonly fork: ForkFrame | undefined;
  readonly joinState: JoinState | undefined;
  readonly outgoing: readonly OutgoingEdge[];
  #scope: RuleScope | undefined;

  constructor(
    private readonly run: Run,
    readonly token: Token,
    at: IndexedNode,
  ) {
    this.node = { id: at.node.id, pointer: at.pointer };
    this.outgoing = at.outgoing;
    this.fork = token.scope[token.scope.length - 1];
    this.joinState = this.fork ? run.joins[`${at.node.id}@${this.fork.forkId}`] : undefined;
  }

  get instanceId(): string {
    return this.run.instanceId;
  }
  get now(): number {
    return this.run.ctx.now;
  }
  get initiator(): string | undefined {
    return this.run.initiator;
  }
  get timeZone(): string {
    return this.run.timeZone;
  }
  get record(): RecordSnapshot | undefined {
    return this.run.record;
  }
  get variables() {
    return this.run.variables;
  }
  get scope(): RuleScope {
    this.#scope ??= ruleScope(this.run);
    return this.#scope;
  }

  evaluate(rule: unknown, pointer: string, data?: unknown): unknown {
    const run = this.run;
    return compiledRule(
      run.ctx.rules,
      run.definition,
      pointer,
      rule,
    )(data === undefined ? this.scope : data);
  }

  test(rule: unknown, pointer: string, data?: unknown): boolean {
    return truthy(this.evaluate(rule, pointer, data));
  }

  resolve(specs: readonly ApproverSpec[], pointer: string): readonly string[] {
    const run = this.run;
    const context = { initiator: run.initiator, record: run.record, variables: run.variables };
    const users: string[] = [];
    const trace: Array<{ spec: Json; users: readonly string[] }> = [];
    for (const spec of specs) {
      const found = run.ctx.directory.resolve(spec, context);
      // A spec is JSON already: it comes from the (validated) definition.
      trace.push({ spec: spec as Json, users: found });
      for (const user of found) if (!users.includes(user)) users.push(user);
    }
    log(run, { type: "approvers.resolved", pointer, specs: trace, users }, this.token);
    return users;
  }

  approvalAdmins(): readonly string[] {
    return [...(this.run.ctx.directory.approvalAdmins?.() ?? [])];
  }

  newId(kind: IdKind): string {
    return mintId(this.run, kind);
  }

  dueAt(duration: string, calendar: CalendarKind, pointer: string): number {
    const from = this.run.ctx.now;
    const viaPort = this.run.ctx.calendar?.add(from, duration, calendar);
    if (viaPort !== undefined && viaPort !== null) return viaPort;
    // Without a calendar port every duration is counted on the natural calendar.
    const parsed = viaPort === null ? null : parseDuration(duration);
    if (!parsed) throw new KamError("FLOW_DURATION_INVALID", pointer, { value: duration });
    return addDuration(from, parsed);
  }

  idempotencyKey(suffix?: string): string {
    const t = this.token;
    const key = `${this.run.instanceId}:${t.id}:${t.activation}:${t.attempt}`;
    return suffix ? `${key}:${suffix}` : key;
  }
}

/** The context of one executor call for `token` at `at`. */
export function nodeContext(run: Run, token: Token, at: IndexedNode): NodeContext {
  return new ExecutorContext(run, token, at);
}
