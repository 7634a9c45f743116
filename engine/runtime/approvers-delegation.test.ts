/**
 * Delegations through the durable runtime, on SQLite and PostgreSQL: inside the window, before
 * it, at its end exactly (half-open), scoped to another flow or to the form, for a departed
 * approver, with a cached directory as the clock moves, and "X on behalf of Y" in the history.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/index.ts";
import { testDatabases } from "../store/testing/databases.ts";
import { T0 } from "./testing/kam-fixture.ts";
import { type ApproverSpec, type OrgWorld, orgWorld } from "./testing/org-world.ts";

const HOUR = 3_600_000;

for (const database of testDatabases()) {
  describe(`delegations on ${database.name}`, () => {
    let store: Store;
    let world: OrgWorld;
    let p: OrgWorld["p"];
    let who: OrgWorld["who"];
    let approversOf: OrgWorld["approversOf"];
    beforeEach(async () => {
      store = await database.open();
      world = await orgWorld(store);
      ({ p, who, approversOf } = world);
      // The lead is away for one hour, from T0 + 1 h: the deputy stands in.
      await world.engine.delegations.add(world.ws, {
        userId: p.lead!,
        delegateId: p.deputy!,
        startsAt: T0 + HOUR,
        endsAt: T0 + 2 * HOUR,
      });
    });
    afterEach(() => store.close());
    const lead1: ApproverSpec[] = [{ kind: "manager", of: "initiator", level: 1 }];

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

    it("follow the clock with no org write in between (the cached directory)", async () => {
      // Pairs 1 ms apart: the second of each reuses the directory the first loaded (TTL 2 s).
      const seen: unknown[] = [];
      for (const time of [T0 + HOUR - 1, T0 + HOUR, T0 + 2 * HOUR - 1, T0 + 2 * HOUR]) {
        world.clock.set(time);
        seen.push((await approversOf(lead1, { key: "cached" })).assignees);
      }
      expect(seen).toEqual([who("lead"), who("deputy"), who("deputy"), who("lead")]);
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
      await engine.delegations.add(ws, {
        userId: p.rep!,
        delegateId: p.deputy!,
        startsAt: T0,
        endsAt: T0 + 9 * HOUR,
        formKey: "ticket",
      });
      clock.set(T0 + 3 * HOUR);
      const specs: ApproverSpec[] = [
        { kind: "user", userId: p.director! },
        { kind: "user", userId: p.vp! },
        { kind: "user", userId: p.rep! },
      ];
      // Flows on the account form: the director's (other flow) and the rep's (ticket form)
      // delegations do not apply, the vp's (account form) does.
      expect((await approversOf(specs)).assignees).toEqual(who("director", "deputy", "rep"));
      // In "other-flow" the director's applies too; the deputy counts once.
      const other = await approversOf(specs, { key: "other-flow" });
      expect(other.assignees).toEqual(who("deputy", "rep"));
      // One task, in place of both: the history names each.
      const history = await engine.instances.history(ws, other.instance.id);
      const onBehalfOf = history
        .filter((h) => h.kind === "task.delegated")
        .map((h) => (h.data as { onBehalfOf: string }).onBehalfOf);
      expect(onBehalfOf).toEqual(who("director", "vp"));
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
}
