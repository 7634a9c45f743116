/**
 * The organisation API against a real server, on SQLite and PostgreSQL: users, roles, teams,
 * delegations, account teams, calendars and the audit log — each route's happy path and its
 * errors (400 with pointers, 401, 403, 404 for other workspaces' ids, 409, 422), every write in
 * the audit log with its actor, and org changes taking effect on the next step at once.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { approvalFlow, ticketForm } from "../../engine/runtime/testing/kam-fixture.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { type ApiWorld, type Client, type Reply, signIn, startApi, T0 } from "./harness.ts";

const V1 = "/api/v1";
const DAY = 24 * 3_600_000;

/** Asserts a problem+json answer with `status`, `code` and (when given) the first pointer. */
function expectProblem(res: Reply, status: number, code: string, pointer?: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.headers.get("content-type")).toContain("application/problem+json");
  expect(res.body.code).toBe(code);
  if (pointer !== undefined)
    expect(res.body.issues).toContainEqual(expect.objectContaining({ code, pointer }));
}

for (const database of testDatabases()) {
  describe(`organisation API on ${database.name}`, () => {
    let world: ApiWorld;
    let admin: Client;
    let manager: Client;
    let kam: Client;
    let viewer: Client;
    let designer: Client;
    /** Another workspace and ids in it: never reachable from ours. */
    let other: { ws: string; userId: string; teamId: string; recordId: string };
    let recordId: string;
    let n = 0;

    /** A fresh person of ours (name unique in the run). */
    const person = (role: Parameters<ApiWorld["addPerson"]>[1] = "member") =>
      world.addPerson(`p${++n}-${role}`, role);

    beforeAll(async () => {
      world = await startApi(database);
      admin = await world.client("admin");
      manager = await world.client("manager");
      kam = await world.client("kam");
      viewer = await world.client("viewer");
      designer = await world.client("designer");
      const { engine, ws } = world;
      await engine.definitions.publish(ws, ticketForm);
      await engine.definitions.publish(ws, approvalFlow());
      // The account is the kam's, in a team the manager and the viewer belong to: row-level
      // visibility lets all three see it (and its account team, calendar and flows).
      const people = world.people;
      const { result: east } = await engine.org.createTeam(
        ws,
        { key: "east-accounts", name: "East accounts" },
        { actor: null },
      );
      for (const [name, role] of [
        ["kam", "member"],
        ["manager", "manager"],
        ["viewer", "viewer"],
      ] as const)
        await engine.org.addMembership(
          ws,
          { userId: people[name]!.id, teamId: east.id, role },
          { actor: null },
        );
      recordId = (
        await engine.records.create(
          ws,
          "ticket",
          { title: "华东电网" },
          { actor: people.kam!.id, teamId: east.id },
        )
      ).id;
      const otherWs = await engine.workspaces.create("Other Co");
      await engine.definitions.publish(otherWs, ticketForm);
      const outsider = await world.addPerson("outsider", "admin", otherWs);
      const { result: team } = await engine.org.createTeam(
        otherWs,
        { key: "north", name: "North" },
        { actor: null },
      );
      const record = await engine.records.create(otherWs, "ticket", { title: "外部客户" });
      other = { ws: otherWs, userId: outsider.id, teamId: team.id, recordId: record.id };
    });
    afterAll(() => world.close());

    describe("users", () => {
      it("lists users in full for admins and managers, names only for others", async () => {
        const full = await admin.get(`${V1}/users`);
        expect(full.status).toBe(200);
        expect(full.body.items).toContainEqual(
          expect.objectContaining({
            id: world.people.kam!.id,
            email: world.people.kam!.email,
            role: "member",
            status: "active",
          }),
        );
        expect(JSON.stringify(full.body)).not.toMatch(/scrypt|password/i);
        expect(full.body.items.map((u: { id: string }) => u.id)).not.toContain(other.userId);
        expect((await manager.get(`${V1}/users`)).body.items[0]).toHaveProperty("email");
        const names = await kam.get(`${V1}/users?status=active`);
        expect(names.status).toBe(200);
        for (const user of names.body.items)
          expect(Object.keys(user).sort()).toEqual(["id", "name"]);
        expectProblem(
          await kam.get(`${V1}/users?status=gone`),
          400,
          "SHAPE_VALUE_NOT_ALLOWED",
          "/status",
        );
        expectProblem(await world.anonymous().get(`${V1}/users`), 401, "AUTH_REQUIRED");
      });

      it("gets a user: in full to admins, managers and themselves, the name to others", async () => {
        const kamId = world.people.kam!.id;
        const mine = await kam.get(`${V1}/users/${kamId}`);
        expect(mine.body).toMatchObject({
          user: { id: kamId, email: world.people.kam!.email, role: "member" },
          // The workspace membership, and the team the shared account belongs to (beforeAll).
          memberships: expect.arrayContaining([
            expect.objectContaining({ role: "member", teamId: null }),
          ]),
          businessRoles: [],
        });
        expect((await admin.get(`${V1}/users/${kamId}`)).body.user.email).toBeDefined();
        const adminId = world.people.admin!.id;
        expect((await viewer.get(`${V1}/users/${adminId}`)).body).toEqual({
          user: { id: adminId, name: "admin" },
        });
        expectProblem(await admin.get(`${V1}/users/${other.userId}`), 404, "STORE_NOT_FOUND");
        expectProblem(await admin.get(`${V1}/users/nobody`), 404, "STORE_NOT_FOUND");
      });

      it("creates a user with a generated password shown once, who can then sign in", async () => {
        const made = await admin.post(
          `${V1}/users`,
          { email: "New.KAM@Acme.cn", name: "新客户经理", role: "member", locale: "en" },
          { "idempotency-key": "create-new-kam" },
        );
        expect(made.status).toBe(201);
        expect(made.body.user).toMatchObject({
          email: "new.kam@acme.cn",
          role: "member",
          locale: "en",
          status: "active",
        });
        expect(made.body.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
        const client = await signIn(world.url, "new.kam@acme.cn", made.body.password);
        expect((await client.get(`${V1}/auth/me`)).body.role).toBe("member");
        // A replay returns the same user and no password (it was not set again).
        const again = await admin.post(
          `${V1}/users`,
          { email: "New.KAM@Acme.cn", name: "新客户经理", role: "member", locale: "en" },
          { "idempotency-key": "create-new-kam" },
        );
        expect(again.status).toBe(201);
        expect(again.body.user.id).toBe(made.body.user.id);
        expect(again.body.password).toBeUndefined();
        expectProblem(
          await admin.post(
            `${V1}/users`,
            { email: "someone@acme.cn", name: "x" },
            { "idempotency-key": "create-new-kam" },
          ),
          409,
          "STORE_IDEMPOTENCY_MISMATCH",
        );
      });

      it("creates a user with a given password, and refuses duplicates and bad bodies", async () => {
        const made = await admin.post(`${V1}/users`, {
          email: "designer2@acme.cn",
          name: "设计师二",
          role: "designer",
          password: "a long enough password",
        });
        expect(made.status).toBe(201);
        expect(made.body.password).toBeUndefined();
        const client = await signIn(world.url, "designer2@acme.cn", "a long enough password");
        expect((await client.get(`${V1}/auth/me`)).body.role).toBe("designer");
        expectProblem(
          await admin.post(`${V1}/users`, { email: "DESIGNER2@acme.cn", name: "x" }),
          422,
          "STORE_STATE_INVALID",
          "/email",
        );
        const bad = await admin.post(`${V1}/users`, {
          email: "not-an-email",
          role: "owner",
          password: "short",
          extra: 1,
        });
        expect(bad.status).toBe(400);
        expect(bad.body.issues.map((i: { pointer: string }) => i.pointer).sort()).toEqual([
          "/email",
          "/extra",
          "/name",
          "/password",
          "/role",
        ]);
        expect(bad.body.issues).toContainEqual(
          expect.objectContaining({ code: "SHAPE_PROPERTY_MISSING", pointer: "/name" }),
        );
        expectProblem(
          await kam.post(`${V1}/users`, { email: "x@acme.cn", name: "x" }),
          403,
          "AUTH_FORBIDDEN",
        );
        expectProblem(
          await manager.post(`${V1}/users`, { email: "x@acme.cn", name: "x" }),
          403,
          "AUTH_FORBIDDEN",
        );
      });

      it("disables a user (signed out at once), reactivates them, and marks them departed", async () => {
        const p = await person();
        const client = await signIn(world.url, p.email);
        const disabled = await admin.patch(`${V1}/users/${p.id}`, { status: "disabled" });
        expect(disabled.status).toBe(200);
        expect(disabled.body.user.status).toBe("disabled");
        expectProblem(await client.get(`${V1}/auth/me`), 401, "AUTH_REQUIRED");
        await expect(signIn(world.url, p.email)).rejects.toThrow(/401/);
        const renamed = await admin.patch(`${V1}/users/${p.id}`, {
          status: "active",
          name: "改名",
        });
        expect(renamed.body.user).toMatchObject({ status: "active", name: "改名" });
        expect((await client.get(`${V1}/auth/me`)).status).toBe(200);
        expect(
          (await admin.patch(`${V1}/users/${p.id}`, { status: "departed" })).body.user.status,
        ).toBe("departed");
        expectProblem(await admin.patch(`${V1}/users/${p.id}`, {}), 400, "SHAPE_TOO_FEW");
        expectProblem(
          await admin.patch(`${V1}/users/${p.id}`, { status: "gone" }),
          400,
          "SHAPE_VALUE_NOT_ALLOWED",
          "/status",
        );
        expectProblem(
          await admin.patch(`${V1}/users/${other.userId}`, { status: "disabled" }),
          404,
          "STORE_NOT_FOUND",
        );
        expectProblem(
          await manager.patch(`${V1}/users/${p.id}`, { status: "active" }),
          403,
          "AUTH_FORBIDDEN",
        );
      });

      it("never disables the last active admin", async () => {
        const adminId = world.people.admin!.id;
        expectProblem(
          await admin.patch(`${V1}/users/${adminId}`, { status: "disabled" }),
          422,
          "STORE_STATE_INVALID",
        );
        const second = await world.addPerson("admin2", "admin");
        const client = await signIn(world.url, second.email);
        expect(
          (await client.patch(`${V1}/users/${second.id}`, { status: "disabled" })).status,
        ).toBe(200);
        expect((await admin.patch(`${V1}/users/${second.id}`, { status: "active" })).status).toBe(
          200,
        );
        const mine = await admin.get(`${V1}/memberships?userId=${second.id}`);
        expect((await admin.delete(`${V1}/memberships/${mine.body.items[0].id}`)).status).toBe(204);
      });

      it("resets a password: a new one is shown once and the user's sessions end", async () => {
        const p = await person();
        const client = await signIn(world.url, p.email);
        const reset = await admin.post(`${V1}/users/${p.id}/reset-password`);
        expect(reset.status).toBe(200);
        expect(reset.body.password).toMatch(/^[A-Za-z0-9_-]{16}$/);
        expect((await client.get(`${V1}/auth/me`)).status).toBe(401);
        await expect(signIn(world.url, p.email)).rejects.toThrow(/401/);
        await signIn(world.url, p.email, reset.body.password);
        expectProblem(
          await admin.post(`${V1}/users/${other.userId}/reset-password`),
          404,
          "STORE_NOT_FOUND",
        );
        expectProblem(await kam.post(`${V1}/users/${p.id}/reset-password`), 403, "AUTH_FORBIDDEN");
      });

      it("changes my password: the current one is checked, my other sessions end", async () => {
        const p = await person("viewer");
        const here = await signIn(world.url, p.email);
        const elsewhere = await signIn(world.url, p.email);
        expectProblem(
          await here.post(`${V1}/users/me/password`, {
            currentPassword: "wrong",
            newPassword: "a brand new password",
          }),
          401,
          "AUTH_CREDENTIALS_INVALID",
          "/currentPassword",
        );
        expectProblem(
          await here.post(`${V1}/users/me/password`, {
            currentPassword: "x",
            newPassword: "short",
          }),
          400,
          "SHAPE_TOO_SHORT",
          "/newPassword",
        );
        const changed = await here.post(`${V1}/users/me/password`, {
          currentPassword: "correct horse battery staple",
          newPassword: "a brand new password",
        });
        expect(changed.status).toBe(204);
        expect((await here.get(`${V1}/auth/me`)).status).toBe(200);
        expect((await elsewhere.get(`${V1}/auth/me`)).status).toBe(401);
        await signIn(world.url, p.email, "a brand new password");
      });
    });

    describe("roles", () => {
      it("grants and revokes access roles, workspace-wide or in a team", async () => {
        const p = await person("member");
        const client = await signIn(world.url, p.email);
        const granted = await admin.post(
          `${V1}/memberships`,
          { userId: p.id, role: "designer" },
          { "idempotency-key": `grant-${p.id}` },
        );
        expect(granted.status).toBe(201);
        expect(granted.body.membership).toMatchObject({
          userId: p.id,
          role: "designer",
          teamId: null,
        });
        // The role is read on every request: it applies at once.
        expect((await client.get(`${V1}/auth/me`)).body.role).toBe("designer");
        expectProblem(
          await admin.post(`${V1}/memberships`, { userId: p.id, role: "designer" }),
          422,
          "STORE_STATE_INVALID",
          "/role",
        );
        const listed = await manager.get(`${V1}/memberships?userId=${p.id}`);
        expect(listed.body.items.map((m: { role: string }) => m.role).sort()).toEqual([
          "designer",
          "member",
        ]);
        const revoke = await admin.delete(`${V1}/memberships/${granted.body.membership.id}`);
        expect(revoke.status).toBe(204);
        expect((await client.get(`${V1}/auth/me`)).body.role).toBe("member");
        expectProblem(
          await admin.delete(`${V1}/memberships/${granted.body.membership.id}`),
          404,
          "STORE_NOT_FOUND",
        );
        expectProblem(
          await admin.post(`${V1}/memberships`, { userId: other.userId, role: "viewer" }),
          404,
          "STORE_NOT_FOUND",
          "/userId",
        );
        expectProblem(
          await admin.post(`${V1}/memberships`, {
            userId: p.id,
            role: "viewer",
            teamId: other.teamId,
          }),
          404,
          "STORE_NOT_FOUND",
          "/teamId",
        );
        expectProblem(
          await admin.post(`${V1}/memberships`, { userId: p.id, role: "root" }),
          400,
          "SHAPE_VALUE_NOT_ALLOWED",
          "/role",
        );
        expectProblem(await kam.get(`${V1}/memberships`), 403, "AUTH_FORBIDDEN");
        expectProblem(
          await manager.post(`${V1}/memberships`, { userId: p.id, role: "admin" }),
          403,
          "AUTH_FORBIDDEN",
        );
      });

      it("keeps the last admin's admin role", async () => {
        const mine = await admin.get(`${V1}/memberships?userId=${world.people.admin!.id}`);
        const [membership] = mine.body.items;
        expectProblem(
          await admin.delete(`${V1}/memberships/${membership.id}`),
          422,
          "STORE_STATE_INVALID",
        );
      });

      it("grants and revokes business roles", async () => {
        const p = await person();
        const granted = await admin.post(`${V1}/business-roles`, {
          userId: p.id,
          role: "executive-sponsor",
        });
        expect(granted.status).toBe(201);
        expect(granted.body.role).toMatchObject({ userId: p.id, role: "executive-sponsor" });
        expectProblem(
          await admin.post(`${V1}/business-roles`, { userId: p.id, role: "executive-sponsor" }),
          422,
          "STORE_STATE_INVALID",
          "/role",
        );
        expectProblem(
          await admin.post(`${V1}/business-roles`, { userId: p.id, role: "Sales Director" }),
          400,
          "SHAPE_PATTERN_MISMATCH",
          "/role",
        );
        const listed = await admin.get(`${V1}/business-roles?role=executive-sponsor`);
        expect(listed.body.items).toEqual([expect.objectContaining({ userId: p.id })]);
        expect((await admin.delete(`${V1}/business-roles/${granted.body.role.id}`)).status).toBe(
          204,
        );
        expectProblem(
          await admin.delete(`${V1}/business-roles/${granted.body.role.id}`),
          404,
          "STORE_NOT_FOUND",
        );
        expectProblem(
          await admin.post(`${V1}/business-roles`, { userId: other.userId, role: "kam" }),
          404,
          "STORE_NOT_FOUND",
          "/userId",
        );
        expectProblem(
          await designer.post(`${V1}/business-roles`, { userId: p.id, role: "kam" }),
          403,
          "AUTH_FORBIDDEN",
        );
      });
    });

    describe("teams", () => {
      it("builds the org chart: teams, managers, members, moves that keep it a tree", async () => {
        const head = world.people.director!.id;
        const east = await admin.post(`${V1}/teams`, {
          key: "east",
          name: "华东大区",
          managerId: head,
        });
        expect(east.status).toBe(201);
        const eastId = east.body.team.id;
        const sh = await admin.post(
          `${V1}/teams`,
          { key: "shanghai", name: "上海", parentId: eastId },
          { "idempotency-key": "team-shanghai" },
        );
        expect(sh.status).toBe(201);
        const shId = sh.body.team.id;
        expectProblem(
          await admin.post(`${V1}/teams`, { key: "east", name: "again" }),
          422,
          "STORE_STATE_INVALID",
          "/key",
        );
        expectProblem(
          await admin.post(`${V1}/teams`, { key: "x1", name: "x", parentId: other.teamId }),
          404,
          "STORE_NOT_FOUND",
          "/parentId",
        );
        expectProblem(
          await admin.post(`${V1}/teams`, { key: "x2", name: "x", managerId: other.userId }),
          404,
          "STORE_NOT_FOUND",
          "/managerId",
        );
        expectProblem(
          await admin.post(`${V1}/teams`, { key: "Bad Key", name: "" }),
          400,
          "SHAPE_PATTERN_MISMATCH",
          "/key",
        );

        const member = await admin.post(`${V1}/teams/${shId}/members`, {
          userId: world.people.kam!.id,
        });
        expect(member.status).toBe(201);
        expect(member.body.membership).toMatchObject({ teamId: shId, role: "member" });
        const managed = await admin.patch(`${V1}/teams/${shId}`, {
          managerId: world.people.manager!.id,
        });
        expect(managed.body.team.managerId).toBe(world.people.manager!.id);

        const tree = await viewer.get(`${V1}/teams`);
        expect(tree.status).toBe(200);
        const root = tree.body.items.find((t: { id: string }) => t.id === eastId);
        expect(root).toMatchObject({
          key: "east",
          managerId: head,
          children: [
            expect.objectContaining({
              id: shId,
              managerId: world.people.manager!.id,
              members: [expect.objectContaining({ userId: world.people.kam!.id, role: "member" })],
            }),
          ],
        });
        expect((await kam.get(`${V1}/teams/${shId}`)).body.team).toMatchObject({
          id: shId,
          parentId: eastId,
          children: [],
        });

        expectProblem(
          await admin.patch(`${V1}/teams/${eastId}`, { parentId: shId }),
          422,
          "STORE_STATE_INVALID",
          "/parentId",
        );
        expectProblem(
          await admin.patch(`${V1}/teams/${eastId}`, { parentId: eastId }),
          422,
          "STORE_STATE_INVALID",
          "/parentId",
        );
        const cleared = await admin.patch(`${V1}/teams/${shId}`, {
          parentId: null,
          managerId: null,
        });
        expect(cleared.body.team).toMatchObject({ parentId: null, managerId: null });
        expect((await admin.patch(`${V1}/teams/${shId}`, { parentId: eastId })).status).toBe(200);

        expect(
          (await admin.delete(`${V1}/teams/${shId}/members/${world.people.kam!.id}`)).status,
        ).toBe(204);
        expectProblem(
          await admin.delete(`${V1}/teams/${shId}/members/${world.people.kam!.id}`),
          404,
          "STORE_NOT_FOUND",
        );
        expectProblem(
          await admin.post(`${V1}/teams/${shId}/members`, { userId: other.userId }),
          404,
          "STORE_NOT_FOUND",
          "/userId",
        );
      });

      it("hides other workspaces' teams and refuses writes to non-admins", async () => {
        expectProblem(await admin.get(`${V1}/teams/${other.teamId}`), 404, "STORE_NOT_FOUND");
        expectProblem(
          await admin.patch(`${V1}/teams/${other.teamId}`, { name: "mine now" }),
          404,
          "STORE_NOT_FOUND",
        );
        expectProblem(
          await admin.post(`${V1}/teams/${other.teamId}/members`, { userId: world.people.kam!.id }),
          404,
          "STORE_NOT_FOUND",
        );
        expectProblem(
          await admin.delete(`${V1}/teams/${other.teamId}/members/${other.userId}`),
          404,
          "STORE_NOT_FOUND",
        );
        expect((await admin.get(`${V1}/teams`)).body.items).not.toContainEqual(
          expect.objectContaining({ id: other.teamId }),
        );
        expectProblem(
          await manager.post(`${V1}/teams`, { key: "m", name: "m" }),
          403,
          "AUTH_FORBIDDEN",
        );
        expectProblem(
          await viewer.patch(`${V1}/teams/${other.teamId}`, { name: "x" }),
          403,
          "AUTH_FORBIDDEN",
        );
      });
    });

    describe("delegations", () => {
      it("delegates my tasks, lists mine or all, and ends a delegation early", async () => {
        const kamId = world.people.kam!.id;
        const managerId = world.people.manager!.id;
        const made = await kam.post(`${V1}/delegations`, {
          delegateId: managerId,
          endsAt: T0 + 7 * DAY,
          flowKey: "ticket-approval",
        });
        expect(made.status).toBe(201);
        expect(made.body.delegation).toMatchObject({
          userId: kamId,
          delegateId: managerId,
          startsAt: T0,
          endsAt: T0 + 7 * DAY,
          flowKey: "ticket-approval",
          formKey: null,
          active: true,
        });
        const id = made.body.delegation.id;

        const mine = await kam.get(`${V1}/delegations`);
        expect(mine.body.items.map((d: { id: string }) => d.id)).toContain(id);
        const received = await manager.get(`${V1}/delegations?current=true`);
        expect(received.body.items.map((d: { id: string }) => d.id)).toContain(id);
        expect((await designer.get(`${V1}/delegations`)).body.items).toEqual([]);
        expectProblem(await kam.get(`${V1}/delegations?scope=all`), 403, "AUTH_FORBIDDEN");
        expectProblem(
          await kam.get(`${V1}/delegations?scope=everyone`),
          400,
          "SHAPE_VALUE_NOT_ALLOWED",
          "/scope",
        );
        expect(
          (await manager.get(`${V1}/delegations?scope=all`)).body.items.map(
            (d: { id: string }) => d.id,
          ),
        ).toContain(id);
        expect((await admin.get(`${V1}/delegations/${id}`)).body.delegation.id).toBe(id);
        expectProblem(await designer.get(`${V1}/delegations/${id}`), 404, "STORE_NOT_FOUND");

        // The delegate may not end it; the one who delegated may.
        expectProblem(await manager.post(`${V1}/delegations/${id}/end`), 403, "AUTH_FORBIDDEN");
        world.clock.advance(3_600_000);
        const ended = await kam.post(`${V1}/delegations/${id}/end`);
        expect(ended.status).toBe(200);
        expect(ended.body.delegation).toMatchObject({ endsAt: T0 + 3_600_000, active: false });
        expectProblem(await kam.post(`${V1}/delegations/${id}/end`), 422, "STORE_STATE_INVALID");
        expect((await manager.get(`${V1}/delegations?current=true`)).body.items).not.toContainEqual(
          expect.objectContaining({ id }),
        );
      });

      it("lets only admins delegate someone else's tasks, and checks the window and people", async () => {
        const kamId = world.people.kam!.id;
        const now = world.clock.now();
        const body = { userId: kamId, delegateId: world.people.director!.id, endsAt: now + DAY };
        expectProblem(await designer.post(`${V1}/delegations`, body), 403, "AUTH_FORBIDDEN");
        expectProblem(
          await viewer.post(`${V1}/delegations`, { delegateId: kamId, endsAt: now + DAY }),
          403,
          "AUTH_FORBIDDEN",
        );
        const byAdmin = await admin.post(`${V1}/delegations`, {
          ...body,
          startsAt: now + DAY,
          endsAt: now + 2 * DAY,
        });
        expect(byAdmin.status).toBe(201);
        expect(byAdmin.body.delegation.active).toBe(false);
        // Ending one not yet started: it never starts.
        const ended = await admin.post(`${V1}/delegations/${byAdmin.body.delegation.id}/end`);
        expect(ended.body.delegation.endsAt).toBe(now + DAY);

        expectProblem(
          await kam.post(`${V1}/delegations`, { delegateId: kamId, endsAt: now + DAY }),
          422,
          "RUNTIME_DELEGATION_INVALID",
          "/delegateId",
        );
        expectProblem(
          await kam.post(`${V1}/delegations`, {
            delegateId: world.people.manager!.id,
            startsAt: now + DAY,
            endsAt: now,
          }),
          422,
          "RUNTIME_DELEGATION_INVALID",
          "/endsAt",
        );
        expectProblem(
          await kam.post(`${V1}/delegations`, { delegateId: other.userId, endsAt: now + DAY }),
          404,
          "STORE_NOT_FOUND",
          "/delegateId",
        );
        const gone = await person();
        await admin.patch(`${V1}/users/${gone.id}`, { status: "departed" });
        expectProblem(
          await kam.post(`${V1}/delegations`, { delegateId: gone.id, endsAt: now + DAY }),
          422,
          "STORE_STATE_INVALID",
          "/delegateId",
        );
        expectProblem(
          await kam.post(`${V1}/delegations`, { delegateId: kamId }),
          400,
          "SHAPE_PROPERTY_MISSING",
          "/endsAt",
        );
      });

      it("routes the next approval to the delegate at once, and back when it ends", async () => {
        const { people } = world;
        // Business roles the flow's approver specs name, granted over HTTP.
        for (const [who, role] of [
          ["kam", "kam"],
          ["director", "sales-director"],
        ] as const)
          expect(
            (await admin.post(`${V1}/business-roles`, { userId: people[who]!.id, role })).status,
          ).toBe(201);
        const director = await world.client("director");
        const delegation = await director.post(`${V1}/delegations`, {
          delegateId: people.manager!.id,
          endsAt: world.clock.now() + DAY,
        });
        expect(delegation.status).toBe(201);

        const approverOf = async () => {
          const started = await kam.post(`${V1}/instances`, {
            flow: "ticket-approval",
            recordId,
            input: { amount: 50_000 },
          });
          expect(started.status, JSON.stringify(started.body)).toBe(201);
          const [fill] = await world.engine.instances.tasks(world.ws, started.body.instance.id);
          expect((await kam.post(`${V1}/tasks/${fill!.id}/complete`, {})).status).toBe(200);
          const tasks = await world.engine.instances.tasks(world.ws, started.body.instance.id);
          const approval = tasks.find((t) => t.nodeId === "approval" && t.status === "open");
          return approval?.assigneeId ?? approval?.candidates;
        };
        const during = JSON.stringify(await approverOf());
        expect(during).toContain(people.manager!.id);
        expect(during).not.toContain(people.director!.id);
        const ended = await director.post(`${V1}/delegations/${delegation.body.delegation.id}/end`);
        expect(ended.status).toBe(200);
        const after = await approverOf();
        expect(JSON.stringify(after)).toContain(people.director!.id);
        expect(JSON.stringify(after)).not.toContain(people.manager!.id);
      });
    });

    describe("account teams", () => {
      it("staffs an account: managers add and remove members, everyone sees the team", async () => {
        const empty = await kam.get(`${V1}/account-teams/${recordId}`);
        expect(empty.body).toEqual({ recordId, items: [] });
        const added = await manager.post(
          `${V1}/account-teams/${recordId}/members`,
          { userId: world.people.kam!.id, role: "kam" },
          { "idempotency-key": "staff-kam" },
        );
        expect(added.status).toBe(201);
        expect(added.body.member).toMatchObject({
          recordId,
          userId: world.people.kam!.id,
          role: "kam",
        });
        expectProblem(
          await admin.post(`${V1}/account-teams/${recordId}/members`, {
            userId: world.people.kam!.id,
            role: "kam",
          }),
          422,
          "STORE_STATE_INVALID",
          "/role",
        );
        expect((await viewer.get(`${V1}/account-teams/${recordId}`)).body.items).toHaveLength(1);
        expectProblem(
          await kam.post(`${V1}/account-teams/${recordId}/members`, {
            userId: world.people.kam!.id,
            role: "sponsor",
          }),
          403,
          "AUTH_FORBIDDEN",
        );
        expectProblem(
          await manager.post(`${V1}/account-teams/${recordId}/members`, {
            userId: other.userId,
            role: "sponsor",
          }),
          404,
          "STORE_NOT_FOUND",
          "/userId",
        );
        expectProblem(
          await manager.post(`${V1}/account-teams/${other.recordId}/members`, {
            userId: world.people.kam!.id,
            role: "sponsor",
          }),
          404,
          "STORE_NOT_FOUND",
        );
        expectProblem(
          await kam.get(`${V1}/account-teams/${other.recordId}`),
          404,
          "STORE_NOT_FOUND",
        );
        const memberId = added.body.member.id;
        expectProblem(
          await manager.delete(`${V1}/account-teams/${other.recordId}/members/${memberId}`),
          404,
          "STORE_NOT_FOUND",
        );
        expect(
          (await manager.delete(`${V1}/account-teams/${recordId}/members/${memberId}`)).status,
        ).toBe(204);
        expectProblem(
          await manager.delete(`${V1}/account-teams/${recordId}/members/${memberId}`),
          404,
          "STORE_NOT_FOUND",
        );
        const trail = await admin.get(`${V1}/audit?entityKind=record&entityId=${recordId}`);
        expect(trail.body.items.map((e: { action: string }) => e.action)).toEqual(
          expect.arrayContaining(["account-team.add", "account-team.remove"]),
        );
      });
    });

    describe("calendars", () => {
      it("reads the workspace calendar, saves a valid one and refuses an invalid one with every issue", async () => {
        const initial = await viewer.get(`${V1}/calendar`);
        expect(initial.status).toBe(200);
        expect(initial.body.calendar.timeZone).toBe("Asia/Shanghai");
        const invalid = await admin.request("PUT", `${V1}/calendar`, {
          timeZone: "Mars/Olympus",
          workingHours: [{ start: "18:00", end: "09:00" }],
        });
        expect(invalid.status).toBe(422);
        expect(invalid.body.issues).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ code: "CALENDAR_TIMEZONE_UNKNOWN", pointer: "/timeZone" }),
            expect.objectContaining({ code: "CALENDAR_HOURS_INVALID", pointer: "/workingHours/0" }),
          ]),
        );
        expectProblem(
          await admin.request("PUT", `${V1}/calendar`, { timeZone: "Asia/Shanghai", shifts: [] }),
          400,
          "SHAPE_PROPERTY_UNKNOWN",
        );
        const saturday = {
          timeZone: "Asia/Shanghai",
          workingWeekdays: [1, 2, 3, 4, 5, 6],
          workingHours: [{ start: "08:00", end: "17:00" }],
        };
        const saved = await admin.request("PUT", `${V1}/calendar`, saturday);
        expect(saved.status).toBe(200);
        expect((await kam.get(`${V1}/calendar`)).body.calendar).toEqual(saturday);
        expectProblem(
          await designer.request("PUT", `${V1}/calendar`, saturday),
          403,
          "AUTH_FORBIDDEN",
        );
      });

      it("imports a yearly table as text/csv or JSON, and refuses a bad table", async () => {
        const csv = "date,type,name\n2027-02-06,班,春节调休\n2027-02-08,休,春节\n";
        const asCsv = await admin.post(`${V1}/calendar/import`, csv, {
          "content-type": "text/csv",
        });
        expect(asCsv.status, JSON.stringify(asCsv.body)).toBe(200);
        expect(asCsv.body.calendar.makeUpWorkdays.map((d: { date: string }) => d.date)).toContain(
          "2027-02-06",
        );
        const asJson = await admin.post(`${V1}/calendar/import`, {
          csv: "date,type,name\n2028-01-03,休,元旦\n",
        });
        expect(asJson.body.calendar.holidays.map((d: { date: string }) => d.date)).toEqual(
          expect.arrayContaining(["2027-02-08", "2028-01-03"]),
        );
        const bad = await admin.post(`${V1}/calendar/import`, "date,type,name\n2027-13-01,休,x\n", {
          "content-type": "text/csv",
        });
        expect(bad.status).toBe(422);
        expect(bad.body.code).toMatch(/^CALENDAR_TABLE_/);
        expectProblem(await admin.post(`${V1}/calendar/import`, {}), 400, "SHAPE_PROPERTY_MISSING");
        expectProblem(
          await manager.post(`${V1}/calendar/import`, csv, { "content-type": "text/csv" }),
          403,
          "AUTH_FORBIDDEN",
        );
      });

      it("keeps named calendars and assigns them to accounts", async () => {
        const sg = { timeZone: "Asia/Singapore", workingHours: [{ start: "09:00", end: "18:00" }] };
        const saved = await admin.request("PUT", `${V1}/calendars/singapore`, sg);
        expect(saved.status).toBe(200);
        expect((await kam.get(`${V1}/calendars`)).body.items).toEqual([
          { key: "singapore", calendar: sg },
        ]);
        expect((await kam.get(`${V1}/calendars/singapore`)).body).toEqual({
          key: "singapore",
          calendar: sg,
        });
        expectProblem(await kam.get(`${V1}/calendars/mars`), 404, "STORE_NOT_FOUND");
        expectProblem(
          await admin.post(`${V1}/calendars/mars/import`, { csv: "date,type,name\n" }),
          404,
          "STORE_NOT_FOUND",
        );
        expectProblem(
          await admin.request("PUT", `${V1}/calendars/Bad_Key`, sg),
          400,
          "SHAPE_KEY_INVALID",
          "/key",
        );
        const imported = await admin.post(`${V1}/calendars/singapore/import`, {
          csv: "date,type,name\n2027-08-09,休,National Day\n",
        });
        expect(imported.body.calendar.holidays).toEqual([
          expect.objectContaining({ date: "2027-08-09" }),
        ]);

        expect((await kam.get(`${V1}/account-calendars/${recordId}`)).body.calendar).toBeNull();
        const assigned = await admin.request("PUT", `${V1}/account-calendars/${recordId}`, {
          calendar: "singapore",
        });
        expect(assigned.body).toEqual({ recordId, calendar: "singapore" });
        expect((await kam.get(`${V1}/account-calendars/${recordId}`)).body.calendar).toBe(
          "singapore",
        );
        expectProblem(
          await admin.request("PUT", `${V1}/account-calendars/${recordId}`, { calendar: "mars" }),
          422,
          "RUNTIME_CALENDAR_UNKNOWN",
          "/calendar",
        );
        expectProblem(
          await admin.request("PUT", `${V1}/account-calendars/${other.recordId}`, {
            calendar: null,
          }),
          404,
          "STORE_NOT_FOUND",
        );
        expectProblem(
          await kam.get(`${V1}/account-calendars/${other.recordId}`),
          404,
          "STORE_NOT_FOUND",
        );
        expectProblem(
          await admin.request("PUT", `${V1}/account-calendars/${recordId}`, {}),
          400,
          "SHAPE_PROPERTY_MISSING",
        );
        const back = await admin.request("PUT", `${V1}/account-calendars/${recordId}`, {
          calendar: null,
        });
        expect(back.body.calendar).toBeNull();
      });
    });

    describe("audit", () => {
      it("records every org write with its actor", async () => {
        const seen = new Set<string>();
        let cursor: string | null = null;
        do {
          const page: Reply = await admin.get(
            `${V1}/audit?limit=200${cursor ? `&cursor=${cursor}` : ""}`,
          );
          expect(page.status).toBe(200);
          for (const event of page.body.items) if (event.actorId !== null) seen.add(event.action);
          cursor = page.body.nextCursor;
        } while (cursor);
        expect([...seen]).toEqual(
          expect.arrayContaining([
            "user.create",
            "user.update",
            "user.password",
            "membership.add",
            "membership.remove",
            "role.grant",
            "role.revoke",
            "team.create",
            "team.update",
            "delegation.create",
            "delegation.end",
            "account-team.add",
            "account-team.remove",
            "calendar.saved",
            "calendar.assigned",
          ]),
        );
      });

      it("queries by actor, action, entity and time, newest first, in cursor pages", async () => {
        const adminId = world.people.admin!.id;
        const first = await admin.get(`${V1}/audit?actorId=${adminId}&limit=2`);
        expect(first.status).toBe(200);
        expect(first.body.items).toHaveLength(2);
        for (const e of first.body.items) expect(e.actorId).toBe(adminId);
        const created = await admin.get(`${V1}/audit?actorId=${adminId}&action=user.create`);
        expect(created.body.items.length).toBeGreaterThan(1);
        for (const e of created.body.items)
          expect(e).toMatchObject({ action: "user.create", entityKind: "user" });
        expect(first.body.items[0].seq).toBeGreaterThan(first.body.items[1].seq);
        expect(first.body.nextCursor).toBe(String(first.body.items[1].seq));
        const second = await admin.get(
          `${V1}/audit?actorId=${adminId}&limit=2&cursor=${first.body.nextCursor}`,
        );
        expect(second.body.items[0].seq).toBeLessThan(first.body.items[1].seq);

        const kamId = world.people.kam!.id;
        const ofKam = await admin.get(`${V1}/audit?entityKind=user&entityId=${kamId}`);
        expect(ofKam.body.items.every((e: { entityId: string }) => e.entityId === kamId)).toBe(
          true,
        );
        const future = new Date(world.clock.now() + DAY).toISOString();
        expect((await admin.get(`${V1}/audit?from=${future}`)).body).toEqual({
          items: [],
          nextCursor: null,
        });
        expect((await admin.get(`${V1}/audit?to=${T0}&limit=1`)).body.items).toEqual([]);
        expect(
          (await admin.get(`${V1}/audit?from=${T0}&to=${future}&limit=1`)).body.items,
        ).toHaveLength(1);

        expectProblem(
          await admin.get(`${V1}/audit?from=yesterday`),
          400,
          "SHAPE_FORMAT_INVALID",
          "/from",
        );
        expectProblem(await admin.get(`${V1}/audit?limit=0`), 400, "SHAPE_OUT_OF_RANGE", "/limit");
        expectProblem(
          await admin.get(`${V1}/audit?limit=201`),
          400,
          "SHAPE_OUT_OF_RANGE",
          "/limit",
        );
        expectProblem(
          await admin.get(`${V1}/audit?cursor=abc`),
          400,
          "SHAPE_FORMAT_INVALID",
          "/cursor",
        );
        expectProblem(await manager.get(`${V1}/audit`), 403, "AUTH_FORBIDDEN");
        expectProblem(await kam.get(`${V1}/audit/verify`), 403, "AUTH_FORBIDDEN");
        // Nothing of the other workspace shows.
        const outsiders = await admin.get(`${V1}/audit?actorId=${other.userId}`);
        expect(outsiders.body.items).toEqual([]);
      });

      it("verifies the hash chain, and finds a tampered event", async () => {
        const ok = await admin.get(`${V1}/audit/verify`);
        expect(ok.status).toBe(200);
        expect(ok.body.ok).toBe(true);
        expect(ok.body.count).toBeGreaterThan(20);
        await world.store.db
          .updateTable("audit_events")
          .set({ action: "user.forged" })
          .where("workspace_id", "=", world.ws)
          .where("seq", "=", 3)
          .execute();
        expect((await admin.get(`${V1}/audit/verify`)).body).toEqual({
          ok: false,
          firstBadSeq: 3,
          reason: "hash-mismatch",
        });
      });
    });
  });
}
