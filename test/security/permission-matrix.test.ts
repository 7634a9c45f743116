/**
 * S4 and S5 of the reliability plan (§5.2): the authorization matrix and separation of duties,
 * against a real server over HTTP, on SQLite and PostgreSQL.
 *
 * S4 — one policy table (`POLICY`, below) says what every documented route must answer to every
 * role (admin, designer, manager, member, viewer) for every target: the caller's own record
 * (and the request and task on it), a teammate's, another team's, another workspace's. The cases
 * are generated from the route table (server/http/all-route-docs), every documented route is
 * classified, and the answers must agree with the table in 100 % of the cases:
 * - nothing crosses a workspace: 0 cross-tenant 2xx, and no list answers with another
 *   workspace's ids;
 * - viewers write nothing; members and viewers do not see another team's accounts — not the
 *   record, its list row, its CSV line, its 360 (related, timeline), its account team or
 *   calendar, nor the requests and tasks on it (unless they hold one);
 * - an IDOR fuzz of random and foreign ids into every id-bearing route: 0 unauthorized 2xx.
 * What test/api/permissions.test.ts proves already (every write × role against the permission
 * table, every id-bearing route with another workspace's ids) is not repeated: the matrix covers
 * reads and the record-bound writes, whose answer depends on whose record it is.
 *
 * S5 — nobody approves their own request unless the flow definition says so (`selfApproval:
 * "allow"` on the approval node; the default is "forbid"): not directly, not through a
 * delegation to them, not through a transfer or an added signer, not after a role change, and a
 * stage-2 approver is never the stage-1 approver's request initiator either.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../engine/store/index.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { type Action, allows } from "../../server/auth/permissions.ts";
import { allRouteDocs } from "../../server/http/all-route-docs.ts";
import type { RouteDoc } from "../../server/http/route-docs.ts";
import { type ApiWorld, type Client, type Reply, signIn, startApi, T0 } from "../api/harness.ts";
import { count, recordFigure, scaled } from "../reliability/figures.ts";
import { ownTaskFlow, pick, prng, ticketForm, twoStageFlow } from "./support.ts";

const DAY = 24 * 3_600_000;
const ROLES: readonly Role[] = ["admin", "designer", "manager", "member", "viewer"];
/** The harness's person of each role. */
const PERSON: Readonly<Record<Role, string>> = {
  admin: "admin",
  designer: "designer",
  manager: "manager",
  member: "kam",
  viewer: "viewer",
};
const TARGETS = ["own", "team", "other", "foreign"] as const;
type Target = (typeof TARGETS)[number];

/**
 * What a case must answer:
 * - `ok`: a read answers 200; a write gets past authorization (2xx, or 400/409/422 about the
 *   request itself — never 401/403/404);
 * - `forbidden`: 403 (the role may not do this at all);
 * - `hidden`: 404, exactly as for an id that does not exist (the caller may not see the target);
 * - `refused`: 403 or 404 (the caller sees the target but may not act on it: not its holder,
 *   not its initiator).
 */
type Expect = "ok" | "forbidden" | "hidden" | "refused";

/**
 * The visibility rules (README "Row-level visibility"; server/visibility), restated for the
 * matrix's people: admins and designers see every record of the workspace; the manager (who
 * manages team A), the member and the viewer (both in team A) see their own and team A's records,
 * not team B's ("other"); nobody sees another workspace's.
 */
function seesRecord(role: Role, target: Target): boolean {
  if (target === "foreign") return false;
  if (role === "admin" || role === "designer") return true;
  return target !== "other";
}

/** Requests and tasks: their initiator (who holds the task here) and managers (README). */
function seesRequest(role: Role, target: Target): boolean {
  if (target === "foreign") return false;
  return target === "own" || allows(role, "instances.manage");
}

const gate =
  (action: Action, then: (role: Role, target: Target) => Expect) =>
  (role: Role, target: Target): Expect =>
    allows(role, action) ? then(role, target) : "forbidden";
const readRecord = (role: Role, target: Target): Expect =>
  seesRecord(role, target) ? "ok" : "hidden";
const readRequest = (role: Role, target: Target): Expect =>
  seesRequest(role, target) ? "ok" : "hidden";
/**
 * Only the initiator withdraws or reminds; others who see the request are refused, others get
 * 404.
 */
const holderOnly = (role: Role, target: Target): Expect =>
  target === "own" ? "ok" : seesRequest(role, target) ? "refused" : "hidden";
/**
 * Only the holder acts on a task. Another workspace's task is a 404; within the workspace the
 * engine answers RUNTIME_NOT_ASSIGNEE (403) before looking at who may see the task — a refusal
 * either way (task ids are random, so the 403 tells nothing a guess could use).
 */
const holderActs = (_role: Role, target: Target): Expect =>
  target === "own" ? "ok" : target === "foreign" ? "hidden" : "refused";

