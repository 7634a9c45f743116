import { defineCatalog } from "./types.ts";

/** Codes of business calendars (engine/calendars). Owned by the calendars module. */
export const calendarsCatalog = defineCatalog({
  CALENDAR_TIMEZONE_UNKNOWN: {
    en: '"{zone}" is not a known IANA time zone.',
    "zh-CN": "“{zone}”不是已知的 IANA 时区。",
  },
  CALENDAR_HOURS_INVALID: {
    en: "The working interval {start}–{end} must end after it starts.",
    "zh-CN": "工作时段 {start}–{end} 的结束时间必须晚于开始时间。",
  },
  CALENDAR_HOURS_OVERLAP: {
    en: "The working interval starting at {start} overlaps or precedes the one before it.",
    "zh-CN": "从 {start} 开始的工作时段与前一时段重叠或早于前一时段。",
  },
  CALENDAR_DATE_INVALID: {
    en: '"{value}" is not a calendar date (YYYY-MM-DD).',
    "zh-CN": "“{value}”不是有效日期（YYYY-MM-DD）。",
  },
  CALENDAR_DATE_CONFLICT: {
    en: "{date} is listed both as a holiday and as a make-up working day.",
    "zh-CN": "{date} 同时被列为节假日和调休工作日。",
  },
  CALENDAR_DURATION_INVALID: {
    en: '"{value}" is not a duration the business calendar can count (e.g. P2D, PT4H30M).',
    "zh-CN": "“{value}”不是工作日历可计算的时长（例如 P2D、PT4H30M）。",
  },
  CALENDAR_NO_WORKING_TIME: {
    en: "The calendar has no working time within {days} days.",
    "zh-CN": "该日历在 {days} 天内没有任何工作时间。",
  },
  CALENDAR_TABLE_HEADER: {
    en: 'The first line must be the header "date,type,name", not "{header}".',
    "zh-CN": "第一行必须是表头“date,type,name”，而不是“{header}”。",
  },
  CALENDAR_TABLE_COLUMNS: {
    en: "Line {line} has {count} columns; expected date,type and an optional name.",
    "zh-CN": "第 {line} 行有 {count} 列；应为 date、type 以及可选的 name。",
  },
  CALENDAR_TABLE_QUOTE: {
    en: "Line {line} has an unterminated or misplaced quote.",
    "zh-CN": "第 {line} 行的引号未闭合或位置不正确。",
  },
  CALENDAR_TABLE_DATE: {
    en: 'Line {line}: "{value}" is not a calendar date (YYYY-MM-DD).',
    "zh-CN": "第 {line} 行：“{value}”不是有效日期（YYYY-MM-DD）。",
  },
  CALENDAR_TABLE_TYPE: {
    en: 'Line {line}: type "{value}" must be holiday or workday.',
    "zh-CN": "第 {line} 行：类型“{value}”必须是 holiday 或 workday。",
  },
  CALENDAR_TABLE_DUPLICATE: {
    en: "Line {line}: {date} is already listed on line {first}.",
    "zh-CN": "第 {line} 行：{date} 已在第 {first} 行列出。",
  },
});
