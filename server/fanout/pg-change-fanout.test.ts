import { describe, expect, it } from "vitest";
import type { EngineChange } from "../../engine/runtime/changes.ts";
import { channelOf, MAX_PAYLOAD, packChanges } from "./pg-change-fanout.ts";

const task = (i: number): EngineChange => ({
  type: "task.changed",
  workspaceId: "ws",
  taskId: `task-${i}`,
  instanceId: `instance-${i}`,
  change: "created",
  holders: ["u1", "u2"],
});

describe("packChanges", () => {
  it("packs changes into NOTIFY payloads under the limit, in order, none lost", () => {
    const changes = Array.from({ length: 400 }, (_, i) => task(i));
    const payloads = packChanges("p1", changes);
    expect(payloads.length).toBeGreaterThan(1);
    for (const payload of payloads) expect(payload.length).toBeLessThanOrEqual(MAX_PAYLOAD);
    const back = payloads.flatMap((p) => (JSON.parse(p) as { o: string; c: EngineChange[] }).c);
    expect(back).toEqual(changes);
    expect(payloads.every((p) => (JSON.parse(p) as { o: string }).o === "p1")).toBe(true);
  });

  it("sends a record change too large for one payload without its data", () => {
    const big: EngineChange = {
      type: "record.changed",
      workspaceId: "ws",
      recordId: "r1",
      form: "account",
      change: "updated",
      version: 2,
      data: { notes: "字".repeat(10_000) },
      changed: ["notes"],
      actor: "u1",
    };
    const [payload, ...rest] = packChanges("p1", [big, task(1)]);
    expect(rest).toEqual([]);
    expect(payload?.length).toBeLessThanOrEqual(MAX_PAYLOAD);
    const sent = (JSON.parse(payload ?? "{}") as { c: EngineChange[] }).c;
    expect(sent[0]).toMatchObject({ type: "record.changed", recordId: "r1", data: null });
    expect(sent[1]).toEqual(task(1));
  });

  it("leaves out a change that cannot fit alone, rather than failing the transaction", () => {
    const crowd: EngineChange = {
      ...task(9),
      holders: Array.from({ length: 2000 }, (_, i) => `user-${i}`),
    } as EngineChange;
    const payloads = packChanges("p1", [task(1), crowd, task(2)]);
    const sent = payloads.flatMap((p) => (JSON.parse(p) as { c: EngineChange[] }).c);
    expect(sent).toEqual([task(1), task(2)]);
    for (const payload of payloads) expect(payload.length).toBeLessThanOrEqual(MAX_PAYLOAD);
  });

  it("sends nothing for no changes", () => {
    expect(packChanges("p1", [])).toEqual([]);
  });
});

describe("channelOf", () => {
  it("is one channel per schema, a safe identifier of at most 63 characters", () => {
    expect(channelOf(undefined)).toBe("kamflow_changes_public");
    expect(channelOf("kamflow_t_ab12")).toBe("kamflow_changes_kamflow_t_ab12");
    expect(channelOf('x"; drop table y')).toMatch(/^[a-z0-9_]+$/);
    expect(channelOf("s".repeat(100))).toHaveLength(63);
  });
});
