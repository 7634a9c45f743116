import { describe, expect, it } from "vitest";
import { chinaMainlandCalendar, cnHolidayTables } from "./cn-holidays.ts";
import { createBusinessCalendar } from "./create.ts";
import { parseCalendarTable } from "./table.ts";

describe("parseCalendarTable", () => {
  it("reads holidays and make-up days with names, a BOM, quotes, comments and blank lines", () => {
    const text = [
      "\uFEFFdate,type,name,name_en",
      "# 2026 National Day",
      "2026-10-01,holiday,国庆节,National Day",
      "",
      '2026-10-10, workday ,"国庆节调休, 上班","Make-up day ""Sat"""',
      "2026-10-02,休",
    ].join("\r\n");
    const result = parseCalendarTable(text);
    expect(result).toEqual({
      ok: true,
      warnings: [],
      value: {
        holidays: [
          { date: "2026-10-01", name: { "zh-CN": "国庆节", en: "National Day" } },
          { date: "2026-10-02" },
        ],
        makeUpWorkdays: [
          { date: "2026-10-10", name: { "zh-CN": "国庆节调休, 上班", en: 'Make-up day "Sat"' } },
        ],
      },
    });
    if (result.ok) expect(() => createBusinessCalendar(result.value)).not.toThrow();
  });

  it("shows a name given in one column in both languages", () => {
    const result = parseCalendarTable("date,type,name\n2026-05-01,holiday,劳动节");
    expect(result.ok && result.value.holidays[0]?.name).toEqual({
      "zh-CN": "劳动节",
      en: "劳动节",
    });
  });

  it("reports every bad line with a line pointer", () => {
    const text = [
      "date,type,name",
      "2026-02-30,holiday,",
      "2026-10-01,vacation,x",
      "2026-10-01,holiday,a",
      "2026-10-01,workday,b",
      '2026-10-03,holiday,"open',
      "2026-10-04",
    ].join("\n");
    const result = parseCalendarTable(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.code, i.pointer, i.params?.line])).toEqual([
      ["CALENDAR_TABLE_DATE", "/lines/2/date", 2],
      ["CALENDAR_TABLE_TYPE", "/lines/3/type", 3],
      ["CALENDAR_TABLE_DUPLICATE", "/lines/5/date", 5],
      ["CALENDAR_TABLE_QUOTE", "/lines/6", 6],
      ["CALENDAR_TABLE_COLUMNS", "/lines/7", 7],
    ]);
    expect(result.issues[2]?.message).toBe("Line 5: 2026-10-01 is already listed on line 4.");
  });

  it("requires the header", () => {
    const result = parseCalendarTable("2026-10-01,holiday,国庆节");
    expect(result.ok ? [] : result.issues.map((i) => [i.code, i.pointer])).toEqual([
      ["CALENDAR_TABLE_HEADER", "/lines/1"],
    ]);
  });
});

describe("mainland-China tables", () => {
  it("are valid calendar documents whose make-up days are weekend days", () => {
    for (const [year, table] of Object.entries(cnHolidayTables)) {
      const cal = createBusinessCalendar({ ...table });
      for (const { date } of table.makeUpWorkdays) {
        expect([0, 6], `${year} ${date}`).toContain(new Date(`${date}T00:00:00Z`).getUTCDay());
        expect(cal.isWorkingTime(Date.parse(`${date}T10:00:00+08:00`))).toBe(true);
      }
    }
    const cal = createBusinessCalendar(chinaMainlandCalendar([2026]));
    expect(cal.isWorkingTime(Date.parse("2026-10-05T10:00:00+08:00"))).toBe(false);
    expect(chinaMainlandCalendar([2026]).holidays).toHaveLength(33);
  });
});
