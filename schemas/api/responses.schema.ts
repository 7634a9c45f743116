/**
 * @module schemas/api/responses
 * Bodies of the HTTP API's answers. The OpenAPI document shows them, and the API tests check
 * every real answer against them (server/http/response-check), so code and document agree.
 * Objects are open (new members may be added without a breaking change); the members listed are
 * required with their types.
 */
import { SCHEMA_BASE } from "../common/ids.ts";

const str = { type: "string" } as const;
const int = { type: "integer" } as const;
const nullable = (schema: object) => ({ anyOf: [schema, { type: "null" }] }) as const;
const ref = (name: string) => ({ $ref: `${SCHEMA_BASE}api/${name}.json` }) as const;

/** RFC 9457 problem. */
export const problemSchema = {
  $id: `${SCHEMA_BASE}api/problem.json`,
  title: "Problem",
  description:
    "An error (RFC 9457): what went wrong, in the caller's language, with located issues.",
  type: "object",
  required: ["type", "title", "status", "detail", "code", "issues"],
  properties: {
    type: str,
    title: str,
    status: int,
    detail: str,
    code: str,
    issues: {
      type: "array",
      items: {
        type: "object",
        required: ["code", "pointer", "message"],
        properties: { code: str, pointer: str, message: str },
      },
    },
  },
} as const;

/** A task. */
export const taskSchema = {
  $id: `${SCHEMA_BASE}api/task.json`,
  title: "Task",
  description: "A person's work item: a form task or an approver's task, with its SLA due time.",
  type: "object",
  required: [
    "id",
    "instanceId",
    "nodeId",
    "kind",
    "assigneeId",
    "candidates",
    "status",
    "version",
    "dueAt",
    "createdAt",
  ],
  properties: {
    id: str,
    instanceId: str,
    nodeId: str,
    kind: { enum: ["task", "approval"] },
    assigneeId: nullable(str),
    candidates: { type: "array", items: str },
    status: str,
    outcome: nullable(str),
    data: { type: "object" },
    version: int,
    dueAt: nullable(int),
    createdAt: int,
    completedAt: nullable(int),
    completedBy: nullable(str),
    context: nullable({
      type: "object",
      description: "With include=context (the inbox): the task's request and next SLA deadline.",
      required: ["flowKey", "flowVersion", "instanceStatus", "record", "next"],
      properties: {
        flowKey: str,
        flowVersion: int,
        flowName: {},
        nodeLabel: {},
        instanceStatus: str,
        initiatorId: nullable(str),
        startedAt: int,
        record: nullable({
          type: "object",
          required: ["id", "form", "title"],
          properties: { id: str, form: str, title: str },
        }),
        next: nullable({
          type: "object",
          required: ["at", "action", "level"],
          properties: { at: int, action: str, level: nullable(int) },
        }),
      },
    }),
  },
} as const;

/** A flow instance. */
export const instanceSchema = {
  $id: `${SCHEMA_BASE}api/instance.json`,
  title: "Instance",
  description: "A running or finished flow instance (a request) with its interpreter state.",
  type: "object",
  required: [
    "id",
    "flowKey",
    "flowVersion",
    "status",
    "state",
    "version",
    "recordId",
    "initiatorId",
    "createdAt",
  ],
  properties: {
    id: str,
    flowKey: str,
    flowVersion: int,
    status: { enum: ["running", "waiting", "completed", "cancelled", "incident"] },
    state: { type: "object" },
    version: int,
    recordId: nullable(str),
    initiatorId: nullable(str),
    createdAt: int,
    completedAt: nullable(int),
  },
} as const;

/** `{ instance }`. */
export const instanceReplySchema = {
  $id: `${SCHEMA_BASE}api/instance-reply.json`,
  title: "Instance reply",
  description: "The instance after the action.",
  type: "object",
  required: ["instance"],
  properties: { instance: ref("instance") },
} as const;

/** `{ items: Task[] }`. */
export const taskListSchema = {
  $id: `${SCHEMA_BASE}api/task-list.json`,
  title: "Task list",
  description: "Tasks, soonest due first.",
  type: "object",
  required: ["items"],
  properties: { items: { type: "array", items: ref("task") } },
} as const;

/** `{ items: Instance[] }`. */
export const instanceListSchema = {
  $id: `${SCHEMA_BASE}api/instance-list.json`,
  title: "Instance list",
  description: "Instances, newest first.",
  type: "object",
  required: ["items"],
  properties: { items: { type: "array", items: ref("instance") } },
} as const;

