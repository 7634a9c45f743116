/**
 * Stopping a server: open event streams end cleanly (the browser reconnects elsewhere) instead
 * of being cut, answers close their keep-alive connections, and the server stops.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { manualClock } from "../engine/ports.ts";
import { createEngine } from "../engine/runtime/index.ts";
import { insertApiToken, openStore } from "../engine/store/index.ts";
import { createApp } from "./app.ts";
import { createLoginLimiter } from "./auth/rate-limit.ts";
import { digest, newSecret } from "./auth/secrets.ts";
import { createLogger } from "./logging.ts";
import { startServer } from "./serve.ts";

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe("startServer().stop()", () => {
  it("ends open event streams cleanly before it closes the connections", async () => {
    const folder = mkdtempSync(join(tmpdir(), "kamflow-serve-"));
    folders.push(folder);
    const server = await startServer({
      port: 0,
      databaseUrl: `file:${join(folder, "kamflow.db")}`,
      demo: false,
      scheduler: false,
      logger: createLogger({ level: "silent" }),
    });
    const ws = await server.engine.workspaces.create("ACME");
    const user = await server.engine.users.create(ws, { email: "a@acme.cn", name: "A" });
    await server.engine.memberships.add(ws, { userId: user, role: "admin" });
    const token = newSecret("kam_");
    await insertApiToken(server.store.db, {
      workspaceId: ws,
      userId: user,
      name: "t",
      tokenHash: digest(token),
      now: Date.now(),
    });

    const res = await fetch(`${server.url}/api/v1/events`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(200);
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const decoder = new TextDecoder();
    let text = "";
    while (!text.includes("event: ready")) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value);
    }
    expect(text).toContain("event: ready");

    const stopped = server.stop();
    // The stream ends as a finished response (done), not as a connection cut mid-stream (an
    // error "terminated"), which is what closing every connection at once did.
    let end: ReadableStreamReadResult<Uint8Array>;
    do end = await reader.read();
    while (!end.done);
    expect(end.done).toBe(true);
    await stopped;
    await expect(fetch(`${server.url}/healthz`)).rejects.toThrow();
  });

  it("closes each answer's connection once the stop began, so clients move on", async () => {
    const folder = mkdtempSync(join(tmpdir(), "kamflow-serve-"));
    folders.push(folder);
    const store = await openStore(`file:${join(folder, "kamflow.db")}`);
    await store.migrate();
    const clock = manualClock(Date.now());
    const shutdown = new AbortController();
    const app = createApp({
      engine: createEngine({ store, clock }),
      store,
      clock,
      limiter: createLoginLimiter(),
      version: "test",
      shutdown: shutdown.signal,
    });
    expect((await app.request("/healthz")).headers.get("connection")).toBeNull();
    shutdown.abort();
    expect((await app.request("/healthz")).headers.get("connection")).toBe("close");
    expect((await app.request("/api/v1/tasks")).headers.get("connection")).toBe("close"); // a 401
    await store.close();
  });
});
