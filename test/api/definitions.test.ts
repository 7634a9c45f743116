/**
 * The definitions API against a real server, on SQLite and PostgreSQL: drafts under ETag and
 * If-Match, validation without saving, publishing a draft or a body (422 with every issue),
 * idempotent publish, versions, diff, export, archive, the tier model what-if preview, roles and
 * workspaces.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { type ApiWorld, type Client, signIn, startApi } from "./harness.ts";

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });

const accountForm = (extra: Record<string, object> = {}) => ({
  kind: "form",
  key: "account",
  name: t("客户", "Account"),
  dataSchema: {
    type: "object",
    required: ["name"],
    properties: {
      name: { "x-kam-field": "text", type: "string", maxLength: 200 },
      annualPurchase: { "x-kam-field": "money", type: "number", "x-kam-currency": "CNY" },
      ...extra,
    },
  },
  uiSchema: { fields: { name: { label: t("名称", "Name") } } },
  rules: {},
});

/** A form missing its name and with an untyped field: two issues. */
const brokenForm = {
  kind: "form",
  key: "account",
  dataSchema: { type: "object", properties: { a: { type: "string" } } },
  uiSchema: { fields: {} },
  rules: {},
};

const valueTier = (threshold: number) => ({
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
    { id: "key", when: { purchase: { op: ">", value: threshold } }, tier: "key" },
    { id: "regular", when: {}, tier: "regular" },
  ],
});

const base = "/api/v1/definitions";

