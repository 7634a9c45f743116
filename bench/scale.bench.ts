/**
 * `npm run bench:scale`: kamflow scaled out on PostgreSQL, with 1, 2 and 3 server processes
 * (`kamflow serve`, real OS processes) on one schema, in one run. For each count, on a fresh
 * schema:
 * 1. timers: `SCALE_TIMERS` instances wait on a timer; all timers are made due at one instant
 *    and the processes' schedulers fire them — lateness p50/p99 (fired − due), timers fired per
 *    second, which process fired how many, and effects applied twice (must be 0);
 * 2. HTTP: `SCALE_CLIENTS` clients, each with affinity to one process, run whole instances
 *    (create a ticket → its flow opens a task → read the inbox → complete it → the flow ends)
 *    for `SCALE_SECONDS` — completed instances per second.
 * Prints a table with the ratio to one process. All processes and PostgreSQL share this
 * machine's cores, so the ratio is bounded by them (printed): on a 2-core machine a third
 * process competes with the database for CPU.
 */
import { cpus } from "node:os";
import { createEngine } from "../engine/runtime/index.ts";
import { testDatabases } from "../engine/store/testing/databases.ts";
import {
  type ServerProcess,
  startServerProcess,
  stopAll,
} from "../test/reliability/server-process.ts";
import { createScaleFixture } from "./scale/fixture.ts";
import { type HttpLoadResult, runHttpLoad } from "./scale/http-load.ts";
import { drainTimers, type TimerDrainResult } from "./scale/timer-drain.ts";

const number = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number`);
  return value;
};
const TIMERS = number("SCALE_TIMERS", 5_000);
const CLIENTS = number("SCALE_CLIENTS", 24);
const SECONDS = number("SCALE_SECONDS", 10);
const PROCESS_COUNTS = [1, 2, 3];
const n = (x: number, digits = 0) =>
  x.toLocaleString("en", { minimumFractionDigits: digits, maximumFractionDigits: digits });

const postgres = testDatabases().find((d) => d.name === "postgres");
if (!postgres) {
  console.error(
    "bench:scale needs PostgreSQL (DATABASE_URL or postgres://postgres@127.0.0.1:5432/test)",
  );
  process.exit(1);
}

interface Row {
  readonly processes: number;
  readonly timers: TimerDrainResult;
  readonly http: HttpLoadResult;
}

async function measure(count: number): Promise<Row> {
  const location = await postgres!.location();
  const store = await location.open();
  const servers: ServerProcess[] = [];
  try {
    await store.migrate();
    const engine = createEngine({ store, clock: { now: () => Date.now() } });
    process.stdout.write(`${count} process(es): creating ${n(TIMERS)} waiting instances… `);
    const fixture = await createScaleFixture(engine, store, { clients: CLIENTS, timers: TIMERS });
    process.stdout.write("starting servers… ");
    for (let i = 0; i < count; i++) {
      servers.push(
        await startServerProcess({
          databaseUrl: location.url,
          ...(location.options.schema ? { schema: location.options.schema } : {}),
          name: `server ${i + 1}`,
          env: { LOG_LEVEL: "info" },
        }),
      );
    }
    process.stdout.write("timers… ");
    const timers = await drainTimers(store, fixture.workspaceId, TIMERS);
    process.stdout.write("HTTP… ");
    const http = await runHttpLoad(
      servers.map((s) => s.url),
      fixture.tokens,
      SECONDS,
    );
    console.log("done");
    return { processes: count, timers, http };
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await store.close();
    await location.dispose();
  }
}

console.log(
  `node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? "?"}; PostgreSQL on the same machine; ` +
    `${n(TIMERS)} timers due at once, ${CLIENTS} HTTP clients for ${SECONDS} s`,
);
const rows: Row[] = [];
try {
  for (const count of PROCESS_COUNTS) rows.push(await measure(count));
} finally {
  await stopAll();
}

const base = rows[0] as Row;
const ratio = (x: number, of: number) => (of > 0 ? `${n(x / of, 2)}×` : "—");
console.log(
  "\n| processes | instances/s (HTTP) | × 1 process | cycle p99 ms | non-2xx | timers/s | × 1 process | timer lag p50 ms | timer lag p99 ms | fired by process | effects twice |",
);
console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|");
for (const row of rows) {
  const failures = Object.values(row.http.failures).reduce((a, b) => a + b, 0);
  console.log(
    `| ${row.processes} | ${n(row.http.perSecond, 1)} | ${ratio(row.http.perSecond, base.http.perSecond)} | ` +
      `${n(row.http.cycleP99)} | ${failures} | ${n(row.timers.perSecond)} | ` +
      `${ratio(row.timers.perSecond, base.timers.perSecond)} | ${n(row.timers.lagP50)} | ${n(row.timers.lagP99)} | ` +
      `${Object.values(row.timers.byProcess)
        .sort((a, b) => b - a)
        .map((v) => n(v))
        .join(" / ")} | ${row.timers.duplicates} |`,
  );
}
const broken = rows.filter(
  (r) =>
    r.timers.duplicates > 0 ||
    r.timers.completed < TIMERS ||
    Object.keys(r.http.failures).length > 0,
);
if (broken.length > 0) {
  console.error(
    `\nvoid: ${broken.map((r) => `${r.processes} process(es): ${r.timers.completed}/${TIMERS} completed, ${r.timers.duplicates} twice, failures ${JSON.stringify(r.http.failures)}`).join("; ")}`,
  );
  process.exitCode = 1;
}
