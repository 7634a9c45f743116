/**
 * @module schemas/api/requests
 * Bodies of the HTTP API's requests (`/api/v1`). The server validates every body against these
 * before it acts, and the OpenAPI document is generated from them, so the two cannot drift.
 */
import { SCHEMA_BASE } from "../common/ids.ts";

const id = (title: string, description: string) =>
  ({ type: "string", minLength: 1, maxLength: 128, title, description }) as const;

const comment = {
  type: "string",
  maxLength: 2000,
  title: "Comment",
  description: "Free text recorded in the history with the action.",
} as const;

const data = {
  type: "object",
  title: "Data",
  description:
    "Field values entered, keyed by field path; only fields the step allows are written.",
} as const;

/** POST /auth/login */
export const loginRequestSchema = {
  $id: `${SCHEMA_BASE}api/login-request.json`,
  title: "Login request",
  description:
    "Signs in with an e-mail and password; the workspace is needed only when the e-mail is in several.",
  type: "object",
  additionalProperties: false,
  required: ["email", "password"],
  properties: {
    email: {
      type: "string",
      minLength: 3,
      maxLength: 254,
      title: "E-mail",
      description: "The user's e-mail.",
    },
    password: {
      type: "string",
      minLength: 1,
      maxLength: 1024,
      title: "Password",
      description: "The user's password.",
    },
    workspaceId: id("Workspace", "The workspace to sign in to."),
  },
} as const;

/** POST /auth/tokens */
export const tokenRequestSchema = {
  $id: `${SCHEMA_BASE}api/token-request.json`,
  title: "API token request",
  description: "Creates an API token acting as the caller, for an integration.",
  type: "object",
  additionalProperties: false,
  required: ["name"],
  properties: {
    name: {
      type: "string",
      minLength: 1,
      maxLength: 100,
      title: "Name",
      description: "What the token is for.",
    },
  },
} as const;

/** POST /tasks/:id/complete, /approve, /reject, /return */
export const taskDecisionSchema = {
  $id: `${SCHEMA_BASE}api/task-decision.json`,
  title: "Task decision",
  description: "Completes a task: the form data entered and a comment; `returnTo` for a return.",
  type: "object",
  additionalProperties: false,
  properties: {
    data,
    comment,
    returnTo: id("Return to", "With /return: the earlier node the request goes back to."),
    expectedVersion: {
      type: "integer",
      minimum: 1,
      title: "Expected version",
      description: "The task version the caller saw; a newer one answers 409.",
    },
  },
} as const;

/** POST /tasks/:id/transfer */
export const taskTransferSchema = {
  $id: `${SCHEMA_BASE}api/task-transfer.json`,
  title: "Task transfer",
  description: "Hands the task to another active user (转交).",
  type: "object",
  additionalProperties: false,
  required: ["to"],
  properties: { to: id("To", "The user who takes the task over."), comment },
} as const;

/** POST /tasks/:id/signers */
export const taskSignersSchema = {
  $id: `${SCHEMA_BASE}api/task-signers.json`,
  title: "Add signers",
  description: "Adds signers before or after the approver (加签).",
  type: "object",
  additionalProperties: false,
  required: ["position", "users"],
  properties: {
    position: {
      type: "string",
      enum: ["before", "after"],
      title: "Position",
      description:
        "`before`: they decide first; `after`: this is your approval, which stands once they approve.",
    },
    users: {
      type: "array",
      minItems: 1,
      maxItems: 20,
      uniqueItems: true,
      items: id("User", "A signer."),
      title: "Users",
      description: "The signers.",
    },
    comment,
  },
} as const;

/** POST /tasks/:id/waiting */
export const taskWaitingSchema = {
  $id: `${SCHEMA_BASE}api/task-waiting.json`,
  title: "Waiting for customer",
  description: "Pauses (true) or resumes (false) the task's SLA clock.",
  type: "object",
  additionalProperties: false,
  required: ["waiting"],
  properties: {
    waiting: {
      type: "boolean",
      title: "Waiting",
      description: "True pauses the clock, false resumes it.",
    },
    reason: { type: "string", maxLength: 500, title: "Reason", description: "Why the task waits." },
  },
} as const;

/** POST /tasks/bulk-approve */
export const bulkApproveSchema = {
  $id: `${SCHEMA_BASE}api/bulk-approve.json`,
  title: "Bulk approve",
  description: "Approves the selected tasks, each on its own; the answer has a result per task.",
  type: "object",
  additionalProperties: false,
  required: ["taskIds"],
  properties: {
    taskIds: {
      type: "array",
      minItems: 1,
      maxItems: 200,
      uniqueItems: true,
      items: id("Task", "A task to approve."),
      title: "Tasks",
      description: "The tasks to approve.",
    },
    comment,
  },
} as const;

/** POST /instances */
export const startInstanceSchema = {
  $id: `${SCHEMA_BASE}api/start-instance.json`,
  title: "Start a flow",
  description: "Starts the latest published version of a manually triggered flow.",
  type: "object",
  additionalProperties: false,
  required: ["flow"],
  properties: {
    flow: id("Flow", "Key of the flow."),
    recordId: id("Record", "The record the instance runs on."),
    input: { type: "object", title: "Input", description: "Values of the flow's input variables." },
  },
} as const;

/** POST /instances/:id/comments, /withdraw, /cancel */
export const instanceNoteSchema = {
  $id: `${SCHEMA_BASE}api/instance-note.json`,
  title: "Note on a request",
  description: "A comment, or the reason for withdrawing or cancelling.",
  type: "object",
  additionalProperties: false,
  properties: {
    text: {
      type: "string",
      minLength: 1,
      maxLength: 2000,
      title: "Text",
      description: "The comment.",
    },
    reason: { type: "string", maxLength: 500, title: "Reason", description: "Why." },
    taskId: id("Task", "The task the comment is about."),
  },
} as const;

/** Every request schema, for registration and the OpenAPI document. */
export const apiRequestSchemas = [
  loginRequestSchema,
  tokenRequestSchema,
  taskDecisionSchema,
  taskTransferSchema,
  taskSignersSchema,
  taskWaitingSchema,
  bulkApproveSchema,
  startInstanceSchema,
  instanceNoteSchema,
] as const;
