/**
 * @module store/fault-points
 * Fault points: named places where the reliability suites make kamflow fail on purpose, to prove
 * that a failure there loses nothing and applies nothing twice (docs: reliability plan, "fault
 * hooks"). The points are
 *
 * - `commit.before`: inside every `store.transaction`, after its work, just before COMMIT — a
 *   throw rolls the whole transaction back (like a database error on commit);
 * - `commit.after`: just after COMMIT, before the caller sees the result — the work is durable,
 *   but the caller gets an error (like a connection lost while the COMMIT's answer was on its way);
 * - `outbox.publish.before` / `outbox.publish.after`: around each outbox message's delivery (the
 *   message is claimed; after: the receiver has it, its result is not recorded yet);
 * - `timer.claimed`: between a timer's claim and the transaction that fires it.
 *
 * A point is a no-op unless armed: `faultPoint(name)` costs one boolean check when nothing is.
 * An armed point throws an `InjectedFault`, a database-like error (not a KamError: the runtime
 * treats it as it treats any unexpected database failure, e.g. HTTP 500 and a retry later).
 *
 * Arming:
 * - in a test, `armFault({ point, times | probability, seed })`, then `disarmFaults()`;
 * - in a child process, the environment: `FAULT_POINT=<name>[@<after>][:<count or probability>]`,
 *   several separated by commas — `commit.before:3` fails the next 3 passes, `commit.after:0.05`
 *   fails each pass with probability 0.05 (seeded by `FAULT_SEED`, default 1; the seed is printed
 *   when a point is armed), `commit.before@10` lets 10 passes through and fails the 11th, a bare
 *   name fails once. `FAULT_ACTION=exit` kills the process with
 *   SIGKILL at the point instead of throwing (crash tests).
 */

/** Every fault point, in the order a step passes them. */
export const FAULT_POINTS = [
  "timer.claimed",
  "outbox.publish.before",
  "outbox.publish.after",
  "commit.before",
  "commit.after",
] as const;

export type FaultPointName = (typeof FAULT_POINTS)[number];

/** The error an armed point throws: shaped like a driver's error (`code`), so it is not ours. */
export class InjectedFault extends Error {
  /** Like `SQLITE_IOERR` or PostgreSQL's `08006`: a failure of the database, not of the request. */
  readonly code = "KAMFLOW_FAULT_INJECTED";
  constructor(readonly point: FaultPointName) {
    super(`Injected fault at ${point}`);
    this.name = "InjectedFault";
  }
}

export interface FaultArming {
  readonly point: FaultPointName;
  /** Let this many passes through first (e.g. 1: the second pass fails). @default 0 */
  readonly after?: number;
  /** Fail the next `times` passes. @default 1 (unless `probability` is given) */
  readonly times?: number;
  /** Fail each pass with this probability (0–1), until disarmed or `times` failures. */
  readonly probability?: number;
  /** Seed of the probability's generator, so a failing run can be repeated. @default 1 */
  readonly seed?: number;
  /** What to throw instead of an InjectedFault. */
  readonly error?: (point: FaultPointName) => Error;
  /** What to do instead of throwing (e.g. kill the process). */
  readonly action?: (point: FaultPointName) => void;
}

/** An armed point: how often it fired so far; `disarm()` stops it. */
export interface ArmedFault {
  readonly point: FaultPointName;
  /** Failures injected so far. */
  readonly fired: number;
  /** Passes so far (failed or not). */
  readonly passes: number;
  disarm(): void;
}

interface Armed {
  readonly arming: FaultArming;
  remaining: number;
  skip: number;
  fired: number;
  passes: number;
  readonly random: () => number;
}

const armed = new Map<FaultPointName, Armed[]>();
/** The one check a disarmed point makes. */
let anyArmed = false;

