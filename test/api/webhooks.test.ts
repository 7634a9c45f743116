/**
 * Webhook subscriptions through HTTP, against a real server and a real local receiver
 * (node:http on 127.0.0.1), on SQLite and PostgreSQL: a flow that completes is delivered once,
 * signed so the receiver can check it with the secret; a rolled-back step or write sends
 * nothing; failures are retried with back-off and visible in the delivery log; redelivery sends
 * the same body under a new delivery id; pings, filters, secret rotation, pages of the log; the
 * SSRF rule (link-local and private targets, plain http) on save and before each call; only
 * admins manage subscriptions, and another workspace's are 404.
 */
import { createHmac } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createEngine } from "../../engine/runtime/index.ts";
import { approvalFlow, ticketForm } from "../../engine/runtime/testing/kam-fixture.ts";
import type { ClaimedMessage } from "../../engine/store/index.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { createPerformer } from "../../server/ops/performer.ts";
import { signSubscriptionCalls } from "../../server/webhooks/sender.ts";
import { verifyWebhookSignature } from "../../server/webhooks/signature.ts";
import { type ApiWorld, type Client, startApi } from "./harness.ts";

interface Received {
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

interface Receiver {
  readonly url: string;
  readonly seen: Received[];
  /** Statuses to answer with, in order; 200 once empty. */
  readonly statuses: number[];
  close(): Promise<void>;
}

async function startReceiver(): Promise<Receiver> {
  const seen: Received[] = [];
  const statuses: number[] = [];
  const server: Server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (chunk: string) => {
      body += chunk;
    });
    req.on("end", () => {
      seen.push({ path: req.url ?? "", headers: req.headers, body });
      res.writeHead(statuses.shift() ?? 200, { "content-type": "application/json" });
      res.end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    statuses,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

const header = (r: Received, name: string) => {
  const value = r.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/** The receiver's check, done independently of kamflow's helper. */
function signedBy(secret: string, r: Received): boolean {
  const timestamp = header(r, "x-kamflow-timestamp") ?? "";
  const mac = createHmac("sha256", secret).update(`${timestamp}.${r.body}`).digest("hex");
  return header(r, "x-kamflow-signature") === `sha256=${mac}`;
}

for (const database of testDatabases()) {
  describe(`webhooks over HTTP on ${database.name}`, () => {
    let world: ApiWorld;
    let receiver: Receiver;
    let admin: Client;
    let kam: Client;
    const deliver = () =>
      world.engine.outbox.deliver({
        perform: createPerformer({ store: world.store }),
        random: () => 0,
      });

    beforeEach(async () => {
      world = await startApi(database);
      receiver = await startReceiver();
      const { engine, ws, people } = world;
      await engine.definitions.publish(ws, ticketForm);
      await engine.definitions.publish(ws, approvalFlow());
      await engine.roles.grant(ws, { userId: people.kam!.id, role: "kam" });
      admin = await world.client("admin");
      kam = await world.client("kam");
    });
    afterEach(async () => {
      await receiver.close();
      await world.close();
    });

    const subscribe = async (body: Record<string, unknown>) => {
      const res = await admin.post("/api/v1/webhooks", {
        url: `${receiver.url}/hook`,
        allowPrivateNetwork: true, // the receiver is on 127.0.0.1
        ...body,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body as { subscription: { id: string }; secret: string };
    };

    /** A ticket through the approval flow to its end (amount below the approval threshold). */
    const completeFlow = async () => {
      const record = await kam.post("/api/v1/records", { form: "ticket", data: { title: "故障" } });
      expect(record.status).toBe(201);
      const started = await kam.post("/api/v1/instances", {
        flow: "ticket-approval",
        recordId: record.body.record.id,
        input: { amount: 500 },
      });
      expect(started.status).toBe(201);
      const inbox = await kam.get("/api/v1/tasks");
      const task = inbox.body.items.find(
        (t: { instanceId: string }) => t.instanceId === started.body.instance.id,
      );
      const done = await kam.post(`/api/v1/tasks/${task.id}/complete`, {});
      expect(done.status).toBe(200);
      expect(done.body.instance.status).toBe("completed");
      return started.body.instance.id as string;
    };

    const log = async (id: string, query = "") => {
      const res = await admin.get(`/api/v1/webhooks/${id}/deliveries${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      return res.body as { items: Array<Record<string, unknown>>; nextCursor: string | null };
    };

    it("delivers a completed flow once, signed with the secret, committed with the step", async () => {
      const { subscription, secret } = await subscribe({
        events: ["instance.completed"],
        flows: ["ticket-approval"],
        description: "ERP 同步",
      });
      expect(secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
      const instanceId = await completeFlow();

      // In the outbox with the step, before any delivery ran.
      const queued = await log(subscription.id);
      expect(queued.items).toHaveLength(1);
      expect(queued.items[0]).toMatchObject({ event: "instance.completed", status: "pending" });

      expect(await deliver()).toMatchObject({ delivered: 1 });
      expect(receiver.seen).toHaveLength(1);
      const [call] = receiver.seen;
      if (!call) throw new Error("no call");
      expect(call.path).toBe("/hook");
      expect(header(call, "content-type")).toBe("application/json");
      expect(header(call, "x-kamflow-event")).toBe("instance.completed");
      expect(header(call, "x-kamflow-delivery")).toBe(queued.items[0]?.id);
      expect(signedBy(secret, call)).toBe(true);
      expect(signedBy(`${secret}x`, call)).toBe(false);
      const check = {
        secret,
        body: call.body,
        timestamp: header(call, "x-kamflow-timestamp"),
        signature: header(call, "x-kamflow-signature"),
      };
      expect(verifyWebhookSignature({ ...check, now: Date.now() })).toBe(true);
      // A replay long after, or a changed body, is rejected.
      expect(verifyWebhookSignature({ ...check, now: Date.now() + 600_000 })).toBe(false);
      expect(verifyWebhookSignature({ ...check, body: `${call.body} `, now: Date.now() })).toBe(
        false,
      );
      const body = JSON.parse(call.body);
      expect(body).toMatchObject({
        type: "instance.completed",
        workspaceId: world.ws,
        data: { instanceId, flowKey: "ticket-approval", status: "completed", outcome: "done" },
      });
      expect(body.id).toBe(queued.items[0]?.eventId);

      const [entry] = (await log(subscription.id)).items;
      expect(entry).toMatchObject({
        status: "delivered",
        attempts: 1,
        responseStatus: 200,
        lastError: null,
        nextAttemptAt: null,
      });
      expect(entry?.deliveredAt).toEqual(expect.any(Number));
      // Nothing more to send; the secret is never shown again.
      expect(await deliver()).toMatchObject({ delivered: 0 });
      const read = await admin.get(`/api/v1/webhooks/${subscription.id}`);
      expect(read.body.subscription).toMatchObject({ description: "ERP 同步", active: true });
      expect(JSON.stringify(read.body)).not.toContain(secret);
      const list = await admin.get("/api/v1/webhooks");
      expect(list.body.items).toHaveLength(1);
      expect(JSON.stringify(list.body)).not.toContain(secret);
    });

    it("sends nothing for a rolled-back write or step, and sends a committed one", async () => {
      const { subscription } = await subscribe({
        events: ["record.created", "instance.step"],
      });
      // A record the form rejects: nothing committed, nothing queued.
      const invalid = await kam.post("/api/v1/records", {
        form: "ticket",
        data: { title: "x".repeat(300) },
      });
      expect(invalid.status).toBe(422);
      expect((await log(subscription.id)).items).toHaveLength(0);

      // A step that fails after it noted its change (the audit write throws): rolled back.
      let armed = true;
      const failing = createEngine({
        store: world.store,
        clock: world.clock,
        owner: "faulty",
        faults: (point) => {
          if (armed && point === "audit") throw new Error("injected");
        },
      });
      const record = await world.engine.records.create(world.ws, "ticket", { title: "ok" }, {});
      const before = (await log(subscription.id)).items.length;
      expect(before).toBe(1); // the record.created just committed
      await expect(
        failing.flows.start(world.ws, "ticket-approval", { recordId: record.id }),
      ).rejects.toThrow("injected");
      expect((await log(subscription.id)).items).toHaveLength(before);
      const outbox = await world.store.db.selectFrom("outbox").select("id").execute();
      expect(outbox).toHaveLength(before);

      armed = false;
      await failing.flows.start(world.ws, "ticket-approval", { recordId: record.id });
      const events = (await log(subscription.id)).items.map((d) => d.event);
      expect(events).toEqual(["instance.step", "record.created"]);
      expect(await deliver()).toMatchObject({ delivered: 2 });
      expect(receiver.seen.map((r) => header(r, "x-kamflow-event")).sort()).toEqual([
        "instance.step",
        "record.created",
      ]);
    });

    it("retries failures with back-off, shows them in the log, and redelivers", async () => {
      const { subscription, secret } = await subscribe({ events: ["task.created"] });
      receiver.statuses.push(503);
      const ping = await admin.post(`/api/v1/webhooks/${subscription.id}/ping`);
      expect(ping.status).toBe(202);
      expect(ping.body.delivery).toMatchObject({ event: "ping", status: "pending" });
      expect(ping.body.delivery.payload).toMatchObject({
        type: "ping",
        data: { subscriptionId: subscription.id },
      });

      expect(await deliver()).toMatchObject({ retrying: 1 });
      let [entry] = (await log(subscription.id)).items;
      expect(entry).toMatchObject({
        status: "retrying",
        attempts: 1,
        responseStatus: 503,
        lastError: "HTTP 503",
      });
      expect(entry?.nextAttemptAt).toBe(world.clock.now() + 1000);
      // Not due yet: nothing is sent.
      expect(await deliver()).toMatchObject({ delivered: 0, retrying: 0 });
      world.clock.advance(1000);
      expect(await deliver()).toMatchObject({ delivered: 1 });
      [entry] = (await log(subscription.id)).items;
      expect(entry).toMatchObject({
        status: "delivered",
        attempts: 2,
        responseStatus: 200,
        lastError: null,
      });
      expect(receiver.seen).toHaveLength(2);
      expect(receiver.seen.every((r) => signedBy(secret, r))).toBe(true);
      expect(receiver.seen[0]?.body).toBe(receiver.seen[1]?.body);
      expect(header(receiver.seen[1]!, "x-kamflow-delivery")).toBe(entry?.id);

      // Redelivery: the same body (the same event id) under a new delivery id.
      const again = await admin.post(
        `/api/v1/webhooks/${subscription.id}/deliveries/${entry?.id}/redeliver`,
      );
      expect(again.status).toBe(202);
      expect(again.body.delivery).toMatchObject({
        status: "pending",
        redeliveryOf: entry?.id,
        eventId: entry?.eventId,
      });
      expect(again.body.delivery.id).not.toBe(entry?.id);
      expect(await deliver()).toMatchObject({ delivered: 1 });
      const third = receiver.seen[2];
      expect(third?.body).toBe(receiver.seen[0]?.body);
      expect(header(third!, "x-kamflow-delivery")).toBe(again.body.delivery.id);
      expect(signedBy(secret, third!)).toBe(true);

      // A client error is not retried: "rejected", with its status.
      receiver.statuses.push(410);
      await admin.post(`/api/v1/webhooks/${subscription.id}/ping`);
      expect(await deliver()).toMatchObject({ delivered: 1 });
      [entry] = (await log(subscription.id)).items;
      expect(entry).toMatchObject({ status: "rejected", attempts: 1, responseStatus: 410 });

      // A receiver that is gone: a network error, retried.
      await receiver.close();
      await admin.post(`/api/v1/webhooks/${subscription.id}/ping`);
      expect(await deliver()).toMatchObject({ retrying: 1 });
      [entry] = (await log(subscription.id)).items;
      expect(entry).toMatchObject({ status: "retrying", attempts: 1, responseStatus: null });
      expect(entry?.lastError).toEqual(expect.any(String));
      receiver = await startReceiver(); // for afterEach
    });

    it("gives up after the last attempt: the delivery is failed, and can be redelivered", async () => {
      const { subscription } = await subscribe({ events: ["task.created"] });
      receiver.statuses.push(...Array<number>(8).fill(500));
      await admin.post(`/api/v1/webhooks/${subscription.id}/ping`);
      for (let attempt = 0; attempt < 8; attempt++) {
        await deliver();
        world.clock.advance(1000 * 2 ** attempt); // the back-off, without jitter
      }
      const [entry] = (await log(subscription.id)).items;
      expect(entry).toMatchObject({ status: "failed", attempts: 8, responseStatus: 500 });
      const again = await admin.post(
        `/api/v1/webhooks/${subscription.id}/deliveries/${entry?.id}/redeliver`,
      );
      expect(again.status).toBe(202);
      expect(await deliver()).toMatchObject({ delivered: 1 });
      const page = await log(subscription.id);
      expect(page.items.map((d) => d.status)).toEqual(["delivered", "failed"]);
    });

    it("filters by event and key, skips inactive subscriptions, and signs with a rotated secret", async () => {
      const tasks = await subscribe({
        events: ["task.created", "task.closed", "record.updated"],
        forms: ["some-other-form"],
      });
      const inactive = await subscribe({ events: ["task.created"], active: false });
      const otherFlow = await subscribe({ events: ["task.created"], flows: ["another-flow"] });
      await completeFlow();
      const events = (await log(tasks.subscription.id)).items.map((d) => d.event).sort();
      expect(events).toEqual(["task.closed", "task.created"]);
      expect((await log(inactive.subscription.id)).items).toHaveLength(0);
      expect((await log(otherFlow.subscription.id)).items).toHaveLength(0);

      const rotated = await admin.post(`/api/v1/webhooks/${tasks.subscription.id}/rotate-secret`);
      expect(rotated.status).toBe(200);
      expect(rotated.body.secret).not.toBe(tasks.secret);
      await deliver();
      expect(receiver.seen).toHaveLength(2);
      const created = receiver.seen.find((r) => header(r, "x-kamflow-event") === "task.created");
      expect(JSON.parse(created?.body ?? "{}").data).toMatchObject({
        nodeId: "fill",
        flowKey: "ticket-approval",
        holders: [world.people.kam!.id],
      });
      for (const call of receiver.seen) {
        expect(signedBy(rotated.body.secret, call)).toBe(true);
        expect(signedBy(tasks.secret, call)).toBe(false);
      }

      // Changing the filter takes effect for the next events at once.
      const patched = await admin.patch(`/api/v1/webhooks/${inactive.subscription.id}`, {
        active: true,
        events: ["record.updated"],
      });
      expect(patched.status).toBe(200);
      expect(patched.body.subscription).toMatchObject({ active: true, events: ["record.updated"] });
      const record = await world.engine.records.create(world.ws, "ticket", { title: "a" }, {});
      await world.engine.records.update(world.ws, record.id, { status: "open" });
      const [updated] = (await log(inactive.subscription.id)).items;
      expect(updated).toMatchObject({ event: "record.updated" });
      const one = await admin.get(
        `/api/v1/webhooks/${inactive.subscription.id}/deliveries/${updated?.id}`,
      );
      expect(one.status).toBe(200);
      expect(one.body.delivery.payload.data).toMatchObject({
        recordId: record.id,
        form: "ticket",
        changed: ["status"],
        data: { title: "a", status: "open" },
      });
    });

    it("pages the log, and deletes a subscription with its unsent deliveries", async () => {
      const { subscription } = await subscribe({ events: ["task.created"] });
      for (let i = 0; i < 3; i++) await admin.post(`/api/v1/webhooks/${subscription.id}/ping`);
      const first = await log(subscription.id, "?limit=2");
      expect(first.items).toHaveLength(2);
      expect(first.nextCursor).toBe(first.items[1]?.id);
      const second = await log(subscription.id, `?limit=2&cursor=${first.nextCursor}`);
      expect(second.items).toHaveLength(1);
      expect(second.nextCursor).toBeNull();
      const ids = [...first.items, ...second.items].map((d) => d.id as string);
      expect(ids).toEqual([...ids].sort().reverse());
      const bad = await admin.get(`/api/v1/webhooks/${subscription.id}/deliveries?cursor=nope`);
      expect(bad.status).toBe(400);
      expect(bad.body.issues[0].pointer).toBe("/cursor");
      const tooMany = await admin.get(`/api/v1/webhooks/${subscription.id}/deliveries?limit=500`);
      expect(tooMany.status).toBe(400);

      const removed = await admin.delete(`/api/v1/webhooks/${subscription.id}`);
      expect(removed.status).toBe(204);
      expect((await admin.get(`/api/v1/webhooks/${subscription.id}`)).status).toBe(404);
      expect(await deliver()).toMatchObject({ delivered: 0 });
      expect(receiver.seen).toHaveLength(0);
      expect(await world.store.db.selectFrom("outbox").select("id").execute()).toHaveLength(0);
    });

    it("refuses link-local, private and plain-http targets on save (the SSRF rule)", async () => {
      const refused = async (url: string, code: string, extra: object = {}) => {
        const res = await admin.post("/api/v1/webhooks", { url, events: ["ping"], ...extra });
        // "ping" is not an event one subscribes to: the body check answers first.
        expect(res.status).toBe(400);
        const real = await admin.post("/api/v1/webhooks", {
          url,
          events: ["task.created"],
          ...extra,
        });
        expect(real.status, url).toBe(422);
        expect(real.body.code, url).toBe(code);
        expect(real.body.issues[0].pointer).toBe("/url");
      };
      const forbidden = "WEBHOOK_TARGET_FORBIDDEN";
      await refused("http://169.254.169.254/latest/meta-data/", forbidden);
      await refused("http://169.254.169.254/latest/meta-data/", forbidden, {
        allowPrivateNetwork: true,
      });
      await refused("https://[fe80::1]/hook", forbidden, { allowPrivateNetwork: true });
      await refused("http://[::ffff:169.254.169.254]/", forbidden, { allowPrivateNetwork: true });
      await refused("http://2852039166/", forbidden, { allowPrivateNetwork: true });
      await refused("http://0.0.0.0:8080/", forbidden, { allowPrivateNetwork: true });
      await refused("https://10.0.0.5/hook", forbidden);
      await refused("https://192.168.1.20/hook", forbidden);
      await refused("https://erp.internal/hook", forbidden);
      await refused("http://hooks.example.com/hook", forbidden);
      await refused("ftp://hooks.example.com/hook", "WEBHOOK_TARGET_INVALID");
      await refused("http://user:secret@127.0.0.1/hook", "WEBHOOK_TARGET_INVALID");
      await refused("not a url", "WEBHOOK_TARGET_INVALID");

      const allowed = async (url: string, extra: object = {}) => {
        const res = await admin.post("/api/v1/webhooks", {
          url,
          events: ["task.created"],
          ...extra,
        });
        expect(res.status, `${url}: ${JSON.stringify(res.body)}`).toBe(201);
        return res.body.subscription.id as string;
      };
      await allowed("https://hooks.example.com/kamflow");
      // The server's own host only with the admin's flag: it runs services no workspace should reach.
      await refused("http://localhost:9000/hook", forbidden);
      await refused("http://127.0.0.1:9000/hook", forbidden);
      await allowed("http://localhost:9000/hook", { allowPrivateNetwork: true });
      await allowed("https://10.0.0.5/hook", { allowPrivateNetwork: true });
      const id = await allowed("http://erp.internal/hook", { allowPrivateNetwork: true });
      // Turning the flag off again re-checks the URL.
      const off = await admin.patch(`/api/v1/webhooks/${id}`, { allowPrivateNetwork: false });
      expect(off.status).toBe(422);
      expect(off.body.code).toBe(forbidden);
      const moved = await admin.patch(`/api/v1/webhooks/${id}`, {
        url: "http://169.254.169.254/",
      });
      expect(moved.status).toBe(422);
    });

    it("refuses a call whose host resolves to a forbidden address when it is sent", async () => {
      const { subscription } = await subscribe({ events: ["task.created"] });
      await world.engine.webhooks.update(world.ws, subscription.id, {
        url: "https://hooks.example.com/kamflow",
      });
      await admin.post(`/api/v1/webhooks/${subscription.id}/ping`);
      const calls: ClaimedMessage[] = [];
      const perform = signSubscriptionCalls(
        world.store,
        async (message) => {
          calls.push(message);
          return { ok: true, response: { status: 200, headers: {}, body: null } };
        },
        { resolve: async () => ["93.184.215.14", "169.254.169.254"] },
      );
      expect(await world.engine.outbox.deliver({ perform, random: () => 0 })).toMatchObject({
        retrying: 1,
      });
      expect(calls).toHaveLength(0);
      const [entry] = (await log(subscription.id)).items;
      expect(entry).toMatchObject({ status: "retrying", responseStatus: null });
      expect(entry?.lastError).toContain("169.254.169.254");
    });

    it("lets only admins manage subscriptions, and hides other workspaces' (404)", async () => {
      const { subscription } = await subscribe({ events: ["task.created"] });
      for (const name of ["designer", "manager", "kam", "viewer"]) {
        const client = await world.client(name);
        const list = await client.get("/api/v1/webhooks");
        expect(list.status, name).toBe(403);
        expect(list.body.code).toBe("AUTH_FORBIDDEN");
        expect((await client.get(`/api/v1/webhooks/${subscription.id}`)).status).toBe(403);
        const create = await client.post("/api/v1/webhooks", {
          url: `${receiver.url}/x`,
          events: ["task.created"],
        });
        expect(create.status, name).toBe(403);
        expect((await client.post(`/api/v1/webhooks/${subscription.id}/ping`)).status).toBe(403);
      }
      const otherWs = await world.engine.workspaces.create("Other Co");
      const foreign = await world.engine.webhooks.create(otherWs, {
        url: "https://hooks.example.com/other",
        events: ["task.created"],
      });
      const foreignPing = await world.engine.webhooks.ping(otherWs, foreign.subscription.id);
      const id = foreign.subscription.id;
      for (const [method, path] of [
        ["GET", `/api/v1/webhooks/${id}`],
        ["PATCH", `/api/v1/webhooks/${id}`],
        ["DELETE", `/api/v1/webhooks/${id}`],
        ["POST", `/api/v1/webhooks/${id}/rotate-secret`],
        ["POST", `/api/v1/webhooks/${id}/ping`],
        ["GET", `/api/v1/webhooks/${id}/deliveries`],
        ["GET", `/api/v1/webhooks/${id}/deliveries/${foreignPing.id}`],
        ["POST", `/api/v1/webhooks/${id}/deliveries/${foreignPing.id}/redeliver`],
        ["GET", `/api/v1/webhooks/${subscription.id}/deliveries/${foreignPing.id}`],
        ["POST", `/api/v1/webhooks/${subscription.id}/deliveries/${foreignPing.id}/redeliver`],
      ] as const) {
        const body = method === "PATCH" ? { description: "x" } : method === "POST" ? {} : undefined;
        const res = await admin.request(method, path, body);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(res.body.code).toBe("STORE_NOT_FOUND");
      }
      expect((await admin.get("/api/v1/webhooks")).body.items).toHaveLength(1);
    });

    it("writes nothing to the outbox when the workspace has no subscription", async () => {
      await completeFlow();
      expect(await world.store.db.selectFrom("outbox").select("id").execute()).toHaveLength(0);
    });

    it("replays a create with the same Idempotency-Key", async () => {
      const body = {
        url: `${receiver.url}/hook`,
        events: ["task.created"],
        allowPrivateNetwork: true,
      };
      const headers = { "idempotency-key": "create-hook-1" };
      const first = await admin.post("/api/v1/webhooks", body, headers);
      const second = await admin.post("/api/v1/webhooks", body, headers);
      expect(first.status).toBe(201);
      expect(second.status).toBe(201);
      expect(second.body).toEqual(first.body);
      expect((await admin.get("/api/v1/webhooks")).body.items).toHaveLength(1);
    });
  });
}
