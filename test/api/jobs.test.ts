/**
 * Jobs through HTTP against a real server, on SQLite and PostgreSQL: a CSV import that imports
 * the good rows and reports the bad ones by line with pointers; progress over SSE; cancel
 * mid-way; a runner that dies in the middle of a chunk, whose job another runner resumes after
 * the lease so every row is imported exactly once; all-or-nothing; evaluate-all assigning tiers
 * (and firing tier.changed triggers) for every record; permissions and other workspaces.
 *
 * The server's own background runner is stopped in the tests that drive runs themselves
 * (`engine.jobs.run`), so nothing else claims their job meanwhile.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createEngine } from "../../engine/runtime/index.ts";
import { lineFlow } from "../../engine/runtime/testing/flows.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { eventFor } from "../../server/routes/events.ts";
import { type ApiWorld, type Client, readEvents, signIn, startApi } from "./harness.ts";

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
      note: { "x-kam-field": "textarea", type: "string" },
    },
  },
  uiSchema: { fields: { name: { label: t("名称", "Name") } } },
  rules: {},
};

const tierModel = (key: string, form: string) => ({
  kind: "tier-model",
  key,
  name: t("价值分级", "Value tier"),
  form,
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
});

const HEADER = "name,industry,annualPurchase,strategic";
/** `n` good rows tagged `tag` (the industry), purchases alternating above and below 1M. */
const rowsOf = (tag: string, n: number, from = 1) =>
  Array.from(
    { length: n },
    (_, i) =>
      `${tag}-${String(from + i).padStart(3, "0")},${tag},${(from + i) % 2 ? 1_500_000 : 20_000},${i % 3 === 0}`,
  );
const csvOf = (rows: readonly string[]) => [HEADER, ...rows].join("\r\n");
const CSV = { "content-type": "text/csv" };