for (const database of testDatabases()) {
  describe(`definitions API on ${database.name}`, () => {
    let world: ApiWorld;
    let designer: Client;
    let kam: Client;
    let viewer: Client;
    beforeAll(async () => {
      world = await startApi(database);
      [designer, kam, viewer] = await Promise.all([
        world.client("designer"),
        world.client("kam"),
        world.client("viewer"),
      ]);
    });
    afterAll(() => world.close());

    it("refuses callers without credentials (401) and writers without the role (403)", async () => {
      expect((await world.anonymous().get(base)).status).toBe(401);
      const put = await kam.request("PUT", `${base}/form/account/draft`, {
        document: accountForm(),
      });
      expect(put.status).toBe(403);
      expect(put.body.code).toBe("AUTH_FORBIDDEN");
      expect((await viewer.post(`${base}/validate`, { document: accountForm() })).status).toBe(403);
      expect((await kam.post(base, { document: accountForm() })).status).toBe(403);
    });

    it("validates without saving: issues with pointers, 400 for a malformed body", async () => {
      const bad = await designer.post(`${base}/validate`, { document: brokenForm });
      expect(bad.status).toBe(200);
      expect(bad.body.valid).toBe(false);
      expect(bad.body.issues.map((i: { pointer: string }) => i.pointer)).toEqual(
        expect.arrayContaining(["/name", "/dataSchema/properties/a/x-kam-field"]),
      );
      const good = await designer.post(`${base}/validate`, { document: accountForm() });
      expect(good.body).toMatchObject({ valid: true, issues: [] });
      const unknown = await designer.post(`${base}/validate`, { document: { kind: "report" } });
      expect(unknown.body.issues).toEqual([
        expect.objectContaining({ code: "DEFINITION_KIND_UNKNOWN", pointer: "/kind" }),
      ]);
      const shape = await designer.post(`${base}/validate`, { doc: {} });
      expect(shape.status).toBe(400);
      expect(shape.headers.get("content-type")).toContain("application/problem+json");
      expect(shape.body.issues).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ code: "SHAPE_PROPERTY_MISSING", pointer: "/document" }),
        ]),
      );
      expect((await designer.get(`${base}/form/account`)).status).toBe(404);
    });

    it("edits a draft under its ETag and publishes it once it is valid", async () => {
      const path = `${base}/form/account/draft`;
      const created = await designer.request("PUT", path, { document: brokenForm });
      expect(created.status).toBe(201);
      expect(created.body.definition).toMatchObject({ version: 1, status: "draft" });
      expect(created.body.valid).toBe(false);
      expect(created.body.issues.length).toBeGreaterThanOrEqual(2);
      const tag = created.headers.get("etag") ?? "";
      expect(tag).toBe(`"${created.body.definition.checksum}"`);

      const read = await viewer.get(path);
      expect(read.status).toBe(200);
      expect(read.headers.get("etag")).toBe(tag);

      // Without If-Match, and with a stale one: 409 HTTP_PRECONDITION_FAILED.
      const blind = await designer.request("PUT", path, { document: accountForm() });
      expect(blind.status).toBe(409);
      expect(blind.body.code).toBe("HTTP_PRECONDITION_FAILED");
      const wrongKey = await designer.request(
        "PUT",
        path,
        { document: { ...accountForm(), key: "other" } },
        { "if-match": tag },
      );
      expect(wrongKey.status).toBe(400);
      expect(wrongKey.body.issues[0].pointer).toBe("/document/key");

      const invalid = await designer.post(`${path}/publish`);
      expect(invalid.status).toBe(422);
      expect(invalid.body.code).toBe("DEFINITION_INVALID");
      expect(invalid.body.issues.map((i: { pointer: string }) => i.pointer)).toEqual(
        expect.arrayContaining(["/name", "/dataSchema/properties/a/x-kam-field"]),
      );

      const fixed = await designer.request(
        "PUT",
        path,
        { document: accountForm(), note: "fixed" },
        { "if-match": tag },
      );
      expect(fixed.status).toBe(200);
      expect(fixed.body).toMatchObject({ valid: true, definition: { version: 1, note: "fixed" } });
      const fresh = fixed.headers.get("etag") ?? "";
      expect(fresh).not.toBe(tag);
      const stale = await designer.request(
        "PUT",
        path,
        { document: accountForm() },
        { "if-match": tag },
      );
      expect(stale.status).toBe(409);
      expect(stale.body.code).toBe("HTTP_PRECONDITION_FAILED");
      const stalePublish = await designer.post(`${path}/publish`, undefined, { "if-match": tag });
      expect(stalePublish.status).toBe(409);

      const published = await designer.post(`${path}/publish`, undefined, {
        "if-match": fresh,
        "idempotency-key": "publish-draft-1",
      });
      expect(published.status).toBe(200);
      expect(published.body.definition).toMatchObject({ version: 1, status: "published" });
      const replay = await designer.post(`${path}/publish`, undefined, {
        "if-match": fresh,
        "idempotency-key": "publish-draft-1",
      });
      expect(replay.status).toBe(200);
      expect(replay.body.definition.id).toBe(published.body.definition.id);
      expect((await designer.get(path)).status).toBe(404);
      expect((await designer.post(`${path}/publish`)).status).toBe(404);
      // A version is frozen: the draft is gone, and If-Match without a draft fails.
      const noDraft = await designer.request(
        "PUT",
        path,
        { document: accountForm() },
        { "if-match": fresh },
      );
      expect(noDraft.status).toBe(409);
    });

    it("publishes a body (422 with every issue when invalid), idempotently", async () => {
      const invalid = await designer.post(base, { document: brokenForm });
      expect(invalid.status).toBe(422);
      expect(invalid.body.code).toBe("DEFINITION_INVALID");
      expect(invalid.body.issues.length).toBeGreaterThanOrEqual(2);
      const document = accountForm({
        industry: { "x-kam-field": "text", type: "string", maxLength: 40 },
      });
      const headers = { "idempotency-key": "publish-v2" };
      const first = await designer.post(base, { document, note: "industry" }, headers);
      expect(first.status).toBe(201);
      expect(first.body.definition).toMatchObject({ version: 2, status: "published" });
      const again = await designer.post(base, { document, note: "industry" }, headers);
      expect(again.status).toBe(201);
      expect(again.body.definition.id).toBe(first.body.definition.id);
      const other = await designer.post(base, { document: accountForm() }, headers);
      expect(other.status).toBe(409);
      expect(other.body.code).toBe("STORE_IDEMPOTENCY_MISMATCH");
      const versions = await viewer.get(`${base}/form/account`);
      expect(versions.body.versions.map((v: { version: number }) => v.version)).toEqual([1, 2]);
    });

    it("lists the latest version per key, reads versions, diffs and exports them", async () => {
      await designer.post(base, { document: valueTier(1_000_000) });
      const list = await viewer.get(base);
      expect(list.status).toBe(200);
      expect(list.body.items).toEqual([
        expect.objectContaining({ kind: "form", key: "account", version: 2, published: 2 }),
        expect.objectContaining({ kind: "tier-model", key: "value-tier", version: 1 }),
      ]);
      const forms = await viewer.get(`${base}?kind=form`);
      expect(forms.body.items).toHaveLength(1);
      const badKind = await viewer.get(`${base}?kind=report`);
      expect(badKind.status).toBe(400);
      expect(badKind.body.issues[0].pointer).toBe("/kind");

      const v1 = await viewer.get(`${base}/form/account/versions/1`);
      expect(v1.status).toBe(200);
      expect(v1.body.definition.body).toEqual(accountForm());
      expect(v1.headers.get("etag")).toBe(`"${v1.body.definition.checksum}"`);
      expect((await viewer.get(`${base}/form/account/versions/9`)).status).toBe(404);
      expect((await viewer.get(`${base}/form/account/versions/x`)).status).toBe(400);
      expect((await viewer.get(`${base}/report/account`)).status).toBe(404);

      const diff = await viewer.get(`${base}/form/account/diff?from=1&to=2`);
      expect(diff.status).toBe(200);
      expect(diff.body).toMatchObject({
        added: ["/dataSchema/properties/industry"],
        removed: [],
        changed: [],
      });
      const back = await viewer.get(`${base}/form/account/diff?from=2&to=1`);
      expect(back.body.removed).toEqual(["/dataSchema/properties/industry"]);
      expect((await viewer.get(`${base}/form/account/diff?from=1`)).status).toBe(400);
      expect((await viewer.get(`${base}/form/account/diff?from=1&to=7`)).status).toBe(404);

      const exported = await viewer.get(`${base}/form/account/export`);
      expect(exported.status).toBe(200);
      expect(exported.headers.get("content-disposition")).toContain("account.form.json");
      expect(exported.body.dataSchema.properties.industry).toBeDefined();
      const first = await viewer.get(`${base}/form/account/export?version=1`);
      expect(first.body).toEqual(accountForm());
    });

    it("archives a published version: the previous one becomes the latest", async () => {
      const path = `${base}/form/account/versions/2/archive`;
      expect((await kam.post(path)).status).toBe(403);
      const archived = await designer.post(path);
      expect(archived.status).toBe(200);
      expect(archived.body.definition.status).toBe("archived");
      const latest = await viewer.get(`${base}/form/account/export`);
      expect(latest.body).toEqual(accountForm());
      const twice = await designer.post(path);
      expect(twice.status).toBe(422);
      expect(twice.body.code).toBe("STORE_STATE_INVALID");
      expect((await designer.post(`${base}/form/account/versions/5/archive`)).status).toBe(404);
    });

    it("refuses to publish a draft older than a version published since, and discards drafts", async () => {
      const path = `${base}/flow/none/draft`;
      expect((await designer.request("PUT", path, { document: accountForm() })).status).toBe(400);
      const draft = await designer.request("PUT", `${base}/form/account/draft`, {
        document: accountForm({ nps: { "x-kam-field": "number", type: "integer" } }),
      });
      expect(draft.status).toBe(201);
      expect(draft.body.definition.version).toBe(3);
      await designer.post(base, { document: accountForm() });
      const behind = await designer.post(`${base}/form/account/draft/publish`);
      expect(behind.status).toBe(409);
      expect(behind.body.code).toBe("STORE_CONFLICT");
      const stale = await designer.delete(`${base}/form/account/draft`, { "if-match": '"nope"' });
      expect(stale.status).toBe(409);
      expect((await designer.delete(`${base}/form/account/draft`)).status).toBe(204);
      expect((await designer.get(`${base}/form/account/draft`)).status).toBe(404);
      expect((await designer.delete(`${base}/form/account/draft`)).status).toBe(404);
    });

    it("previews a draft tier model over the current records without writing", async () => {
      for (const [name, purchase] of [
        ["华为", 5_000_000],
        ["比亚迪", 1_500_000],
        ["小店", 20_000],
      ] as const)
        await world.engine.records.create(
          world.ws,
          "account",
          { name, annualPurchase: purchase },
          { actor: world.people.admin!.id },
        );
      const preview = await designer.post(`${base}/tier-preview`, {
        model: valueTier(2_000_000),
        samplesPerCell: 1,
      });
      expect(preview.status).toBe(200);
      expect(preview.body.preview).toMatchObject({ total: 3, changed: 1 });
      expect(preview.body.preview.transitions).toEqual([
        expect.objectContaining({ from: "key", to: "key", count: 1 }),
        expect.objectContaining({ from: "key", to: "regular", count: 1 }),
        expect.objectContaining({ from: "regular", to: "regular", count: 1 }),
      ]);
      expect(preview.body.preview.distribution).toEqual([
        { tier: "key", count: 1 },
        { tier: "regular", count: 2 },
      ]);
      // A golden example the change breaks does not stop the what-if (publishing would refuse it).
      const broken = {
        ...valueTier(2_000_000),
        examples: [
          { name: "1.5M is key", record: { annualPurchase: 1_500_000 }, expect: { tier: "key" } },
        ],
      };
      const withExample = await designer.post(`${base}/tier-preview`, { model: broken });
      expect(withExample.status).toBe(200);
      expect(withExample.body.preview).toMatchObject({ total: 3, changed: 1 });
      const validated = await designer.post(`${base}/validate`, { document: broken });
      expect(validated.body.issues).toEqual([
        expect.objectContaining({
          code: "TIER_EXAMPLE_FAILED",
          pointer: "/examples/0/expect/tier",
        }),
      ]);
      const invalid = await designer.post(`${base}/tier-preview`, {
        model: { ...valueTier(1), rows: "no" },
      });
      expect(invalid.status).toBe(422);
      expect(invalid.body.issues[0].pointer).toMatch(/^\/rows/);
      expect((await kam.post(`${base}/tier-preview`, { model: valueTier(1) })).status).toBe(403);
      const shape = await designer.post(`${base}/tier-preview`, { model: valueTier(1), x: 1 });
      expect(shape.status).toBe(400);
    });

    it("keeps workspaces apart", async () => {
      const ws = await world.engine.workspaces.create("Other");
      const person = await world.addPerson("outsider", "designer", ws);
      const outsider = await signIn(world.url, person.email);
      expect((await outsider.get(`${base}/form/account`)).status).toBe(404);
      expect((await outsider.get(base)).body.items).toEqual([]);
      expect((await outsider.post(`${base}/form/account/versions/1/archive`)).status).toBe(404);
    });
  });
}
