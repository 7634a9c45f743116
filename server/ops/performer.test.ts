/**
 * The outbox performer against a local HTTP server, on SQLite and PostgreSQL (workspace secrets
 * live in the database): which outcomes the outbox retries (network errors, timeouts, 408, 429,
 * 5xx) and which it hands to the webhook node (any other status), secrets resolved into headers,
 * in-app notifications and e-mails marked delivered, unknown kinds refused.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ClaimedMessage, Store } from "../../engine/store/index.ts";
import { insertWorkspace } from "../../engine/store/index.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { createLogger } from "../logging.ts";
import { createPerformer } from "./performer.ts";

function message(
  workspaceId: string,
  kind: string,
  payload: Record<string, unknown>,
): ClaimedMessage {
  return {
    id: "m1",
    workspaceId,
    instanceId: null,
    kind,
    payload,
    idempotencyKey: "key-1",
    attempts: 0,
    epoch: 1,
    leaseUntil: 0,
  };
}

for (const database of testDatabases()) {
  describe(`outbox performer on ${database.name}`, () => {
    let store: Store;
    let server: Server;
    let base: string;
    let ws: string;
    const seen: Array<{ url?: string; headers: Record<string, unknown>; body: string }> = [];
    const logs: Array<Record<string, unknown>> = [];
    const logger = createLogger({
      level: "info",
      write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
    });

    beforeAll(async () => {
      store = await database.open();
      ws = await store.transaction((trx) =>
        insertWorkspace(trx, { name: "ws", settings: { secrets: { erp: "Bearer t0k" } }, now: 0 }),
      );
      server = createServer((req, res) => {
        let body = "";
        req.on("data", (chunk) => {
          body += chunk;
        });
        req.on("end", () => {
          seen.push({ ...(req.url ? { url: req.url } : {}), headers: req.headers, body });
          if (req.url === "/hang") return; // never answers
          const status = Number(req.url?.slice(1)) || 200;
          res.writeHead(status, { "content-type": "application/json", "x-trace": "abc" });
          res.end(JSON.stringify({ status }));
        });
      });
      await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
      base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    afterAll(async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    });

    it("sends the method, headers with secrets, idempotency key and JSON body", async () => {
      const perform = createPerformer({ store, logger });
      const outcome = await perform(
        message(ws, "webhook", {
          method: "PUT",
          url: `${base}/201`,
          headers: { authorization: { secret: "erp" }, "x-source": "kamflow" },
          body: { order: { id: 7 } },
          idempotencyHeader: "Idempotency-Key",
        }),
      );
      expect(outcome).toMatchObject({
        ok: true,
        response: { status: 201, body: { status: 201 }, headers: { "x-trace": "abc" } },
      });
      const call = seen.at(-1);
      expect(call?.headers).toMatchObject({
        authorization: "Bearer t0k",
        "x-source": "kamflow",
        "idempotency-key": "key-1",
        "content-type": "application/json",
      });
      expect(JSON.parse(call?.body ?? "")).toEqual({ order: { id: 7 } });
    });

    it("lets the outbox retry 5xx, 429 and 408, and hands other statuses to the node", async () => {
      const perform = createPerformer({ store, logger });
      for (const status of [500, 503, 429, 408]) {
        const outcome = await perform(message(ws, "webhook", { url: `${base}/${status}` }));
        expect(outcome, String(status)).toMatchObject({ ok: false, error: `HTTP ${status}` });
      }
      for (const status of [400, 404, 302]) {
        const outcome = await perform(message(ws, "webhook", { url: `${base}/${status}` }));
        expect(outcome, String(status)).toMatchObject({ ok: true, response: { status } });
      }
    });

    it("gives up on a call after the node's timeout", async () => {
      const perform = createPerformer({ store, logger });
      await expect(
        perform(message(ws, "webhook", { url: `${base}/hang`, timeout: "PT0.05S" })),
      ).rejects.toThrow(/abort|timeout/i);
    });

    it("refuses a call whose secret is not set", async () => {
      const perform = createPerformer({ store, logger });
      await expect(
        perform(
          message(ws, "webhook", { url: `${base}/200`, headers: { a: { secret: "missing" } } }),
        ),
      ).rejects.toThrow(/"missing"/);
    });

    it("marks in-app notifications and e-mails delivered and refuses unknown kinds", async () => {
      const perform = createPerformer({ store, logger });
      expect(await perform(message(ws, "notification", { to: ["u1"] }))).toEqual({ ok: true });
      expect(
        await perform(message(ws, "email", { to: ["u1"], subject: { en: "Hi", "zh-CN": "你好" } })),
      ).toEqual({ ok: true });
      expect(logs).toContainEqual(expect.objectContaining({ messageId: "m1", to: ["u1"] }));
      expect(await perform(message(ws, "sms", {}))).toMatchObject({ ok: false });
    });
  });
}
