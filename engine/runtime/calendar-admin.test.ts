/**
 * Editing a workspace's business calendar on SQLite and PostgreSQL: a saved calendar is what
 * business durations count on from then on, an invalid one is refused with every issue and
 * changes nothing, and a yearly holiday table imports into it (replacing that year only).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/index.ts";
import { testDatabases } from "../store/testing/databases.ts";
import { lineFlow } from "./testing/flows.ts";
import { type KamWorld, kamWorld } from "./testing/kam-fixture.ts";

/** Epoch ms of a wall-clock time in Asia/Shanghai. */
const sh = (y: number, m: number, d: number, h: number) => Date.UTC(y, m - 1, d, h - 8);

const twoWorkingHours = lineFlow("two-hours", { type: "manual" }, [
  {
    id: "pause",
    type: "wait",
    config: { kind: "duration", duration: "PT2H", calendar: "business" },
  },
]);

for (const database of testDatabases()) {
  describe(`workspace calendars on ${database.name}`, () => {
    let store: Store;
    let world: KamWorld;
    beforeEach(async () => {
      store = await database.open();
      world = await kamWorld(store);
      await world.engine.definitions.publish(world.ws, twoWorkingHours);
    });
    afterEach(() => store.close());

    async function dueFrom(at: number) {
      const { engine, ws, kam, clock } = world;
      clock.set(at);
      const instance = await engine.flows.start(ws, "two-hours", { actor: kam });
      const [timer] = await store.db
        .selectFrom("timers")
        .select("due_at")
        .where("instance_id", "=", instance.id)
        .execute();
      return Number(timer?.due_at);
    }

    it("counts on a saved calendar: its hours, days and holidays", async () => {
      const { engine, ws, kam } = world;
      // Default (mainland China): Monday 30 November 16:00 + 2 h → 17:00 + 1 h → 18:00 the same day.
      expect(await dueFrom(sh(2026, 11, 30, 16))).toBe(sh(2026, 11, 30, 18));
      await engine.calendars.save(
        ws,
        {
          timeZone: "Asia/Shanghai",
          workingWeekdays: [1, 2, 3, 4, 5, 6],
          workingHours: [{ start: "08:00", end: "17:00" }],
          holidays: [{ date: "2026-12-01", name: { "zh-CN": "司庆", en: "Founders' day" } }],
        },
        { actor: kam },
      );
      // 16:00–17:00, then the holiday, then 08:00–09:00 on Wednesday 2 December.
      expect(await dueFrom(sh(2026, 11, 30, 16))).toBe(sh(2026, 12, 2, 9));
      expect((await engine.audit.verify(ws)).ok).toBe(true);
    });

    it("counts an account's clocks on its own calendar, and records that reference it too", async () => {
      const { engine, ws, kam, clock } = world;
      // A customer in Singapore: no Chinese holidays, 09:00–18:00 Singapore time (UTC+8 too).
      await engine.calendars.save(
        ws,
        { timeZone: "Asia/Singapore", workingHours: [{ start: "09:00", end: "18:00" }] },
        { key: "singapore", actor: kam },
      );
      await engine.definitions.publish(ws, {
        kind: "form",
        key: "case",
        name: { "zh-CN": "案例", en: "Case" },
        dataSchema: {
          type: "object",
          properties: {
            title: { "x-kam-field": "text", type: "string", maxLength: 100 },
            account: { "x-kam-field": "reference", type: "string", "x-kam-form": "ticket" },
          },
        },
        uiSchema: {},
        rules: {},
      });
      await engine.definitions.publish(ws, {
        ...lineFlow("case-clock", { type: "manual" }, twoWorkingHours.nodes.slice(1, -1) as never),
        form: "case",
      });
      const account = await engine.records.create(
        ws,
        "ticket",
        { title: "新加坡客户" },
        { actor: kam },
      );
      const other = await engine.records.create(
        ws,
        "ticket",
        { title: "国内客户" },
        { actor: kam },
      );
      await expect(
        engine.calendars.assign(ws, { recordId: account.id, calendar: "mars" }),
      ).rejects.toMatchObject({ code: "RUNTIME_CALENDAR_UNKNOWN", pointer: "/calendar" });
      await engine.calendars.assign(ws, { recordId: account.id, calendar: "singapore" }, kam);

      // 1 October 2026 16:00 is National Day in China, a working Thursday in Singapore.
      const at = sh(2026, 10, 1, 16);
      const dueOf = async (flow: string, recordId: string) => {
        clock.set(at);
        const instance = await engine.flows.start(ws, flow, { actor: kam, recordId });
        const [timer] = await store.db
          .selectFrom("timers")
          .select("due_at")
          .where("instance_id", "=", instance.id)
          .execute();
        return Number(timer?.due_at);
      };
      expect(await dueOf("two-hours", account.id)).toBe(sh(2026, 10, 1, 18));
      const linked = await engine.records.create(
        ws,
        "case",
        { title: "x", account: account.id },
        { actor: kam },
      );
      expect(await dueOf("case-clock", linked.id)).toBe(sh(2026, 10, 1, 18));
      // Not assigned: the workspace's (China's) calendar counts from 09:00 on 8 October.
      expect(await dueOf("two-hours", other.id)).toBe(sh(2026, 10, 8, 11));
      // Unassigned again: back to China's.
      await engine.calendars.assign(ws, { recordId: account.id, calendar: null });
      expect(await dueOf("two-hours", account.id)).toBe(sh(2026, 10, 8, 11));
    });

    it("refuses an invalid calendar with its issues and keeps the one in force", async () => {
      const { engine, ws } = world;
      const before = await engine.calendars.get(ws);
      await expect(
        engine.calendars.save(ws, { workingHours: [{ start: "18:00", end: "09:00" }] }),
      ).rejects.toMatchObject({
        issues: [
          expect.objectContaining({ code: "CALENDAR_HOURS_INVALID", pointer: "/workingHours/0" }),
        ],
      });
      expect(await engine.calendars.get(ws)).toEqual(before);
    });

    it("imports a yearly table: the make-up Saturday counts, other years stay", async () => {
      const { engine, ws } = world;
      const saved = await engine.calendars.importTable(
        ws,
        "date,type,name\n2027-02-06,班,春节调休\n2027-02-08,休,春节\n",
      );
      expect(saved.makeUpWorkdays?.map((d) => d.date)).toContain("2027-02-06");
      // The 2026 State Council table is still there.
      expect(saved.holidays?.map((d) => d.date)).toContain("2026-10-01");
      // Friday 5 February 2027 17:00 + 2 working hours: 1 h on Friday, 1 h on the make-up Saturday.
      expect(await dueFrom(sh(2027, 2, 5, 17))).toBe(sh(2027, 2, 6, 10));
      await expect(
        engine.calendars.importTable(ws, "date,type,name\n2027-13-01,休,x\n"),
      ).rejects.toMatchObject({ code: expect.stringMatching(/^CALENDAR_/) });
    });
  });
}
