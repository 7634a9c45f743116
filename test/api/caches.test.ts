/**
 * The server's in-process caches against a real server, on SQLite and PostgreSQL: who a token or
 * session belongs to (server/auth/caller-cache) and each user's inbox (server/routes/inbox-cache).
 * Each test first warms the cache with a request, then changes something in this process and
 * checks that the very next request sees it — with a clock that never moves, so no TTL expiry can
 * stand in for the invalidation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { type ApiWorld, type Client, signIn, startApi, tokenClient } from "./harness.ts";

const V1 = "/api/v1";
const t = (zh: string, en: string) => ({ "zh-CN": zh, en });

const noteForm = {
  kind: "form",
  key: "note",
  name: t("便签", "Note"),
  dataSchema: {
    type: "object",
    required: ["title"],
    properties: { title: { "x-kam-field": "text", type: "string", maxLength: 200 } },
  },
  uiSchema: { fields: { title: { label: t("标题", "Title") } } },
  rules: {},
} as const;

/** Every new note gives its owner a task. */
const noteFlow = {
  kind: "flow",
  key: "note-handling",
  name: t("便签处理", "Note handling"),
  form: "note",
  trigger: { type: "record.created", form: "note" },
  nodes: [
    { id: "start", type: "start", label: t("开始", "Start"), position: { x: 0, y: 0 }, config: {} },
    {
      id: "handle",
      type: "task",
      label: t("处理", "Handle"),
      position: { x: 0, y: 100 },
      config: { assignees: [{ kind: "record-owner" }], assignment: "each" },
    },
    {
      id: "done",
      type: "end",
      label: t("结束", "Done"),
      position: { x: 0, y: 200 },
      config: { outcome: "done" },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "handle" },
    { id: "e2", source: "handle", target: "done" },
  ],
} as const;

for (const database of testDatabases()) {
  describe(`in-process caches on ${database.name}`, () => {
    let world: ApiWorld;
    let admin: Client;
    beforeAll(async () => {
      world = await startApi(database);
      admin = await world.client("admin");
      await world.engine.definitions.publish(world.ws, noteForm);
      await world.engine.definitions.publish(world.ws, noteFlow);
    });
    afterAll(() => world.close());

    /** A new member with a password, signed in, and an API token of theirs. */
    const member = async (name: string) => {
      const person = await world.addPerson(name, "member");
      const session = await signIn(world.url, person.email);
      const made = await session.post(`${V1}/auth/tokens`, { name: "cache test" });
      return {
        ...person,
        session,
        token: tokenClient(world.url, made.body.token),
        tokenId: made.body.id,
      };
    };

    it("refuses a revoked token on the very next request", async () => {
      const p = await member("revoked");
      expect((await p.token.get(`${V1}/auth/me`)).status).toBe(200);
      expect((await p.session.delete(`${V1}/auth/tokens/${p.tokenId}`)).status).toBe(204);
      expect((await p.token.get(`${V1}/auth/me`)).status).toBe(401);
    });

    it("refuses a disabled user's token and session on the very next request", async () => {
      const p = await member("disabled");
      expect((await p.token.get(`${V1}/tasks`)).status).toBe(200);
      expect((await p.session.get(`${V1}/tasks`)).status).toBe(200);
      const patched = await admin.patch(`${V1}/users/${p.id}`, { status: "disabled" });
      expect(patched.status).toBe(200);
      expect((await p.token.get(`${V1}/tasks`)).status).toBe(401);
      expect((await p.session.get(`${V1}/tasks`)).status).toBe(401);
    });

    it("applies a role granted or revoked on the very next request", async () => {
      const p = await member("promoted");
      expect((await p.token.get(`${V1}/auth/me`)).body.role).toBe("member");
      const granted = await admin.post(`${V1}/memberships`, { userId: p.id, role: "admin" });
      expect(granted.status).toBe(201);
      expect((await p.token.get(`${V1}/auth/me`)).body.role).toBe("admin");
      await admin.delete(`${V1}/memberships/${granted.body.membership.id}`);
      expect((await p.token.get(`${V1}/auth/me`)).body.role).toBe("member");
    });

    it("refuses a session signed out, on the very next request", async () => {
      const p = await member("signed-out");
      expect((await p.session.get(`${V1}/auth/me`)).status).toBe(200);
      expect((await p.session.post(`${V1}/auth/logout`)).status).toBe(204);
      expect((await p.session.get(`${V1}/auth/me`)).status).toBe(401);
    });

    it("shows a new task in the inbox on the very next request, and drops a completed one", async () => {
      const p = await member("inbox");
      const before = await p.token.get(`${V1}/tasks`);
      expect(before.body.items).toEqual([]);
      const record = await world.engine.records.create(
        world.ws,
        "note",
        { title: "设备故障" },
        { actor: p.id, ownerId: p.id },
      );
      const after = await p.token.get(`${V1}/tasks`);
      expect(after.body.items).toHaveLength(1);
      expect(after.body.items[0]).toMatchObject({ assigneeId: p.id, status: "open" });
      expect(record.id).toBeTruthy();
      const taskId = after.body.items[0].id;
      expect((await p.token.post(`${V1}/tasks/${taskId}/complete`, {})).status).toBe(200);
      expect((await p.token.get(`${V1}/tasks`)).body.items).toEqual([]);
    });

    it("answers 304 to the inbox's ETag until the inbox changes", async () => {
      const p = await member("etag");
      await world.engine.records.create(
        world.ws,
        "note",
        { title: "一" },
        { actor: p.id, ownerId: p.id },
      );
      const first = await p.token.get(`${V1}/tasks`);
      const tag = first.headers.get("etag");
      expect(tag).toMatch(/^".+"$/);
      const again = await p.token.get(`${V1}/tasks`, { "if-none-match": `W/${tag}` });
      expect(again.status).toBe(304);
      expect(again.headers.get("etag")).toBe(tag);
      await world.engine.records.create(
        world.ws,
        "note",
        { title: "二" },
        { actor: p.id, ownerId: p.id },
      );
      const changed = await p.token.get(`${V1}/tasks`, { "if-none-match": tag ?? "" });
      expect(changed.status).toBe(200);
      expect(changed.body.items).toHaveLength(2);
      expect(changed.headers.get("etag")).not.toBe(tag);
    });

    it("keeps each user's inbox their own", async () => {
      const a = await member("inbox-a");
      const b = await member("inbox-b");
      await world.engine.records.create(
        world.ws,
        "note",
        { title: "甲" },
        { actor: a.id, ownerId: a.id },
      );
      expect((await a.token.get(`${V1}/tasks`)).body.items).toHaveLength(1);
      expect((await b.token.get(`${V1}/tasks`)).body.items).toEqual([]);
      expect((await a.session.get(`${V1}/tasks`)).body.items).toHaveLength(1);
    });
  });
}
