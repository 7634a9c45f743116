/**
 * @module test/reliability/sink
 * The local HTTP receiver the reliability tests' webhook nodes call: it answers 200 (after a short
 * delay) and counts every delivery under its key — the `Idempotency-Key` header by default, or a
 * field of the JSON body — with the true arrival time of each. `tally` then holds the deliveries
 * against the outbox rows' keys: every key seen, redeliveries of one key, keys nobody sent.
 *
 * @example
 * const sink = await startSink();
 * // … webhook nodes POST to `${sink.url}/hook` …
 * const { unseen, redeliveries, foreignKeys } = sink.tally(hooks.map((h) => h.idempotency_key));
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

export interface SinkOptions {
  /**
   * How long each answer waits, in ms; 0 answers at once. A little latency widens the window
   * between the call and the caller recording its result. @default 20
   */
  readonly delayMs?: number;
  /**
   * Count each delivery under this field of its JSON body (e.g. "ref") instead of under its
   * `Idempotency-Key` header.
   */
  readonly keyField?: string;
}

/** The deliveries held against the keys that should have been delivered. */
export interface SinkTally {
  /** Expected keys never delivered. */
  readonly unseen: number;
  /** Deliveries beyond the first of an expected key (at-least-once allows them). */
  readonly redeliveries: number;
  /** Delivered keys that were not expected. */
  readonly foreignKeys: string[];
  /** All deliveries, of any key. */
  readonly deliveries: number;
}

export interface Sink {
  /** `http://127.0.0.1:<port>`; webhooks call `${url}/hook`. */
  readonly url: string;
  /** Deliveries per key. */
  readonly deliveries: Map<string, number>;
  /** The time (this process's clock) each delivery of a key arrived, in order. */
  readonly arrivals: Map<string, number[]>;
  /** Holds the deliveries against the keys that should have been delivered. */
  tally(expected: ReadonlyArray<string | null | undefined>): SinkTally;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

/** Starts a sink on a free port of 127.0.0.1. */
export async function startSink(options: SinkOptions = {}): Promise<Sink> {
  const delayMs = options.delayMs ?? 20;
  const deliveries = new Map<string, number>();
  const arrivals = new Map<string, number[]>();
  const server: Server = createServer((req, res) => {
    const arrived = Date.now();
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const key =
        options.keyField === undefined
          ? String(req.headers["idempotency-key"] ?? "")
          : String(
              (JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>)[
                options.keyField
              ],
            );
      deliveries.set(key, (deliveries.get(key) ?? 0) + 1);
      arrivals.set(key, [...(arrivals.get(key) ?? []), arrived]);
      const answer = () => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end('{"ok":true}');
      };
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    deliveries,
    arrivals,
    tally(expected) {
      const keys = new Set(expected);
      let unseen = 0;
      let redeliveries = 0;
      for (const key of expected) {
        const seen = deliveries.get(key ?? "") ?? 0;
        if (seen === 0) unseen++;
        redeliveries += Math.max(0, seen - 1);
      }
      return {
        unseen,
        redeliveries,
        foreignKeys: [...deliveries.keys()].filter((key) => !keys.has(key)),
        deliveries: [...deliveries.values()].reduce((a, b) => a + b, 0),
      };
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
