/**
 * Reliability: a definition upgrade while 1,000 instances wait on version 1, on SQLite and
 * PostgreSQL. Version 2 changes the flow (another outcome, an extra step). Every instance started
 * before the upgrade finishes on version 1 — its own path and outcome — and every instance
 * started after it runs version 2. Counted in the database.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { manualClock } from "../../engine/ports.ts";
import { createEngine, type Engine } from "../../engine/runtime/index.ts";
import type { Store } from "../../engine/store/index.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { count, recordFigure } from "./figures.ts";

const RUNNING = 1000;
const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
const at = (y: number) => ({ x: 0, y });

const form = {
  kind: "form",
  key: "request",
  name: t("申请", "Request"),
  dataSchema: {
    type: "object",
    required: ["title"],
    properties: { title: { "x-kam-field": "text", type: "string", maxLength: 100 } },
  },
  uiSchema: {},
  rules: {},
};

/** v1: start → review → end("v1-done"); v2 adds a second review and ends "v2-done". */
function flow(version: 1 | 2) {
  const review = (id: string, y: number) => ({
    id,
    type: "task",
    label: t("审核", "Review"),
    position: at(y),
    config: { assignees: [{ kind: "user", userId: "{{reviewer}}" }] },
  });
  const nodes = [
    { id: "start", type: "start", label: t("开始", "Start"), position: at(0), config: {} },
    review("review", 100),
    ...(version === 2 ? [review("second", 200)] : []),
    {
      id: "end",
      type: "end",
      label: t("结束", "End"),
      position: at(300),
      config: { outcome: `v${version}-done` },
    },
  ];
  const edges =
    version === 1
      ? [
          { id: "e1", source: "start", target: "review" },
          { id: "e2", source: "review", target: "end" },
        ]
      : [
          { id: "e1", source: "start", target: "review" },
          { id: "e2", source: "review", target: "second" },
          { id: "e3", source: "second", target: "end" },
        ];
  return {
    kind: "flow",
    key: "upgrade",
    name: t("升级", "Upgrade"),
    form: "request",
    trigger: { type: "manual" },
    nodes,
    edges,
  };
}

for (const database of testDatabases()) {
  describe(`definition upgrade under load on ${database.name}`, () => {
    let store: Store;
    let engine: Engine;
    let ws: string;
    let reviewer: string;

    beforeAll(async () => {
      store = await database.open();
      engine = createEngine({ store, clock: manualClock(Date.UTC(2026, 11, 7)) });
      ws = await engine.workspaces.create("升级测试");
      reviewer = await engine.users.create(ws, { email: "r@acme.cn", name: "审核人" });
      await engine.definitions.publish(ws, form);
    }, 60_000);
    afterAll(() => store?.close());

    const withReviewer = (version: 1 | 2) =>
      JSON.parse(JSON.stringify(flow(version)).replaceAll("{{reviewer}}", reviewer));

    const completeAll = async () => {
      for (;;) {
        const open = await engine.tasks.inbox(ws, reviewer);
        if (open.length === 0) return;
        for (const task of open)
          await engine.tasks.complete({
            workspaceId: ws,
            taskId: task.id,
            actor: reviewer,
            outcome: "complete",
          });
      }
    };

    it(`${RUNNING} instances on v1 finish on v1 after v2 is published; new ones run v2`, async () => {
      await engine.definitions.publish(ws, withReviewer(1));
      const before: string[] = [];
      for (let i = 0; i < RUNNING; i++) {
        const record = await engine.records.create(ws, "request", { title: `申请 ${i}` });
        before.push((await engine.flows.start(ws, "upgrade", { recordId: record.id })).id);
      }
      await engine.definitions.publish(ws, withReviewer(2));
      const after: string[] = [];
      for (let i = 0; i < 10; i++) {
        const record = await engine.records.create(ws, "request", { title: `新申请 ${i}` });
        after.push((await engine.flows.start(ws, "upgrade", { recordId: record.id })).id);
      }
      await completeAll();

      const rows = await store.db
        .selectFrom("flow_instances")
        .select(["id", "flow_version", "status"])
        .where("workspace_id", "=", ws)
        .execute();
      const byId = new Map(rows.map((r) => [r.id, r]));
      // Each instance's outcome, from its history (jsonb on PostgreSQL, text on SQLite).
      const completed = await store.db
        .selectFrom("instance_history")
        .select(["instance_id", "data"])
        .where("workspace_id", "=", ws)
        .where("kind", "=", "instance.completed")
        .execute();
      const parsed = (data: unknown) =>
        (typeof data === "string" ? JSON.parse(data) : data) as { outcome?: string };
      const outcomes = new Map(completed.map((e) => [e.instance_id, parsed(e.data).outcome]));
      const outcome = (id: string) => outcomes.get(id);
      const old = before.map((id) => byId.get(id));
      expect(old.every((r) => r?.flow_version === 1 && r.status === "completed")).toBe(true);
      expect(new Set(before.map(outcome))).toEqual(new Set(["v1-done"]));
      const fresh = after.map((id) => byId.get(id));
      expect(fresh.every((r) => r?.flow_version === 2 && r.status === "completed")).toBe(true);
      expect(new Set(after.map(outcome))).toEqual(new Set(["v2-done"]));
      // The second review exists only in version 2's runs.
      const seconds = await store.db
        .selectFrom("tasks")
        .select(["instance_id"])
        .where("workspace_id", "=", ws)
        .where("node_id", "=", "second")
        .execute();
      expect(new Set(seconds.map((s) => s.instance_id))).toEqual(new Set(after));
      recordFigure({
        id: "R6",
        test: "definition upgrade with instances in flight",
        backend: database.name,
        size: `${count(RUNNING)} instances on v1, ${after.length} new`,
        figures: {
          "finished on v1": `${old.length}/${RUNNING}`,
          "new on v2": `${fresh.length}/${after.length}`,
        },
      });
    });
  });
}
