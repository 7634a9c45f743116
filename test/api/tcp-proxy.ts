/**
 * @module test/api/tcp-proxy
 * A TCP proxy in the test process between kamflow and its PostgreSQL, which a test can cut (every
 * open connection reset, new ones refused, as in a database restart or a network partition) and
 * restore on the same port, or slow down (each chunk from the database held back a while, as
 * `tc netem delay` on the database's side) — the parts of Toxiproxy the outage tests need.
 *
 * @example
 * const proxy = await startTcpProxy({ host: "127.0.0.1", port: 5432 });
 * const store = await openStore(`postgres://postgres@127.0.0.1:${proxy.port}/test`);
 * await proxy.cut();
 * await proxy.restore();
 * proxy.setLatency(200); // every answer of the database arrives 200 ms later
 * proxy.setLatency(0);
 */
import { createConnection, createServer, type Server, type Socket } from "node:net";

export interface TcpProxy {
  readonly port: number;
  /** Resets every open connection and stops accepting new ones. */
  cut(): Promise<void>;
  /** Accepts connections again on the same port. */
  restore(): Promise<void>;
  /**
   * Holds back every chunk from the database `ms` before passing it on (in order), on open and new
   * connections; each round trip then takes `ms` longer. 0 (the default) passes chunks at once.
   */
  setLatency(ms: number): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<Socket>();
  let latencyMs = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    socket.on("error", () => {}); // a reset peer is what cutting is for
  };
  /**
   * Passes `from`'s data to `to`: at once (with back-pressure) when there is no latency, else
   * each chunk `latencyMs` after it arrived, never overtaking an earlier one.
   */
  const forward = (from: Socket, to: Socket, delayed: boolean) => {
    let pending = 0; // chunks held back and not yet written
    let ended = false;
    const write = (chunk: Buffer) => {
      if (to.destroyed) return;
      if (!to.write(chunk)) {
        from.pause();
        to.once("drain", () => from.resume());
      }
    };
    from.on("data", (chunk: Buffer) => {
      const ms = delayed ? latencyMs : 0;
      if (ms <= 0 && pending === 0) return write(chunk);
      pending++;
      setTimeout(() => {
        pending--;
        write(chunk);
        if (ended && pending === 0) to.end();
      }, ms);
    });
    from.on("end", () => {
      ended = true;
      if (pending === 0) to.end();
    });
  };
  const listen = async (port: number): Promise<Server> => {
    const server = createServer((client) => {
      const upstream = createConnection(target);
      track(client);
      track(upstream);
      forward(client, upstream, false);
      forward(upstream, client, true);
      client.on("close", () => upstream.destroy());
      upstream.on("close", () => client.destroy());
    });
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    return server;
  };
  let server: Server | undefined = await listen(0);
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const stop = async () => {
    const closing = server;
    server = undefined;
    for (const socket of sockets) socket.resetAndDestroy();
    if (closing) await new Promise<void>((resolve) => closing.close(() => resolve()));
  };
  return {
    port,
    cut: stop,
    restore: async () => {
      server ??= await listen(port);
    },
    setLatency: (ms: number) => {
      latencyMs = Math.max(0, ms);
    },
    close: stop,
  };
}
