import { describe, expect, it } from "vitest";
import { DefinitionError } from "../../errors/index.ts";
import { DEFAULT_PERIOD_MS, parsePeriod } from "./period.ts";

const NOW = Date.UTC(2026, 10, 23, 1, 0, 0);
const ZONE = "Asia/Shanghai";

function issuesOf(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (error instanceof DefinitionError)
      return error.issues.map((i) => ({ code: i.code, pointer: i.pointer }));
    throw error;
  }
  throw new Error("did not throw");
}

describe("parsePeriod", () => {
  it("defaults to the 30 days before now", () => {
    expect(parsePeriod({}, NOW, ZONE)).toEqual({ from: NOW - DEFAULT_PERIOD_MS, to: NOW });
    expect(parsePeriod({ from: "", to: null }, NOW, ZONE)).toEqual({
      from: NOW - DEFAULT_PERIOD_MS,
      to: NOW,
    });
  });

  it("reads dates in the zone: from its midnight, to through the end of its day", () => {
    expect(parsePeriod({ from: "2026-11-01", to: "2026-11-30" }, NOW, ZONE)).toEqual({
      from: Date.UTC(2026, 9, 31, 16),
      to: Date.UTC(2026, 10, 30, 16),
    });
    expect(parsePeriod({ from: "2026-11-01", to: "2026-11-01" }, NOW, "UTC")).toEqual({
      from: Date.UTC(2026, 10, 1),
      to: Date.UTC(2026, 10, 2),
    });
  });

  it("takes instants with an offset as they are, and a missing from as 30 days before to", () => {
    expect(parsePeriod({ to: "2026-11-10T08:00:00+08:00" }, NOW, ZONE)).toEqual({
      from: Date.UTC(2026, 10, 10) - DEFAULT_PERIOD_MS,
      to: Date.UTC(2026, 10, 10),
    });
    expect(parsePeriod({ from: "2026-11-01T00:00Z" }, NOW, ZONE)).toEqual({
      from: Date.UTC(2026, 10, 1),
      to: NOW,
    });
  });

  it("rejects what is not a date, with a pointer per parameter", () => {
    expect(issuesOf(() => parsePeriod({ from: "yesterday", to: "2026-02-30" }, NOW, ZONE))).toEqual(
      [
        { code: "SHAPE_FORMAT_INVALID", pointer: "/from" },
        { code: "SHAPE_FORMAT_INVALID", pointer: "/to" },
      ],
    );
    expect(issuesOf(() => parsePeriod({ to: "2026-11-01T08:00" }, NOW, ZONE))).toEqual([
      { code: "SHAPE_FORMAT_INVALID", pointer: "/to" },
    ]);
    expect(issuesOf(() => parsePeriod({ to: "2026-02-30T08:00Z" }, NOW, ZONE))).toEqual([
      { code: "SHAPE_FORMAT_INVALID", pointer: "/to" },
    ]);
  });

  it("rejects a period that does not end after it starts", () => {
    expect(
      issuesOf(() => parsePeriod({ from: "2026-11-02", to: "2026-11-01" }, NOW, ZONE)),
    ).toEqual([{ code: "SHAPE_OUT_OF_RANGE", pointer: "/to" }]);
    expect(issuesOf(() => parsePeriod({ from: "2026-12-01" }, NOW, ZONE))).toEqual([
      { code: "SHAPE_OUT_OF_RANGE", pointer: "/to" },
    ]);
  });
});
