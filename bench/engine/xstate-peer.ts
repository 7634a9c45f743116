/**
 * @module bench/engine/xstate-peer
 * The process as an xstate v5 machine, run two ways:
 *
 * - **persisted**: at each wait state the actor's `getPersistedSnapshot()` is JSON-serialised and
 *   written to `peer_instances` (INSERT at "fill", UPDATE at "approval", UPDATE when done: one
 *   IMMEDIATE transaction per durable step); to continue, the row is read back, parsed, and a
 *   new actor is created from that snapshot, started and sent the event. Nothing is kept in
 *   memory between steps. What xstate persists: state value, context `{ amount, approved }`,
 *   status and children — about 110 bytes of JSON. No tasks, history or audit.
 * - **in memory**: one actor per instance, sent both events, no database.
 */
import { assign, createActor, type Snapshot, setup } from "xstate";
import type { BenchConfig } from "./config.ts";
import { warmupFor } from "./config.ts";
import { measureInstances, type Rate } from "./measure.ts";
import { amountFor, NODE, needsApproval } from "./process.ts";
import { openBenchDatabase, tempDatabase } from "./sqlite.ts";
import { InstanceStateTable } from "./state-table.ts";

/**
 * start → fill → check → approval → end. xstate has no start node: the initial transition into
 * "fill" plays that part. "check" is a transient state whose guarded `always` transition is the
 * exclusive gateway; its unguarded second branch is the default edge.
 */
export const approvalMachine = setup({
  types: {
    input: {} as { amount: number },
    context: {} as { amount: number; approved: boolean },
    events: {} as { type: "COMPLETE" } | { type: "APPROVE" },
  },
  guards: { needsApproval: ({ context }) => needsApproval(context.amount) },
}).createMachine({
  id: "approval-process",
  initial: NODE.fill,
  context: ({ input }) => ({ amount: input.amount, approved: false }),
  states: {
    [NODE.fill]: { on: { COMPLETE: NODE.check } },
    [NODE.check]: {
      always: [{ guard: "needsApproval", target: NODE.approval }, { target: NODE.end }],
    },
    [NODE.approval]: {
      on: { APPROVE: { target: NODE.end, actions: assign({ approved: true }) } },
    },
    [NODE.end]: { type: "final" },
  },
});

type ApprovalSnapshot = ReturnType<
  ReturnType<typeof createActor<typeof approvalMachine>>["getSnapshot"]
>;

/** True when the instance finished through the approval branch. */
function completedThroughApproval(snapshot: ApprovalSnapshot): boolean {
  return snapshot.status === "done" && snapshot.context.approved;
}

/** Runs one instance entirely in memory. */
function runInMemory(index: number): boolean {
  const actor = createActor(approvalMachine, { input: { amount: amountFor(index) } }).start();
  actor.send({ type: "COMPLETE" });
  if (!actor.getSnapshot().matches(NODE.approval)) return false;
  actor.send({ type: "APPROVE" });
  const done = completedThroughApproval(actor.getSnapshot());
  actor.stop();
  return done;
}

/**
 * Checks that the guard really decides: a small amount takes the default branch and ends after
 * "fill", a large one waits at the approval.
 * @throws Error when either branch misbehaves.
 */
export function checkXstateBranches(): void {
  for (const [amount, expectApproval] of [
    [5, false],
    [amountFor(1), true],
  ] as const) {
    const actor = createActor(approvalMachine, { input: { amount } }).start();
    actor.send({ type: "COMPLETE" });
    const snapshot = actor.getSnapshot();
    actor.stop();
    if (snapshot.matches(NODE.approval) !== expectApproval) {
      throw new Error(`xstate: amount ${amount} took the wrong branch`);
    }
  }
}

/** Measures xstate in memory: instances/s with no persistence at all. */
export async function measureXstateInMemory(config: BenchConfig): Promise<Rate> {
  const count = config.memoryInstances;
  return measureInstances(
    "xstate-mem",
    { count, warmup: warmupFor(count), passes: config.passes },
    (_id, i) => runInMemory(i),
  );
}

/**
 * Restores an actor from its stored row, sends it one event, and returns its new snapshot (read
 * before the actor is stopped, which would mark it stopped) and its serialised persisted form.
 */
function resume(table: InstanceStateTable, id: string, event: "COMPLETE" | "APPROVE") {
  const { state, version } = table.load(id);
  // xstate's types require `input` whenever the machine declares one; with a snapshot it is
  // ignored (the context comes from the snapshot). NaN would fail the guard and the completion
  // check if it were ever used.
  const actor = createActor(approvalMachine, {
    snapshot: JSON.parse(state) as Snapshot<unknown>,
    input: { amount: Number.NaN },
  });
  actor.start();
  actor.send({ type: event });
  const snapshot = actor.getSnapshot();
  const persisted = JSON.stringify(actor.getPersistedSnapshot());
  actor.stop();
  return { snapshot, persisted, version };
}

/**
 * Measures xstate with its persisted snapshot saved at each wait state, on a temporary SQLite
 * file with kamflow's settings (removed afterwards). Every completion is checked twice: by the
 * actor's final snapshot, and by counting completed rows in the database at the end.
 * @throws IncompleteRunError (or Error on the final count) when an instance did not finish.
 */
export async function measureXstatePersisted(config: BenchConfig): Promise<Rate> {
  const file = tempDatabase("xstate");
  const db = openBenchDatabase(file.path);
  try {
    const table = new InstanceStateTable(db);
    const count = config.instances;
    const warmup = warmupFor(count);
    const rate = await measureInstances(
      "xstate",
      { count, warmup, passes: config.passes },
      (id, i) => {
        // Step 1: start, run to the first wait state ("fill"), store.
        const first = createActor(approvalMachine, { input: { amount: amountFor(i) } }).start();
        table.insert(id, "waiting", JSON.stringify(first.getPersistedSnapshot()));
        first.stop();
        // Step 2: "fill" completed; the condition runs; stops at the approval.
        const second = resume(table, id, "COMPLETE");
        if (!second.snapshot.matches(NODE.approval)) return false;
        table.update(id, second.version, "waiting", second.persisted);
        // Step 3: approved; the instance ends, and its final state is stored.
        const third = resume(table, id, "APPROVE");
        if (!completedThroughApproval(third.snapshot)) return false;
        table.update(id, third.version, "completed", third.persisted);
        return true;
      },
    );
    const expected = warmup + count * config.passes;
    const stored = table.countCompleted("xstate-");
    if (stored !== expected) {
      throw new Error(`xstate persisted: ${stored} completed rows, expected ${expected}`);
    }
    return rate;
  } finally {
    db.close();
    file.remove();
  }
}
