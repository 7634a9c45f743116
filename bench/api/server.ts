/**
 * @module bench/api/server
 * The server side of `npm run bench:api`, run as a child process so the load generator does not
 * share its event loop: kamflow as `kamflow serve` runs it (startServer: migrations, the app with
 * every middleware, request logs at LOG_LEVEL, the scheduler) over a SQLite file in the directory
 * the parent names, plus — in the same process, on the same @hono/node-server — a bare Hono app
 * whose `/bare` returns a small JSON, the ceiling, and whose `/bare-inbox` returns the bytes of
 * the inbox user's inbox (read once from kamflow), the ceiling for a response of that size.
 * Talks to the parent over IPC:
 * `ready` (urls and the fixture), `completed` (a count, on request), and stops on `stop`.
 */
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { startServer } from "../../server/serve.ts";
import { completedTasks, createFixture } from "./fixture.ts";

/** Messages the parent sends. */
export type ToServer = { readonly type: "count" } | { readonly type: "stop" };

const dir = process.env.BENCH_API_DIR;
if (!dir || !process.send) throw new Error("bench/api/server runs as a child of bench/api.bench");
const send = (message: unknown) => process.send?.(message);

const running = await startServer({
  port: 0,
  host: "127.0.0.1",
  databaseUrl: `file:${join(dir, "bench.db")}`,
  demo: false,
});
const fixture = await createFixture(
  running.engine,
  running.store,
  {
    inboxTasks: Number(process.env.BENCH_API_INBOX),
    completionTasks: Number(process.env.BENCH_API_TASKS),
  },
  (done, total) => send({ type: "progress", done, total }),
);

const inboxJson = await (
  await fetch(`${running.url}/api/v1/tasks`, {
    headers: { authorization: `Bearer ${fixture.kamToken}` },
  })
).text();

const bare = new Hono();
bare.get("/bare", (c) => c.json({ ok: true, service: "kamflow", version: 1 }));
bare.get("/bare-inbox", (c) => c.body(inboxJson, 200, { "content-type": "application/json" }));
const bareServer = serve({ fetch: bare.fetch, port: 0, hostname: "127.0.0.1" });
await new Promise<void>((resolve) => bareServer.once("listening", () => resolve()));
const barePort = (bareServer.address() as AddressInfo).port;

process.on("message", async (message: ToServer) => {
  if (message.type === "count") {
    send({ type: "completed", count: await completedTasks(running.store, fixture) });
  } else if (message.type === "stop") {
    if ("closeAllConnections" in bareServer) bareServer.closeAllConnections();
    await new Promise<void>((resolve) => bareServer.close(() => resolve()));
    await running.stop();
    process.disconnect();
  }
});

send({
  type: "ready",
  url: running.url,
  bareUrl: `http://127.0.0.1:${barePort}`,
  fixture,
});