/** The policy table of record-bound routes: route → (role, target) → what it must answer. */
const POLICY: Readonly<Record<string, (role: Role, target: Target) => Expect>> = {
  "get /api/v1/records/{id}": gate("records.read", readRecord),
  "get /api/v1/records/{id}/tiers": gate("records.read", readRecord),
  "get /api/v1/records/{id}/related": gate("records.read", readRecord),
  "get /api/v1/records/{id}/timeline": gate("records.read", readRecord),
  "get /api/v1/account-teams/{recordId}": gate("org.read", readRecord),
  "get /api/v1/account-calendars/{recordId}": gate("org.read", readRecord),
  "patch /api/v1/records/{id}": gate("records.write", readRecord),
  "delete /api/v1/records/{id}": gate("records.delete", readRecord),
  "post /api/v1/account-teams/{recordId}/members": gate("accountTeams.write", readRecord),
  "delete /api/v1/account-teams/{recordId}/members/{memberId}": gate(
    "accountTeams.write",
    readRecord,
  ),
  "put /api/v1/account-calendars/{recordId}": gate("calendars.write", readRecord),
  // A flow started on a record shows the record to its initiator: only on records they see.
  "post /api/v1/instances": gate("flows.start", readRecord),
  "get /api/v1/instances/{id}": readRequest,
  "post /api/v1/instances/{id}/comments": readRequest,
  "post /api/v1/instances/{id}/withdraw": holderOnly,
  "post /api/v1/instances/{id}/remind": holderOnly,
  "post /api/v1/instances/{id}/cancel": gate("instances.manage", readRequest),
  "post /api/v1/instances/{id}/retry": gate("instances.manage", readRequest),
  "get /api/v1/tasks/{id}": readRequest,
  "post /api/v1/tasks/bulk-approve": gate("tasks.act", holderActs),
  ...Object.fromEntries(
    ["claim", "complete", "approve", "reject", "return", "transfer", "signers", "waiting"].map(
      (a) => [`post /api/v1/tasks/{id}/${a}`, gate("tasks.act", holderActs)],
    ),
  ),
  // The matrix's tasks are given to one person, not to a pool: nobody releases them.
  "post /api/v1/tasks/{id}/release": gate("tasks.act", (_r, t) =>
    t === "foreign" ? "hidden" : "refused",
  ),
};

/** Routes with no record behind them: who may call them is the permission table's. */
const WORKSPACE_READS: Readonly<Record<string, Action | "everyone">> = {
  "get /api/v1/auth/me": "everyone",
  "get /api/v1/auth/tokens": "tokens.manage",
  "get /api/v1/tasks": "everyone",
  "get /api/v1/instances": "instances.read",
  "get /api/v1/jobs": "everyone",
  "get /api/v1/webhooks": "webhooks.manage",
  "get /api/v1/kpis": "records.read",
  "get /api/v1/kpis/config": "kpis.configure",
  "get /api/v1/definitions": "definitions.read",
  "get /api/v1/templates": "templates.read",
  "get /api/v1/templates/installed": "templates.read",
  "get /api/v1/templates/export": "templates.export",
  "get /api/v1/records": "records.read",
  "get /api/v1/records/export": "records.read",
  "get /api/v1/users": "org.read",
  "get /api/v1/memberships": "org.readAll",
  "get /api/v1/business-roles": "org.readAll",
  "get /api/v1/teams": "org.read",
  "get /api/v1/delegations": "everyone",
  "get /api/v1/calendar": "org.read",
  "get /api/v1/calendars": "org.read",
  "get /api/v1/audit": "audit.read",
  "get /api/v1/audit/verify": "audit.read",
};

/**
 * Id-bearing reads of things that are not records: with our ids, the permission table decides
 * (personal things — a delegation, a job — also need being involved); with another workspace's
 * ids, test/api/permissions.test.ts already proves 404 for every role. `who`: the roles that get
 * 200 for the target the matrix names; the others get `otherwise`.
 */
const ID_READS: Readonly<
  Record<string, { who: readonly Role[]; otherwise: 403 | 404; query?: string }>
> = {
  "get /api/v1/jobs/{id}": { who: ["admin", "member"], otherwise: 404 }, // the member's job
  "get /api/v1/webhooks/{id}": { who: ["admin"], otherwise: 403 },
  "get /api/v1/webhooks/{id}/deliveries": { who: ["admin"], otherwise: 403 },
  "get /api/v1/webhooks/{id}/deliveries/{deliveryId}": { who: ["admin"], otherwise: 403 },
  "get /api/v1/definitions/{kind}/{key}": { who: ROLES, otherwise: 403 },
  "get /api/v1/definitions/{kind}/{key}/versions/{version}": { who: ROLES, otherwise: 403 },
  "get /api/v1/definitions/{kind}/{key}/diff": {
    who: ROLES,
    otherwise: 403,
    query: "?from=1&to=1",
  },
  "get /api/v1/definitions/{kind}/{key}/export": { who: ROLES, otherwise: 403 },
  "get /api/v1/templates/{key}": { who: ROLES, otherwise: 403 },
  "get /api/v1/users/{id}": { who: ROLES, otherwise: 403 }, // others' get the name only
  "get /api/v1/teams/{id}": { who: ROLES, otherwise: 403 },
  // The member's delegation: they are involved; admins and managers read every delegation.
  "get /api/v1/delegations/{id}": { who: ["admin", "manager", "member"], otherwise: 404 },
  "get /api/v1/calendars/{key}": { who: ROLES, otherwise: 403 },
};