/** mulberry32: a small seeded generator, enough to pick faults reproducibly. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function trip(name: FaultPointName): void {
  const list = armed.get(name);
  if (!list) return;
  for (const entry of list) {
    if (entry.remaining <= 0) continue;
    entry.passes++;
    if (entry.skip > 0) {
      entry.skip--;
      continue;
    }
    const { probability } = entry.arming;
    if (probability !== undefined && entry.random() >= probability) continue;
    entry.remaining--;
    entry.fired++;
    if (entry.arming.action) {
      entry.arming.action(name);
      return;
    }
    throw entry.arming.error?.(name) ?? new InjectedFault(name);
  }
}

/**
 * Passes fault point `name`: nothing happens unless it is armed (see the module doc).
 * @throws InjectedFault (or the arming's error) when an armed point fires.
 */
export function faultPoint(name: FaultPointName): void {
  if (anyArmed) trip(name);
}

/**
 * Arms a fault point (tests, or the environment at startup); returns a handle with its counts.
 * @example
 * const fault = armFault({ point: "commit.before", times: 1 });
 * await expect(completeTask()).rejects.toThrow(InjectedFault);
 * fault.disarm();
 */
export function armFault(arming: FaultArming): ArmedFault {
  if (!FAULT_POINTS.includes(arming.point)) {
    throw new Error(`Unknown fault point "${arming.point}" (known: ${FAULT_POINTS.join(", ")}).`);
  }
  const p = arming.probability;
  if (p !== undefined && !(p > 0 && p <= 1)) {
    throw new Error(`The probability of a fault point is in (0, 1], not ${p}.`);
  }
  const entry: Armed = {
    arming,
    remaining: arming.times ?? (p === undefined ? 1 : Number.POSITIVE_INFINITY),
    skip: arming.after ?? 0,
    fired: 0,
    passes: 0,
    random: seeded(arming.seed ?? 1),
  };
  armed.set(arming.point, [...(armed.get(arming.point) ?? []), entry]);
  anyArmed = true;
  return {
    point: arming.point,
    get fired() {
      return entry.fired;
    },
    get passes() {
      return entry.passes;
    },
    disarm() {
      const rest = (armed.get(arming.point) ?? []).filter((e) => e !== entry);
      if (rest.length > 0) armed.set(arming.point, rest);
      else armed.delete(arming.point);
      anyArmed = armed.size > 0;
    },
  };
}

/** Disarms every point. */
export function disarmFaults(): void {
  armed.clear();
  anyArmed = false;
}

/**
 * Arms the points `FAULT_POINT` names (see the module doc); returns the handles. Runs once when
 * this module loads, so a child process started with the variable is armed from its first step.
 * @throws Error for an unknown point or a malformed count, so a typo cannot pass silently.
 */
export function armFromEnvironment(env: NodeJS.ProcessEnv = process.env): ArmedFault[] {
  const spec = env.FAULT_POINT?.trim();
  if (!spec) return [];
  const seed = env.FAULT_SEED ? Number(env.FAULT_SEED) : 1;
  const kill =
    env.FAULT_ACTION === "exit"
      ? () => {
          process.kill(process.pid, "SIGKILL");
        }
      : undefined;
  return spec.split(",").map((part) => {
    const [where = "", amount] = part.trim().split(":");
    const [point = "", skip] = where.split("@");
    const n = amount === undefined ? 1 : Number(amount);
    const after = skip === undefined ? 0 : Number(skip);
    if (!Number.isFinite(n) || n <= 0 || (n > 1 && !Number.isInteger(n))) {
      throw new Error(`FAULT_POINT: "${part}" needs a count (1, 2, …) or a probability (0–1).`);
    }
    if (!Number.isInteger(after) || after < 0) {
      throw new Error(`FAULT_POINT: "${part}": what follows @ is a count of passes (0, 1, …).`);
    }
    // "1" is a count (fail once); a fraction is a probability.
    const arming: FaultArming = {
      point: point as FaultPointName,
      ...(after > 0 ? { after } : {}),
      ...(n < 1 ? { probability: n, seed } : { times: n }),
      ...(kill ? { action: kill } : {}),
    };
    const handle = armFault(arming);
    process.stderr.write(
      `[fault] armed ${point} (${n < 1 ? `probability ${n}, FAULT_SEED=${seed}` : `${n} time(s)`}${kill ? ", kill" : ""})\n`,
    );
    return handle;
  });
}

armFromEnvironment();
