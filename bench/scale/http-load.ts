/**
 * @module bench/scale/http-load
 * The HTTP half of the scale-out benchmark: each client is a KAM behind a load balancer with
 * session affinity (client i talks to process i mod N). One cycle is a whole instance: create a
 * ticket (its flow starts and gives the KAM a task), read the inbox, complete the task (the flow
 * ends). Completed instances per second is cycles / seconds; every answer that is not a 2xx is
 * counted, and the run is void if there is any.
 */
import { performance } from "node:perf_hooks";

export interface HttpLoadResult {
  readonly completed: number;
  readonly perSecond: number;
  /** One whole cycle (three requests), in ms. */
  readonly cycleP50: number;
  readonly cycleP99: number;
  /** Answers that were not 2xx, by status ("error" for a failed fetch). */
  readonly failures: Readonly<Record<string, number>>;
}

interface Cycle {
  readonly ok: boolean;
  readonly failure?: string;
}

async function call(url: string, token: string, method: string, path: string, body?: unknown) {
  const res = await fetch(`${url}/api/v1${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { "content-type": "application/json" }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as unknown) : null };
}

/** One instance from start to end through the API; the first non-2xx stops the cycle. */
async function cycle(url: string, token: string, n: number): Promise<Cycle> {
  const created = await call(url, token, "POST", "/records", {
    form: "ticket",
    data: { title: `扩展测试工单 ${n}`, category: "fault" },
  });
  if (created.status !== 201) return { ok: false, failure: String(created.status) };
  // The client completes each instance before it starts the next, so its inbox holds exactly
  // the new ticket's task; anything else is a failure (a lost or duplicated task).
  const inbox = await call(url, token, "GET", "/tasks");
  if (inbox.status !== 200) return { ok: false, failure: String(inbox.status) };
  const items = (inbox.body as { items: Array<{ id: string }> }).items;
  const task = items[0];
  if (items.length !== 1 || !task) return { ok: false, failure: `${items.length} tasks` };
  const done = await call(url, token, "POST", `/tasks/${task.id}/complete`, {});
  return done.status === 200 ? { ok: true } : { ok: false, failure: String(done.status) };
}

/**
 * Runs `tokens.length` clients for `seconds` against `urls` (affinity by client index).
 * @example const result = await runHttpLoad(["http://127.0.0.1:4100"], tokens, 10);
 */
export async function runHttpLoad(
  urls: readonly string[],
  tokens: readonly string[],
  seconds: number,
): Promise<HttpLoadResult> {
  const failures: Record<string, number> = {};
  const cycles: number[] = [];
  const start = performance.now();
  const end = start + seconds * 1000;
  let n = 0;
  await Promise.all(
    tokens.map(async (token, i) => {
      const url = urls[i % urls.length] as string;
      while (performance.now() < end) {
        const began = performance.now();
        let result: Cycle;
        try {
          result = await cycle(url, token, n++);
        } catch {
          result = { ok: false, failure: "error" };
        }
        if (result.ok) cycles.push(performance.now() - began);
        else if (result.failure) failures[result.failure] = (failures[result.failure] ?? 0) + 1;
      }
    }),
  );
  const elapsed = (performance.now() - start) / 1000;
  cycles.sort((a, b) => a - b);
  const at = (q: number) => cycles[Math.min(cycles.length - 1, Math.floor(q * cycles.length))] ?? 0;
  return {
    completed: cycles.length,
    perSecond: cycles.length / elapsed,
    cycleP50: at(0.5),
    cycleP99: at(0.99),
    failures,
  };
}
