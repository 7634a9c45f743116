/**
 * The KPI API against a real server, on SQLite and PostgreSQL, over the demo definitions and the
 * default KPI configuration. A workspace is built with a moved clock so that every figure of the
 * period 2026-11-25 … 2026-11-30 (Asia/Shanghai) is known, and each one is computed by hand below.
 *
 * Org: team 华东 (managed by `manager`) with `kam`; team 华南 (managed by `director`) with `kam2`;
 * `desk` takes tickets; `manager` is KAT manager of the east accounts, `director` of the south
 * ones and the VP. Accounts (annual purchase · margin · potential · NPS · contract end):
 *
 * | account | team | tier (field) | health at start | change in the period |
 * |---|---|---|---|---|
 * | A1 18.6M · 22% · high · 9 · 2027-06-30 | east | strategic | 82.5 healthy | NPS 9 → 6: 70.5 watch |
 * | A2 4.2M · 18% · medium · 8 · 2026-11-28 | east | key | 63.5 watch | purchase → 5M; contract ends |
 * | A3 1.5M · 35% · high · 10 · 2026-11-27 | east | growth | 96.25 healthy | contract ends (not high value) |
 * | A4 12M · 9% · low · 5 · 2026-11-20 | south | key | 32.75 at-risk | (ended before the period) |
 * | A5 26M · 16% · high · 7 · 2026-11-29 | south | strategic | 70 watch | contract extended to 2027-11-29 |
 * | A6 2M · 30% · high · 9 (created 11-26) | east | growth | — | 88.5 healthy |
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_KPI_CONFIG } from "../../engine/runtime/kpis/config.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { demoDefinitions } from "../../server/demo/definitions.ts";
import { type ApiWorld, type Client, startApi } from "./harness.ts";

/** 2026-11-`day` at `hh:mm` in Shanghai. */
const at = (day: number, hh: number, mm = 0) => Date.UTC(2026, 10, day, hh - 8, mm);
const MIN = 60_000;
const PERIOD = "from=2026-11-25&to=2026-11-30";