/** Routes the matrix does not call, and why (each is proved elsewhere). */
const ELSEWHERE: Readonly<Record<string, string>> = {
  "get /api/v1/events": "a stream; its filtering by involvement is test/api/tasks.test.ts's",
  "get /api/v1/definitions/{kind}/{key}/draft": "no draft exists to read: permissions.test.ts",
};

const keyOf = (doc: RouteDoc) => `${doc.method} ${doc.path}`;
const api = allRouteDocs.filter((d) => d.auth !== false && d.path.startsWith("/api/v1/"));
/** Writes whose answer does not depend on whose record it is: test/api/permissions.test.ts. */
const writesElsewhere = api.filter((d) => d.method !== "get" && !(keyOf(d) in POLICY));

/** One target: a record, the request on it (started by its owner), its task, an account member. */
interface Fixture {
  readonly record: string;
  readonly title: string;
  readonly instance: string;
  readonly task: string;
  readonly member: string;
}

/** 403s that are authorization: the role, not holding the task, not having started the request. */
const AUTHZ_CODES = new Set(["AUTH_FORBIDDEN", "RUNTIME_NOT_ASSIGNEE", "RUNTIME_NOT_INITIATOR"]);

function isOk(doc: RouteDoc, res: Reply): boolean {
  if (doc.method === "get") return res.status === 200;
  // A 403 about the step (its node does not offer the action) is past authorization.
  if (res.status === 403) return !AUTHZ_CODES.has(res.body?.code);
  return res.status < 500 && res.status !== 401 && res.status !== 404;
}

/** A body the fuzzed write accepts up to its lookup, with fuzzed ids where it names some. */
function fuzzBody(doc: RouteDoc, ids: () => string): unknown {
  if (doc.path.endsWith("/transfer")) return { to: ids() };
  if (doc.path.endsWith("/signers")) return { position: "after", users: [ids()] };
  if (doc.path.endsWith("/account-teams/{recordId}/members"))
    return { userId: ids(), role: "sponsor" };
  if (doc.path.endsWith("/teams/{id}/members")) return { userId: ids() };
  if (doc.path.endsWith("/comments")) return { text: "fuzz" };
  if (doc.path.endsWith("/waiting")) return { waiting: true };
  if (doc.path.endsWith("/account-calendars/{recordId}")) return { calendar: null };
  if (doc.method === "patch") return doc.path.includes("/records/") ? { data: {} } : { name: "x" };
  return {};
}

function agrees(doc: RouteDoc, expected: Expect, res: Reply): boolean {
  switch (expected) {
    case "ok":
      return isOk(doc, res);
    case "forbidden":
      return res.status === 403;
    case "hidden":
      return res.status === 404;
    case "refused":
      return res.status === 404 || (res.status === 403 && AUTHZ_CODES.has(res.body?.code));
  }
}

/** The path of a record-bound route for one fixture. */
function pathOf(doc: RouteDoc, f: Fixture): string {
  return doc.path
    .replace("{recordId}", f.record)
    .replace("{memberId}", f.member)
    .replace(
      "{id}",
      doc.path.includes("/tasks/")
        ? f.task
        : doc.path.includes("/instances/")
          ? f.instance
          : f.record,
    );
}

/** The body of a record-bound write for one fixture (`user`: someone of its workspace). */
function bodyOf(key: string, f: Fixture, user: string): unknown {
  switch (key) {
    case "patch /api/v1/records/{id}":
      return { data: { status: "matrix" } };
    case "post /api/v1/account-teams/{recordId}/members":
      return { userId: user, role: "sponsor" };
    case "put /api/v1/account-calendars/{recordId}":
      return { calendar: null };
    case "post /api/v1/instances":
      return { flow: "own-task", recordId: f.record };
    case "post /api/v1/instances/{id}/comments":
      return { text: "matrix" };
    case "post /api/v1/tasks/bulk-approve":
      return { taskIds: [f.task] };
    case "post /api/v1/tasks/{id}/transfer":
      return { to: user };
    case "post /api/v1/tasks/{id}/signers":
      return { position: "after", users: [user] };
    case "post /api/v1/tasks/{id}/waiting":
      return { waiting: true };
    default:
      return {};
  }
}

function call(client: Client, doc: RouteDoc, path: string, body: unknown): Promise<Reply> {
  if (doc.method === "get") return client.get(path);
  if (doc.method === "delete") return client.delete(path);
  return client.request(doc.method.toUpperCase(), path, body ?? {});
}

