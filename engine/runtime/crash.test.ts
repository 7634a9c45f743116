/**
 * Crash consistency on SQLite and PostgreSQL: a failure injected before any write of a step —
 * each effect, the new state, the history, the audit event — leaves the database exactly as it
 * was before the step. Then the same command, without the failure, applies whole.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../store/index.ts";
import { testDatabases } from "../store/testing/databases.ts";
import { createEngine } from "./create-engine.ts";
import { approvalFlow, type KamWorld, kamWorld } from "./testing/kam-fixture.ts";

const TABLES = [
  "flow_instances",
  "instance_history",
  "tasks",
  "timers",
  "timer_history",
  "outbox",
  "records",
  "tier_assignments",
  "tier_history",
  "audit_events",
  "idempotency_keys",
] as const;

async function snapshot(store: Store): Promise<string> {
  const tables: Record<string, unknown> = {};
  for (const table of TABLES) {
    tables[table] = await store.db.selectFrom(table).selectAll().execute();
  }
  return JSON.stringify(tables, (_k, v) => (typeof v === "bigint" ? Number(v) : v));
}

class InjectedCrash extends Error {}

for (const database of testDatabases()) {
  describe(`crash consistency on ${database.name}`, () => {
    let store: Store;
    let world: KamWorld;
    beforeEach(async () => {
      store = await database.open();
      world = await kamWorld(store);
      await world.engine.definitions.publish(world.ws, approvalFlow());
    });
    afterEach(() => store.close());

    it("a failure at any write of a step leaves the database exactly as before", async () => {
      const { engine, ws, kam, clock } = world;
      const record = await engine.records.create(
        ws,
        "ticket",
        { title: "t", amount: 50_000 },
        { actor: kam },
      );
      await engine.flows.start(ws, "ticket-approval", {
        actor: kam,
        input: { amount: 50_000 },
        recordId: record.id,
      });
      const [fill] = await engine.tasks.inbox(ws, kam);

      const points: string[] = [];
      for (let crashAt = 0; ; crashAt++) {
        let calls = 0;
        let crashedAt: string | undefined;
        const faulty = createEngine({
          store,
          clock,
          owner: "faulty",
          faults: (point) => {
            if (calls++ === crashAt) {
              crashedAt = point;
              throw new InjectedCrash(point);
            }
          },
        });
        const before = await snapshot(store);
        const failure = await faulty.tasks
          .complete({ workspaceId: ws, taskId: fill!.id, actor: kam, outcome: "complete" })
          .then(
            () => undefined,
            (error: unknown) => error,
          );
        if (failure === undefined) {
          // Every fault point was passed: the step applied whole.
          expect(crashedAt).toBeUndefined();
          break;
        }
        expect(failure).toBeInstanceOf(InjectedCrash);
        points.push(crashedAt ?? "?");
        expect(await snapshot(store), `crash at ${crashedAt}`).toBe(before);
      }
      expect(points).toEqual(
        expect.arrayContaining(["effect:task.create", "state", "history", "audit"]),
      );
      const [approval] = await engine.tasks.inbox(ws, world.director);
      expect(approval?.nodeId).toBe("approval");
    });
  });
}
