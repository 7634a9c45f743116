/**
 * @module bench/api/fixture
 * What the API benchmark works on, created through the engine before the server takes load: a
 * workspace with a ticket form and a flow that gives each new ticket's owner a task; an inbox
 * user ("kam") with `inboxTasks` open tasks and a record to read; a second user ("closer") with
 * `completionTasks` open tasks to complete one per request; an API token for each (bearer
 * authentication, as integrations call the API).
 */
import type { Engine } from "../../engine/runtime/index.ts";
import { insertApiToken, type Store } from "../../engine/store/index.ts";
import { digest, newSecret } from "../../server/auth/secrets.ts";

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });

/** 服务工单: a title, a category and a resolution the task may fill in. */
export const benchTicketForm = {
  kind: "form",
  key: "ticket",
  name: t("服务工单", "Ticket"),
  dataSchema: {
    type: "object",
    required: ["title"],
    properties: {
      title: { "x-kam-field": "text", type: "string", minLength: 2, maxLength: 200 },
      category: {
        "x-kam-field": "select",
        type: "string",
        enum: ["fault", "question", "order"],
      },
      resolution: { "x-kam-field": "textarea", type: "string", maxLength: 4000 },
    },
  },
  uiSchema: { fields: { title: { label: t("标题", "Title") } } },
  rules: {},
} as const;

/** A new ticket gives its owner a task; completing it ends the flow. */
export const benchTicketFlow = {
  kind: "flow",
  key: "ticket-handling",
  name: t("工单处理", "Ticket handling"),
  form: "ticket",
  trigger: { type: "record.created", form: "ticket" },
  nodes: [
    { id: "start", type: "start", label: t("开始", "Start"), position: { x: 0, y: 0 }, config: {} },
    {
      id: "handle",
      type: "task",
      label: t("处理工单", "Handle the ticket"),
      position: { x: 0, y: 100 },
      // "each": the owner's own task, assigned to them (the default, "claim", is a pool task).
      config: {
        assignees: [{ kind: "record-owner" }],
        assignment: "each",
        fields: { resolution: "editable" },
      },
    },
    {
      id: "done",
      type: "end",
      label: t("结束", "Done"),
      position: { x: 0, y: 200 },
      config: { outcome: "resolved" },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "handle" },
    { id: "e2", source: "handle", target: "done" },
  ],
} as const;

/** Ids and tokens the load generator needs. */
export interface ApiFixture {
  readonly workspaceId: string;
  readonly kamToken: string;
  readonly closerToken: string;
  readonly closerId: string;
  /** A record of the inbox user's. */
  readonly recordId: string;
  /** The closer's open tasks, one per completion request. */
  readonly taskIds: readonly string[];
}

async function tokenFor(store: Store, workspaceId: string, userId: string): Promise<string> {
  const token = newSecret("kam_");
  await insertApiToken(store.db, {
    workspaceId,
    userId,
    name: "bench",
    tokenHash: digest(token),
    now: Date.now(),
  });
  return token;
}

/** Creates the fixture; `progress` hears how many tickets exist so far. */
export async function createFixture(
  engine: Engine,
  store: Store,
  counts: { readonly inboxTasks: number; readonly completionTasks: number },
  progress: (done: number, total: number) => void = () => {},
): Promise<ApiFixture> {
  const ws = await engine.workspaces.create("基准工作区 / Bench");
  const person = async (key: string, name: string) => {
    const id = await engine.users.create(ws, { email: `${key}@bench.example`, name });
    await engine.memberships.add(ws, { userId: id, role: "member" });
    return id;
  };
  const kam = await person("kam", "王磊");
  const closer = await person("closer", "刘洋");
  await engine.definitions.publish(ws, benchTicketForm);
  await engine.definitions.publish(ws, benchTicketFlow);

  const total = counts.inboxTasks + counts.completionTasks;
  let recordId = "";
  for (let i = 0; i < total; i++) {
    const owner = i < counts.inboxTasks ? kam : closer;
    const record = await engine.records.create(
      ws,
      "ticket",
      { title: `设备故障 #${i + 1}`, category: "fault" },
      { actor: owner, ownerId: owner },
    );
    if (i === 0) recordId = record.id;
    if ((i + 1) % 500 === 0 || i + 1 === total) progress(i + 1, total);
  }
  const tasks = await store.db
    .selectFrom("tasks")
    .select("id")
    .where("workspace_id", "=", ws)
    .where("assignee_id", "=", closer)
    .where("status", "=", "open")
    .orderBy("id")
    .execute();
  return {
    workspaceId: ws,
    kamToken: await tokenFor(store, ws, kam),
    closerToken: await tokenFor(store, ws, closer),
    closerId: closer,
    recordId,
    taskIds: tasks.map((r) => r.id),
  };
}

/** How many of the closer's tasks are completed (checked after the completion case). */
export async function completedTasks(store: Store, fixture: ApiFixture): Promise<number> {
  const row = await store.db
    .selectFrom("tasks")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("workspace_id", "=", fixture.workspaceId)
    .where("assignee_id", "=", fixture.closerId)
    .where("status", "=", "completed")
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