/** bulk-approve answers 200 with a result per task: the task's own status is the answer. */
function effective(key: string, res: Reply): Reply {
  if (key !== "post /api/v1/tasks/bulk-approve" || res.status !== 200) return res;
  const [result] = res.body.results;
  return { ...res, status: result.status, body: result.problem ?? result };
}

for (const database of testDatabases()) {
  describe(`S4 authorization matrix on ${database.name}`, () => {
    let world: ApiWorld;
    let otherWs: string;
    const clients = {} as Record<Role, Client>;
    /** Owner and team of each target, per calling role. */
    let whose: (role: Role, target: Target) => { ws: string; owner: string; team: string | null };
    let makeFixture: (role: Role, target: Target, title?: string) => Promise<Fixture>;
    /** One shared fixture per (role, target), for reads and refusals. */
    const shared = new Map<string, Fixture>();
    /** Ids in the other workspace, which no answer in ours may contain. */
    const foreignIds = new Set<string>();
    /** Someone of each workspace to name in bodies (a transfer target, an account member). */
    const someone: Record<string, string> = {};
    const tally = { cases: 0, agree: 0, crossTenant2xx: 0, listLeaks: 0 };
    const disagreements: string[] = [];

    beforeAll(async () => {
      world = await startApi(database);
      const { engine, ws, people } = world;
      otherWs = await engine.workspaces.create("Other Co");
      const outsider = await world.addPerson("outsider", "admin", otherWs);
      const outsiderKam = await world.addPerson("outsider-kam", "member", otherWs);
      const mate = await world.addPerson("mate", "member");
      const stranger = await world.addPerson("stranger", "member");
      const sponsor = await world.addPerson("sponsor", "member");
      const outsiderSponsor = await world.addPerson("outsider-sponsor", "member", otherWs);
      someone[ws] = sponsor.id;
      someone[otherWs] = outsiderSponsor.id;
      for (const w of [ws, otherWs]) {
        await engine.definitions.publish(w, ticketForm);
        await engine.definitions.publish(w, ownTaskFlow);
      }
      const acting = { actor: people.admin!.id };
      const teamA = await engine.org.createTeam(
        ws,
        { key: "alpha", name: "Alpha", managerId: people.manager!.id },
        acting,
      );
      const teamB = await engine.org.createTeam(
        ws,
        { key: "beta", name: "Beta", managerId: people.director!.id },
        acting,
      );
      const foreignTeam = await engine.org.createTeam(
        otherWs,
        { key: "alpha", name: "Alpha" },
        { actor: outsider.id },
      );
      // Team A: the manager (who manages it), the member, the viewer and their teammate.
      for (const [person, role] of [
        [people.manager!.id, "manager"],
        [people.kam!.id, "member"],
        [people.viewer!.id, "viewer"],
        [mate.id, "member"],
      ] as const)
        await engine.org.addMembership(
          ws,
          { userId: person, teamId: teamA.result.id, role },
          acting,
        );
      await engine.org.addMembership(
        ws,
        { userId: stranger.id, teamId: teamB.result.id, role: "member" },
        acting,
      );
      whose = (role, target) => {
        const me = people[PERSON[role]]!.id;
        const inA = role !== "admin" && role !== "designer";
        if (target === "own") return { ws, owner: me, team: inA ? teamA.result.id : null };
        if (target === "team") return { ws, owner: mate.id, team: teamA.result.id };
        if (target === "other") return { ws, owner: stranger.id, team: teamB.result.id };
        return { ws: otherWs, owner: outsiderKam.id, team: foreignTeam.result.id };
      };
      let n = 0;
      makeFixture = async (role, target, title = `matrix-${role}-${target}-${++n}#`) => {
        const w = whose(role, target);
        const record = await engine.records.create(
          w.ws,
          "ticket",
          { title },
          { actor: w.owner, ownerId: w.owner, ...(w.team ? { teamId: w.team } : {}) },
        );
        const instance = await engine.flows.start(w.ws, "own-task", {
          actor: w.owner,
          recordId: record.id,
        });
        const [task] = await engine.instances.tasks(w.ws, instance.id);
        const admin = w.ws === ws ? people.admin!.id : outsider.id;
        const { result: member } = await engine.org.addAccountTeamMember(
          w.ws,
          { recordId: record.id, userId: someone[w.ws]!, role: "sponsor" },
          { actor: admin },
        );
        const fixture = {
          record: record.id,
          title,
          instance: instance.id,
          task: task!.id,
          member: member.id,
        };
        if (w.ws === otherWs) for (const id of Object.values(fixture)) foreignIds.add(id);
        return fixture;
      };
      for (const role of ROLES) {
        clients[role] = await world.client(PERSON[role]);
        for (const target of TARGETS)
          shared.set(`${role}/${target}`, await makeFixture(role, target));
      }
      // The other workspace's people, teams and a token: no answer of ours may name them.
      for (const id of [outsider.id, outsiderKam.id, outsiderSponsor.id, foreignTeam.result.id])
        foreignIds.add(id);
      const outsiderClient = await signIn(world.url, outsider.email);
      foreignIds.add((await outsiderClient.post("/api/v1/auth/tokens", { name: "x" })).body.id);
    });
    afterAll(async () => {
      recordFigure({
        id: "S4",
        test: "authorization matrix: routes × roles × own/team/other-team/other-workspace",
        backend: database.name,
        size: `${count(tally.cases)} cases`,
        figures: {
          cases: tally.cases,
          "agree %": tally.cases === 0 ? 0 : Math.round((10_000 * tally.agree) / tally.cases) / 100,
          "cross-tenant 2xx": tally.crossTenant2xx,
          "list leaks": tally.listLeaks,
        },
      });
      await world.close();
    });

    /** Counts a case; a disagreement is kept with what was asked and answered. */
    const check = (what: string, expected: Expect, doc: RouteDoc, res: Reply, target: Target) => {
      tally.cases++;
      if (target === "foreign" && res.status >= 200 && res.status < 300) tally.crossTenant2xx++;
      if (agrees(doc, expected, res)) tally.agree++;
      else
        disagreements.push(
          `${what}: expected ${expected}, got ${res.status} ${res.body?.code ?? ""}`,
        );
    };

    it("classifies every documented route", () => {
      const classified = new Set([
        ...Object.keys(POLICY),
        ...Object.keys(WORKSPACE_READS),
        ...Object.keys(ID_READS),
        ...Object.keys(ELSEWHERE),
        ...writesElsewhere.map(keyOf),
      ]);
      expect(api.map(keyOf).filter((k) => !classified.has(k))).toEqual([]);
      // A route in two tables would be judged twice, maybe differently.
      const tables = [POLICY, WORKSPACE_READS, ID_READS, ELSEWHERE].map((t) => Object.keys(t));
      expect(tables.flat().length).toBe(new Set(tables.flat()).size);
    });

    it("lists show what the caller may see and nothing of another workspace", async () => {
      const leaks: string[] = [];
      for (const role of ROLES) {
        const client = clients[role];
        const records = await client.get("/api/v1/records?form=ticket&limit=200");
        const csv = await (await client.open("/api/v1/records/export?form=ticket")).text();
        const instances = await client.get("/api/v1/instances");
        const inbox = await client.get("/api/v1/tasks");
        const listed = {
          record: new Set<string>(records.body.items.map((r: { id: string }) => r.id)),
          instance: new Set<string>(instances.body.items.map((i: { id: string }) => i.id)),
          task: new Set<string>(inbox.body.items.map((t: { id: string }) => t.id)),
        };
        // Every shared fixture, judged from the caller's side: whose record it is for them.
        for (const owner of ROLES)
          for (const target of TARGETS) {
            const f = shared.get(`${owner}/${target}`)!;
            const rel = relation(role, owner, target);
            const cases: Array<[string, boolean, boolean]> = [
              ["records list", listed.record.has(f.record), seesRecord(role, rel)],
              ["CSV export", csv.includes(f.title), seesRecord(role, rel)],
              [
                "instances list",
                listed.instance.has(f.instance),
                rel === "own" || (rel !== "foreign" && allows(role, "instances.manage")),
              ],
              ["inbox", listed.task.has(f.task), rel === "own"],
            ];
            for (const [list, present, expected] of cases) {
              tally.cases++;
              if (present === expected) tally.agree++;
              else {
                if (present) tally.listLeaks++;
                leaks.push(`${role} ${list}: ${owner}/${target} ${present ? "listed" : "missing"}`);
              }
            }
          }
      }
      expect(leaks).toEqual([]);
    });

    /**
     * Whose the fixture made for (`owner`, `target`) is, seen by `role`: the same record is one
     * person's own and another's teammate's.
     */
    function relation(role: Role, owner: Role, target: Target): Target {
      if (target !== "own") return target;
      if (owner === role) return "own";
      const inA = (r: Role) => r !== "admin" && r !== "designer";
      // Another role's own record: in team A when its owner is, else workspace-wide (no team).
      if (!inA(owner)) return seesRecordNoTeam(role) ? "team" : "other";
      return "team";
    }
    /** Whether `role` sees a record of admin's or designer's with no team (only all-seers do). */
    const seesRecordNoTeam = (role: Role) => role === "admin" || role === "designer";

    it("no list or workspace-wide read answers with another workspace's ids", async () => {
      const found: string[] = [];
      for (const role of ROLES)
        for (const [key, action] of Object.entries(WORKSPACE_READS)) {
          const path = key.slice(4) + (key.endsWith("/records") ? "?form=ticket&limit=200" : "");
          const doc = api.find((d) => keyOf(d) === key)!;
          const res = await clients[role].get(
            key.endsWith("/records/export") ? `${path}?form=ticket` : path,
          );
          const expected: Expect =
            action === "everyone" || allows(role, action) ? "ok" : "forbidden";
          check(`${role} ${key}`, expected, doc, res, "own");
          const text = typeof res.body === "string" ? res.body : JSON.stringify(res.body);
          for (const id of foreignIds)
            if (text.includes(id)) {
              tally.listLeaks++;
              found.push(`${role} ${key} names ${id}`);
            }
        }
      expect(found).toEqual([]);
      expect(disagreements).toEqual([]);
    });

    it("id-bearing reads of workspace things answer by the permission table", async () => {
      const { engine, ws, people } = world;
      const kam = people.kam!.id;
      const { subscription } = await engine.webhooks.create(
        ws,
        { url: "https://hooks.example.com/kamflow", events: ["instance.completed"] },
        { actor: people.admin!.id },
      );
      const ping = await engine.webhooks.ping(ws, subscription.id, { actor: people.admin!.id });
      const job = await engine.jobs.importRecords(
        ws,
        { form: "ticket", csv: "title\n矩阵" },
        { actor: kam },
      );
      const { result: delegation } = await engine.org.delegate(
        ws,
        // In the future: the member's tasks of the matrix stay theirs.
        { userId: kam, delegateId: someone[ws]!, startsAt: T0 + 30 * DAY, endsAt: T0 + 31 * DAY },
        { actor: kam },
      );
      await engine.calendars.save(
        ws,
        { timeZone: "Asia/Shanghai", workingHours: [{ start: "09:00", end: "18:00" }] },
        { key: "plant" },
      );
      const pack = (await clients.admin.get("/api/v1/templates")).body.items[0].key as string;
      const teams = (await clients.admin.get("/api/v1/teams")).body.items;
      const ids: Record<string, string> = {
        "{id}": "",
        "{deliveryId}": ping.id,
        "{kind}": "form",
        "{key}": "ticket",
        "{version}": "1",
      };
      for (const [key, rule] of Object.entries(ID_READS)) {
        const doc = api.find((d) => keyOf(d) === key)!;
        const id = key.includes("/webhooks/")
          ? subscription.id
          : key.includes("/jobs/")
            ? job.id
            : key.includes("/delegations/")
              ? delegation.id
              : key.includes("/teams/")
                ? teams[0].id
                : key.includes("/users/")
                  ? people.admin!.id
                  : "";
        let path = key.slice(4);
        for (const [param, value] of Object.entries({ ...ids, "{id}": id }))
          path = path.replace(param, value);
        if (key.includes("/templates/")) path = `/api/v1/templates/${pack}`;
        if (key.includes("/calendars/")) path = "/api/v1/calendars/plant";
        for (const role of ROLES) {
          const res = await clients[role].get(path + (rule.query ?? ""));
          const expected: Expect = rule.who.includes(role)
            ? "ok"
            : rule.otherwise === 403
              ? "forbidden"
              : "hidden";
          check(`${role} ${key}`, expected, doc, res, "own");
        }
      }
      expect(disagreements).toEqual([]);
    });

    it("record-bound reads agree with the policy table for every role and target", async () => {
      for (const doc of api.filter((d) => d.method === "get" && keyOf(d) in POLICY)) {
        const key = keyOf(doc);
        for (const role of ROLES)
          for (const target of TARGETS) {
            const f = shared.get(`${role}/${target}`)!;
            const res = await clients[role].get(pathOf(doc, f));
            check(`${role} ${key} on ${target}`, POLICY[key]!(role, target), doc, res, target);
          }
      }
      expect(disagreements).toEqual([]);
    });

    it("record-bound writes agree with the policy table for every role and target", async () => {
      for (const doc of api.filter((d) => d.method !== "get" && keyOf(d) in POLICY)) {
        const key = keyOf(doc);
        for (const role of ROLES)
          for (const target of TARGETS) {
            const expected = POLICY[key]!(role, target);
            // A write that may succeed gets a target of its own, so no case changes another's.
            const f =
              expected === "ok"
                ? await makeFixture(role, target)
                : shared.get(`${role}/${target}`)!;
            const ws = whose(role, target).ws;
            const path = key === "post /api/v1/instances" ? "/api/v1/instances" : pathOf(doc, f);
            const res = effective(
              key,
              await call(clients[role], doc, path, bodyOf(key, f, someone[ws]!)),
            );
            check(`${role} ${key} on ${target}`, expected, doc, res, target);
          }
      }
      expect(disagreements).toEqual([]);
      expect(tally.crossTenant2xx).toBe(0);
    });

    it("IDOR fuzz: random and foreign ids into every id-bearing route get no 2xx", async () => {
      const random = prng(0x5eed_0004);
      const trials = scaled(2_000, 10_000);
      const routes = api.filter((d) => /\{\w+\}/.test(d.path) && !(keyOf(d) in ELSEWHERE));
      const foreign = [...foreignIds];
      const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZabcdefghijklmnopqrstuvwxyz-_";
      const made = (n: number) =>
        Array.from({ length: n }, () => alphabet[pick(random, alphabet.length)]).join("");
      const ids = () => {
        const kind = pick(random, 4);
        if (kind === 0) return foreign[pick(random, foreign.length)]!;
        if (kind === 1) return made(26); // shaped like our ids
        if (kind === 2) return made(1 + pick(random, 40));
        // A foreign id with a twist: the same id in another case, or with a suffix.
        const id = foreign[pick(random, foreign.length)]!;
        return pick(random, 2) === 0 ? id.toLowerCase() : `${id}${made(1)}`;
      };
      const unauthorized: string[] = [];
      for (let i = 0; i < trials; i++) {
        const doc = routes[pick(random, routes.length)]!;
        const role = ROLES[pick(random, ROLES.length)]!;
        const path = doc.path.replace(/\{(\w+)\}/g, (_, param: string) =>
          param === "kind" ? "form" : param === "version" ? "1" : encodeURIComponent(ids()),
        );
        const body =
          doc.method === "get" || doc.method === "delete" ? undefined : fuzzBody(doc, ids);
        const res = await call(clients[role], doc, path, body);
        // Creating by name (a draft, a calendar key, a pack plan) is no access to a foreign id;
        // reaching anything that exists is. A 2xx on a made-up id is reaching nothing real:
        // every 2xx is reported, and the few routes that create by name are excused by key.
        const createsByName =
          /\/(draft|calendars\/\{key\}|templates\/\{key\}\/plan)/.test(doc.path) &&
          doc.method !== "get";
        if (res.status >= 200 && res.status < 300 && !createsByName)
          unauthorized.push(`${role} ${doc.method} ${path}: ${res.status}`);
        else if (res.status >= 500)
          unauthorized.push(`${role} ${doc.method} ${path}: ${res.status}`);
      }
      recordFigure({
        id: "S4",
        test: "IDOR fuzz: random and foreign ids into id-bearing routes",
        backend: database.name,
        size: `${count(trials)} requests over ${routes.length} routes`,
        figures: { requests: trials, "unauthorized 2xx or 5xx": unauthorized.length },
      });
      expect(unauthorized).toEqual([]);
    });
  });

  describe(`S5 separation of duties on ${database.name}`, () => {
    let world: ApiWorld;
    const tally = { paths: 0, denied: 0 };

    beforeAll(async () => {
      world = await startApi(database);
      const { engine, ws, people } = world;
      await engine.definitions.publish(ws, ticketForm);
      // Stage 1 by sales directors, stage 2 by finance; the default: self-approval forbidden.
      await engine.definitions.publish(
        ws,
        twoStageFlow("four-eyes", { first: "sales-director", second: "finance" }),
      );
      await engine.definitions.publish(
        ws,
        twoStageFlow("self-ok", {
          first: "sales-director",
          second: "finance",
          selfApproval: "allow",
        }),
      );
      await engine.roles.grant(ws, { userId: people.director!.id, role: "sales-director" });
      await engine.roles.grant(ws, { userId: people.manager!.id, role: "finance" });
    });
    afterAll(async () => {
      recordFigure({
        id: "S5",
        test: "self-approval: directly, via delegation, transfer, signers, role change",
        backend: database.name,
        size: `${tally.paths} paths`,
        figures: { paths: tally.paths, "self-approvals denied": tally.denied },
      });
      await world.close();
    });

    /** Starts `flow` as `who` over HTTP; answers the instance id. */
    async function start(who: Client, flow: string): Promise<string> {
      const record = await who.post("/api/v1/records", { form: "ticket", data: { title: flow } });
      expect(record.status, JSON.stringify(record.body)).toBe(201);
      const res = await who.post("/api/v1/instances", { flow, recordId: record.body.record.id });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.instance.id;
    }

    /** The open tasks of an instance and who holds them. */
    async function openTasks(instance: string) {
      const tasks = await world.engine.instances.tasks(world.ws, instance);
      return tasks.filter((t) => t.status === "open" || t.status === "claimed");
    }

    /**
     * The initiator tries to approve every open task of their request that they hold, and the
     * bulk route too: each try is one path, and must not be a 2xx.
     */
    async function selfApprovalDenied(initiator: Client, initiatorId: string, instance: string) {
      const mine = (await openTasks(instance)).filter(
        (t) => t.assigneeId === initiatorId || t.candidates.includes(initiatorId),
      );
      const answers: number[] = [];
      for (const task of mine) {
        answers.push((await initiator.post(`/api/v1/tasks/${task.id}/approve`)).status);
        // Completing an approval task approves it; adding a signer after oneself approves too.
        answers.push((await initiator.post(`/api/v1/tasks/${task.id}/complete`)).status);
        const signer = await initiator.post(`/api/v1/tasks/${task.id}/signers`, {
          position: "after",
          users: [world.people.admin!.id],
        });
        answers.push(signer.status);
        const bulk = await initiator.post("/api/v1/tasks/bulk-approve", { taskIds: [task.id] });
        answers.push(bulk.body.results[0].status);
      }
      tally.paths += answers.length;
      tally.denied += answers.filter((s) => s >= 400).length;
      return { held: mine.length, answers };
    }

    it("a director's own request never reaches them (directly)", async () => {
      const director = await world.client("director");
      const instance = await start(director, "four-eyes");
      // Stage 1's only approver is the initiator: forbidden, so nobody is left → incident.
      const tasks = await openTasks(instance);
      expect(tasks.some((t) => t.candidates.includes(world.people.director!.id))).toBe(false);
      const tried = await selfApprovalDenied(director, world.people.director!.id, instance);
      expect(tried.answers.every((s) => s >= 400)).toBe(true);
      tally.paths++;
      tally.denied++;
    });

    it("a delegation to the initiator does not hand them their own approval", async () => {
      const { people } = world;
      const kam = await world.client("kam");
      // The director delegates to the kam, who then starts a request the director approves.
      const director = await world.client("director");
      const delegation = await director.post("/api/v1/delegations", {
        delegateId: people.kam!.id,
        endsAt: T0 + DAY,
      });
      expect(delegation.status, JSON.stringify(delegation.body)).toBe(201);
      const instance = await start(kam, "four-eyes");
      const tried = await selfApprovalDenied(kam, people.kam!.id, instance);
      expect(tried.answers.filter((s) => s < 400)).toEqual([]);
      tally.paths++;
      if (tried.held === 0) tally.denied++;
      expect(tried.held, "the delegate-initiator holds no task of their request").toBe(0);
      // Delegating to oneself is refused outright.
      const self = await kam.post("/api/v1/delegations", {
        delegateId: people.kam!.id,
        endsAt: T0 + DAY,
      });
      expect(self.status, JSON.stringify(self.body)).toBeGreaterThanOrEqual(400);
      tally.paths++;
      tally.denied++;
      const ended = await director.post(`/api/v1/delegations/${delegation.body.delegation.id}/end`);
      expect(ended.status).toBe(200);
    });

    it("a transfer or an added signer does not let the initiator approve", async () => {
      const { people } = world;
      const viewer = await world.addPerson("requester", "member");
      const requester = await signIn(world.url, viewer.email);
      const director = await world.client("director");
      for (const how of ["transfer", "signers-before", "signers-after"] as const) {
        const instance = await start(requester, "four-eyes");
        const [task] = await openTasks(instance);
        expect(task?.candidates).toContain(people.director!.id);
        const res =
          how === "transfer"
            ? await director.post(`/api/v1/tasks/${task!.id}/transfer`, { to: viewer.id })
            : await director.post(`/api/v1/tasks/${task!.id}/signers`, {
                position: how === "signers-before" ? "before" : "after",
                users: [viewer.id],
              });
        // Either the hand-over to the initiator is refused, or their approval is.
        if (res.status >= 400) {
          tally.paths++;
          tally.denied++;
          continue;
        }
        const tried = await selfApprovalDenied(requester, viewer.id, instance);
        expect(
          tried.answers.filter((s) => s < 400),
          how,
        ).toEqual([]);
        expect(tried.held, how).toBeGreaterThan(0);
      }
    });

    it("a role gained after starting does not make the initiator their own approver", async () => {
      const { engine, ws, people } = world;
      const person = await world.addPerson("riser", "member");
      const riser = await signIn(world.url, person.email);
      const instance = await start(riser, "four-eyes");
      // Promoted to both approver roles while their request waits at stage 1.
      await engine.org.grantRole(
        ws,
        { userId: person.id, role: "sales-director" },
        {
          actor: people.admin!.id,
        },
      );
      await engine.org.grantRole(
        ws,
        { userId: person.id, role: "finance" },
        {
          actor: people.admin!.id,
        },
      );
      expect((await selfApprovalDenied(riser, person.id, instance)).answers).toEqual([]);
      // The director approves stage 1: stage 2 resolves finance now, riser included — dropped.
      const director = await world.client("director");
      const [first] = await openTasks(instance);
      expect((await director.post(`/api/v1/tasks/${first!.id}/approve`)).status).toBe(200);
      const second = await openTasks(instance);
      expect(second.length).toBeGreaterThan(0);
      for (const t of second) expect(t.candidates).not.toContain(person.id);
      const tried = await selfApprovalDenied(riser, person.id, instance);
      expect(tried.answers.filter((s) => s < 400)).toEqual([]);
      tally.paths++;
      tally.denied++;
      // And stage 2's approver is never stage 1's: four eyes.
      const stage2 = second.flatMap((t) => t.candidates);
      expect(stage2).not.toContain(people.director!.id);
    });

    it("the definition can allow it: selfApproval 'allow' lets the initiator approve", async () => {
      const director = await world.client("director");
      const instance = await start(director, "self-ok");
      const [task] = await openTasks(instance);
      expect(task?.candidates).toContain(world.people.director!.id);
      const res = await director.post(`/api/v1/tasks/${task!.id}/approve`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
    });
  });
}
