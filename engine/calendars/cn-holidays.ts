/**
 * @module calendars/cn-holidays
 * Mainland-China public holidays and make-up working days (调休) as data, in the calendar
 * document's shape, so a workspace calendar can start from them and the admin can edit them.
 *
 * 2026 follows the State Council General Office notice on the 2026 holiday arrangement
 * (国务院办公厅关于2026年部分节假日安排的通知), as given to us in the task brief; each date's
 * weekday was checked, not the notice's text itself.
 *
 * 2027 is PROVISIONAL: when this file was written the 2027 arrangement (which adds bridging days
 * and make-up Saturdays/Sundays) was not known to us. It lists only the statutory holiday days of
 * 全国年节及纪念日放假办法 (2024 amendment) on their expected dates, and no make-up days. The lunar
 * dates are uncertain: almanacs give Chinese New Year 2027 as Sat 6 Feb, while ICU's Chinese
 * calendar puts the new moon after midnight Beijing time (7 Feb); Dragon Boat (9 Jun) and
 * Mid-Autumn (15 Sep) agree in both. Replace this table with the official one once published.
 */
import type { CalendarTable, DatedEntry } from "./table.ts";

/** Every date from `first` to `last` (inclusive, same month) with the same name. */
function run(first: string, last: string, zh: string, en: string): DatedEntry[] {
  const prefix = first.slice(0, 8);
  const out: DatedEntry[] = [];
  for (let d = Number(first.slice(8)); d <= Number(last.slice(8)); d++) {
    out.push({ date: `${prefix}${String(d).padStart(2, "0")}`, name: { "zh-CN": zh, en } });
  }
  return out;
}

const makeUp = (date: string, zh: string, en: string): DatedEntry => ({
  date,
  name: { "zh-CN": `${zh}调休上班`, en: `${en} make-up working day` },
});

/** The official 2026 arrangement (Spring Festival 9 days, National Day 7 days). */
export const cnHolidays2026: CalendarTable = {
  holidays: [
    ...run("2026-01-01", "2026-01-03", "元旦", "New Year's Day"),
    ...run("2026-02-15", "2026-02-23", "春节", "Spring Festival"),
    ...run("2026-04-04", "2026-04-06", "清明节", "Qingming Festival"),
    ...run("2026-05-01", "2026-05-05", "劳动节", "Labour Day"),
    ...run("2026-06-19", "2026-06-21", "端午节", "Dragon Boat Festival"),
    ...run("2026-09-25", "2026-09-27", "中秋节", "Mid-Autumn Festival"),
    ...run("2026-10-01", "2026-10-07", "国庆节", "National Day"),
  ],
  makeUpWorkdays: [
    makeUp("2026-01-04", "元旦", "New Year's Day"), // Sunday
    makeUp("2026-02-14", "春节", "Spring Festival"), // Saturday
    makeUp("2026-02-28", "春节", "Spring Festival"), // Saturday
    makeUp("2026-05-09", "劳动节", "Labour Day"), // Saturday
    makeUp("2026-09-20", "国庆节", "National Day"), // Sunday
    makeUp("2026-10-10", "国庆节", "National Day"), // Saturday
  ],
};

/** PROVISIONAL 2027: statutory days only, no bridging or make-up days (see the module doc). */
export const cnHolidays2027Provisional: CalendarTable = {
  holidays: [
    ...run("2027-01-01", "2027-01-01", "元旦", "New Year's Day"),
    // 除夕 + 初一至初三, assuming New Year on 6 Feb (uncertain, see above).
    ...run("2027-02-05", "2027-02-08", "春节", "Spring Festival"),
    ...run("2027-04-05", "2027-04-05", "清明节", "Qingming Festival"),
    ...run("2027-05-01", "2027-05-02", "劳动节", "Labour Day"),
    ...run("2027-06-09", "2027-06-09", "端午节", "Dragon Boat Festival"),
    ...run("2027-09-15", "2027-09-15", "中秋节", "Mid-Autumn Festival"),
    ...run("2027-10-01", "2027-10-03", "国庆节", "National Day"),
  ],
  makeUpWorkdays: [],
};

/** The tables by year; 2027 is provisional until the official notice replaces it. */
export const cnHolidayTables: Readonly<Record<number, CalendarTable>> = {
  2026: cnHolidays2026,
  2027: cnHolidays2027Provisional,
};

/** The mainland-China calendar document (Asia/Shanghai defaults) with the given years' tables. */
export function chinaMainlandCalendar(years: readonly number[] = [2026]) {
  const tables = years.map((y) => cnHolidayTables[y]).filter((t) => t !== undefined);
  return {
    timeZone: "Asia/Shanghai",
    holidays: tables.flatMap((t) => t.holidays),
    makeUpWorkdays: tables.flatMap((t) => t.makeUpWorkdays),
  };
}
