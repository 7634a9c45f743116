/**
 * Approver resolution through the durable runtime, on SQLite and PostgreSQL: every spec kind,
 * manager chains across teams, absent users, duplicates, delegations in and out of their window
 * and scope ("X on behalf of Y" in the history), account teams, record fields and the
 * initiator's choice. Each case starts a one-approval flow (会签, so every resolved person gets a
 * task) and asserts whom the open tasks are assigned to.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/index.ts";
import { testDatabases } from "../store/testing/databases.ts";
import { type KamWorld, kamWorld, T0 } from "./testing/kam-fixture.ts";

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
const at = (y: number) => ({ x: 0, y });
const HOUR = 3_600_000;
/** An approver spec as a designer writes it (defaults are applied on publish). */
type ApproverSpec = Record<string, unknown>;

const accountForm = {
  kind: "form",
  key: "account",
  name: t("客户", "Account"),
  dataSchema: {
    type: "object",
    required: ["name"],
    properties: {
      name: { "x-kam-field": "text", type: "string", maxLength: 200 },
      handler: { "x-kam-field": "text", type: "string", maxLength: 128 },
      accountId: { "x-kam-field": "text", type: "string", maxLength: 128 },
    },
  },
  uiSchema: { fields: { name: { label: t("名称", "Name") } } },
  rules: {},
};

/** start → approval (all of `approvers`; nobody found: approve) → end. */
function approvalOf(key: string, approvers: readonly ApproverSpec[]) {
  return {
    kind: "flow",
    key,
    name: t("审批", "Approval"),
    form: "account",
    trigger: { type: "manual" },
    variables: { chosen: { type: "users", input: true, label: t("自选", "Chosen") } },
    nodes: [
      { id: "start", type: "start", label: t("开始", "Start"), position: at(0), config: {} },
      {
        id: "approval",
        type: "approval",
        label: t("审批", "Approval"),
        position: at(100),
        config: { approvers, mode: "all", selfApproval: "allow", emptyApprovers: "auto-approve" },
      },
      {
        id: "end",
        type: "end",
        label: t("结束", "End"),
        position: at(200),
        config: { outcome: "done" },
      },
    ],
    edges: [
      { id: "e1", source: "start", target: "approval" },
      { id: "e2", source: "approval", sourceHandle: "approved", target: "end" },
      { id: "e3", source: "approval", sourceHandle: "rejected", target: "end" },
    ],
  };
}

