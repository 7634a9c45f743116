/**
 * Reliability (R-concurrency): many people acting on the same work at once, through HTTP, on
 * SQLite and PostgreSQL.
 * - 50 clients race to complete the same 100 shared tasks, each going through all of them in its
 *   own order: every task is completed exactly once (counted in the database: one completion in
 *   its history, one step past it), every loser gets a 409, no answer is a 5xx, nothing
 *   deadlocks (the run ends), and every instance finishes.
 * - 50 clients patch the same record under the same `If-Match`: one wins, 49 get 409, and the
 *   record holds exactly the winner's change (no lost update).
 * Sizes are the issue's; the printed line is the figure for docs/RELIABILITY.md.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { type ApiWorld, type Client, signIn, startApi } from "../api/harness.ts";
import { countPerInstance } from "./counts.ts";
import { count, recordFigure } from "./figures.ts";
import { t } from "./flow-nodes.ts";

const CLIENTS = 50;
const TASKS = 100;
const at = (y: number) => ({ x: 0, y });

const ticketForm = {
  kind: "form",
  key: "ticket",
  name: t("工单", "Ticket"),
  dataSchema: {
    type: "object",
    required: ["title"],
    properties: {
      title: { "x-kam-field": "text", type: "string", maxLength: 200 },
      note: { "x-kam-field": "text", type: "string", maxLength: 200 },
    },
  },
  uiSchema: {},
  rules: {},
};
const poolFlow = {
  kind: "flow",
  key: "shared-work",
  name: t("共享任务", "Shared work"),
  form: "ticket",
  trigger: { type: "manual" },
  nodes: [
    { id: "start", type: "start", label: t("开始", "Start"), position: at(0), config: {} },
    {
      id: "work",
      type: "task",
      label: t("处理", "Work"),
      position: at(100),
      config: { assignees: [{ kind: "role", role: "desk" }] },
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
    { id: "e1", source: "start", target: "work" },
    { id: "e2", source: "work", target: "end" },
  ],
};

/** A shuffled copy (each client goes through the tasks in its own order). */
function shuffled<T>(items: readonly T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

for (const database of testDatabases()) {
  describe(`concurrent users on ${database.name}`, () => {
    let world: ApiWorld;
    let clients: Client[];
    let team: string;

    beforeAll(async () => {
      world = await startApi(database);
      const { engine, ws } = world;
      await engine.definitions.publish(ws, ticketForm);
      await engine.definitions.publish(ws, poolFlow);
      clients = [];
      team = await engine.teams.create(ws, { key: "desk", name: "服务台" });
      for (let i = 0; i < CLIENTS; i++) {
        const person = await world.addPerson(`desk${i}`, "member");
        await engine.roles.grant(ws, { userId: person.id, role: "desk" });
        await engine.memberships.add(ws, { userId: person.id, teamId: team, role: "member" });
        clients.push(await signIn(world.url, person.email));
      }
    }, 120_000);
    afterAll(() => world?.close());

    it(`${CLIENTS} clients, ${TASKS} shared tasks: each completed once, every loser a 409`, async () => {
      const { engine, ws, store } = world;
      for (let i = 0; i < TASKS; i++) {
        const record = await engine.records.create(ws, "ticket", { title: `工单 ${i}` });
        await engine.flows.start(ws, "shared-work", { recordId: record.id });
      }
      const open = (await clients[0]!.get("/api/v1/tasks")).body.items as Array<{ id: string }>;
      expect(open).toHaveLength(TASKS);
      const ids = open.map((x) => x.id);

      const statuses = new Map<number, number>();
      const wins = new Map<string, number>();
      const started = Date.now();
      await Promise.all(
        clients.map(async (client, c) => {
          for (const id of shuffled(ids, c + 1)) {
            const res = await client.post(`/api/v1/tasks/${id}/complete`, {});
            statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
            if (res.status === 200) wins.set(id, (wins.get(id) ?? 0) + 1);
          }
        }),
      );
      const ms = Date.now() - started;

      // Every task won once; everyone else refused with 409; nothing else.
      expect([...wins.values()].every((n) => n === 1)).toBe(true);
      expect(wins.size).toBe(TASKS);
      expect(Object.fromEntries(statuses)).toEqual({ 200: TASKS, 409: TASKS * (CLIENTS - 1) });

      // Counted in the database, not in answers: one completion per task, every instance done.
      const completions = await countPerInstance(store.db, ws, "task.completed");
      expect(completions).toHaveLength(TASKS);
      expect(completions.every((row) => Number(row.n) === 1)).toBe(true);
      const instances = await store.db
        .selectFrom("flow_instances")
        .select(["status"])
        .where("workspace_id", "=", ws)
        .where("flow_key", "=", "shared-work")
        .execute();
      expect(instances.map((i) => i.status)).toEqual(Array(TASKS).fill("completed"));
      recordFigure({
        id: "R5",
        test: "concurrent users complete shared tasks",
        backend: database.name,
        size: `${CLIENTS} clients × ${TASKS} tasks (${count(TASKS * CLIENTS)} attempts)`,
        figures: {
          "completed once": `${wins.size}/${TASKS}`,
          "losers 409": count(statuses.get(409) ?? 0),
          "5xx": [...statuses.keys()].filter((s) => s >= 500).length,
          "instances finished": `${instances.length}/${TASKS}`,
          ms,
        },
      });
    });

    it(`${CLIENTS} clients patch one record under one If-Match: one wins, no lost update`, async () => {
      // A record of the team, so every member may see and change it.
      const record = await world.engine.records.create(
        world.ws,
        "ticket",
        { title: "争用记录" },
        { actor: world.people.admin!.id, teamId: team },
      );
      const answers = await Promise.all(
        clients.map((client, c) =>
          client.patch(
            `/api/v1/records/${record.id}`,
            { data: { note: `client ${c}` } },
            { "if-match": `"${record.version}"` },
          ),
        ),
      );
      const won = answers.flatMap((a, c) => (a.status === 200 ? [c] : []));
      expect(won).toHaveLength(1);
      expect(answers.filter((a) => a.status === 409)).toHaveLength(CLIENTS - 1);
      const stored = await world.engine.records.get(world.ws, record.id);
      expect(stored?.version).toBe(record.version + 1);
      expect(stored?.data).toMatchObject({ note: `client ${won[0]}` });
      recordFigure({
        id: "R5",
        test: "one If-Match, many patches: no lost update",
        backend: database.name,
        size: `${CLIENTS} patches of one record`,
        figures: { winners: won.length, "losers 409": CLIENTS - 1, "lost updates": 0 },
      });
    });
  });
}
