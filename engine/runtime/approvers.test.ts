/**
 * Approver resolution through the durable runtime, on SQLite and PostgreSQL: every spec kind,
 * manager at level N and manager chains across teams, absent users, duplicates, account teams,
 * record fields and the initiator's choice. Each case starts a one-approval flow (会签, so every
 * resolved person gets a task) and asserts whom the open tasks are assigned to. Delegations:
 * ./approvers-delegation.test.ts.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/index.ts";
import { testDatabases } from "../store/testing/databases.ts";
import { type ApproverSpec, type OrgWorld, orgWorld } from "./testing/org-world.ts";

for (const database of testDatabases()) {
  describe(`approver resolution on ${database.name}`, () => {
    let store: Store;
    let world: OrgWorld;
    let p: OrgWorld["p"];
    let who: OrgWorld["who"];
    let approversOf: OrgWorld["approversOf"];
    beforeEach(async () => {
      store = await database.open();
      world = await orgWorld(store);
      ({ p, who, approversOf } = world);
    });
    afterEach(() => store.close());
    it("resolves a named user, and nobody for a disabled or departed one", async () => {
      expect((await approversOf([{ kind: "user", userId: p.lead! }])).assignees).toEqual(
        who("lead"),
      );
      const absent = await approversOf([
        { kind: "user", userId: p.off! },
        { kind: "user", userId: p.gone! },
        { kind: "user", userId: p.vp! },
      ]);
      expect(absent.assignees).toEqual(who("vp"));
    });

    it("resolves the manager at level 1 and 2 across teams, of the initiator or the owner", async () => {
      const level = (n: number, of: "initiator" | "record-owner" = "initiator") =>
        [{ kind: "manager", of, level: n }] as ApproverSpec[];
      expect((await approversOf(level(1))).assignees).toEqual(who("lead"));
      expect((await approversOf(level(2))).assignees).toEqual(who("director"));
      // The lead manages the east team: their manager is the parent team's.
      expect((await approversOf(level(1), { initiator: p.lead! })).assignees).toEqual(
        who("director"),
      );
      expect((await approversOf(level(2, "record-owner"), { owner: p.rep! })).assignees).toEqual(
        who("vp"),
      );
      expect((await approversOf(level(1, "record-owner"), { owner: p.rep! })).assignees).toEqual(
        who("director"),
      );
      // Nobody above the top: auto-approved, no task.
      const top = await approversOf(level(1), { initiator: p.ceo! });
      expect(top.assignees).toEqual([]);
      expect(top.instance.status).toBe("completed");
    });

    it("skips a departed manager: the next present one above stands in", async () => {
      const level1 = await approversOf([{ kind: "manager", of: "initiator", level: 1 }], {
        initiator: p.staff2!,
      });
      expect(level1.assignees).toEqual(who("director"));
      const chain = await approversOf(
        [{ kind: "manager-chain", of: "initiator", untilRole: "vp", select: "all", maxLevels: 10 }],
        { initiator: p.staff2! },
      );
      expect(chain.assignees).toEqual(who("director", "vp"));
    });

    it("walks the manager chain up to the first holder of a role, all or last, or N levels", async () => {
      const chain = (extra: object) =>
        approversOf([{ kind: "manager-chain", of: "initiator", ...extra } as ApproverSpec]);
      expect((await chain({ untilRole: "sales-director" })).assignees).toEqual(
        who("lead", "director"),
      );
      expect((await chain({ untilRole: "vp", select: "last" })).assignees).toEqual(who("vp"));
      expect((await chain({ maxLevels: 3 })).assignees).toEqual(who("lead", "director", "vp"));
      expect((await chain({})).assignees).toEqual(who("lead", "director", "vp", "ceo"));
    });

    it("counts the same person once", async () => {
      const { assignees } = await approversOf([
        { kind: "manager", of: "initiator", level: 1 },
        { kind: "user", userId: p.lead! },
        { kind: "team", team: "east", select: "manager" },
        { kind: "manager-chain", of: "initiator", untilRole: "sales-director" },
      ]);
      expect(assignees).toEqual(who("lead", "director"));
    });

    it("resolves an account-team role of the record itself or of the account a field names", async () => {
      const { engine, ws } = world;
      const account = await engine.records.create(ws, "account", { name: "大客户" }, {});
      await engine.accountTeams.add(ws, { recordId: account.id, userId: p.rep!, role: "kam" });
      await engine.accountTeams.add(ws, {
        recordId: account.id,
        userId: p.vp!,
        role: "executive-sponsor",
      });
      const direct = await approversOf([{ kind: "account-team", role: "kam" }], {
        recordId: account.id,
      });
      expect(direct.assignees).toEqual(who("rep"));
      const viaField = await approversOf(
        [
          { kind: "account-team", role: "executive-sponsor", accountField: "accountId" },
          { kind: "account-team", role: "kam", accountField: "accountId" },
        ],
        { data: { accountId: account.id } },
      );
      expect(viaField.assignees).toEqual(who("vp", "rep"));
      // A record with no account team (and no account field): nobody, so auto-approved.
      const none = await approversOf([{ kind: "account-team", role: "kam" }], {
        key: "approval-1",
      });
      expect(none.assignees).toEqual([]);
    });

    it("resolves a record field, the record owner and the initiator", async () => {
      expect(
        (
          await approversOf([{ kind: "record-field", field: "handler" }], {
            data: { handler: p.vp },
          })
        ).assignees,
      ).toEqual(who("vp"));
      expect(
        (
          await approversOf([{ kind: "record-owner" }, { kind: "initiator" }], {
            owner: p.rep!,
          })
        ).assignees,
      ).toEqual(who("rep", "staff"));
    });

    it("resolves the initiator's choice: one, several, or only holders of a role", async () => {
      const input = { chosen: [p.director, p.vp, p.off] };
      const choice = (extra: object) =>
        approversOf([{ kind: "initiator-choice", key: "chosen", ...extra } as ApproverSpec], {
          input,
        });
      expect((await choice({})).assignees).toEqual(who("director"));
      expect((await choice({ multiple: true })).assignees).toEqual(who("director", "vp"));
      expect((await choice({ multiple: true, fromRole: "vp" })).assignees).toEqual(who("vp"));
      // The same variable read by a `variable` spec: every present user in it.
      const variable = await approversOf([{ kind: "variable", variable: "chosen" }], { input });
      expect(variable.assignees).toEqual(who("director", "vp"));
    });

    it("resolves role holders and team members", async () => {
      // The fixture's own sales director holds the role too.
      expect((await approversOf([{ kind: "role", role: "sales-director" }])).assignees).toEqual([
        world.director,
        p.director,
      ]);
      expect((await approversOf([{ kind: "team", team: "east" }])).assignees).toEqual(
        who("staff", "lead"),
      );
    });
  });
}
