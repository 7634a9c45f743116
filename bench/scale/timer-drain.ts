/**
 * @module bench/scale/timer-drain
 * The timer half of the scale-out benchmark: the fixture's waiting instances all get one due
 * instant a moment ahead, and the running processes' schedulers fire them. Measured from the
 * database afterwards: each timer's lateness (fired_at − due_at, as the firing process saw it),
 * how fast the batch drained, which process fired how many, and whether any effect was applied
 * twice.
 */
import { performance } from "node:perf_hooks";
import type { Store } from "../../engine/store/index.ts";

export interface TimerDrainResult {
  readonly timers: number;
  readonly fired: number;
  /** Effects applied more than once: a step of the write node logged twice for one instance (must be 0). */
  readonly duplicates: number;
  readonly lagP50: number;
  readonly lagP99: number;
  /** Timers fired per second, from the due instant to the last firing. */
  readonly perSecond: number;
  /** Instances of the waiting flow completed afterwards. */
  readonly completed: number;
  /** Firings by process (`fired_by`). */
  readonly byProcess: Readonly<Record<string, number>>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function completedFollowUps(store: Store, workspaceId: string): Promise<number> {
  const row = await store.db
    .selectFrom("flow_instances")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", workspaceId)
    .where("flow_key", "=", "follow-up")
    .where("status", "=", "completed")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/**
 * Makes the workspace's `timers` pending timers due `leadMs` from now, waits until every
 * instance completed (or `timeoutMs` passed) and reads the figures.
 */
export async function drainTimers(
  store: Store,
  workspaceId: string,
  timers: number,
  options: { readonly leadMs?: number; readonly timeoutMs?: number } = {},
): Promise<TimerDrainResult> {
  const due = Date.now() + (options.leadMs ?? 1000);
  await store.db
    .updateTable("timers")
    .set({ due_at: due })
    .where("workspace_id", "=", workspaceId)
    .where("status", "=", "pending")
    .execute();
  const deadline = performance.now() + (options.timeoutMs ?? 300_000);
  let completed = 0;
  while (performance.now() < deadline) {
    completed = await completedFollowUps(store, workspaceId);
    if (completed >= timers) break;
    await sleep(100);
  }
  const rows = await store.db
    .selectFrom("timer_history")
    .select(["id", "due_at", "fired_at", "fired_by"])
    .where("workspace_id", "=", workspaceId)
    .execute();
  const lags = rows.map((r) => Number(r.fired_at) - Number(r.due_at)).sort((a, b) => a - b);
  const at = (q: number) => lags[Math.min(lags.length - 1, Math.floor(q * lags.length))] ?? 0;
  const byProcess: Record<string, number> = {};
  for (const r of rows) {
    const who = r.fired_by ?? "?";
    byProcess[who] = (byProcess[who] ?? 0) + 1;
  }
  // Effects, not firings: the write step's history rows per instance and kind.
  const steps = await store.db
    .selectFrom("instance_history")
    .select(({ fn }) => ["instance_id", "kind", fn.countAll<number>().as("n")])
    .where("workspace_id", "=", workspaceId)
    .where("node_id", "=", "write")
    .groupBy(["instance_id", "kind"])
    .execute();
  const duplicates = steps.reduce((sum, s) => sum + Math.max(0, Number(s.n) - 1), 0);
  const lastFired = Math.max(due, ...rows.map((r) => Number(r.fired_at)));
  return {
    timers,
    fired: new Set(rows.map((r) => r.id)).size,
    duplicates,
    lagP50: at(0.5),
    lagP99: at(0.99),
    perSecond: rows.length / Math.max(0.001, (lastFired - due) / 1000),
    completed,
    byProcess,
  };
}
