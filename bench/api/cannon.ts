/**
 * @module bench/api/cannon
 * autocannon, typed for the part this benchmark uses — the way Kysely types only the subset of
 * better-sqlite3 it needs — rather than with a hand-written declaration of the whole package.
 * One case runs `seconds` (or a fixed number of requests) with `connections` keep-alive
 * connections; its result keeps requests per second, the latency percentiles and every answer that
 * was not a 2xx.
 */
import { createRequire } from "node:module";

/** A request autocannon is about to send; `setupRequest` may change it. */
interface CannonRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

interface CannonOptions {
  readonly url: string;
  readonly connections: number;
  readonly duration: number;
  /** Requests to make; takes precedence over `duration`. */
  readonly amount?: number;
  readonly headers?: Record<string, string>;
  readonly requests?: ReadonlyArray<
    CannonRequest & {
      setupRequest?: (request: CannonRequest) => CannonRequest;
      onResponse?: (status: number) => void;
    }
  >;
}

interface Histogram {
  readonly average: number;
  readonly p50: number;
  readonly p99: number;
  readonly total: number;
}

interface CannonResult {
  readonly requests: Histogram;
  readonly latency: Histogram;
  /** Seconds the run took. */
  readonly duration: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly non2xx: number;
  readonly statusCodeStats: Readonly<Record<string, { readonly count: number }>>;
}

type Autocannon = (options: CannonOptions) => Promise<CannonResult>;

const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

/** What one case asks for. */
export interface CaseRequest {
  readonly method: "GET" | "POST";
  /** A fixed path, or one chosen per request (e.g. a different task each time). */
  readonly path: string | (() => string);
  readonly token: string;
  readonly body?: string;
  /** Make exactly this many requests instead of running for the pass's seconds. */
  readonly amount?: number;
}

/** One pass of one case. */
export interface PassResult {
  readonly perSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly total: number;
  /** Answers that were not 2xx, plus socket errors and timeouts. */
  readonly failures: number;
  readonly statuses: Readonly<Record<string, number>>;
}

/** Runs one pass of a case against `url`. */
export async function runCase(
  url: string,
  request: CaseRequest,
  options: { readonly connections: number; readonly seconds: number },
): Promise<PassResult> {
  const { path } = request;
  // A run of a fixed amount ends at autocannon's next one-second tick, so its rate is taken up
  // to the last response instead of over the reported duration.
  const started = performance.now();
  let lastResponse = started;
  const result = await autocannon({
    url,
    connections: options.connections,
    duration: options.seconds,
    ...(request.amount !== undefined ? { amount: request.amount } : {}),
    headers: {
      authorization: `Bearer ${request.token}`,
      accept: "application/json",
      ...(request.body !== undefined ? { "content-type": "application/json" } : {}),
    },
    requests: [
      {
        method: request.method,
        ...(request.body !== undefined ? { body: request.body } : {}),
        ...(typeof path === "string"
          ? { path }
          : { setupRequest: (r: CannonRequest) => ({ ...r, path: path() }) }),
        ...(request.amount !== undefined
          ? {
              onResponse: () => {
                lastResponse = performance.now();
              },
            }
          : {}),
      },
    ],
  });
  const seconds = request.amount !== undefined ? (lastResponse - started) / 1000 : result.duration;
  const statuses: Record<string, number> = {};
  for (const [code, stat] of Object.entries(result.statusCodeStats ?? {}))
    statuses[code] = Number(stat.count);
  return {
    // Over the whole run: the mean of autocannon's one-second samples would undercount a last,
    // partial second.
    perSecond: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts,
    statuses,
  };
}
