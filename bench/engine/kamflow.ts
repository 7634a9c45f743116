/**
 * @module bench/engine/kamflow
 * kamflow's own rows of `npm run bench:engine`:
 * 1. the pure interpreter in memory: `step` driven over the bench flow (start, complete the
 *    task, approve), no database — against xstate in memory;
 * 2. durable instances through `createEngine` on a SQLite file with the same settings as the
 *    peers: three commands per instance (start, complete, approve), each one transaction that
 *    also writes the tasks, the history of every decision and a hash-chained audit event;
 * 3. timers: `config.timers` instances parked on a due wait timer, fired by `fireDue`.
 */
import {
  initialState,
  type StepContext,
  staticDirectory,
  step,
  validateFlow,
} from "../../engine/flows/index.ts";
import { manualClock } from "../../engine/ports.ts";
import { createRuleEngine } from "../../engine/rules/index.ts";
import { createEngine, type Engine } from "../../engine/runtime/index.ts";
import { openStore } from "../../engine/store/index.ts";
import type { FlowDefinition } from "../../schemas/index.ts";
import type { approvalFlow } from "./approval-flow.ts";
import { BENCH_USERS } from "./approval-flow.ts";
import type { BenchConfig } from "./config.ts";
import { warmupFor } from "./config.ts";
import { type measureInstances, rateOf, type timeIt } from "./measure.ts";
import { amountFor, NODE } from "./process.ts";
import { type BenchRow, durableRow, memoryRow, timersRow } from "./rows.ts";
import type { TempDatabase } from "./sqlite.ts";

/** What the harness hands kamflow's measurements: the same counts and tools the peers use. */
export interface KamflowBenchContext {
  readonly config: BenchConfig;
  /** The benchmark process as a kamflow flow definition. */
  readonly flow: typeof approvalFlow;
  /** A fresh SQLite file under os.tmpdir(); `url` is what `openStore` takes. */
  readonly tempDatabase: (label: string) => TempDatabase;
  readonly measureInstances: typeof measureInstances;
  readonly timeIt: typeof timeIt;
}

function checkedFlow(flow: unknown): FlowDefinition {
  const result = validateFlow(flow);
  if (!result.ok)
    throw new Error(
      `bench flow invalid: ${result.issues.map((i) => `${i.pointer}: ${i.message}`).join("; ")}`,
    );
  return result.value;
}

/** The first task the instance's state waits on. */
function waitingTask(state: {
  tokens: ReadonlyArray<{ wait?: { tasks?: readonly string[] } }>;
}): string | undefined {
  return state.tokens.find((t) => t.wait?.tasks?.length)?.wait?.tasks?.[0];
}

async function inMemory(ctx: KamflowBenchContext): Promise<BenchRow> {
  const flow = checkedFlow(ctx.flow);
  const context: StepContext = {
    now: Date.UTC(2026, 10, 23),
    rules: createRuleEngine(),
    directory: staticDirectory(),
  };
  const count = ctx.config.memoryInstances;
  const rate = await ctx.measureInstances(
    "kamflow-mem",
    { count, warmup: warmupFor(count), passes: ctx.config.passes },
    (id, i) => {
      const started = step(
        flow,
        initialState(id),
        { type: "start", input: { amount: amountFor(i) }, initiator: BENCH_USERS.filler },
        context,
      );
      const fill = waitingTask(started.state);
      if (!fill) return false;
      const filled = step(
        flow,
        started.state,
        { type: "task.completed", taskId: fill, outcome: "complete", actor: BENCH_USERS.filler },
        context,
      );
      const approval = waitingTask(filled.state);
      if (!approval) return false;
      const done = step(
        flow,
        filled.state,
        {
          type: "task.completed",
          taskId: approval,
          outcome: "approve",
          actor: BENCH_USERS.approver,
        },
        context,
      );
      return done.state.status === "completed";
    },
  );
  return memoryRow(
    "kamflow interpreter (pure step), in memory",
    rate,
    "3 steps per instance: state, effects and history as data",
    true,
  );
}

/** A workspace with the bench users, and the bench flow published with their ids. */
async function benchEngine(
  url: string,
  clock: { now(): number },
): Promise<{ engine: Engine; ws: string; filler: string; approver: string }> {
  const store = await openStore(url);
  await store.migrate();
  const engine = createEngine({ store, clock, owner: "bench" });
  const ws = await engine.workspaces.create("bench");
  const filler = await engine.users.create(ws, { email: "filler@bench", name: "filler" });
  const approver = await engine.users.create(ws, { email: "approver@bench", name: "approver" });
  return { engine, ws, filler, approver };
}

