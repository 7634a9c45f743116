/**
 * The account 360's reads against a real server, on SQLite and PostgreSQL: the records that refer
 * to an account (by form and reference field, through row-level visibility) and its timeline —
 * tier changes, a flow started on it by someone else with its task and steps, related records —
 * newest first, visible to whoever may see the account and to no one else.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { type ApiWorld, type Client, startApi } from "./harness.ts";

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
const at = (y: number) => ({ x: 0, y });

const accountForm = {
  kind: "form",
  key: "account",
  name: t("客户", "Account"),
  dataSchema: {
    type: "object",
    required: ["name"],
    properties: {
      name: { "x-kam-field": "text", type: "string", maxLength: 200 },
      annualPurchase: { "x-kam-field": "money", type: "number", "x-kam-currency": "CNY" },
    },
  },
  uiSchema: {},
  rules: {},
};
const contactForm = {
  kind: "form",
  key: "contact",
  name: t("联系人", "Contact"),
  dataSchema: {
    type: "object",
    required: ["name", "account"],
    properties: {
      name: { "x-kam-field": "text", type: "string", maxLength: 50 },
      account: { "x-kam-field": "reference", type: "string", "x-kam-form": "account" },
      reportsTo: { "x-kam-field": "reference", type: "string", "x-kam-form": "contact" },
    },
  },
  uiSchema: {},
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
const reviewFlow = {
  kind: "flow",
  key: "account-review",
  name: t("客户评审", "Account review"),
  form: "account",
  trigger: { type: "manual" },
  nodes: [
    { id: "start", type: "start", label: t("开始", "Start"), position: at(0), config: {} },
    {
      id: "review",
      type: "task",
      label: t("评审", "Review"),
      position: at(100),
      config: { assignees: [{ kind: "role", role: "reviewer" }] },
    },
    {
      id: "end",
      type: "end",
      label: t("结束", "End"),
      position: at(200),
      config: { outcome: "done" },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "review" },
    { id: "e2", source: "review", target: "end" },
  ],
};

/** A flow on the contact form: its runs show on the contact's account too. */
const contactCheck = {
  ...reviewFlow,
  key: "contact-check",
  name: t("联系人核实", "Contact check"),
  form: "contact",
};

