import { describe, expect, it } from "vitest";
import { ApiProblem } from "../../api/problem.ts";
import {
  type Delegation,
  delegationState,
  flattenTeams,
  issuesAt,
  issuesElsewhere,
  type Membership,
  matchesUser,
  planRoleChange,
  subtreeIds,
  type TeamNode,
  teamsByUser,
  teamTree,
} from "./org-model.ts";

const team = (id: string, over: Partial<TeamNode> = {}, children: TeamNode[] = []): TeamNode => ({
  id,
  key: id,
  name: `T-${id}`,
  parentId: null,
  managerId: null,
  members: [],
  children,
  ...over,
});

const chart = [
  team("division", { managerId: "zhang" }, [
    team(
      "east",
      {
        parentId: "division",
        managerId: "li",
        members: [{ membershipId: "m1", userId: "wang", role: "member" }],
      },
      [
        team("east-1", {
          parentId: "east",
          members: [{ membershipId: "m2", userId: "li", role: "manager" }],
        }),
      ],
    ),
  ]),
  team("other"),
];

describe("the org chart", () => {
  it("flattens parents before children, with depth and path", () => {
    const flat = flattenTeams(chart);
    expect(flat.map((t) => [t.id, t.depth])).toEqual([
      ["division", 0],
      ["east", 1],
      ["east-1", 2],
      ["other", 0],
    ]);
    expect(flat[2]?.path).toEqual(["T-division", "T-east", "T-east-1"]);
  });

  it("knows a team's subtree, which its parent picker disables", () => {
    const east = chart[0]?.children[0] as TeamNode;
    expect([...subtreeIds(east)].sort()).toEqual(["east", "east-1"]);
    const tree = teamTree(chart, subtreeIds(east));
    expect(tree[0]?.disabled).toBeUndefined();
    expect(tree[0]?.children[0]?.disabled).toBe(true);
    expect(tree[0]?.children[0]?.children[0]).toMatchObject({ key: "east-1", disabled: true });
  });

  it("lists each user's teams, marking those they manage", () => {
    const byUser = teamsByUser(chart);
    expect(byUser.get("wang")).toEqual([{ id: "east", name: "T-east", manages: false }]);
    expect(byUser.get("li")).toEqual([
      { id: "east", name: "T-east", manages: true },
      { id: "east-1", name: "T-east-1", manages: false },
    ]);
    expect(byUser.get("zhang")).toEqual([{ id: "division", name: "T-division", manages: true }]);
  });
});

describe("planRoleChange", () => {
  const m = (id: string, role: Membership["role"], teamId: string | null = null): Membership => ({
    id,
    userId: "u",
    teamId,
    role,
    createdAt: 0,
  });

  it("grants the new workspace role and revokes the other workspace-wide ones", () => {
    expect(planRoleChange([m("a", "member"), m("t", "member", "east")], "manager")).toEqual({
      grant: true,
      revoke: ["a"],
      outranking: [],
    });
  });

  it("grants nothing when the role is held workspace-wide already", () => {
    expect(planRoleChange([m("a", "member"), m("b", "viewer")], "viewer")).toMatchObject({
      grant: false,
      revoke: ["a"],
    });
  });

  it("reports team roles that still outrank the new one", () => {
    const plan = planRoleChange([m("a", "admin"), m("t", "manager", "east")], "member");
    expect(plan.outranking.map((x) => x.id)).toEqual(["t"]);
  });
});

describe("delegationState", () => {
  const d = (startsAt: number, endsAt: number, active: boolean): Delegation => ({
    id: "d",
    userId: "a",
    delegateId: "b",
    startsAt,
    endsAt,
    formKey: null,
    flowKey: null,
    active,
  });
  it("is active, scheduled or ended", () => {
    expect(delegationState(d(0, 100, true), 50)).toBe("active");
    expect(delegationState(d(60, 100, false), 50)).toBe("scheduled");
    expect(delegationState(d(0, 40, false), 50)).toBe("ended");
    // Ended early before it started: never starts.
    expect(delegationState(d(60, 50, false), 50)).toBe("ended");
  });
});

describe("issues by pointer", () => {
  const problem = new ApiProblem({
    status: 422,
    code: "X",
    title: "Refused",
    issues: [
      { code: "A", pointer: "/email", message: "taken" },
      { code: "B", pointer: "/workingHours/1/start", message: "overlap" },
      { code: "C", pointer: "", message: "general" },
      { code: "D", pointer: "/emailx", message: "other field" },
    ],
  });
  it("finds a field's issues and those below it, not a field with a longer name", () => {
    expect(issuesAt(problem, "/email").map((i) => i.code)).toEqual(["A"]);
    expect(issuesAt(problem, "/workingHours").map((i) => i.code)).toEqual(["B"]);
    expect(issuesAt(undefined, "/email")).toEqual([]);
  });
  it("keeps the rest for the form's alert", () => {
    expect(issuesElsewhere(problem, ["/email", "/workingHours"]).map((i) => i.code)).toEqual([
      "C",
      "D",
    ]);
  });
});

describe("matchesUser", () => {
  it("matches name or e-mail, ignoring case", () => {
    const user = { id: "1", name: "王磊", email: "Wang.Lei@example.com" };
    expect(matchesUser(user, "wang")).toBe(true);
    expect(matchesUser(user, "王")).toBe(true);
    expect(matchesUser(user, " ")).toBe(true);
    expect(matchesUser(user, "li.na")).toBe(false);
  });
});