function withUsers(flow: typeof approvalFlow, filler: string, approver: string): unknown {
  return JSON.parse(
    JSON.stringify(flow)
      .replaceAll(BENCH_USERS.filler, filler)
      .replaceAll(BENCH_USERS.approver, approver),
  );
}

async function durable(ctx: KamflowBenchContext): Promise<BenchRow> {
  const database = ctx.tempDatabase("kamflow");
  const { engine, ws, filler, approver } = await benchEngine(database.url, {
    now: () => Date.now(),
  });
  try {
    await engine.definitions.publish(ws, withUsers(ctx.flow, filler, approver));
    const count = ctx.config.instances;
    const rate = await ctx.measureInstances(
      "kamflow",
      { count, warmup: warmupFor(count), passes: ctx.config.passes },
      async (id, i) => {
        const started = await engine.flows.start(ws, ctx.flow.key, {
          actor: filler,
          input: { amount: amountFor(i) },
          idempotencyKey: id,
        });
        const fill = waitingTask(started.state);
        if (!fill) return false;
        const filled = await engine.tasks.complete({
          workspaceId: ws,
          taskId: fill,
          actor: filler,
          outcome: "complete",
        });
        const approval = waitingTask(filled.state);
        if (!approval) return false;
        const done = await engine.tasks.complete({
          workspaceId: ws,
          taskId: approval,
          actor: approver,
          outcome: "approve",
        });
        return done.status === "completed";
      },
    );
    const completed = await engine.store.db
      .selectFrom("flow_instances")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("status", "=", "completed")
      .executeTakeFirstOrThrow();
    const expected = warmupFor(count) + count * ctx.config.passes;
    if (Number(completed.n) !== expected)
      throw new Error(`kamflow: ${completed.n} of ${expected} instances completed`);
    return durableRow(
      "kamflow createEngine (SQLite)",
      rate,
      "each step also writes tasks, decision history and a hash-chained audit event; idempotency key on start",
      true,
    );
  } finally {
    await engine.store.close();
  }
}

async function timers(ctx: KamflowBenchContext): Promise<BenchRow> {
  const durations: number[] = [];
  const count = ctx.config.timers;
  for (let pass = 0; pass < ctx.config.passes; pass++) {
    const database = ctx.tempDatabase("kamflow-timers");
    const clock = manualClock(Date.UTC(2026, 10, 23));
    const { engine, ws, filler } = await benchEngine(database.url, clock);
    try {
      const pause = {
        kind: "flow",
        key: "pause",
        name: { "zh-CN": "等待", en: "Pause" },
        trigger: { type: "manual" },
        nodes: [
          {
            id: NODE.start,
            type: "start",
            label: { "zh-CN": "开始", en: "Start" },
            position: { x: 0, y: 0 },
            config: {},
          },
          {
            id: "wait",
            type: "wait",
            label: { "zh-CN": "等待", en: "Wait" },
            position: { x: 0, y: 100 },
            config: { kind: "duration", duration: "PT15M" },
          },
          {
            id: NODE.end,
            type: "end",
            label: { "zh-CN": "结束", en: "End" },
            position: { x: 0, y: 200 },
            config: { outcome: "done" },
          },
        ],
        edges: [
          { id: "a", source: NODE.start, target: "wait" },
          { id: "b", source: "wait", target: NODE.end },
        ],
      };
      await engine.definitions.publish(ws, pause);
      for (let i = 0; i < count; i++) await engine.flows.start(ws, "pause", { actor: filler });
      clock.advance(16 * 60_000);
      let fired = 0;
      durations.push(
        await ctx.timeIt(async () => {
          for (;;) {
            const n = await engine.timers.fireDue({ limit: 500 });
            if (n === 0) break;
            fired += n;
          }
        }),
      );
      const history = await engine.store.db.selectFrom("timer_history").select("id").execute();
      if (fired !== count || history.length !== count)
        throw new Error(
          `kamflow timers: fired ${fired}, history ${history.length}, expected ${count}`,
        );
    } finally {
      await engine.store.close();
    }
  }
  return timersRow(
    `kamflow timers fired, ${count.toLocaleString("en")} due`,
    rateOf(count, durations),
    "each firing: claim (lease + epoch), complete at that epoch, step, history, audit — one transaction",
  );
}

/** kamflow's three rows. */
export async function kamflowRows(ctx: KamflowBenchContext): Promise<BenchRow[]> {
  return [await inMemory(ctx), await durable(ctx), await timers(ctx)];
}