for (const database of testDatabases()) {
  describe(`account 360 reads on ${database.name}`, () => {
    let world: ApiWorld;
    let kam: Client;
    let kam2: Client;
    let manager: Client;
    let accountId: string;
    let bossId: string;

    beforeAll(async () => {
      world = await startApi(database);
      const { engine, ws, people } = world;
      const kam2Person = await world.addPerson("kam2", "member");
      const east = await engine.teams.create(ws, {
        key: "east",
        name: "华东",
        managerId: people.manager!.id,
      });
      const south = await engine.teams.create(ws, { key: "south", name: "华南" });
      await engine.memberships.add(ws, { userId: people.kam!.id, teamId: east, role: "member" });
      await engine.memberships.add(ws, { userId: kam2Person.id, teamId: south, role: "member" });
      await engine.roles.grant(ws, { userId: people.manager!.id, role: "reviewer" });
      for (const d of [accountForm, contactForm, valueTier, reviewFlow, contactCheck])
        await engine.definitions.publish(ws, d);
      kam = await world.client("kam");
      kam2 = await world.client("kam2");
      manager = await world.client("manager");
      const created = await kam.post("/api/v1/records", {
        form: "account",
        data: { name: "华东重工", annualPurchase: 3_000_000 },
      });
      accountId = created.body.record.id;
      const boss = await kam.post("/api/v1/records", {
        form: "contact",
        data: { name: "王总", account: accountId },
      });
      bossId = boss.body.record.id;
      await kam.post("/api/v1/records", {
        form: "contact",
        data: { name: "李经理", account: accountId, reportsTo: bossId },
      });
      // kam2 (another team) adds a contact to the same account: kam does not see it.
      await kam2.post("/api/v1/records", {
        form: "contact",
        data: { name: "外队联系人", account: accountId },
      });
      world.clock.advance(60_000);
      await kam.patch(
        `/api/v1/records/${accountId}`,
        { data: { annualPurchase: 10 } },
        { "if-match": '"1"' },
      );
      world.clock.advance(60_000);
      // The manager starts a review of the account and completes its task.
      const started = await manager.post("/api/v1/instances", {
        flow: "account-review",
        recordId: accountId,
      });
      expect(started.status).toBe(201);
      world.clock.advance(60_000);
      const inbox = await manager.get("/api/v1/tasks");
      const task = inbox.body.items.find(
        (x: { instanceId: string }) => x.instanceId === started.body.instance.id,
      );
      expect((await manager.post(`/api/v1/tasks/${task.id}/complete`, {})).status).toBe(200);
      world.clock.advance(60_000);
      const check = await manager.post("/api/v1/instances", {
        flow: "contact-check",
        recordId: bossId,
      });
      expect(check.status).toBe(201);
    });
    afterAll(() => world.close());

    it("lists the records that refer to an account, through visibility", async () => {
      const res = await kam.get(`/api/v1/records/${accountId}/related`);
      expect(res.status).toBe(200);
      expect(res.body.groups).toEqual([
        expect.objectContaining({ form: "contact", field: "account", more: false }),
      ]);
      const names = res.body.groups[0].items.map((r: { data: { name: string } }) => r.data.name);
      expect(names.sort()).toEqual(["李经理", "王总"]);
      const lee = res.body.groups[0].items.find(
        (r: { data: { name: string } }) => r.data.name === "李经理",
      );
      expect(lee.data.reportsTo).toBe(bossId);
    });

    it("tells the account's story newest first, flows started by others included", async () => {
      const res = await kam.get(`/api/v1/records/${accountId}/timeline`);
      expect(res.status).toBe(200);
      const items = res.body.items as Array<{ at: number; kind: string; [k: string]: unknown }>;
      const ats = items.map((i) => i.at);
      expect(ats).toEqual([...ats].sort((a, b) => b - a));
      const kinds = items.map((i) => i.kind);
      expect(kinds.at(-1)).toBe("record.created");
      expect(items).toEqual(
        expect.arrayContaining([
          expect.objectContaining({
            kind: "tier.changed",
            model: "value-tier",
            from: null,
            to: "key",
          }),
          expect.objectContaining({
            kind: "tier.changed",
            model: "value-tier",
            from: "key",
            to: "regular",
          }),
          expect.objectContaining({
            kind: "instance.started",
            flowKey: "account-review",
            actorId: world.people.manager!.id,
          }),
          expect.objectContaining({ kind: "task.created", nodeId: "review" }),
          expect.objectContaining({
            kind: "task.completed",
            nodeId: "review",
            actorId: world.people.manager!.id,
          }),
          expect.objectContaining({ kind: "instance.ended", status: "completed" }),
          expect.objectContaining({ kind: "related.created", form: "contact", title: "王总" }),
        ]),
      );
      // People read names, not keys; the interpreter's bookkeeping stays out.
      expect(items).toContainEqual(
        expect.objectContaining({
          kind: "task.created",
          flowName: reviewFlow.name,
          nodeLabel: t("评审", "Review"),
        }),
      );
      const bookkeeping = ["node.entered", "node.left", "token.ended", "timer.scheduled"];
      expect(
        items.filter((i) => i.kind === "step" && bookkeeping.includes(String(i.step))),
      ).toEqual([]);
      // The flow on one of its contacts is part of the account's story, naming the contact.
      expect(items).toContainEqual(
        expect.objectContaining({
          kind: "instance.started",
          flowKey: "contact-check",
          recordId: bossId,
          title: "王总",
        }),
      );
      expect(items.some((i) => i.title === "外队联系人")).toBe(false);
      // The review's end is newer than (listed before) its start.
      const review = items.filter((i) => i.flowKey === "account-review").map((i) => i.kind);
      expect(review.indexOf("instance.ended")).toBeLessThan(review.indexOf("instance.started"));
    });

    it("is a 404 for whoever may not see the account", async () => {
      expect((await kam2.get(`/api/v1/records/${accountId}/timeline`)).status).toBe(404);
      expect((await kam2.get(`/api/v1/records/${accountId}/related`)).status).toBe(404);
      expect((await kam.get("/api/v1/records/nope/timeline")).status).toBe(404);
      expect((await world.anonymous().get(`/api/v1/records/${accountId}/timeline`)).status).toBe(
        401,
      );
    });
  });
}