for (const database of testDatabases()) {
  describe(`approver resolution on ${database.name}`, () => {
    let store: Store;
    let world: KamWorld;
    /** People by name: staff ← lead (east) ← director (sales) ← vp (region) ← ceo (company). */
    const p: Record<string, string> = {};
    let flows = 0;

    beforeEach(async () => {
      store = await database.open();
      world = await kamWorld(store);
      const { engine, ws } = world;
      const person = (name: string, status?: "disabled" | "departed") =>
        engine.users.create(ws, {
          email: `${name}.org@acme.cn`,
          name,
          ...(status ? { status } : {}),
        });
      for (const name of ["staff", "staff2", "rep", "lead", "director", "vp", "ceo", "deputy"]) {
        p[name] = await person(name);
      }
      p.gone = await person("gone", "departed");
      p.off = await person("off", "disabled");
      const team = (key: string, managerId: string, parentId: string | null) =>
        engine.teams.create(ws, { key, name: key, managerId, parentId });
      const company = await team("company", p.ceo!, null);
      const region = await team("region", p.vp!, company);
      const sales = await team("sales", p.director!, region);
      const east = await team("east", p.lead!, sales);
      const west = await team("west", p.gone!, sales);
      const join = (userId: string, teamId: string) =>
        engine.memberships.add(ws, { userId, teamId, role: "member" });
      await join(p.staff!, east);
      await join(p.lead!, east);
      await join(p.staff2!, west);
      await join(p.rep!, sales);
      await join(p.director!, sales);
      await join(p.vp!, region);
      await engine.roles.grant(ws, { userId: p.director!, role: "sales-director" });
      await engine.roles.grant(ws, { userId: p.vp!, role: "vp" });
      await engine.definitions.publish(ws, accountForm);
    });
    afterEach(() => store.close());

    /** Publishes a flow with `approvers`, starts it as `initiator`; returns the open assignees. */
    async function approversOf(
      approvers: readonly ApproverSpec[],
      options: {
        initiator?: string;
        data?: object;
        owner?: string;
        key?: string;
        input?: object;
        recordId?: string;
      } = {},
    ) {
      const { engine, ws } = world;
      const key = options.key ?? `approval-${++flows}`;
      if (!(await engine.definitions.latest(ws, "flow", key))) {
        await engine.definitions.publish(ws, approvalOf(key, approvers));
      }
      const initiator = options.initiator ?? p.staff!;
      const record = options.recordId
        ? { id: options.recordId }
        : await engine.records.create(
            ws,
            "account",
            { name: "华东客户", ...options.data },
            { actor: initiator, ownerId: options.owner ?? initiator },
          );
      const instance = await engine.flows.start(ws, key, {
        actor: initiator,
        recordId: record.id,
        input: { chosen: [], ...options.input },
      });
      const tasks = await engine.instances.tasks(ws, instance.id);
      const open = tasks.filter((task) => task.status === "open");
      return { instance, record, assignees: open.map((task) => task.assigneeId) };
    }
    const who = (...names: string[]) => names.map((name) => p[name]);

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

    describe("delegations", () => {
      const lead1 = [{ kind: "manager", of: "initiator", level: 1 }] as ApproverSpec[];
      beforeEach(async () => {
        await world.engine.delegations.add(world.ws, {
          userId: p.lead!,
          delegateId: p.deputy!,
          startsAt: T0 + HOUR,
          endsAt: T0 + 2 * HOUR,
        });
      });

      it("route the approver's tasks to the delegate inside the window, on their behalf", async () => {
        world.clock.set(T0 + HOUR);
        const { instance, assignees } = await approversOf(lead1);
        expect(assignees).toEqual(who("deputy"));
        const history = await world.engine.instances.history(world.ws, instance.id);
        const delegated = history.filter((h) => h.kind === "task.delegated");
        expect(delegated.map((h) => h.data)).toEqual([
          expect.objectContaining({ nodeId: "approval", assignee: p.deputy, onBehalfOf: p.lead }),
        ]);
        world.clock.set(T0 + 2 * HOUR - 1);
        expect((await approversOf(lead1)).assignees).toEqual(who("deputy"));
      });

      it("do not apply before the start or at the end exactly (half-open)", async () => {
        world.clock.set(T0 + HOUR - 1);
        expect((await approversOf(lead1)).assignees).toEqual(who("lead"));
        world.clock.set(T0 + 2 * HOUR);
        const after = await approversOf(lead1);
        expect(after.assignees).toEqual(who("lead"));
        const history = await world.engine.instances.history(world.ws, after.instance.id);
        expect(history.some((h) => h.kind === "task.delegated")).toBe(false);
      });

      it("apply only to the flow or form they are limited to", async () => {
        const { engine, ws, clock } = world;
        await engine.delegations.add(ws, {
          userId: p.director!,
          delegateId: p.deputy!,
          startsAt: T0,
          endsAt: T0 + 9 * HOUR,
          flowKey: "other-flow",
        });
        await engine.delegations.add(ws, {
          userId: p.vp!,
          delegateId: p.deputy!,
          startsAt: T0,
          endsAt: T0 + 9 * HOUR,
          formKey: "account",
        });
        clock.set(T0 + 3 * HOUR);
        const specs = [
          { kind: "user", userId: p.director! },
          { kind: "user", userId: p.vp! },
        ] as ApproverSpec[];
        expect((await approversOf(specs)).assignees).toEqual(who("director", "deputy"));
        expect((await approversOf(specs, { key: "other-flow" })).assignees).toEqual(who("deputy"));
      });

      it("route a departed approver's tasks to their delegate", async () => {
        await world.engine.delegations.add(world.ws, {
          userId: p.gone!,
          delegateId: p.deputy!,
          startsAt: T0,
          endsAt: T0 + 9 * HOUR,
        });
        const { assignees } = await approversOf(lead1, { initiator: p.staff2! });
        expect(assignees).toEqual(who("deputy"));
      });

      it("reject an empty window and self-delegation", async () => {
        const add = (startsAt: number, endsAt: number, delegateId = p.deputy!) =>
          world.engine.delegations.add(world.ws, { userId: p.lead!, delegateId, startsAt, endsAt });
        const invalid = expect.objectContaining({ code: "RUNTIME_DELEGATION_INVALID" });
        await expect(add(T0, T0)).rejects.toThrow(invalid);
        await expect(add(T0, T0 + 1, p.lead!)).rejects.toThrow(invalid);
      });
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