for (const database of testDatabases()) {
  describe(`jobs API on ${database.name}`, () => {
    let world: ApiWorld;
    const c: Record<string, Client> = {};
    let otherAdmin: Client;

    beforeAll(async () => {
      world = await startApi(database);
      const { engine, ws, people } = world;
      const team = await engine.teams.create(ws, { key: "sh", name: "上海" });
      await engine.memberships.add(ws, { userId: people.kam!.id, teamId: team, role: "member" });
      await engine.definitions.publish(ws, accountForm);
      await engine.definitions.publish(ws, tierModel("value-tier", "account"));
      for (const name of ["admin", "designer", "kam", "viewer", "manager"])
        c[name] = await world.client(name);
      const other = await engine.workspaces.create("Other");
      const person = await world.addPerson("otheradmin", "admin", other);
      otherAdmin = await signIn(world.url, person.email);
    });
    afterAll(() => world.close());

    /** Every record of the account form tagged `tag`, through the API (as `who` sees them). */
    async function recordsTagged(tag: string, who = "admin") {
      const out: Array<{ id: string; data: Record<string, unknown>; ownerId: string }> = [];
      for (let cursor = ""; ; ) {
        const page = await c[who]!.get(
          `/api/v1/records?form=account&filter[industry]=${tag}&limit=200${cursor}`,
        );
        expect(page.status).toBe(200);
        out.push(...page.body.items);
        if (!page.body.nextCursor) return out;
        cursor = `&cursor=${page.body.nextCursor}`;
      }
    }

    const job = async (id: string, who = "kam") => {
      const res = await c[who]!.get(`/api/v1/jobs/${id}`);
      expect(res.status).toBe(200);
      return res.body.job;
    };

    /** Runs `body` with the server's background runner stopped. */
    async function withRunnerStopped(body: () => Promise<void>) {
      await world.engine.jobs.stop();
      try {
        await body();
      } finally {
        world.engine.jobs.start();
      }
    }

    it("imports the good rows, reports the bad ones by line with pointers, and never evaluates a cell", async () => {
      const good = rowsOf("imp", 120);
      const rows = [
        ...good.slice(0, 10),
        "A,imp,10,true", // line 12: name too short
        ...good.slice(10, 60),
        "Bad purchase,imp,lots,false", // line 63: not a number
        '"Formula =1+2",imp,=1+2', // line 64: a formula in a number field
        ...good.slice(60, 119),
        "Too many,imp,1,true,extra", // line 124: a cell beyond the columns
        '"=HYPERLINK(""http://evil"")",imp,-5,false', // line 125: a formula in a text field
        '"Multi\nline",imp,+7,是', // lines 126–127
        good[119] as string, // line 128
      ];
      const start = await c.kam!.post("/api/v1/jobs/record-import?form=account", csvOf(rows), CSV);
      expect(start.status).toBe(202);
      expect(start.headers.get("location")).toBe(`/api/v1/jobs/${start.body.job.id}`);
      expect(start.body.job).toMatchObject({
        kind: "record-import",
        status: "queued",
        done: 0,
        total: 126,
        params: { form: "account", allOrNothing: false },
      });
      await world.engine.jobs.settled();

      const done = await job(start.body.job.id);
      expect(done).toMatchObject({ status: "succeeded", done: 126, total: 126, error: null });
      expect(done.result).toMatchObject({
        imported: 122,
        failed: 4,
        importedLines: [
          [2, 11],
          [13, 62],
          [65, 123],
          [125, 128],
        ],
        failedLines: [
          [12, 12],
          [63, 64],
          [124, 124],
        ],
        errorsTruncated: false,
      });
      const errors = done.result.errors.map(
        (e: { line: number; issues: Array<{ pointer: string }> }) => [
          e.line,
          e.issues.map((i) => i.pointer),
        ],
      );
      expect(errors).toEqual([
        [12, ["/name"]],
        [63, ["/annualPurchase"]],
        [64, ["/annualPurchase"]],
        [124, [""]],
      ]);
      expect(done.result.errors[3].issues[0].code).toBe("SHAPE_TOO_MANY");
      expect(typeof done.result.errors[0].issues[0].message).toBe("string");

      const records = await recordsTagged("imp", "kam");
      expect(records).toHaveLength(122);
      const byName = new Map(records.map((r) => [r.data.name, r]));
      expect(byName.get('=HYPERLINK("http://evil")')?.data).toMatchObject({
        annualPurchase: -5,
        strategic: false,
      });
      expect(byName.get("Multi\nline")?.data).toMatchObject({ annualPurchase: 7, strategic: true });
      expect(records.every((r) => r.ownerId === world.people.kam!.id)).toBe(true);
      // Created as the records API creates them: tier models evaluated.
      const first = byName.get("imp-001");
      const tiers = await c.kam!.get(`/api/v1/records/${first?.id}/tiers`);
      expect(tiers.body.assignments[0]).toMatchObject({ modelKey: "value-tier", tier: "key" });
    });

    it("tells the job's creator its progress over SSE, and nobody else", async () => {
      const stream = await c.kam!.open("/api/v1/events");
      const arrived = readEvents(stream, (events) =>
        events.some((e) => e.event === "job" && e.data.status === "succeeded"),
      );
      const start = await c.kam!.post(
        "/api/v1/jobs/record-import?form=account",
        csvOf(rowsOf("sse", 150)),
        CSV,
      );
      expect(start.status).toBe(202);
      const events = (await arrived).filter((e) => e.event === "job");
      expect(events.map((e) => [e.data.status, e.data.done, e.data.total])).toEqual([
        ["queued", 0, 150],
        ["running", 100, 150],
        ["succeeded", 150, 150],
      ]);
      expect(events[0]?.data).toMatchObject({ jobId: start.body.job.id, kind: "record-import" });

      const change = {
        type: "job.progress" as const,
        workspaceId: world.ws,
        jobId: start.body.job.id,
        kind: "record-import",
        status: "running",
        done: 1,
        total: 2,
        createdBy: world.people.kam!.id,
      };
      const caller = (name: string, role: "admin" | "member") => ({
        userId: world.people[name]!.id,
        workspaceId: world.ws,
        role,
        via: "session" as const,
      });
      expect(eventFor(caller("kam", "member"), change)?.event).toBe("job");
      expect(eventFor(caller("admin", "admin"), change)).toBeUndefined();
    });

    it("cancels mid-way: the job stops before its next chunk and reports what was imported", async () => {
      await withRunnerStopped(async () => {
        const start = await c.kam!.post(
          "/api/v1/jobs/record-import?form=account",
          csvOf(rowsOf("cnc", 250)),
          CSV,
        );
        const id = start.body.job.id;
        const report = await world.engine.jobs.run({
          chunkSize: 100,
          onProgress: async (progress) => {
            if (progress.done !== 100) return;
            const cancel = await c.kam!.post(`/api/v1/jobs/${id}/cancel`);
            expect(cancel.status).toBe(200);
            expect(cancel.body.job.status).toBe("cancelled");
          },
        });
        expect(report.chunks).toBe(1);
        const cancelled = await job(id);
        expect(cancelled).toMatchObject({ status: "cancelled", done: 100, total: 250 });
        expect(cancelled.result).toMatchObject({
          imported: 100,
          failed: 0,
          importedLines: [[2, 101]],
        });
        expect(await recordsTagged("cnc")).toHaveLength(100);
        expect((await world.engine.jobs.run()).chunks).toBe(0);

        // Cancelling again changes nothing; a job that ended cannot be cancelled.
        expect((await c.kam!.post(`/api/v1/jobs/${id}/cancel`)).status).toBe(200);
        const small = await c.kam!.post(
          "/api/v1/jobs/record-import?form=account",
          csvOf(rowsOf("cnc2", 3)),
          CSV,
        );
        await world.engine.jobs.run();
        const ended = await c.kam!.post(`/api/v1/jobs/${small.body.job.id}/cancel`);
        expect(ended.status).toBe(422);
        expect(ended.body.code).toBe("STORE_STATE_INVALID");
      });
    });

    it("a runner that dies mid-chunk leaves no half chunk; another resumes after the lease, importing every row once", async () => {
      await withRunnerStopped(async () => {
        const start = await c.kam!.post(
          "/api/v1/jobs/record-import?form=account",
          csvOf(rowsOf("crash", 250)),
          CSV,
        );
        const id = start.body.job.id;
        let rows = 0;
        const doomed = createEngine({
          store: world.store,
          clock: world.clock,
          owner: "doomed",
          // The process dies after writing the 150th row: in the middle of the second chunk.
          faults: (point) => {
            if (point === "job.item" && ++rows === 150) throw new Error("process killed");
          },
        });
        const crashed = await doomed.jobs.run({ chunkSize: 100 });
        expect(crashed.chunks).toBe(1);
        expect(crashed.errors).toHaveLength(1);
        const halfway = await job(id);
        expect(halfway).toMatchObject({ status: "running", done: 100, attempts: 1 });
        expect(halfway.result).toMatchObject({ imported: 100, importedLines: [[2, 101]] });
        expect(await recordsTagged("crash")).toHaveLength(100);

        // Its claim holds until the lease passes; then this server's runner takes over.
        expect((await world.engine.jobs.run({ chunkSize: 100 })).chunks).toBe(0);
        world.clock.advance(30_001);
        const resumed = await world.engine.jobs.run({ chunkSize: 100 });
        expect(resumed).toMatchObject({ chunks: 2, ended: 1, errors: [] });
        const done = await job(id);
        expect(done).toMatchObject({ status: "succeeded", done: 250, attempts: 2 });
        expect(done.result).toMatchObject({ imported: 250, failed: 0, importedLines: [[2, 251]] });
        const records = await recordsTagged("crash");
        expect(records).toHaveLength(250);
        expect(new Set(records.map((r) => r.data.name)).size).toBe(250);
      });
    });

    it("a row whose write fails after validation (its trigger's step is refused) is reported, with none of its writes", async () => {
      const { engine, ws, store } = world;
      await engine.definitions.publish(ws, {
        ...accountForm,
        key: "lead",
        dataSchema: {
          ...accountForm.dataSchema,
          properties: {
            ...accountForm.dataSchema.properties,
            code: { "x-kam-field": "text", type: "string", maxLength: 2 },
          },
        },
      });
      // Rows with a purchase of 13 start a flow whose first step writes a code the form refuses.
      await engine.definitions.publish(ws, {
        ...lineFlow(
          "bad-marker",
          {
            type: "record.created",
            form: "lead",
            condition: { "==": [{ var: "annualPurchase" }, 13] },
          },
          [
            {
              id: "mark",
              type: "action",
              config: { operations: [{ kind: "set-fields", fields: { code: "too long" } }] },
            },
          ],
        ),
        form: "lead",
      });
      const rows = Array.from(
        { length: 30 },
        (_, i) => `L-${i},lead,${i % 10 === 3 ? 13 : 5},true`,
      );
      const start = await c.kam!.post("/api/v1/jobs/record-import?form=lead", csvOf(rows), CSV);
      expect(start.status).toBe(202);
      await world.engine.jobs.settled();
      const done = await job(start.body.job.id);
      expect(done.status).toBe("succeeded");
      expect(done.result).toMatchObject({
        imported: 27,
        failed: 3,
        failedLines: [
          [5, 5],
          [15, 15],
          [25, 25],
        ],
      });
      expect(done.result.errors[0].issues[0].pointer).toBe("/code");
      const leads = await store.db
        .selectFrom("records")
        .select("data")
        .where("workspace_id", "=", ws)
        .where("form_key", "=", "lead")
        .execute();
      expect(leads).toHaveLength(27);
      const instances = await store.db
        .selectFrom("flow_instances")
        .select("id")
        .where("workspace_id", "=", ws)
        .where("flow_key", "=", "bad-marker")
        .execute();
      expect(instances).toHaveLength(0);
    });

    it("all or nothing: one bad row imports none; a clean file imports every row", async () => {
      const bad = await c.kam!.post("/api/v1/jobs/record-import", {
        form: "account",
        csv: csvOf([...rowsOf("aon", 5), "X,aon,1,true", ...rowsOf("aon", 5, 6)]),
        allOrNothing: true,
      });
      expect(bad.status).toBe(202);
      await world.engine.jobs.settled();
      const failed = await job(bad.body.job.id);
      expect(failed).toMatchObject({ status: "failed", done: 11 });
      expect(failed.error).toMatchObject({ code: "FORM_VALUE_INVALID", pointer: "/lines/7/name" });
      expect(failed.result).toMatchObject({ imported: 0, failed: 1, failedLines: [[7, 7]] });
      expect(await recordsTagged("aon")).toHaveLength(0);

      const good = await c.kam!.post(
        "/api/v1/jobs/record-import?form=account&allOrNothing=true",
        csvOf(rowsOf("aon", 10)),
        CSV,
      );
      await world.engine.jobs.settled();
      expect((await job(good.body.job.id)).result).toMatchObject({ imported: 10, failed: 0 });
      expect(await recordsTagged("aon")).toHaveLength(10);
    });

    it("refuses a file it cannot read, before queuing anything, with pointers to line and column", async () => {
      const unknown = await c.kam!.post(
        "/api/v1/jobs/record-import?form=account",
        "name,industry,revenue\nACME,x,1",
        CSV,
      );
      expect(unknown.status).toBe(400);
      expect(unknown.body.issues[0]).toMatchObject({
        code: "SHAPE_PROPERTY_UNKNOWN",
        pointer: "/lines/1/2",
      });
      const quote = await c.kam!.post(
        "/api/v1/jobs/record-import?form=account",
        `${HEADER}\nok,x,1,true\n"broken,x,1,true\n`,
        CSV,
      );
      expect(quote.status).toBe(400);
      expect(quote.body.issues[0]).toMatchObject({
        code: "SHAPE_FORMAT_INVALID",
        pointer: "/lines/3",
      });
      const noForm = await c.kam!.post("/api/v1/jobs/record-import", HEADER, CSV);
      expect(noForm.status).toBe(400);
      expect(noForm.body.issues[0].pointer).toBe("/form");
      const missing = await c.kam!.post("/api/v1/jobs/record-import", {
        form: "nope",
        csv: HEADER,
      });
      expect(missing.status).toBe(404);
      const shape = await c.kam!.post("/api/v1/jobs/record-import", { form: "account" });
      expect(shape.status).toBe(400);
      expect(shape.body.issues[0].pointer).toBe("/csv");
    });

    it("reads a file in the charset its content type names (Excel's GBK), and refuses bytes that are not", async () => {
      const token = (await c.kam!.post("/api/v1/auth/tokens", { name: "导入" })).body.token;
      // "你好" in GBK, which is not UTF-8.
      const gbk = Buffer.concat([
        Buffer.from("name,industry\r\n"),
        Buffer.from([0xc4, 0xe3, 0xba, 0xc3]),
        Buffer.from(",gbk\r\n"),
      ]);
      const send = (type: string) =>
        fetch(`${world.url}/api/v1/jobs/record-import?form=account`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": type },
          body: gbk,
        });
      const wrong = await send("text/csv");
      expect(wrong.status).toBe(400);
      expect(((await wrong.json()) as { code: string }).code).toBe("SHAPE_FORMAT_INVALID");
      const unknown = await send("text/csv; charset=klingon");
      expect(
        ((await unknown.json()) as { issues: Array<{ pointer: string }> }).issues[0]?.pointer,
      ).toBe("/charset");
      expect((await send("text/csv; charset=gbk")).status).toBe(202);
      await world.engine.jobs.settled();
      expect((await recordsTagged("gbk")).map((r) => r.data.name)).toEqual(["你好"]);
    });

    it("replays an import sent again with its Idempotency-Key", async () => {
      const headers = { ...CSV, "idempotency-key": "import-once" };
      const body = csvOf(rowsOf("idem", 4));
      const first = await c.kam!.post("/api/v1/jobs/record-import?form=account", body, headers);
      const again = await c.kam!.post("/api/v1/jobs/record-import?form=account", body, headers);
      expect(again.status).toBe(202);
      expect(again.body.job.id).toBe(first.body.job.id);
      await world.engine.jobs.settled();
      expect(await recordsTagged("idem")).toHaveLength(4);
    });

    it("evaluate-all assigns a tier to every record of the form and fires tier.changed triggers", async () => {
      const { engine, ws, store } = world;
      const prospectForm = { ...accountForm, key: "prospect", name: t("潜在客户", "Prospect") };
      await engine.definitions.publish(ws, prospectForm);
      for (let i = 0; i < 130; i++)
        await engine.records.create(
          ws,
          "prospect",
          { name: `P-${i}`, annualPurchase: i % 2 ? 2_000_000 : 10 },
          { actor: world.people.designer!.id },
        );
      await engine.definitions.publish(ws, tierModel("prospect-tier", "prospect"));
      await engine.definitions.publish(ws, {
        ...lineFlow(
          "became-key",
          { type: "tier.changed", model: "prospect-tier", to: ["key"] },
          [],
        ),
        form: "prospect",
      });

      const start = await c.designer!.post("/api/v1/jobs/evaluate-all", { model: "prospect-tier" });
      expect(start.status).toBe(202);
      expect(start.body.job).toMatchObject({ kind: "evaluate-all", total: 130 });
      await engine.jobs.settled();
      const done = await job(start.body.job.id, "designer");
      expect(done).toMatchObject({ status: "succeeded", done: 130 });
      expect(done.result).toMatchObject({ evaluated: 130, changed: 130, failed: 0 });

      const assignments = await store.db
        .selectFrom("tier_assignments")
        .select(["tier"])
        .where("workspace_id", "=", ws)
        .where("model_key", "=", "prospect-tier")
        .execute();
      expect(assignments).toHaveLength(130);
      expect(assignments.filter((a) => a.tier === "key")).toHaveLength(65);
      const started = await store.db
        .selectFrom("flow_instances")
        .select("id")
        .where("workspace_id", "=", ws)
        .where("flow_key", "=", "became-key")
        .execute();
      expect(started).toHaveLength(65);

      // Again: nothing moves, nothing starts.
      const again = await c.admin!.post("/api/v1/jobs/evaluate-all", { model: "prospect-tier" });
      await engine.jobs.settled();
      expect((await job(again.body.job.id, "admin")).result).toMatchObject({
        evaluated: 130,
        changed: 0,
      });
      const unknown = await c.designer!.post("/api/v1/jobs/evaluate-all", { model: "nope" });
      expect(unknown.status).toBe(404);
    });

    it("permissions: viewers and members may not start what their role does not allow", async () => {
      const csv = csvOf(rowsOf("perm", 2));
      const viewer = await c.viewer!.post("/api/v1/jobs/record-import?form=account", csv, CSV);
      expect(viewer.status).toBe(403);
      expect(viewer.body.code).toBe("AUTH_FORBIDDEN");
      expect(
        (await c.viewer!.post("/api/v1/jobs/evaluate-all", { model: "value-tier" })).status,
      ).toBe(403);
      expect((await c.kam!.post("/api/v1/jobs/evaluate-all", { model: "value-tier" })).status).toBe(
        403,
      );
      expect((await c.viewer!.get("/api/v1/jobs")).body).toEqual({ items: [], nextCursor: null });
      expect((await world.anonymous().get("/api/v1/jobs")).status).toBe(401);
    });

    it("shows a job to its creator and admins only; another workspace's job id is a 404", async () => {
      const start = await c.kam!.post(
        "/api/v1/jobs/record-import?form=account",
        csvOf(rowsOf("vis", 2)),
        CSV,
      );
      const id = start.body.job.id;
      await world.engine.jobs.settled();
      expect((await c.admin!.get(`/api/v1/jobs/${id}`)).status).toBe(200);
      for (const who of ["manager", "designer"]) {
        const res = await c[who]!.get(`/api/v1/jobs/${id}`);
        expect(res.status).toBe(404);
        expect(res.body.code).toBe("STORE_NOT_FOUND");
        expect((await c[who]!.post(`/api/v1/jobs/${id}/cancel`)).status).toBe(404);
      }
      expect((await otherAdmin.get(`/api/v1/jobs/${id}`)).status).toBe(404);
      expect((await otherAdmin.post(`/api/v1/jobs/${id}/cancel`)).status).toBe(404);
      expect((await otherAdmin.get("/api/v1/jobs")).body.items).toEqual([]);

      const mine = (await c.kam!.get("/api/v1/jobs?limit=200")).body.items;
      expect(mine.length).toBeGreaterThan(3);
      expect(mine.every((j: { createdBy: string }) => j.createdBy === world.people.kam!.id)).toBe(
        true,
      );
      expect(mine[0].id).toBe(id);
      const all = (await c.admin!.get("/api/v1/jobs?limit=200")).body.items;
      expect(all.some((j: { kind: string }) => j.kind === "evaluate-all")).toBe(true);
      expect(all.some((j: { id: string }) => j.id === id)).toBe(true);
      const onlyMine = (await c.admin!.get("/api/v1/jobs?mine=true")).body.items;
      expect(
        onlyMine.every((j: { createdBy: string }) => j.createdBy === world.people.admin!.id),
      ).toBe(true);
      const page = await c.kam!.get("/api/v1/jobs?limit=2");
      const next = await c.kam!.get(`/api/v1/jobs?limit=2&cursor=${page.body.nextCursor}`);
      expect(next.body.items[0].id).toBe(mine[2].id);
      expect((await c.kam!.get("/api/v1/jobs?limit=0")).status).toBe(400);
    });
  });
}