for (const database of testDatabases()) {
  describe(`KPI API on ${database.name}`, () => {
    let world: ApiWorld;
    const c: Record<string, Client> = {};
    let east: string;
    let south: string;

    beforeAll(async () => {
      world = await startApi(database);
      const { engine, ws, people, clock, store } = world;
      const admin = people.admin!.id;
      const kam = people.kam!.id;
      const kam2 = (await world.addPerson("kam2", "member")).id;
      const desk = (await world.addPerson("desk", "member")).id;
      const manager = people.manager!.id;
      const director = people.director!.id;
      east = await engine.teams.create(ws, { key: "east", name: "华东", managerId: manager });
      south = await engine.teams.create(ws, { key: "south", name: "华南", managerId: director });
      await engine.memberships.add(ws, { userId: kam, teamId: east, role: "member" });
      await engine.memberships.add(ws, { userId: kam2, teamId: south, role: "member" });
      await engine.roles.grant(ws, { userId: desk, role: "service-desk" });
      await engine.roles.grant(ws, { userId: director, role: "department-director" });
      await engine.roles.grant(ws, { userId: director, role: "vp" });
      for (const definition of demoDefinitions)
        await engine.definitions.publish(ws, definition, { actor: admin });

      const eastly = { actor: kam, ownerId: kam, teamId: east };
      const southly = { actor: kam2, ownerId: kam2, teamId: south };
      const account = async (
        data: Record<string, unknown>,
        acting: typeof eastly,
        katManager: string,
      ) => {
        const record = await engine.records.create(ws, "account", data, acting);
        await engine.accountTeams.add(ws, {
          recordId: record.id,
          userId: katManager,
          role: "kat-manager",
        });
        return record;
      };
      const instanceOf = async (recordId: string) => {
        const row = await store.db
          .selectFrom("flow_instances")
          .select("id")
          .where("workspace_id", "=", ws)
          .where("record_id", "=", recordId)
          .executeTakeFirstOrThrow();
        return row.id;
      };
      const openTask = async (recordId: string) => {
        const tasks = await engine.instances.tasks(ws, await instanceOf(recordId));
        const task = tasks.find((t) => t.status === "open" || t.status === "claimed");
        if (!task) throw new Error(`no open task on ${recordId}`);
        return task;
      };
      /** The service desk claims a ticket and resolves it. */
      const resolve = async (recordId: string) => {
        const task = await openTask(recordId);
        await engine.tasks.claim({ workspaceId: ws, taskId: task.id, actor: desk });
        await engine.tasks.complete({
          workspaceId: ws,
          taskId: task.id,
          actor: desk,
          outcome: "complete",
          data: { resolution: "处理完毕" },
        });
      };
      const decide = async (recordId: string, actor: string, outcome: "approve" | "reject") => {
        const task = await openTask(recordId);
        await engine.tasks.complete({ workspaceId: ws, taskId: task.id, actor, outcome });
      };
      const ticket = (data: Record<string, unknown>, acting: typeof eastly) =>
        engine.records.create(ws, "service-ticket", data, acting);

      // ── Before the period: 2026-11-23 and 24 ──
      clock.set(at(23, 9));
      const common = { industry: "manufacturing", region: "east" } as const;
      const a1 = await account(
        {
          ...common,
          name: "A1 浦江重工",
          annualPurchase: 18_600_000,
          margin: 22,
          growthPotential: "high",
          nps: 9,
          contractEnd: "2027-06-30",
        },
        eastly,
        manager,
      );
      const a2 = await account(
        {
          ...common,
          name: "A2 恒瑞精密",
          annualPurchase: 4_200_000,
          margin: 18,
          growthPotential: "medium",
          nps: 8,
          contractEnd: "2026-11-28",
        },
        eastly,
        manager,
      );
      const a3 = await account(
        {
          ...common,
          name: "A3 云栖数据",
          annualPurchase: 1_500_000,
          margin: 35,
          growthPotential: "high",
          nps: 10,
          contractEnd: "2026-11-27",
        },
        eastly,
        manager,
      );
      await account(
        {
          ...common,
          name: "A4 海川物流",
          annualPurchase: 12_000_000,
          margin: 9,
          growthPotential: "low",
          nps: 5,
          contractEnd: "2026-11-20",
        },
        southly,
        director,
      );
      const a5 = await account(
        {
          ...common,
          name: "A5 星辰汽车",
          annualPurchase: 26_000_000,
          margin: 16,
          growthPotential: "high",
          nps: 7,
          contractEnd: "2026-11-29",
        },
        southly,
        director,
      );
      expect([a1, a2, a3, a5].map((a) => a.data.tier)).toEqual([
        "strategic",
        "key",
        "growth",
        "strategic",
      ]);

      clock.set(at(24, 10));
      // An order approved and a ticket resolved before the period: not counted.
      const o4 = await ticket(
        { title: "O4 早期订单", category: "order", account: a1.id, urgent: true, amount: 99_000 },
        eastly,
      );
      await decide(o4.id, manager, "approve");
      const t4 = await ticket(
        { title: "T4 早期故障", category: "fault", account: a1.id, customerTier: "strategic" },
        eastly,
      );
      clock.set(at(24, 10, 5));
      await resolve(t4.id);

      // ── In the period ──
      clock.set(at(26, 9));
      await engine.records.update(ws, a1.id, { nps: 6 }, { actor: kam });
      await engine.records.update(ws, a2.id, { annualPurchase: 5_000_000 }, { actor: kam });
      await engine.records.update(ws, a5.id, { contractEnd: "2027-11-29" }, { actor: kam2 });
      await account(
        {
          ...common,
          name: "A6 新客户",
          annualPurchase: 2_000_000,
          margin: 30,
          growthPotential: "high",
          nps: 9,
        },
        eastly,
        manager,
      );

      // Orders: O1 urgent (KAT only), O2 standard (KAT, then VP), O3 rejected, O5 south.
      const o1 = await ticket(
        {
          title: "O1 紧急订单",
          category: "order",
          account: a1.id,
          urgent: true,
          amount: 1_280_000,
        },
        eastly,
      );
      const o2 = await ticket(
        { title: "O2 补充订单", category: "order", account: a2.id, urgent: false, amount: 560_000 },
        eastly,
      );
      const o3 = await ticket(
        { title: "O3 驳回订单", category: "order", account: a1.id, urgent: true, amount: 300_000 },
        eastly,
      );
      const o5 = await ticket(
        { title: "O5 华南订单", category: "order", account: a5.id, urgent: true, amount: 700_000 },
        southly,
      );
      clock.set(at(26, 9, 30));
      await decide(o1.id, manager, "approve");
      await decide(o2.id, manager, "approve");
      await decide(o2.id, director, "approve");
      await decide(o3.id, manager, "reject");
      await decide(o5.id, director, "approve");

      // Tickets: T1 (strategic, 15 min) resolved in 10 min; T2 (growth, 2 h) breached, resolved
      // after 3 h; T3 (south, strategic) resolved in 5 min.
      clock.set(at(26, 10));
      const t1 = await ticket(
        { title: "T1 产线故障", category: "fault", account: a1.id, customerTier: "strategic" },
        eastly,
      );
      const t2 = await ticket(
        { title: "T2 对账疑问", category: "question", account: a3.id, customerTier: "growth" },
        eastly,
      );
      clock.set(at(26, 10, 10));
      await resolve(t1.id);
      clock.set(at(26, 12));
      await engine.timers.fireDue();
      clock.set(at(26, 13));
      await resolve(t2.id);
      clock.set(at(27, 9));
      const t3 = await ticket(
        { title: "T3 华南故障", category: "fault", account: a5.id, customerTier: "strategic" },
        southly,
      );
      clock.set(at(27, 9, 5));
      await resolve(t3.id);

      // Asked on 2026-12-02.
      clock.set(at(32, 9));
      for (const name of ["admin", "manager", "director", "kam", "viewer"])
        c[name] = await world.client(name);
      c.kam2 = await world.client("kam2");
    });
    afterAll(() => world.close());

    it("gives the whole workspace's figures to an admin, exactly", async () => {
      const res = await c.admin!.get(`/api/v1/kpis?${PERIOD}`);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        period: { from: at(25, 0), to: at(31, 0), timeZone: "Asia/Shanghai" },
        team: null,
        // No configuration saved: the defaults, whose forms, model and flows are all published.
        configured: false,
        unmeasured: [],
        // End: A1 6 (D), A2 8, A3 10 (P), A4 5 (D), A5 7, A6 9 (P). Start: A1 9 (P), A2 8,
        // A3 10 (P), A4 5 (D), A5 7.
        nps: {
          score: ((2 - 2) / 6) * 100,
          responses: 6,
          promoters: 2,
          passives: 2,
          detractors: 2,
          start: {
            score: ((2 - 1) / 5) * 100,
            responses: 5,
            promoters: 2,
            passives: 2,
            detractors: 1,
          },
          change: 0 - 20,
        },
        // High value at the start (strategic, key) and not ended yet: A1, A2, A5 (A4 ended on
        // 11-20). A2's contract ended on 11-28; A5's was extended.
        churn: { highValueAtStart: 3, churned: 1, rate: 1 / 3 },
        // Approved in the period: O1, O2, O5 (O3 rejected, O4 approved before).
        revenue: { total: 1_280_000 + 560_000 + 700_000, count: 3 },
        // Start: A1..A5; end: A2 at 5M, plus A6.
        ltv: {
          start: 62_300_000,
          end: 65_100_000,
          change: 2_800_000,
          changeRate: 2_800_000 / 62_300_000,
        },
        // T1 10 min, T2 3 h, T3 5 min (T4 before the period).
        resolution: {
          count: 3,
          averageMs: (10 * MIN + 180 * MIN + 5 * MIN) / 3,
          medianMs: 10 * MIN,
        },
        sla: { met: 2, breached: 1, breachRate: 1 / 3 },
        tiers: {
          model: "account-health",
          distribution: [
            { tier: "healthy", count: 2 }, // A3, A6
            { tier: "watch", count: 3 }, // A1, A2, A5
            { tier: "at-risk", count: 1 }, // A4
          ],
          movement: [
            { from: "healthy", to: "watch", count: 1 }, // A1
            { from: null, to: "healthy", count: 1 }, // A6
          ],
        },
      });
    });

    /** The figures of team 华东 (A1, A2, A3, A6; O1, O2; T1, T2). */
    const eastFigures = {
      nps: {
        score: ((2 - 1) / 4) * 100,
        responses: 4,
        promoters: 2,
        passives: 1,
        detractors: 1,
        start: { score: (2 / 3) * 100, responses: 3, promoters: 2, passives: 1, detractors: 0 },
        change: 25 - (2 / 3) * 100,
      },
      churn: { highValueAtStart: 2, churned: 1, rate: 0.5 },
      revenue: { total: 1_840_000, count: 2 },
      ltv: {
        start: 24_300_000,
        end: 27_100_000,
        change: 2_800_000,
        changeRate: 2_800_000 / 24_300_000,
      },
      resolution: { count: 2, averageMs: (10 * MIN + 180 * MIN) / 2, medianMs: 95 * MIN },
      sla: { met: 1, breached: 1, breachRate: 0.5 },
      tiers: {
        model: "account-health",
        distribution: [
          { tier: "healthy", count: 2 },
          { tier: "watch", count: 2 },
          { tier: "at-risk", count: 0 },
        ],
        movement: [
          { from: "healthy", to: "watch", count: 1 },
          { from: null, to: "healthy", count: 1 },
        ],
      },
    };

    it("filters by team (with its sub-teams)", async () => {
      const res = await c.admin!.get(`/api/v1/kpis?${PERIOD}&team=${east}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ team: east, ...eastFigures });
      const southern = await c.admin!.get(`/api/v1/kpis?${PERIOD}&team=${south}`);
      expect(southern.body).toMatchObject({
        revenue: { total: 700_000, count: 1 },
        resolution: { count: 1, averageMs: 5 * MIN, medianMs: 5 * MIN },
        sla: { met: 1, breached: 0, breachRate: 0 },
        // A4 ended before the period; A5 (strategic) did not churn.
        churn: { highValueAtStart: 1, churned: 0, rate: 0 },
      });
    });

    it("counts for a member only what they may see, and for a manager their subtree", async () => {
      const mine = await c.kam!.get(`/api/v1/kpis?${PERIOD}`);
      expect(mine.status).toBe(200);
      expect(mine.body).toMatchObject({ team: null, ...eastFigures });
      // Another team's filter leaves a member nothing.
      const theirs = await c.kam!.get(`/api/v1/kpis?${PERIOD}&team=${south}`);
      expect(theirs.body).toMatchObject({
        nps: { score: null, responses: 0, change: null },
        churn: { highValueAtStart: 0, churned: 0, rate: null },
        revenue: { total: 0, count: 0 },
        ltv: { start: 0, end: 0, change: 0, changeRate: null },
        resolution: { count: 0, averageMs: null },
        sla: { met: 0, breached: 0, breachRate: null },
      });
      expect(theirs.body.tiers.movement).toEqual([]);
      const managed = await c.manager!.get(`/api/v1/kpis?${PERIOD}`);
      expect(managed.body).toMatchObject(eastFigures);
      const south2 = await c.kam2!.get(`/api/v1/kpis?${PERIOD}`);
      expect(south2.body).toMatchObject({
        revenue: { total: 700_000, count: 1 },
        sla: { met: 1, breached: 0 },
      });
      // A viewer outside every team sees no record.
      const viewer = await c.viewer!.get(`/api/v1/kpis?${PERIOD}`);
      expect(viewer.status).toBe(200);
      expect(viewer.body.nps.responses).toBe(0);
    });

    it("defaults to the 30 days before now", async () => {
      const res = await c.admin!.get("/api/v1/kpis");
      expect(res.status).toBe(200);
      expect(res.body.period).toEqual({
        from: at(32, 9) - 30 * 86_400_000,
        to: at(32, 9),
        timeZone: "Asia/Shanghai",
      });
      // Every ticket of the workspace lies within them: T1–T4.
      expect(res.body.resolution.count).toBe(4);
    });

    it("answers 400 with a pointer for bad dates, 404 for an unknown team", async () => {
      const bad = await c.admin!.get("/api/v1/kpis?from=2026-13-01&to=tomorrow");
      expect(bad.status).toBe(400);
      expect(bad.headers.get("content-type")).toContain("application/problem+json");
      expect(
        bad.body.issues.map((i: { code: string; pointer: string }) => [i.code, i.pointer]),
      ).toEqual([
        ["SHAPE_FORMAT_INVALID", "/from"],
        ["SHAPE_FORMAT_INVALID", "/to"],
      ]);
      const backwards = await c.admin!.get("/api/v1/kpis?from=2026-11-30&to=2026-11-01");
      expect(backwards.status).toBe(400);
      expect(backwards.body.issues[0]).toMatchObject({
        code: "SHAPE_OUT_OF_RANGE",
        pointer: "/to",
      });
      const team = await c.admin!.get(`/api/v1/kpis?${PERIOD}&team=no-such-team`);
      expect(team.status).toBe(404);
      expect(team.body.issues[0]).toMatchObject({ code: "STORE_NOT_FOUND", pointer: "/team" });
      const anonymous = await world.anonymous().get("/api/v1/kpis");
      expect(anonymous.status).toBe(401);
    });

    it("lets admins read and replace the configuration, validated, and the figures follow it", async () => {
      const read = await c.admin!.get("/api/v1/kpis/config");
      expect(read.status).toBe(200);
      expect(read.body).toEqual(DEFAULT_KPI_CONFIG);
      expect((await c.manager!.get("/api/v1/kpis/config")).status).toBe(403);
      expect((await c.kam!.request("PUT", "/api/v1/kpis/config", DEFAULT_KPI_CONFIG)).status).toBe(
        403,
      );

      const invalid = await c.admin!.request("PUT", "/api/v1/kpis/config", {
        ...DEFAULT_KPI_CONFIG,
        highValue: { source: "field", key: "tier", tiers: [] },
        resolution: { flows: ["Not a key!"] },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.issues.map((i: { pointer: string }) => i.pointer).sort()).toEqual([
        "/highValue/tiers",
        "/resolution/flows/0",
      ]);

      // Strategic accounts only, revenue booked on creation (every order ticket), no ticket flows.
      const strategic = {
        ...DEFAULT_KPI_CONFIG,
        highValue: { source: "field", key: "tier", tiers: ["strategic"] },
        revenue: { ...DEFAULT_KPI_CONFIG.revenue, approval: null },
        resolution: { flows: [] },
      };
      const saved = await c.admin!.request("PUT", "/api/v1/kpis/config", strategic);
      expect(saved.status).toBe(200);
      expect(saved.body).toEqual(strategic);
      const report = await c.admin!.get(`/api/v1/kpis?${PERIOD}`);
      expect(report.body).toMatchObject({
        configured: true,
        unmeasured: ["resolution"],
        churn: { highValueAtStart: 2, churned: 0, rate: 0 }, // A1, A5
        revenue: { total: 1_280_000 + 560_000 + 300_000 + 700_000, count: 4 }, // O1, O2, O3, O5
        resolution: { count: 0, averageMs: null, medianMs: null },
      });
      const audit = await c.admin!.get("/api/v1/audit?action=kpis.configured");
      expect(audit.status).toBe(200);
      expect(JSON.stringify(audit.body)).toContain("kpis.configured");
      // A null field and a model that is not published: those figures are not measured.
      const partial = {
        ...DEFAULT_KPI_CONFIG,
        accounts: { ...DEFAULT_KPI_CONFIG.accounts, npsField: null },
        tierModel: "no-such-model",
      };
      expect((await c.admin!.request("PUT", "/api/v1/kpis/config", partial)).status).toBe(200);
      const unmeasured = await c.kam!.get(`/api/v1/kpis?${PERIOD}`);
      expect(unmeasured.body).toMatchObject({
        configured: true,
        unmeasured: ["nps", "tiers"],
        nps: { score: null, responses: 0 },
        tiers: { model: "no-such-model", distribution: [], movement: [] },
      });
      await c.admin!.request("PUT", "/api/v1/kpis/config", DEFAULT_KPI_CONFIG);
    });
  });
}
