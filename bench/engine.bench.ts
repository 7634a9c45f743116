/**
 * `npm run bench:engine`: one run, every engine. The same five-node approval process (start →
 * task → condition → approval → end, see bench/engine/process.ts) runs to completion in each
 * engine; durable engines write their state to a SQLite file with kamflow's settings at each wait
 * state and at the end. Prints the raw SQLite limit, a table of instances/s with the cost of a
 * durable step in raw transactions and the ratio to xstate, and the targets.
 * Counts come from the environment (bench/engine/config.ts); temporary files are removed.
 */
import { readFileSync } from "node:fs";
import { cpus } from "node:os";
import { approvalFlow } from "./engine/approval-flow.ts";
import { checkBpmnBranches, measureBpmnPersisted } from "./engine/bpmn-peer.ts";
import { readConfig } from "./engine/config.ts";
import { kamflowRows } from "./engine/kamflow.ts";
import { measureInstances, timeIt } from "./engine/measure.ts";
import { DURABLE_STEPS, WAIT_STATES } from "./engine/process.ts";
import { measureRawLimit } from "./engine/raw.ts";
import { printRawLimit, printTable, printTargets } from "./engine/report.ts";
import { type BenchRow, durableRow, memoryRow } from "./engine/rows.ts";
import { describeSettings, removeAllTempDatabases, tempDatabase } from "./engine/sqlite.ts";
import {
  checkXstateBranches,
  measureXstateInMemory,
  measureXstatePersisted,
} from "./engine/xstate-peer.ts";

function versionOf(name: string): string {
  const url = new URL(`../node_modules/${name}/package.json`, import.meta.url);
  return (JSON.parse(readFileSync(url, "utf8")) as { version: string }).version;
}

const config = readConfig();
const n = (x: number) => x.toLocaleString("en");

console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? "?"}; ` +
    `xstate ${versionOf("xstate")}, bpmn-engine ${versionOf("bpmn-engine")}`,
);
console.log(describeSettings());
console.log(
  `instances per pass: ${n(config.instances)} durable (xstate, kamflow), ` +
    `${n(config.bpmnInstances)} bpmn-engine, ${n(config.memoryInstances)} in memory; ` +
    `${n(config.rawTransactions)} raw transactions; ${n(config.timers)} timers; ` +
    `median of ${config.passes} passes after a warm-up`,
);
console.log(
  `process: start → task → condition → approval → end; ${WAIT_STATES} wait states, ` +
    `${DURABLE_STEPS} durable steps per instance (state written at each wait state and at the end)`,
);

try {
  // Both branches of the condition work in each peer before anything is timed.
  checkXstateBranches();
  await checkBpmnBranches();
  console.log("condition checked on both branches: xstate ok, bpmn-engine ok");

  // Slowest and most garbage-heavy last, so it does not tax the others' passes.
  const raw = await measureRawLimit(config);
  const kamflow = await kamflowRows({
    config,
    flow: approvalFlow,
    tempDatabase,
    measureInstances,
    timeIt,
  });
  const persisted = durableRow(
    "xstate v5, persisted snapshot",
    await measureXstatePersisted(config),
    "getPersistedSnapshot() JSON (~110 B) per step",
  );
  const memory = memoryRow(
    "xstate v5, in memory",
    await measureXstateInMemory(config),
    "createActor, 2 events, no database",
  );
  const bpmn = durableRow(
    "bpmn-engine, persisted state",
    await measureBpmnPersisted(config),
    "engine.getState() JSON (~10 KB) per step; recover + resume + signal",
  );

  const rows: BenchRow[] = [...kamflow, persisted, memory, bpmn];
  printRawLimit(raw);
  printTable(rows, raw, { persisted, memory });
  printTargets(rows, raw, { persisted, memory });
  console.log(
    "\nAll peers completed every instance (checked per step and by counting completed rows).",
  );
} finally {
  removeAllTempDatabases();
}
