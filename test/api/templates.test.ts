/**
 * Template packs through HTTP against a real server, on SQLite and PostgreSQL: the gallery of
 * the five bundled packs; a pack in full; the dry-run plan (creates on an empty workspace,
 * unchanged after the install, a conflict after an admin changed a definition); installing as a
 * job with sample data (Idempotency-Key replays return the same job); a conflict with policy
 * fail failing the job with PACK_CONFLICT and changing nothing; an invalid upload answered with
 * every issue pointing into the body (`/pack/...`); export, then install of the export into an
 * empty workspace giving the same definitions; and who may do what.
 *
 * Uploaded packs are small ones built here: the harness's body limit (32 KiB) is below the size
 * of a bundled pack, which the server's default limit (1 MiB) takes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listDefinitions } from "../../engine/store/index.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { type ApiWorld, type Client, type Loose, signIn, startApi } from "./harness.ts";

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
const PACK = "strategic-service-sla";

const accountForm = {
  kind: "form",
  key: "tiny-account",
  name: t("客户", "Account"),
  dataSchema: {
    type: "object",
    required: ["name"],
    properties: {
      name: { "x-kam-field": "text", type: "string", minLength: 2, maxLength: 200 },
      annualPurchase: { "x-kam-field": "money", type: "number", "x-kam-currency": "CNY" },
    },
  },
  uiSchema: { fields: { name: { label: t("名称", "Name") } } },
  rules: {},
};

/** A small valid single-file pack (uploads must fit the harness's body limit). */
const tinyPack = (version = "1.0.0") => ({
  kind: "template-pack",
  key: "tiny-pack",
  name: t("小模板", "Tiny pack"),
  version,
  industry: "general",
  engine: ">=0.1.0 <1.0.0",
  contents: { forms: [{ key: "tiny-account" }] },
  embedded: { forms: [accountForm], tierModels: [], flows: [] },
});

const ended = new Set(["succeeded", "failed", "cancelled"]);

