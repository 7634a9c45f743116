import { describe, expect, it } from "vitest";
import type { OrgTree } from "../../store/index.ts";
import { bothRows, teamRows, teamSelection, visibleRows } from "./scope.ts";

const row = (recordId: string | null, ownerId: string | null, teamId: string | null) => ({
  recordId,
  ownerId,
  teamId,
});

/** east ⊃ shanghai; south apart. kam in shanghai, kam2 in south. */
const tree: OrgTree = {
  teams: [
    { id: "east", parentId: null, managerId: "manager" },
    { id: "shanghai", parentId: "east", managerId: null },
    { id: "south", parentId: null, managerId: "director" },
  ],
  members: [
    { userId: "kam", teamId: "shanghai" },
    { userId: "kam2", teamId: "south" },
  ],
};

describe("visibleRows", () => {
  it("lets a caller who sees every record count every row, with or without a record", () => {
    const all = visibleRows({ kind: "all" }, new Set());
    expect(all(row(null, null, null))).toBe(true);
    expect(all(row("r", "x", "south"))).toBe(true);
  });

  it("applies the record-list rules for a limited scope", () => {
    const visible = visibleRows(
      { kind: "limited", userId: "kam", teamIds: ["shanghai"], ownerIds: ["kam"] },
      new Set(["named"]),
    );
    expect(visible(row("own", "kam", "south"))).toBe(true); // owner
    expect(visible(row("team", "kam2", "shanghai"))).toBe(true); // team's record
    expect(visible(row("teamless", "kam", null))).toBe(true);
    expect(visible(row("other", "kam2", "south"))).toBe(false);
    expect(visible(row("teamless2", "kam2", null))).toBe(false); // owner not in my teams
    expect(visible(row("named", "kam2", "south"))).toBe(true); // account team names me
    expect(visible(row(null, null, null))).toBe(false); // no record: admins only
  });
});

describe("the team filter", () => {
  it("selects a team, its sub-teams and their members", () => {
    const east = teamSelection(tree, "east");
    expect([...east.teamIds].sort()).toEqual(["east", "shanghai"]);
    expect([...east.memberIds]).toEqual(["kam"]);
    const keep = teamRows(east);
    expect(keep(row("a", "kam2", "shanghai"))).toBe(true);
    expect(keep(row("b", "kam", null))).toBe(true); // a teamless record of a member
    expect(keep(row("c", "kam2", null))).toBe(false);
    expect(keep(row("d", "kam", "south"))).toBe(false); // the record's team decides
    expect(keep(row(null, null, null))).toBe(false);
  });

  it("combines with visibility", () => {
    const keep = bothRows(
      visibleRows({ kind: "all" }, new Set()),
      teamRows(teamSelection(tree, "south")),
    );
    expect(keep(row("a", "kam2", "south"))).toBe(true);
    expect(keep(row("b", "kam", "east"))).toBe(false);
  });
});
