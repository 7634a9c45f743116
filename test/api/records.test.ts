/**
 * The records API against a real server, on SQLite and PostgreSQL: create (idempotent), read,
 * patch under If-Match, soft delete, field filters, sort and cursor pages, tier history, and
 * row-level visibility by owner, team subtree, role and workspace.
 *
 * Org of the tests: team 华东 (managed by `manager`) with the sub-team 上海 (`kam`, `viewer`);
 * team 华南 (managed by `director`) with `kam2`. Another workspace has its own admin and account.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { type ApiWorld, type Client, type Reply, signIn, startApi } from "./harness.ts";

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });

const accountForm = {
  kind: "form",
  key: "account",
  name: t("客户", "Account"),
  dataSchema: {
    type: "object",
    required: ["name"],
    properties: {
      name: { "x-kam-field": "text", type: "string", minLength: 2, maxLength: 200 },
      industry: { "x-kam-field": "text", type: "string", maxLength: 40 },
      annualPurchase: { "x-kam-field": "money", type: "number", "x-kam-currency": "CNY" },
      strategic: { "x-kam-field": "boolean", type: "boolean" },
    },
  },
  uiSchema: { fields: { name: { label: t("名称", "Name") } } },
  rules: {},
};

const valueTier = {
  kind: "tier-model",
  key: "value-tier",
  name: t("价值分级", "Value tier"),
  form: "account",
  modelKind: "decision-table",
  tiers: [
    { key: "key", label: t("重点", "Key") },
    { key: "regular", label: t("普通", "Regular") },
  ],
  inputs: [{ key: "purchase", label: t("采购额", "Purchase"), rule: { var: "annualPurchase" } }],
  hitPolicy: "first",
  rows: [
    { id: "key", when: { purchase: { op: ">", value: 1_000_000 } }, tier: "key" },
    { id: "regular", when: {}, tier: "regular" },
  ],
};

const base = "/api/v1/records";
const ids = (reply: { body: { items: Array<{ id: string }> } }) =>
  reply.body.items.map((r) => r.id);

for (const database of testDatabases()) {
  describe(`records API on ${database.name}`, () => {
    let world: ApiWorld;
    const c: Record<string, Client> = {};
    let east: string;
    let shanghai: string;
    let south: string;
    let otherAdmin: Client;
    let otherRecord: string;

    beforeAll(async () => {
      world = await startApi(database);
      const { engine, ws, people } = world;
      const kam2 = await world.addPerson("kam2", "member");
      east = await engine.teams.create(ws, {
        key: "east",
        name: "华东",
        managerId: people.manager!.id,
      });
      shanghai = await engine.teams.create(ws, { key: "sh", name: "上海", parentId: east });
      south = await engine.teams.create(ws, {
        key: "south",
        name: "华南",
        managerId: people.director!.id,
      });
      await engine.memberships.add(ws, {
        userId: people.kam!.id,
        teamId: shanghai,
        role: "member",
      });
      await engine.memberships.add(ws, {
        userId: people.viewer!.id,
        teamId: shanghai,
        role: "viewer",
      });
      await engine.memberships.add(ws, { userId: kam2.id, teamId: south, role: "member" });
      await engine.definitions.publish(ws, accountForm);
      await engine.definitions.publish(ws, valueTier);
      for (const name of ["admin", "designer", "manager", "director", "kam", "kam2", "viewer"])
        c[name] = await world.client(name);

      const other = await engine.workspaces.create("Other");
      const person = await world.addPerson("otheradmin", "admin", other);
      otherAdmin = await signIn(world.url, person.email);
      await engine.definitions.publish(other, accountForm);
      otherRecord = (
        await engine.records.create(other, "account", { name: "外部客户", industry: "制造业" })
      ).id;
    });
    afterAll(() => world.close());

    const create = async (who: string, data: object, extra: object = {}) => {
      const res = await c[who]!.post(base, { form: "account", data, ...extra });
      expect(res.status).toBe(201);
      return res.body.record as { id: string; version: number; teamId: string | null };
    };

    it("needs credentials (401) and a role that writes (403)", async () => {
      expect((await world.anonymous().get(`${base}?form=account`)).status).toBe(401);
      const viewer = await c.viewer!.post(base, { form: "account", data: { name: "只读" } });
      expect(viewer.status).toBe(403);
      expect(viewer.body.code).toBe("AUTH_FORBIDDEN");
    });

    it("creates records in the caller's team, validated by the form", async () => {
      const res = await c.kam!.post(base, {
        form: "account",
        data: { name: "华为", industry: "制造业", annualPurchase: 5_000_000 },
      });
      expect(res.status).toBe(201);
      expect(res.headers.get("etag")).toBe('"1"');
      expect(res.body.record).toMatchObject({
        form: "account",
        version: 1,
        ownerId: world.people.kam!.id,
        teamId: shanghai,
        data: { name: "华为" },
      });
      const shape = await c.kam!.post(base, { form: "account" });
      expect(shape.status).toBe(400);
      expect(shape.body.issues).toEqual([
        expect.objectContaining({ code: "SHAPE_PROPERTY_MISSING", pointer: "/data" }),
      ]);
      const refused = await c.kam!.post(base, { form: "account", data: { industry: "零售" } });
      expect(refused.status).toBe(422);
      expect(refused.body.issues).toEqual([
        expect.objectContaining({ code: "FORM_FIELD_REQUIRED", pointer: "/name" }),
      ]);
      const noForm = await c.kam!.post(base, { form: "nothing", data: { name: "xx" } });
      expect(noForm.status).toBe(404);
      // A member cannot put a record where they would not see it.
      const elsewhere = await c.kam!.post(base, {
        form: "account",
        data: { name: "别处" },
        teamId: south,
      });
      expect(elsewhere.status).toBe(403);
      const ghost = await c.admin!.post(base, {
        form: "account",
        data: { name: "幽灵" },
        teamId: "no-such-team",
      });
      expect(ghost.status).toBe(404);
      expect(ghost.body.issues[0].pointer).toBe("/teamId");
    });

    it("replays a create with the same Idempotency-Key", async () => {
      const headers = { "idempotency-key": "create-byd" };
      const body = { form: "account", data: { name: "比亚迪", annualPurchase: 1_500_000 } };
      const first = await c.kam!.post(base, body, headers);
      const again = await c.kam!.post(base, body, headers);
      expect(first.status).toBe(201);
      expect(again.status).toBe(201);
      expect(again.body.record.id).toBe(first.body.record.id);
      const list = await c.kam!.get(`${base}?form=account&filter[name]=比亚迪`);
      expect(list.body.items).toHaveLength(1);
      const misuse = await c.kam!.post(base, { ...body, data: { name: "别的" } }, headers);
      expect(misuse.status).toBe(409);
      expect(misuse.body.code).toBe("STORE_IDEMPOTENCY_MISMATCH");
    });

    it("shows members their team, managers their subtree, admins all, and no other workspace", async () => {
      const mine = await create("kam", { name: "上海电气", industry: "制造业" });
      const theirs = await create("kam2", { name: "广汽", industry: "汽车" });
      const managers = await create("manager", { name: "华东总部" }, { teamId: east });
      const sees = async (who: string, id: string) => (await c[who]!.get(`${base}/${id}`)).status;
      expect(await sees("kam", mine.id)).toBe(200);
      expect(await sees("kam", theirs.id)).toBe(404);
      expect(await sees("kam", managers.id)).toBe(404);
      expect(await sees("viewer", mine.id)).toBe(200);
      expect(await sees("viewer", theirs.id)).toBe(404);
      expect(await sees("kam2", mine.id)).toBe(404);
      expect(await sees("kam2", theirs.id)).toBe(200);
      expect(await sees("manager", mine.id)).toBe(200);
      expect(await sees("manager", managers.id)).toBe(200);
      expect(await sees("manager", theirs.id)).toBe(404);
      expect(await sees("director", theirs.id)).toBe(200);
      expect(await sees("director", mine.id)).toBe(404);
      expect(await sees("admin", theirs.id)).toBe(200);
      expect(await sees("designer", mine.id)).toBe(200);
      expect(await sees("admin", otherRecord)).toBe(404);
      expect((await otherAdmin.get(`${base}/${mine.id}`)).status).toBe(404);

      const listed = async (who: string) => ids(await c[who]!.get(`${base}?form=account`));
      expect(await listed("kam")).toContain(mine.id);
      expect(await listed("kam")).not.toContain(theirs.id);
      expect(await listed("kam2")).toEqual([theirs.id]);
      expect(await listed("manager")).toEqual(expect.arrayContaining([mine.id, managers.id]));
      expect(await listed("manager")).not.toContain(theirs.id);
      expect(await listed("admin")).toEqual(
        expect.arrayContaining([mine.id, theirs.id, managers.id]),
      );
      expect(await listed("admin")).not.toContain(otherRecord);
      expect(ids(await otherAdmin.get(`${base}?form=account`))).toEqual([otherRecord]);

      // An account team member sees the account, whatever their team.
      await world.engine.accountTeams.add(world.ws, {
        recordId: theirs.id,
        userId: world.people.kam!.id,
        role: "kam",
      });
      expect(await sees("kam", theirs.id)).toBe(200);
      expect(await listed("kam")).toContain(theirs.id);
    });

    it("filters on fields, with numbers compared as numbers", async () => {
      const q = (query: string) => c.admin!.get(`${base}?form=account&${query}`);
      const names = async (query: string) => {
        const res = await q(query);
        expect(res.status).toBe(200);
        return res.body.items.map((r: { data: { name: string } }) => r.data.name).sort();
      };
      await create("admin", { name: "三一重工", industry: "制造业", annualPurchase: 900_000 });
      await create("admin", { name: "宁德时代", industry: "能源", strategic: true });
      expect(await names(`filter[industry]=${encodeURIComponent("制造业")}`)).toEqual(
        ["上海电气", "三一重工", "华为"].sort(),
      );
      expect(
        await names(
          `filter[industry]=${encodeURIComponent("制造业")}&filter[annualPurchase][gt]=1000000`,
        ),
      ).toEqual(["华为"]);
      expect(
        await names("filter[annualPurchase][gte]=900000&filter[annualPurchase][lt]=2e6"),
      ).toEqual(["三一重工", "比亚迪"].sort());
      expect(await names("filter[annualPurchase][in]=900000,5000000")).toEqual(
        ["三一重工", "华为"].sort(),
      );
      expect(await names(`filter[name][contains]=${encodeURIComponent("时代")}`)).toEqual([
        "宁德时代",
      ]);
      expect(await names("filter[strategic]=true")).toEqual(["宁德时代"]);
      expect(
        (await names(`filter[industry][ne]=${encodeURIComponent("制造业")}`)).includes("华为"),
      ).toBe(false);

      const unknown = await q("filter[revenue]=1");
      expect(unknown.status).toBe(400);
      expect(unknown.body.issues[0]).toMatchObject({
        code: "SHAPE_PROPERTY_UNKNOWN",
        pointer: "/filter/revenue",
      });
      const op = await q("filter[annualPurchase][like]=1");
      expect(op.status).toBe(400);
      expect(op.body.issues[0].pointer).toBe("/filter/annualPurchase/like");
      const nan = await q("filter[annualPurchase][gt]=lots");
      expect(nan.status).toBe(400);
      expect(nan.body.issues[0]).toMatchObject({
        code: "SHAPE_TYPE_MISMATCH",
        pointer: "/filter/annualPurchase",
      });
      const noForm = await c.admin!.get(base);
      expect(noForm.status).toBe(400);
      expect(noForm.body.issues[0].pointer).toBe("/form");
      expect((await c.admin!.get(`${base}?form=nothing`)).status).toBe(404);
      expect((await q("sort=strategic")).status).toBe(400);
      expect((await q("limit=0")).status).toBe(400);
    });

    it("pages with an opaque cursor: every record once, in a stable order", async () => {
      const purchases = [300, 100, null, 200, 100, null, 500, 100, 400, null, 200, 300];
      for (const [i, p] of purchases.entries())
        await create("admin", {
          name: `页客户${String(i).padStart(2, "0")}`,
          industry: "分页",
          ...(p === null ? {} : { annualPurchase: p }),
        });
      const all = async (sort: string, limit: number) => {
        const seen: Array<{ id: string; data: { annualPurchase?: number; name: string } }> = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const res: Reply = await c.admin!.get(
            `${base}?form=account&filter[industry]=${encodeURIComponent("分页")}&sort=${sort}&limit=${limit}${
              cursor ? `&cursor=${cursor}` : ""
            }`,
          );
          expect(res.status).toBe(200);
          expect(res.body.items.length).toBeLessThanOrEqual(limit);
          seen.push(...res.body.items);
          cursor = res.body.nextCursor;
          pages++;
        } while (cursor);
        return { seen, pages };
      };
      const desc = await all("-annualPurchase", 5);
      expect(desc.pages).toBe(3);
      expect(new Set(desc.seen.map((r) => r.id)).size).toBe(purchases.length);
      const values = desc.seen.map((r) => r.data.annualPurchase ?? null);
      expect(values).toEqual([500, 400, 300, 300, 200, 200, 100, 100, 100, null, null, null]);
      // Ties are broken by id, in the sort's direction.
      const hundreds = desc.seen.filter((r) => r.data.annualPurchase === 100).map((r) => r.id);
      expect(hundreds).toEqual([...hundreds].sort().reverse());

      const asc = await all("annualPurchase", 4);
      expect(asc.seen.map((r) => r.data.annualPurchase ?? null)).toEqual([
        100,
        100,
        100,
        200,
        200,
        300,
        300,
        400,
        500,
        null,
        null,
        null,
      ]);
      const byName = await all("name", 5);
      const names = byName.seen.map((r) => r.data.name);
      expect(names).toEqual([...names].sort());
      const byDefault = await all("", 7);
      expect(byDefault.seen.map((r) => r.id)).toEqual(byDefault.seen.map((r) => r.id).sort());
      expect(new Set(byDefault.seen.map((r) => r.id)).size).toBe(purchases.length);

      const first = await c.admin!.get(`${base}?form=account&sort=name&limit=2`);
      const wrongSort = await c.admin!.get(
        `${base}?form=account&sort=-name&limit=2&cursor=${first.body.nextCursor}`,
      );
      expect(wrongSort.status).toBe(400);
      expect(wrongSort.body.issues[0].pointer).toBe("/cursor");
      expect((await c.admin!.get(`${base}?form=account&cursor=garbage`)).status).toBe(400);
    });

    it("patches under If-Match: 409 when missing or stale, then the new version", async () => {
      const record = await create("kam", { name: "中石化", annualPurchase: 2_000_000 });
      const path = `${base}/${record.id}`;
      const blind = await c.kam!.patch(path, { data: { industry: "能源" } });
      expect(blind.status).toBe(409);
      expect(blind.body.code).toBe("HTTP_PRECONDITION_FAILED");
      const ok = await c.kam!.patch(path, { data: { industry: "能源" } }, { "if-match": '"1"' });
      expect(ok.status).toBe(200);
      expect(ok.headers.get("etag")).toBe('"2"');
      expect(ok.body.record).toMatchObject({
        version: 2,
        data: { name: "中石化", industry: "能源" },
      });
      const stale = await c.kam!.patch(path, { data: { industry: "化工" } }, { "if-match": '"1"' });
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe("HTTP_PRECONDITION_FAILED");
      const invalid = await c.kam!.patch(path, { data: { name: "x" } }, { "if-match": '"2"' });
      expect(invalid.status).toBe(422);
      expect(invalid.body.issues[0].pointer).toBe("/name");
      const empty = await c.kam!.patch(path, { data: {} }, { "if-match": '"2"' });
      expect(empty.status).toBe(400);
      expect(empty.body.issues[0].pointer).toBe("/data");
      expect((await c.viewer!.patch(path, { data: { industry: "x" } })).status).toBe(403);
      const hidden = await c.kam2!.patch(path, { data: { industry: "x" } }, { "if-match": '"2"' });
      expect(hidden.status).toBe(404);
      const headers = { "if-match": '"2"', "idempotency-key": "patch-sinopec" };
      const once = await c.kam!.patch(path, { data: { annualPurchase: 500 } }, headers);
      const twice = await c.kam!.patch(path, { data: { annualPurchase: 500 } }, headers);
      expect(once.status).toBe(200);
      expect(twice.status).toBe(200);
      expect(twice.body.record.version).toBe(3);
      expect((await c.kam!.get(path)).body.record.version).toBe(3);
    });

    it("keeps a record's tiers and their history", async () => {
      const record = await create("kam", { name: "招商局", annualPurchase: 3_000_000 });
      const path = `${base}/${record.id}`;
      await c.kam!.patch(path, { data: { annualPurchase: 10 } }, { "if-match": '"1"' });
      const tiers = await c.kam!.get(`${path}/tiers`);
      expect(tiers.status).toBe(200);
      expect(tiers.body.assignments).toEqual([
        expect.objectContaining({ modelKey: "value-tier", tier: "regular", override: null }),
      ]);
      expect(
        tiers.body.history.map((h: { from: string | null; to: string }) => [h.from, h.to]),
      ).toEqual([
        [null, "key"],
        ["key", "regular"],
      ]);
      expect((await c.kam2!.get(`${path}/tiers`)).status).toBe(404);

      // A list with include=tiers carries each record's standing, in two queries per page.
      const fresh = await create("kam", { name: "未变客户", annualPurchase: 2_000_000 });
      const list = await c.kam!.get(`${base}?form=account&include=tiers&limit=200`);
      const standing = (id: string) =>
        list.body.items.find((r: { id: string }) => r.id === id)?.tiers;
      expect(standing(record.id)).toEqual({
        "value-tier": {
          tier: "regular",
          score: null,
          previous: "key",
          changedAt: expect.any(Number),
        },
      });
      expect(standing(fresh.id)).toEqual({
        "value-tier": { tier: "key", score: null, previous: null, changedAt: expect.any(Number) },
      });
      const plain = await c.kam!.get(`${base}?form=account&limit=200`);
      expect(plain.body.items[0]).not.toHaveProperty("tiers");
    });

    it("soft-deletes: gone from reads and lists, kept for the audit", async () => {
      const record = await create("kam", { name: "待删除客户", industry: "删除" });
      const path = `${base}/${record.id}`;
      expect((await c.kam!.delete(path)).status).toBe(403);
      expect((await c.director!.delete(path)).status).toBe(404);
      const stale = await c.manager!.delete(path, { "if-match": '"7"' });
      expect(stale.status).toBe(409);
      expect((await c.manager!.delete(path, { "if-match": '"1"' })).status).toBe(204);
      expect((await c.kam!.get(path)).status).toBe(404);
      expect((await c.admin!.get(path)).status).toBe(404);
      const list = await c.admin!.get(
        `${base}?form=account&filter[industry]=${encodeURIComponent("删除")}`,
      );
      expect(list.body.items).toEqual([]);
      expect((await c.manager!.delete(path)).status).toBe(404);
      expect(
        (await c.kam!.patch(path, { data: { industry: "x" } }, { "if-match": '"2"' })).status,
      ).toBe(404);
      const audit = await world.store.db
        .selectFrom("audit_events")
        .select(["action", "actor_id"])
        .where("workspace_id", "=", world.ws)
        .where("entity_id", "=", record.id)
        .orderBy("seq")
        .execute();
      expect(audit).toEqual([
        { action: "record.create", actor_id: world.people.kam!.id },
        { action: "record.delete", actor_id: world.people.manager!.id },
      ]);
      expect(await world.engine.audit.verify(world.ws)).toMatchObject({ ok: true });
    });
  });
}
