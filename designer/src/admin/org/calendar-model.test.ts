import { describe, expect, it } from "vitest";
import { ApiProblem } from "../../api/problem.ts";
import {
  breaksOf,
  dayKind,
  documentOf,
  draftOf,
  entriesOfYear,
  isClock,
  isoWeekdayOf,
  issuesByDate,
  issuesByLine,
  setDay,
  tableOf,
  tableSummary,
  workingMinutes,
  yearsOf,
} from "./calendar-model.ts";

const china = {
  timeZone: "Asia/Shanghai",
  holidays: [
    { date: "2026-10-02", name: { "zh-CN": "国庆节", en: "National Day" } },
    { date: "2026-10-01", name: { "zh-CN": "国庆节", en: "National Day" } },
  ],
  makeUpWorkdays: [{ date: "2026-10-10" }],
};

describe("a calendar draft", () => {
  it("fills the schema's defaults and sorts the entries", () => {
    const draft = draftOf(china);
    expect(draft.workingWeekdays).toEqual([1, 2, 3, 4, 5]);
    expect(draft.workingHours).toEqual([
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "18:00" },
    ]);
    expect(draft.holidays.map((h) => h.date)).toEqual(["2026-10-01", "2026-10-02"]);
  });

  it("writes a document without an empty name, and with one language filling the other", () => {
    expect(documentOf(draftOf(china)).name).toBeUndefined();
    const named = { ...draftOf({}), name: { "zh-CN": "新加坡", en: "" } };
    expect(documentOf(named).name).toEqual({ "zh-CN": "新加坡", en: "新加坡" });
  });

  it("knows what kind each date is", () => {
    const draft = draftOf(china);
    expect(isoWeekdayOf("2026-10-10")).toBe(6);
    expect(isoWeekdayOf("2026-10-11")).toBe(7);
    expect(dayKind(draft, "2026-10-01")).toBe("holiday");
    expect(dayKind(draft, "2026-10-10")).toBe("makeUp");
    expect(dayKind(draft, "2026-10-11")).toBe("rest");
    expect(dayKind(draft, "2026-10-12")).toBe("workday");
  });

  it("moves a date between holiday and make-up day, never both", () => {
    let draft = setDay(draftOf(china), "2026-10-10", "holiday", { "zh-CN": "调整", en: "" });
    expect(draft.makeUpWorkdays).toEqual([]);
    expect(draft.holidays.map((h) => h.date)).toEqual(["2026-10-01", "2026-10-02", "2026-10-10"]);
    expect(draft.holidays[2]?.name).toEqual({ "zh-CN": "调整", en: "调整" });
    draft = setDay(draft, "2026-10-01", "makeUp");
    expect(draft.makeUpWorkdays).toEqual([{ date: "2026-10-01" }]);
    draft = setDay(draft, "2026-10-01", "none");
    expect(dayKind(draft, "2026-10-01")).toBe("workday");
  });

  it("lists a year's entries and the years present", () => {
    const draft = setDay(draftOf(china), "2027-01-01", "holiday");
    expect(entriesOfYear(draft, 2026).map((e) => [e.date, e.kind])).toEqual([
      ["2026-10-01", "holiday"],
      ["2026-10-02", "holiday"],
      ["2026-10-10", "makeUp"],
    ]);
    expect(yearsOf(draft, [2025, 2026])).toEqual([2025, 2026, 2027]);
  });
});

describe("working hours", () => {
  it("checks wall-clock times as the schema does", () => {
    expect(isClock("09:00")).toBe(true);
    expect(isClock("24:00")).toBe(true);
    expect(isClock("24:01")).toBe(false);
    expect(isClock("9:00")).toBe(false);
  });
  it("finds the lunch break and counts the working minutes", () => {
    const hours = [
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "18:00" },
    ];
    expect(breaksOf(hours)).toEqual([{ start: "12:00", end: "13:00" }]);
    expect(workingMinutes(hours)).toBe(480);
    expect(
      breaksOf([
        { start: "09:00", end: "bad" },
        { start: "13:00", end: "18:00" },
      ]),
    ).toEqual([]);
  });
});

describe("issues of a refused save or import", () => {
  it("locates entry pointers at the dates that were sent", () => {
    const sent = documentOf(draftOf(china));
    const problem = new ApiProblem({
      status: 422,
      code: "DEFINITION_INVALID",
      title: "Refused",
      issues: [
        { code: "CALENDAR_DATE_CONFLICT", pointer: "/makeUpWorkdays/0/date", message: "both" },
        { code: "X", pointer: "/holidays/1", message: "bad" },
        { code: "Y", pointer: "/timeZone", message: "zone" },
      ],
    });
    const byDate = issuesByDate(problem, sent);
    expect([...byDate.keys()].sort()).toEqual(["2026-10-02", "2026-10-10"]);
  });

  it("locates table issues at their lines", () => {
    const problem = new ApiProblem({
      status: 422,
      code: "DEFINITION_INVALID",
      title: "Refused",
      issues: [
        { code: "CALENDAR_TABLE_DATE", pointer: "/lines/3/date", message: "bad date" },
        { code: "CALENDAR_TABLE_TYPE", pointer: "/lines/3/type", message: "bad type" },
        { code: "CALENDAR_TABLE_COLUMNS", pointer: "/lines/12", message: "columns" },
      ],
    });
    const byLine = issuesByLine(problem);
    expect(byLine.get(3)?.length).toBe(2);
    expect(byLine.get(12)?.[0]?.code).toBe("CALENDAR_TABLE_COLUMNS");
    expect(byLine.has(1)).toBe(false);
  });
});

describe("yearly tables", () => {
  it("summarises a table before import", () => {
    const csv =
      "\uFEFFdate,type,name\n2026-10-01,休,国庆节\n\n# note\n2026-10-10,班,\n2027-01-01,holiday,元旦";
    expect(tableSummary(csv)).toEqual({ holidays: 2, makeUp: 1, years: [2026, 2027] });
  });
  it("exports a year in the format the import takes, quoting where needed", () => {
    const draft = setDay(draftOf(china), "2026-10-03", "holiday", {
      "zh-CN": "a,b",
      en: 'say "hi"',
    });
    const lines = tableOf(draft, 2026).split("\n");
    expect(lines[0]).toBe("date,type,name,name_en");
    expect(lines[1]).toBe("2026-10-01,holiday,国庆节,National Day");
    expect(lines[3]).toBe('2026-10-03,holiday,"a,b","say ""hi"""');
    expect(lines[4]).toBe("2026-10-10,workday,,");
  });
});