for (const database of testDatabases()) {
  describe(`templates API on ${database.name}`, () => {
    let world: ApiWorld;
    const c: Record<string, Client> = {};

    /** The job once it has ended (the server's runner does it in the background). */
    async function finished(client: Client, id: string): Promise<Loose> {
      for (let i = 0; i < 200; i++) {
        const res = await client.get(`/api/v1/jobs/${id}`);
        expect(res.status).toBe(200);
        if (ended.has(res.body.job.status)) return res.body.job;
        await world.engine.jobs.settled();
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw new Error(`job ${id} did not end`);
    }

    const definitionsOf = async (ws: string) =>
      (await listDefinitions(world.store.db, { workspaceId: ws, status: "published" }))
        .map((d) => `${d.kind}/${d.key}@${d.version}:${d.checksum}`)
        .sort();

    beforeAll(async () => {
      world = await startApi(database);
      for (const name of ["admin", "designer", "manager", "kam", "viewer"])
        c[name] = await world.client(name);
    });
    afterAll(() => world.close());

    it("lists the five bundled packs in the gallery, none installed yet", async () => {
      const res = await c.kam!.get("/api/v1/templates");
      expect(res.status).toBe(200);
      expect(res.body.items.map((p: Loose) => p.key)).toEqual([
        "b2b-key-accounts",
        "manufacturing-kat",
        "retail-membership",
        "saas-customer-success",
        "strategic-service-sla",
      ]);
      for (const item of res.body.items) {
        expect(item.installedVersion).toBeNull();
        expect(item.counts.forms).toBeGreaterThan(0);
        expect(item.kpis.length).toBeGreaterThan(0);
        expect(item.name.en).toBeTruthy();
      }
    });

    it("shows a bundled pack in full, and 404 PACK_NOT_FOUND for an unknown key", async () => {
      const res = await c.viewer!.get(`/api/v1/templates/${PACK}`);
      expect(res.status).toBe(200);
      expect(res.body.pack.key).toBe(PACK);
      expect(res.body.pack.embedded.forms.length).toBeGreaterThan(0);
      const missing = await c.viewer!.get("/api/v1/templates/no-such-pack");
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe("PACK_NOT_FOUND");
    });

    it("plans creates on an empty workspace, saving nothing", async () => {
      const res = await c.designer!.post(`/api/v1/templates/${PACK}/plan`, {});
      expect(res.status).toBe(200);
      const { plan } = res.body;
      expect(plan.items.length).toBeGreaterThan(0);
      expect(plan.items.every((i: Loose) => i.action === "create")).toBe(true);
      expect(plan.counts.create).toBe(plan.items.length);
      expect(plan.installedVersion).toBeNull();
      expect(await definitionsOf(world.ws)).toEqual([]);
    });

    it("installs as a job with sample data; a replay of its Idempotency-Key is the same job", async () => {
      const headers = { "idempotency-key": "install-sla-1" };
      const body = { policy: "fail", sampleData: { accounts: 2 } };
      const res = await c.admin!.post(`/api/v1/templates/${PACK}/install`, body, headers);
      expect(res.status).toBe(202);
      expect(res.headers.get("location")).toBe(`/api/v1/jobs/${res.body.job.id}`);
      expect(res.body.job.kind).toBe("template-install");
      const replay = await c.admin!.post(`/api/v1/templates/${PACK}/install`, body, headers);
      expect(replay.status).toBe(202);
      expect(replay.body.job.id).toBe(res.body.job.id);

      const job = await finished(c.admin!, res.body.job.id);
      expect(job.status, JSON.stringify(job.error)).toBe("succeeded");
      const { install, sample } = job.result;
      expect(install.counts.create).toBe(install.items.length);
      expect(sample.people).toBeGreaterThan(0);
      expect(sample.records).toBeGreaterThan(0);
      expect(job.done).toBe(job.total);
      expect(job.done).toBe(sample.records);
      for (const item of install.items) {
        const latest = await world.engine.definitions.latest(world.ws, item.kind, item.key);
        expect(latest?.version, `${item.kind}/${item.key}`).toBe(item.newVersion);
      }
      // Only one install ran: every definition is at version 1.
      expect((await definitionsOf(world.ws)).every((d) => d.includes("@1:"))).toBe(true);

      const gallery = await c.kam!.get("/api/v1/templates");
      const card = gallery.body.items.find((p: Loose) => p.key === PACK);
      expect(card.installedVersion).toBe(install.pack.version);
      const installed = await c.viewer!.get("/api/v1/templates/installed");
      expect(installed.status).toBe(200);
      expect(installed.body.items).toMatchObject([
        { key: PACK, version: install.pack.version, installedBy: world.people.admin!.id },
      ]);
      expect(installed.body.items[0].items.length).toBe(install.items.length);
    });

    it("plans unchanged for a re-install", async () => {
      const res = await c.admin!.post(`/api/v1/templates/${PACK}/plan`, { policy: "fail" });
      expect(res.status).toBe(200);
      expect(res.body.plan.counts.unchanged).toBe(res.body.plan.items.length);
    });

    it("fails the install job with PACK_CONFLICT on a customised definition, changing nothing", async () => {
      const { ws, engine } = world;
      const pack = (await c.admin!.get(`/api/v1/templates/${PACK}`)).body.pack;
      const form = pack.embedded.forms[0];
      await engine.definitions.publish(
        ws,
        { ...form, name: t("改过的表单", "Customised form") },
        { actor: world.people.designer!.id },
      );
      const before = await definitionsOf(ws);
      const installedBefore = (await c.admin!.get("/api/v1/templates/installed")).body;

      const plan = await c.designer!.post(`/api/v1/templates/${PACK}/plan`, { policy: "fail" });
      const conflict = plan.body.plan.items.find((i: Loose) => i.action === "conflict");
      expect(conflict).toMatchObject({ kind: "form", key: form.key, customized: true });
      expect(conflict.changes.changed).toContain("/name/en");

      const res = await c.admin!.post(`/api/v1/templates/${PACK}/install`, { policy: "fail" });
      expect(res.status).toBe(202);
      const job = await finished(c.admin!, res.body.job.id);
      expect(job.status).toBe("failed");
      expect(job.error.code).toBe("PACK_CONFLICT");
      expect(job.result.install).toBeNull();
      expect(job.result.issues).toMatchObject([{ code: "PACK_CONFLICT", pointer: "" }]);
      expect(job.result.issues[0].message).toContain(`form/${form.key}`);
      expect(await definitionsOf(ws)).toEqual(before);
      expect((await c.admin!.get("/api/v1/templates/installed")).body).toEqual(installedBefore);
    });

    it("answers an invalid uploaded pack with every issue pointing into the body", async () => {
      const broken = {
        ...tinyPack(),
        contents: { forms: [{ key: "tiny-account" }, { key: "not-embedded" }] },
        embedded: {
          forms: [{ ...accountForm, dataSchema: { type: "object", properties: 7 } }],
          tierModels: [],
          flows: [],
        },
      };
      for (const path of ["/api/v1/templates/plan", "/api/v1/templates/install"]) {
        const res = await c.admin!.post(path, { pack: broken });
        expect([400, 422], JSON.stringify(res.body)).toContain(res.status);
        expect(res.body.issues.length).toBeGreaterThan(1);
        for (const issue of res.body.issues) expect(issue.pointer).toMatch(/^\/pack\//);
        const pointers = res.body.issues.map((i: Loose) => i.pointer);
        expect(pointers.some((p: string) => p.startsWith("/pack/embedded/forms/0"))).toBe(true);
        expect(pointers.some((p: string) => p.startsWith("/pack/contents/forms/1"))).toBe(true);
      }
      const shape = await c.admin!.post("/api/v1/templates/plan", { pack: { kind: 1 } });
      expect(shape.status).toBe(400);
      expect(shape.body.issues.every((i: Loose) => i.pointer.startsWith("/pack"))).toBe(true);
      const noPack = await c.admin!.post("/api/v1/templates/plan", {});
      expect(noPack.status).toBe(400);
    });

    it("exports a workspace whose export installs into an empty one as the same definitions", async () => {
      const { engine } = world;
      const source = await engine.workspaces.create("Source Co");
      const target = await engine.workspaces.create("Target Co");
      const a = await signIn(
        world.url,
        (await world.addPerson("src-admin", "admin", source)).email,
      );
      const b = await signIn(
        world.url,
        (await world.addPerson("dst-admin", "admin", target)).email,
      );

      const uploaded = await a.post("/api/v1/templates/install", { pack: tinyPack() });
      expect(uploaded.status).toBe(202);
      expect((await finished(a, uploaded.body.job.id)).status).toBe("succeeded");

      const exported = await a.get("/api/v1/templates/export");
      expect(exported.status).toBe(200);
      expect(exported.headers.get("content-disposition")).toMatch(
        /^attachment; filename="[\w.-]+\.json"$/,
      );
      expect(exported.body.embedded.forms.map((f: Loose) => f.key)).toEqual(["tiny-account"]);
      const onlyPack = await a.get("/api/v1/templates/export?pack=tiny-pack");
      expect(onlyPack.body.key).toBe("tiny-pack");
      expect((await a.get("/api/v1/templates/export?pack=nope")).status).toBe(404);

      const plan = await b.post("/api/v1/templates/plan", { pack: exported.body });
      expect(plan.status).toBe(200);
      expect(plan.body.plan.counts.create).toBe(1);
      const res = await b.post("/api/v1/templates/install", { pack: exported.body });
      expect((await finished(b, res.body.job.id)).status).toBe("succeeded");
      expect(await definitionsOf(target)).toEqual(await definitionsOf(source));
    });

    it("lets any signed-in role read, designers plan and export, only admins install", async () => {
      expect((await world.anonymous().get("/api/v1/templates")).status).toBe(401);
      expect((await world.anonymous().post(`/api/v1/templates/${PACK}/plan`, {})).status).toBe(401);
      for (const name of ["manager", "kam", "viewer"]) {
        expect((await c[name]!.get("/api/v1/templates/installed")).status).toBe(200);
        const plan = await c[name]!.post(`/api/v1/templates/${PACK}/plan`, {});
        expect(plan.status).toBe(403);
        expect(plan.body.code).toBe("AUTH_FORBIDDEN");
        expect((await c[name]!.get("/api/v1/templates/export")).status).toBe(403);
      }
      expect((await c.designer!.get("/api/v1/templates/export")).status).toBe(200);
      const install = await c.designer!.post(`/api/v1/templates/${PACK}/install`, {});
      expect(install.status).toBe(403);
      const upload = await c.designer!.post("/api/v1/templates/install", { pack: tinyPack() });
      expect(upload.status).toBe(403);
    });
  });
}
