import { describe, expect, it } from "vitest";
import { manualClock } from "../../engine/ports.ts";
import type { ChangeListener, EngineChange } from "../../engine/runtime/changes.ts";
import { createInboxCache, inboxBody } from "./inbox-cache.ts";

/** A change feed to tell changes by hand, and a loader counting its queries. */
function world(ttlMs = 2000) {
  const listeners = new Set<ChangeListener>();
  const engine = {
    changes: {
      subscribe: (listener: ChangeListener) => {
        listeners.add(listener);
        return () => listeners.delete(listener);
      },
    },
  };
  const tell = (change: EngineChange) => {
    for (const listener of listeners) listener(change);
  };
  const clock = manualClock(0);
  const rows = new Map<string, string[]>();
  let queries = 0;
  let gate: Promise<void> | undefined;
  const load = async (ws: string, user: string) => {
    queries++;
    const snapshot = [...(rows.get(`${ws}/${user}`) ?? [])];
    await gate;
    return snapshot;
  };
  const cache = createInboxCache(engine, clock, load, ttlMs);
  return {
    cache,
    clock,
    tell,
    rows,
    queries: () => queries,
    hold: () => {
      let release = () => {};
      gate = new Promise<void>((r) => {
        release = r;
      });
      return () => {
        gate = undefined;
        release();
      };
    },
  };
}

const taskChanged = (workspaceId: string): EngineChange => ({
  type: "task.changed",
  workspaceId,
  taskId: "t",
  instanceId: "i",
  change: "created",
  holders: ["u1"],
});

describe("inbox cache", () => {
  it("serves the serialized inbox, with an ETag, without a second query", async () => {
    const w = world();
    w.rows.set("w1/u1", ["a"]);
    const first = await w.cache.get("w1", "u1");
    expect(first).toEqual(inboxBody(["a"]));
    expect(JSON.parse(first.json)).toEqual({ items: ["a"] });
    await w.cache.get("w1", "u1");
    expect(w.queries()).toBe(1);
  });

  it("drops a workspace's inboxes on a task change or a step there, not elsewhere", async () => {
    const w = world();
    await w.cache.get("w1", "u1");
    await w.cache.get("w2", "u1");
    w.rows.set("w1/u1", ["new"]);
    w.tell(taskChanged("w1"));
    expect(JSON.parse((await w.cache.get("w1", "u1")).json).items).toEqual(["new"]);
    await w.cache.get("w2", "u1");
    expect(w.queries()).toBe(3);
    w.tell({
      type: "instance.step",
      workspaceId: "w1",
      instanceId: "i",
      flowKey: "f",
      status: "running",
      initiatorId: null,
      recordId: null,
      event: "timer.fired",
    });
    await w.cache.get("w1", "u1");
    expect(w.queries()).toBe(4);
  });

  it("queries again once the TTL has passed (another process's changes)", async () => {
    const w = world(2000);
    await w.cache.get("w1", "u1");
    w.clock.advance(1999);
    await w.cache.get("w1", "u1");
    expect(w.queries()).toBe(1);
    w.clock.advance(1);
    await w.cache.get("w1", "u1");
    expect(w.queries()).toBe(2);
  });

  it("shares one query among concurrent readers, and does not keep one a change overtook", async () => {
    const w = world();
    const release = w.hold();
    const a = w.cache.get("w1", "u1");
    const b = w.cache.get("w1", "u1");
    expect(w.queries()).toBe(1);
    // A task is created while the query runs: its answer may predate the task.
    w.rows.set("w1/u1", ["created"]);
    w.tell(taskChanged("w1"));
    const c = w.cache.get("w1", "u1");
    expect(w.queries()).toBe(2);
    release();
    expect(JSON.parse((await a).json).items).toEqual([]);
    expect(await b).toBe(await a);
    expect(JSON.parse((await c).json).items).toEqual(["created"]);
    // The overtaken answer was not kept; the later one was.
    expect(JSON.parse((await w.cache.get("w1", "u1")).json).items).toEqual(["created"]);
    expect(w.queries()).toBe(2);
  });
});

describe("inbox cache bound", () => {
  it("drops the oldest inboxes past its size in characters", async () => {
    const engine = { changes: { subscribe: () => () => true } };
    let queries = 0;
    const load = async () => {
      queries++;
      return ["x".repeat(100)];
    };
    const cache = createInboxCache(engine, manualClock(0), load, 2000, 250);
    await cache.get("w1", "a");
    await cache.get("w2", "b");
    await cache.get("w2", "c"); // over 250 characters: w1's inbox goes
    expect(queries).toBe(3);
    await cache.get("w2", "b");
    await cache.get("w2", "c");
    expect(queries).toBe(3);
    await cache.get("w1", "a");
    expect(queries).toBe(4);
  });
});
