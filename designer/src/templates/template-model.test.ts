import { describe, expect, it } from "vitest";
import {
  changeLists,
  defaultSampleAccounts,
  fieldCount,
  jobEnded,
  jobPercent,
  type PlanItem,
  sampleSummary,
} from "./template-model.ts";

describe("jobPercent", () => {
  it("is done of total, 100 once succeeded, 0 without a total", () => {
    expect(jobPercent({ status: "running", done: 5, total: 20 })).toBe(25);
    expect(jobPercent({ status: "running", done: 0, total: null })).toBe(0);
    expect(jobPercent({ status: "succeeded", done: 0, total: null })).toBe(100);
    expect(jobPercent({ status: "running", done: 30, total: 20 })).toBe(100);
  });
  it("knows which statuses end a job", () => {
    expect(["queued", "running"].map((status) => jobEnded({ status }))).toEqual([false, false]);
    expect(["succeeded", "failed", "cancelled"].every((status) => jobEnded({ status }))).toBe(true);
  });
});

describe("sample data", () => {
  const spec = {
    teams: [{}, {}],
    people: [{}, {}, {}],
    records: [
      { form: "account", accounts: true, count: 12 },
      { form: "account", accounts: true, count: 8 },
      { form: "order", per: { form: "account", min: 1, max: 4 } },
      { form: "note" },
    ],
  };
  it("summarises teams, people and each form's records", () => {
    expect(sampleSummary(spec)).toEqual({
      teams: 2,
      people: 3,
      accounts: 20,
      forms: [
        { form: "account", count: 20, accounts: true },
        { form: "order", per: { form: "account", min: 1, max: 4 }, accounts: false },
        { form: "note", count: 20, accounts: false },
      ],
    });
  });
  it("defaults the sample size to the first account generator's count", () => {
    expect(defaultSampleAccounts(spec)).toBe(12);
    expect(defaultSampleAccounts(undefined)).toBe(20);
    expect(defaultSampleAccounts({ records: [{ form: "a", accounts: true, count: 5000 }] })).toBe(
      1000,
    );
  });
});

describe("definitions and plans", () => {
  it("counts a form's fields", () => {
    expect(
      fieldCount({ kind: "form", key: "f", dataSchema: { properties: { a: {}, b: {} } } }),
    ).toBe(2);
    expect(fieldCount({ kind: "form", key: "f" })).toBe(0);
  });
  it("lists a plan item's non-empty pointer lists, changed first", () => {
    const item: PlanItem = {
      kind: "form",
      key: "account",
      action: "update",
      currentVersion: 1,
      newVersion: 2,
      customized: false,
      changes: { added: ["/a"], removed: [], changed: ["/b", "/c"] },
    };
    expect(changeLists(item)).toEqual([
      ["changed", ["/b", "/c"]],
      ["added", ["/a"]],
    ]);
    expect(changeLists({ ...item, changes: null })).toEqual([]);
  });
});
