/**
 * @module schemas/api/jobs
 * Bodies of the jobs routes of the HTTP API: starting a CSV import of records or an evaluate-all
 * of a tier model, and a job as it is read (status, progress, the exact result so far).
 */
import { SCHEMA_BASE } from "../common/ids.ts";
import { KEY_PATTERN } from "../flow/parts.ts";
import { templateInstallResult } from "./templates.schema.ts";

const key = (title: string, description: string) =>
  ({ type: "string", pattern: KEY_PATTERN, maxLength: 100, title, description }) as const;

/** POST /jobs/record-import (JSON variant; `text/csv` with `?form=` is the other). */
export const recordImportSchema = {
  $id: `${SCHEMA_BASE}api/job-record-import.json`,
  title: "Import records from CSV",
  description:
    "Queues a CSV import of records of a form: the header row names field paths, each row " +
    "becomes a record owned by the caller. The same request can send the file itself as " +
    "`text/csv` with `?form=` (and `?allOrNothing=true`).",
  type: "object",
  additionalProperties: false,
  required: ["form", "csv"],
  properties: {
    form: key("Form", "Key of the form the rows are records of."),
    csv: {
      type: "string",
      maxLength: 1_048_576,
      title: "CSV",
      description:
        "RFC 4180 text: a header row of field paths, then one row per record (quoted cells may hold commas and line breaks).",
    },
    allOrNothing: {
      type: "boolean",
      title: "All or nothing",
      description:
        "Import every row in one transaction, or none when any row is refused (default false: good rows are imported, refused ones reported).",
    },
  },
} as const;

/** POST /jobs/evaluate-all */
export const evaluateAllSchema = {
  $id: `${SCHEMA_BASE}api/job-evaluate-all.json`,
  title: "Evaluate a tier model for every record",
  description:
    "Queues the re-evaluation of a published tier model for every record of its form; tier changes are recorded and fire tier.changed triggers.",
  type: "object",
  additionalProperties: false,
  required: ["model"],
  properties: { model: key("Model", "Key of the published tier model.") },
} as const;

// ── Answers (open objects: the members listed are required with their types) ──

const str = { type: "string" } as const;
const int = { type: "integer", minimum: 0 } as const;
const nullable = (schema: object) => ({ anyOf: [schema, { type: "null" }] }) as const;
const list = (items: object) => ({ type: "array", items }) as const;

const issue = {
  type: "object",
  required: ["code", "pointer", "message"],
  properties: { code: str, pointer: str, message: str },
} as const;

const ranges = {
  type: "array",
  description: "Inclusive ranges [first, last] of the lines the rows start on.",
  items: { type: "array", items: int, minItems: 2, maxItems: 2 },
} as const;

const importResult = {
  type: "object",
  title: "Import result",
  required: ["imported", "failed", "importedLines", "failedLines", "errors", "errorsTruncated"],
  properties: {
    imported: int,
    failed: int,
    importedLines: ranges,
    failedLines: ranges,
    errors: list({
      type: "object",
      required: ["line", "issues"],
      properties: { line: int, issues: list(issue) },
    }),
    errorsTruncated: { type: "boolean" },
  },
} as const;

const evaluateAllResult = {
  type: "object",
  title: "Evaluate-all result",
  required: ["evaluated", "changed", "failed", "errors", "errorsTruncated"],
  properties: {
    evaluated: int,
    changed: int,
    failed: int,
    errors: list({
      type: "object",
      required: ["recordId", "issues"],
      properties: { recordId: str, issues: list(issue) },
    }),
    errorsTruncated: { type: "boolean" },
  },
} as const;

/** A job. */
export const jobSchema = {
  $id: `${SCHEMA_BASE}api/job.json`,
  title: "Job",
  description:
    "Long work done in chunks: its status, progress (done of total) and what it did so far — committed with every chunk, so exact even after a crash or a cancel.",
  type: "object",
  required: [
    "id",
    "kind",
    "status",
    "done",
    "total",
    "params",
    "result",
    "error",
    "createdBy",
    "createdAt",
    "updatedAt",
    "completedAt",
  ],
  properties: {
    id: str,
    kind: { enum: ["record-import", "evaluate-all", "template-install"] },
    status: { enum: ["queued", "running", "succeeded", "failed", "cancelled"] },
    done: int,
    total: nullable(int),
    params: {
      type: "object",
      description:
        "What it was asked: form and allOrNothing; model; or pack, version, policy and sampleData.",
    },
    result: {
      anyOf: [importResult, evaluateAllResult, templateInstallResult, { type: "null" }],
    },
    error: nullable(issue),
    attempts: int,
    createdBy: nullable(str),
    createdAt: int,
    updatedAt: int,
    completedAt: nullable(int),
  },
} as const;

/** `{ job }`. */
export const jobReplySchema = {
  $id: `${SCHEMA_BASE}api/job-reply.json`,
  title: "Job reply",
  description: "A job.",
  type: "object",
  required: ["job"],
  properties: { job: { $ref: `${SCHEMA_BASE}api/job.json` } },
} as const;

/** GET /jobs. */
export const jobListSchema = {
  $id: `${SCHEMA_BASE}api/job-list.json`,
  title: "Job list",
  description: "A page of jobs, newest first, and the cursor of the next page (null on the last).",
  type: "object",
  required: ["items", "nextCursor"],
  properties: {
    items: list({ $ref: `${SCHEMA_BASE}api/job.json` }),
    nextCursor: nullable(str),
  },
} as const;

/** Every schema of this module, registered in schemas/schema-list. */
export const jobsApiSchemas = [
  recordImportSchema,
  evaluateAllSchema,
  jobSchema,
  jobReplySchema,
  jobListSchema,
] as const;
