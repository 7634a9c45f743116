/**
 * @module bench/engine/bpmn-peer
 * The process as BPMN 2.0 run by the npm package `bpmn-engine`. At each wait state the whole
 * `engine.getState()` is JSON-serialised and written to `peer_instances` (INSERT at "fill",
 * UPDATE at "approval", UPDATE when done: one IMMEDIATE transaction per durable step). To
 * continue, the row is read back, a new Engine is `recover`ed from it, `resume`d, and the waiting
 * user task is signalled. Nothing is kept in memory between steps.
 *
 * What bpmn-engine persists, about 9–10 KB per instance: the environment (variables, output),
 * each definition's execution state including its internal message broker's queues, and the
 * serialised definition itself (so a state can be recovered without the XML).
 *
 * Given its best reasonable setup: logging is a no-op (a deployment plugs its own logger), and
 * the condition is an expression calling a service function, the closest thing to kamflow's
 * compiled rule; a `language="javascript"` script condition (a `vm` context per evaluation) ran
 * at about the same rate in a trial, as the engine's message broker dominates the cost.
 */
import { EventEmitter } from "node:events";
import { Engine } from "bpmn-engine";
import type { BenchConfig } from "./config.ts";
import { warmupFor } from "./config.ts";
import { measureInstances, type Rate } from "./measure.ts";
import { amountFor, NODE, needsApproval } from "./process.ts";
import { openBenchDatabase, tempDatabase } from "./sqlite.ts";
import { InstanceStateTable } from "./state-table.ts";

/** start → fill → check (exclusive, default to end) → approval → end. */
export const APPROVAL_BPMN = `<?xml version="1.0" encoding="UTF-8"?>
<definitions xmlns="http://www.omg.org/spec/BPMN/20100524/MODEL"
    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
    id="approvalDefinitions" targetNamespace="https://kamflow.dev/bench">
  <process id="approvalProcess" isExecutable="true">
    <startEvent id="${NODE.start}" />
    <userTask id="${NODE.fill}" name="Fill the request" />
    <exclusiveGateway id="${NODE.check}" default="checkToEnd" />
    <userTask id="${NODE.approval}" name="Approval" />
    <endEvent id="${NODE.end}" />
    <sequenceFlow id="startToFill" sourceRef="${NODE.start}" targetRef="${NODE.fill}" />
    <sequenceFlow id="fillToCheck" sourceRef="${NODE.fill}" targetRef="${NODE.check}" />
    <sequenceFlow id="checkToApproval" sourceRef="${NODE.check}" targetRef="${NODE.approval}">
      <conditionExpression xsi:type="tFormalExpression">\${environment.services.needsApproval(environment.variables.amount)}</conditionExpression>
    </sequenceFlow>
    <sequenceFlow id="checkToEnd" sourceRef="${NODE.check}" targetRef="${NODE.end}" />
    <sequenceFlow id="approvalToEnd" sourceRef="${NODE.approval}" targetRef="${NODE.end}" />
  </process>
</definitions>`;

/** Services are functions, so they are never part of a saved state: every Engine gets them. */
const services = { needsApproval };
const silentLogger = () => ({ debug() {}, error() {}, warn() {} });

/** What one engine run saw: the user tasks that waited, and whether the process ended. */
interface Observed {
  readonly waits: string[];
  ended: boolean;
}

function observe(engine: Engine): { observed: Observed; listener: EventEmitter } {
  const observed: Observed = { waits: [], ended: false };
  const listener = new EventEmitter();
  listener.on("wait", (api: { id: string }) => observed.waits.push(api.id));
  engine.once("end", () => {
    observed.ended = true;
  });
  return { observed, listener };
}

/** Starts an instance; it runs to its first wait state. */
async function start(id: string, amount: number) {
  const engine = new Engine({ name: id, source: APPROVAL_BPMN, services, Logger: silentLogger });
  const { observed, listener } = observe(engine);
  await engine.execute({ variables: { amount }, listener });
  return { observed, state: JSON.stringify(await engine.getState()) };
}

/** Recovers an instance from `state`, signals the user task `taskId`, returns what followed. */
async function signal(state: string, id: string, taskId: string) {
  const engine = new Engine({ name: id, services, Logger: silentLogger }).recover(
    JSON.parse(state),
  );
  const { observed, listener } = observe(engine);
  const execution = await engine.resume({ listener });
  // resume() re-announces the task that was waiting; only what follows the signal counts.
  observed.waits.length = 0;
  execution.signal({ id: taskId });
  return { observed, state: JSON.stringify(await engine.getState()) };
}

/**
 * Checks in memory that the condition really decides: a small amount takes the default edge
 * and ends after "fill", a large one waits at the approval.
 * @throws Error when either branch misbehaves.
 */
export async function checkBpmnBranches(): Promise<void> {
  for (const [amount, expectApproval] of [
    [5, false],
    [amountFor(1), true],
  ] as const) {
    const first = await start("check", amount);
    const second = await signal(first.state, "check", NODE.fill);
    const waited = second.observed.waits.includes(NODE.approval);
    if (waited !== expectApproval || second.observed.ended === expectApproval) {
      throw new Error(`bpmn-engine: amount ${amount} took the wrong branch`);
    }
  }
}

/**
 * Measures bpmn-engine with its state saved at each wait state, on a temporary SQLite file
 * with kamflow's settings (removed afterwards). Each step checks where the instance stopped;
 * completed rows are counted at the end.
 * @throws IncompleteRunError (or Error on the final count) when an instance did not finish.
 */
export async function measureBpmnPersisted(config: BenchConfig): Promise<Rate> {
  const file = tempDatabase("bpmn");
  const db = openBenchDatabase(file.path);
  try {
    const table = new InstanceStateTable(db);
    const count = config.bpmnInstances;
    const warmup = warmupFor(count);
    const rate = await measureInstances(
      "bpmn",
      { count, warmup, passes: config.passes },
      async (id, i) => {
        const first = await start(id, amountFor(i));
        if (first.observed.waits.at(-1) !== NODE.fill) return false;
        table.insert(id, "waiting", first.state);

        const row1 = table.load(id);
        const second = await signal(row1.state, id, NODE.fill);
        if (second.observed.waits.at(-1) !== NODE.approval) return false;
        table.update(id, row1.version, "waiting", second.state);

        const row2 = table.load(id);
        const third = await signal(row2.state, id, NODE.approval);
        if (!third.observed.ended) return false;
        table.update(id, row2.version, "completed", third.state);
        return true;
      },
    );
    const expected = warmup + count * config.passes;
    const stored = table.countCompleted("bpmn-");
    if (stored !== expected) {
      throw new Error(`bpmn-engine: ${stored} completed rows, expected ${expected}`);
    }
    return rate;
  } finally {
    db.close();
    file.remove();
  }
}
