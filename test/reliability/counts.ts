/**
 * @module test/reliability/counts
 * What the reliability checkers count in the database (never in answers or logs): instances
 * and whether they finished, history events per instance, timer firings and webhook outbox
 * rows — each read with the test's own store, scoped to its workspace.
 *
 * @example
 * await waitUntilFinished(store.db, ws, 90_000);
 * const { events, completions } = await historyEvents(store.db, ws);
 */
import type { Db } from "../../engine/store/index.ts";
import { sleep } from "./pace.ts";

/** How many instances of the workspace are not completed. */
export async function unfinishedCount(db: Db, ws: string): Promise<number> {
  return Number(
    (
      await db
        .selectFrom("flow_instances")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .where("workspace_id", "=", ws)
        .where("status", "!=", "completed")
        .executeTakeFirstOrThrow()
    ).n,
  );
}

/** Polls (every 200 ms) until every instance completed or `timeoutMs` passed. */
export async function waitUntilFinished(db: Db, ws: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while ((await unfinishedCount(db, ws)) > 0 && Date.now() < deadline) await sleep(200);
}

/** The instances of `flow`: id, status, incident. */
export function flowInstances(db: Db, ws: string, flow: string) {
  return db
    .selectFrom("flow_instances")
    .select(["id", "status", "incident"])
    .where("workspace_id", "=", ws)
    .where("flow_key", "=", flow)
    .execute();
}

/**
 * Per instance, its history as `kind@node` strings (in no particular order), and the ids of the
 * tasks its `task.completed` events completed.
 */
export async function historyEvents(db: Db, ws: string) {
  const history = await db
    .selectFrom("instance_history")
    .select(["instance_id", "kind", "node_id", "data"])
    .where("workspace_id", "=", ws)
    .execute();
  const events = new Map<string, string[]>();
  const completions = new Map<string, string[]>();
  for (const row of history) {
    const list = events.get(row.instance_id) ?? [];
    list.push(`${row.kind}@${row.node_id ?? ""}`);
    events.set(row.instance_id, list);
    if (row.kind === "task.completed") {
      const data = (typeof row.data === "string" ? JSON.parse(row.data) : row.data) as {
        taskId: string;
      };
      completions.set(row.instance_id, [...(completions.get(row.instance_id) ?? []), data.taskId]);
    }
  }
  return { events, completions };
}

/** Per instance, how many history events of each of `kinds` it holds. */
export async function historyKindCounts(
  db: Db,
  ws: string,
  kinds: readonly string[],
): Promise<Map<string, Map<string, number>>> {
  const history = await db
    .selectFrom("instance_history")
    .select(["instance_id", "kind"])
    .where("workspace_id", "=", ws)
    .where("kind", "in", kinds)
    .execute();
  const per = new Map<string, Map<string, number>>();
  for (const row of history) {
    const counted = per.get(row.instance_id) ?? new Map<string, number>();
    counted.set(row.kind, (counted.get(row.kind) ?? 0) + 1);
    per.set(row.instance_id, counted);
  }
  return per;
}

/** The instances holding `kind` events, each with how many (`n`). */
export async function countPerInstance(db: Db, ws: string, kind: string) {
  return db
    .selectFrom("instance_history")
    .select(({ fn }) => ["instance_id", fn.countAll<number>().as("n")])
    .where("workspace_id", "=", ws)
    .where("kind", "=", kind)
    .groupBy("instance_id")
    .execute();
}

/** Every timer firing: its instance, the claim epoch it fired under, when. */
export function timerFirings(db: Db, ws: string) {
  return db
    .selectFrom("timer_history")
    .select(["instance_id", "claim_epoch", "fired_at"])
    .where("workspace_id", "=", ws)
    .execute();
}

/** Every webhook outbox row: its instance, status, idempotency key and attempts. */
export function webhookRows(db: Db, ws: string) {
  return db
    .selectFrom("outbox")
    .select(["instance_id", "status", "idempotency_key", "attempts"])
    .where("workspace_id", "=", ws)
    .where("kind", "=", "webhook")
    .execute();
}

/** How many of `rows` each key (e.g. an instance id) has. */
export function countBy<T>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const counted = new Map<string, number>();
  for (const row of rows) counted.set(key(row), (counted.get(key(row)) ?? 0) + 1);
  return counted;
}

/**
 * What a run of `flow` left in the database, for checkers that count per instance: its
 * instances, each one's history events and task completions, the timer firings (and how many
 * per instance), and the webhook outbox rows.
 */
export async function readRun(db: Db, ws: string, flow: string) {
  const instances = await flowInstances(db, ws, flow);
  const { events, completions } = await historyEvents(db, ws);
  const fired = await timerFirings(db, ws);
  const hooks = await webhookRows(db, ws);
  const timersPer = countBy(fired, (row) => row.instance_id);
  return { instances, events, completions, fired, timersPer, hooks };
}

/**
 * Tallies effects that must happen exactly once: one seen 0 times is lost, each time beyond the
 * first is a duplicate.
 */
export class OnceTally {
  lost = 0;
  duplicated = 0;

  /**
   * An effect seen `n` times. `missing` counts it lost however often it was seen (e.g. the
   * acknowledged one is not among them); by default it is lost when `n` is 0.
   */
  add(n: number, missing: boolean = n === 0): void {
    if (missing) this.lost++;
    this.duplicated += Math.max(0, n - 1);
  }

  /** The completions of one task, of which `acknowledged` (the one answered 200) must be one. */
  addAcknowledged(completed: readonly string[], acknowledged: string | undefined): void {
    this.add(completed.length, !acknowledged || !completed.includes(acknowledged));
  }
}

/** The events one pass through a node of each type writes (`kind`, at the node). */
const NODE_EVENTS: Readonly<Record<string, readonly string[]>> = {
  start: ["node.entered", "node.left"],
  task: ["node.entered", "approvers.resolved", "task.created", "task.completed", "node.left"],
  condition: ["node.entered", "branch.chosen", "node.left"],
  wait: ["node.entered", "timer.scheduled", "timer.fired", "node.left"],
  webhook: ["node.entered", "outbox.enqueued", "outbox.result", "node.left"],
  end: ["node.entered", "token.ended"],
};

/**
 * The history one run through `nodes` (a flow with input variables) writes, each event exactly
 * once: `kind@node`, sorted and joined by ",", as an instance's `historyEvents` compare. A step
 * lost or applied twice changes it.
 */
export function expectedHistory(
  nodes: ReadonlyArray<{ readonly id: string; readonly type: string }>,
): string {
  return [
    "instance.started@",
    "variables.set@",
    ...nodes.flatMap(({ id, type }) => (NODE_EVENTS[type] ?? []).map((kind) => `${kind}@${id}`)),
    "instance.completed@",
  ]
    .sort()
    .join(",");
}
