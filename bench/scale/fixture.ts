/**
 * @module bench/scale/fixture
 * What the scale-out benchmark works on, created through the engine before the servers start:
 * the API benchmark's ticket form and flow (a new ticket gives its owner a task; completing it
 * ends the flow) with one member and an API token per HTTP client, and a reminder flow that
 * waits one hour, writes its record and ends — `timers` instances of it are left waiting, so that the
 * benchmark can make all their timers fall due at one instant.
 */
import type { Engine } from "../../engine/runtime/index.ts";
import { insertApiToken, type Store } from "../../engine/store/index.ts";
import { digest, newSecret } from "../../server/auth/secrets.ts";
import { benchTicketFlow, benchTicketForm } from "../api/fixture.ts";

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
const at = (y: number) => ({ x: 0, y });

/** A reminder: a title and what was done. */
export const reminderForm = {
  kind: "form",
  key: "reminder",
  name: t("跟进提醒", "Reminder"),
  dataSchema: {
    type: "object",
    required: ["title"],
    properties: {
      title: { "x-kam-field": "text", type: "string", maxLength: 200 },
      done: { "x-kam-field": "text", type: "string", maxLength: 200 },
    },
  },
  uiSchema: {},
  rules: {},
} as const;

/** Waits an hour (an SLA's deadline, say), then writes the reminder and ends. */
export const waitingFlow = {
  kind: "flow",
  key: "follow-up",
  name: t("到期跟进", "Follow up when due"),
  form: "reminder",
  trigger: { type: "manual" },
  nodes: [
    { id: "start", type: "start", label: t("开始", "Start"), position: at(0), config: {} },
    {
      id: "wait",
      type: "wait",
      label: t("等待一小时", "Wait an hour"),
      position: at(100),
      config: { kind: "duration", duration: "PT1H" },
    },
    {
      id: "write",
      type: "action",
      label: t("记录跟进", "Record the follow-up"),
      position: at(200),
      config: { operations: [{ kind: "set-fields", fields: { done: "followed up" } }] },
    },
    {
      id: "end",
      type: "end",
      label: t("结束", "End"),
      position: at(300),
      config: { outcome: "done" },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "wait" },
    { id: "e2", source: "wait", target: "write" },
    { id: "e3", source: "write", target: "end" },
  ],
} as const;

export interface ScaleFixture {
  readonly workspaceId: string;
  /** One bearer token per HTTP client, each a different member (each completes own tasks). */
  readonly tokens: readonly string[];
}

/** Creates the workspace, `clients` members with tokens and `timers` waiting instances. */
export async function createScaleFixture(
  engine: Engine,
  store: Store,
  counts: { readonly clients: number; readonly timers: number },
): Promise<ScaleFixture> {
  const ws = await engine.workspaces.create("扩展基准 / Scale bench");
  await engine.definitions.publish(ws, benchTicketForm);
  await engine.definitions.publish(ws, benchTicketFlow);
  await engine.definitions.publish(ws, reminderForm);
  await engine.definitions.publish(ws, waitingFlow);
  const tokens: string[] = [];
  for (let i = 0; i < counts.clients; i++) {
    const id = await engine.users.create(ws, {
      email: `client${i}@scale.example`,
      name: `客户经理 ${i + 1}`,
    });
    await engine.memberships.add(ws, { userId: id, role: "member" });
    const token = newSecret("kam_");
    await insertApiToken(store.db, {
      workspaceId: ws,
      userId: id,
      name: "bench",
      tokenHash: digest(token),
      now: Date.now(),
    });
    tokens.push(token);
  }
  for (let i = 0; i < counts.timers; i++) {
    const record = await engine.records.create(ws, "reminder", { title: `到期跟进 #${i + 1}` });
    await engine.flows.start(ws, "follow-up", { recordId: record.id });
  }
  return { workspaceId: ws, tokens };
}