/** GET /instances/{id}. */
export const instanceDetailSchema = {
  $id: `${SCHEMA_BASE}api/instance-detail.json`,
  title: "Instance detail",
  description: "An instance with its full history (every decision and why) and its tasks.",
  type: "object",
  required: ["instance", "history", "tasks"],
  properties: {
    instance: ref("instance"),
    history: {
      type: "array",
      items: {
        type: "object",
        required: ["seq", "at", "kind", "nodeId", "data"],
        properties: {
          seq: int,
          at: int,
          kind: str,
          nodeId: nullable(str),
          data: { type: "object" },
        },
      },
    },
    tasks: { type: "array", items: ref("task") },
  },
} as const;

/** GET /tasks/{id}. */
export const taskViewSchema = {
  $id: `${SCHEMA_BASE}api/task-view.json`,
  title: "Task view",
  description:
    "A task with its record (fields the step hides removed), field permissions and allowed actions.",
  type: "object",
  required: ["task", "record", "fields", "actions"],
  properties: {
    task: ref("task"),
    record: nullable({
      type: "object",
      required: ["id", "form", "data"],
      properties: { id: str, form: str, data: { type: "object" } },
    }),
    fields: { type: "object", additionalProperties: str },
    actions: {
      type: "object",
      required: ["outcomes", "returnTargets", "transfer", "addSigner", "waitForCustomer"],
      properties: {
        outcomes: { type: "array", items: str },
        returnTargets: { type: "array", items: str },
        transfer: { type: "boolean" },
        addSigner: { type: "array", items: str },
        waitForCustomer: { type: "boolean" },
      },
    },
  },
} as const;

/** POST /tasks/{id}/transfer. */
export const taskReplySchema = {
  $id: `${SCHEMA_BASE}api/task-reply.json`,
  title: "Task reply",
  description: "The task after the action.",
  type: "object",
  required: ["task"],
  properties: { task: ref("task") },
} as const;

/** POST /tasks/bulk-approve. */
export const bulkResultSchema = {
  $id: `${SCHEMA_BASE}api/bulk-result.json`,
  title: "Bulk result",
  description: "One result per task: 200 and the instance status, or the problem.",
  type: "object",
  required: ["results"],
  properties: {
    results: {
      type: "array",
      items: {
        type: "object",
        required: ["taskId", "status"],
        properties: { taskId: str, status: int, instanceStatus: str, problem: ref("problem") },
      },
    },
  },
} as const;

/** A workspace by id and name (the session's and those the switcher offers). */
const workspaceRef = {
  type: "object",
  required: ["id", "name"],
  properties: { id: str, name: str },
} as const;

/** POST /auth/login, GET /auth/me. */
export const sessionSchema = {
  $id: `${SCHEMA_BASE}api/session.json`,
  title: "Session",
  description:
    "Who is signed in, where (and in which other workspaces the same e-mail may sign in), with which role, and the session's CSRF token.",
  type: "object",
  required: ["user", "workspaceId", "role"],
  properties: {
    user: { type: "object", required: ["id"], properties: { id: str, email: str, name: str } },
    workspaceId: str,
    role: { enum: ["admin", "designer", "manager", "member", "viewer"] },
    csrfToken: str,
    via: { enum: ["session", "token"] },
    workspace: workspaceRef,
    workspaces: { type: "array", items: workspaceRef },
  },
} as const;

/** API tokens. */
export const tokenListSchema = {
  $id: `${SCHEMA_BASE}api/token-list.json`,
  title: "API tokens",
  description: "The caller's API tokens, without their secrets.",
  type: "object",
  required: ["items"],
  properties: {
    items: {
      type: "array",
      items: {
        type: "object",
        required: ["id", "name", "createdAt", "revokedAt"],
        properties: {
          id: str,
          name: str,
          createdAt: int,
          lastUsedAt: nullable(int),
          revokedAt: nullable(int),
          // The secret is never listed.
          token: false,
        },
      },
    },
  },
} as const;

/** POST /auth/tokens. */
export const newTokenSchema = {
  $id: `${SCHEMA_BASE}api/new-token.json`,
  title: "New API token",
  description: "The token's id, name and secret — shown this once.",
  type: "object",
  required: ["id", "name", "token"],
  properties: { id: str, name: str, token: { type: "string", pattern: "^kam_" } },
} as const;

/** POST /instances/{id}/remind. */
export const remindResultSchema = {
  $id: `${SCHEMA_BASE}api/remind-result.json`,
  title: "Reminded",
  description: "The people reminded.",
  type: "object",
  required: ["reminded"],
  properties: { reminded: { type: "array", items: str } },
} as const;

/** Every response schema. */
export const apiResponseSchemas = [
  problemSchema,
  taskSchema,
  instanceSchema,
  instanceReplySchema,
  taskListSchema,
  instanceListSchema,
  instanceDetailSchema,
  taskViewSchema,
  taskReplySchema,
  bulkResultSchema,
  sessionSchema,
  tokenListSchema,
  newTokenSchema,
  remindResultSchema,
] as const;
