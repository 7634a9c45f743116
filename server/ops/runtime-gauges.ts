/**
 * @module server/ops/runtime-gauges
 * What the database says about the runtime, read at each scrape: flow instances by status, due
 * timers and the age of the oldest one (the scheduler's lag), outbox messages not yet delivered
 * and jobs by status. Counts span every workspace: they describe the installation, not a tenant.
 */
import { instanceStatuses, type Store } from "../../engine/store/index.ts";
import type { Family } from "./metrics.ts";

const OUTBOX_OPEN = ["pending", "claimed", "failed"] as const;
const JOB_STATUSES = ["pending", "claimed", "completed", "failed", "cancelled"] as const;

/** Counts rows by status; every status of `all` appears, zero when absent. */
function byStatus(
  all: readonly string[],
  rows: ReadonlyArray<{ status: string; count: number | string | bigint }>,
) {
  const counts = new Map<string, number>(all.map((s) => [s, 0]));
  for (const row of rows) counts.set(row.status, Number(row.count));
  return [...counts].map(([status, value]) => ({ labels: { status }, value }));
}

/**
 * Reads the runtime gauges at `now` (epoch ms, the engine's clock).
 * @example
 * renderFamilies(await runtimeFamilies(store, clock.now()));
 */
export async function runtimeFamilies(store: Store, now: number): Promise<Family[]> {
  const db = store.db;
  const [instances, due, outbox, jobs] = await Promise.all([
    db
      .selectFrom("flow_instances")
      .select(["status", db.fn.countAll<number>().as("count")])
      .groupBy("status")
      .execute(),
    db
      .selectFrom("timers")
      .select([db.fn.countAll<number>().as("count"), db.fn.min("due_at").as("oldest")])
      .where("due_at", "<=", now)
      .where((eb) =>
        eb.or([
          eb("status", "=", "pending"),
          eb.and([eb("status", "=", "claimed"), eb("lease_until", "<", now)]),
        ]),
      )
      .executeTakeFirst(),
    db
      .selectFrom("outbox")
      .select(["status", db.fn.countAll<number>().as("count")])
      .where("status", "in", [...OUTBOX_OPEN])
      .groupBy("status")
      .execute(),
    db
      .selectFrom("jobs")
      .select(["status", db.fn.countAll<number>().as("count")])
      .groupBy("status")
      .execute(),
  ]);
  const oldest = due?.oldest === null || due?.oldest === undefined ? null : Number(due.oldest);
  return [
    {
      name: "kamflow_instances",
      help: "Flow instances by status.",
      type: "gauge",
      samples: byStatus(instanceStatuses, instances),
    },
    {
      name: "kamflow_timers_due",
      help: "Timers due and not yet fired (unclaimed, or claimed with an expired lease).",
      type: "gauge",
      samples: [{ value: Number(due?.count ?? 0) }],
    },
    {
      name: "kamflow_timer_lag_seconds",
      help: "Age of the oldest due timer not yet fired, in seconds; 0 when none is due.",
      type: "gauge",
      samples: [{ value: oldest === null ? 0 : Math.max(0, (now - oldest) / 1000) }],
    },
    {
      name: "kamflow_outbox_messages",
      help: "Outbox messages not delivered: pending (incl. retrying), claimed, failed.",
      type: "gauge",
      samples: byStatus(OUTBOX_OPEN, outbox),
    },
    {
      name: "kamflow_jobs",
      help: "Jobs by status.",
      type: "gauge",
      samples: byStatus(JOB_STATUSES, jobs),
    },
  ];
}
