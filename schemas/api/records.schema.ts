/**
 * @module schemas/api/records
 * Bodies of the definitions and records routes of the HTTP API. The server validates every body
 * against these before it acts, and the OpenAPI document is generated from them.
 */
import { SCHEMA_BASE } from "../common/ids.ts";

const id = (title: string, description: string) =>
  ({ type: "string", minLength: 1, maxLength: 128, title, description }) as const;

const note = {
  type: "string",
  maxLength: 2000,
  title: "Note",
  description: "What changed and why, kept with the version.",
} as const;

/** A definition document: the kind and key are required here, the rest is checked in full later. */
const document = {
  type: "object",
  required: ["kind", "key"],
  properties: {
    kind: {
      type: "string",
      enum: ["form", "tier-model", "flow"],
      title: "Kind",
      description: "form, tier-model or flow.",
    },
    key: {
      type: "string",
      minLength: 1,
      maxLength: 100,
      title: "Key",
      description: "The definition's stable key.",
    },
  },
  title: "Document",
  description: "The definition document (a form, tier model or flow), as the designer edits it.",
} as const;

/** POST /definitions */
export const definitionPublishSchema = {
  $id: `${SCHEMA_BASE}api/definition-publish.json`,
  title: "Publish a definition",
  description:
    "Validates a definition document in full and publishes it as the next version of its key.",
  type: "object",
  additionalProperties: false,
  required: ["document"],
  properties: { document, note },
} as const;

/** POST /definitions/validate */
export const definitionValidateSchema = {
  $id: `${SCHEMA_BASE}api/definition-validate.json`,
  title: "Validate a definition",
  description:
    "Checks a definition document in full against the workspace without saving it; the answer lists every issue.",
  type: "object",
  additionalProperties: false,
  required: ["document"],
  properties: {
    document: {
      type: "object",
      title: "Document",
      description: "The definition document to check (its kind says which checks apply).",
    },
  },
} as const;

/** PUT /definitions/:kind/:key/draft */
export const definitionDraftSchema = {
  $id: `${SCHEMA_BASE}api/definition-draft.json`,
  title: "Save a draft",
  description:
    "Creates or replaces the draft of a definition key; its kind and key must be those of the path. Drafts may be invalid.",
  type: "object",
  additionalProperties: false,
  required: ["document"],
  properties: { document, note },
} as const;

/** POST /definitions/tier-preview */
export const tierPreviewSchema = {
  $id: `${SCHEMA_BASE}api/tier-preview.json`,
  title: "Tier model what-if preview",
  description:
    "Evaluates a draft tier model against every current record of its form without writing anything.",
  type: "object",
  additionalProperties: false,
  required: ["model"],
  properties: {
    model: {
      type: "object",
      title: "Model",
      description: "The draft tier model document.",
    },
    samplesPerCell: {
      type: "integer",
      minimum: 0,
      maximum: 50,
      title: "Samples per cell",
      description: "Record ids kept per from→to cell (default 5).",
    },
  },
} as const;

const data = {
  type: "object",
  title: "Data",
  description: "Field values, validated by the form's latest published version.",
} as const;

/** POST /records */
export const recordCreateSchema = {
  $id: `${SCHEMA_BASE}api/record-create.json`,
  title: "Create a record",
  description: "Creates a record of a form.",
  type: "object",
  additionalProperties: false,
  required: ["form", "data"],
  properties: {
    form: id("Form", "Key of the form."),
    data,
    ownerId: id("Owner", "The record's owner (default: the caller)."),
    teamId: id("Team", "The record's team (default: the caller's first team)."),
  },
} as const;

/** PATCH /records/:id */
export const recordPatchSchema = {
  $id: `${SCHEMA_BASE}api/record-patch.json`,
  title: "Patch a record",
  description:
    "Changes fields of a record: keys are dotted field paths, values replace what is there. Send If-Match with the version read.",
  type: "object",
  additionalProperties: false,
  required: ["data"],
  properties: {
    data: {
      type: "object",
      minProperties: 1,
      title: "Data",
      description: "Field path → new value; the result is validated by the form.",
    },
  },
} as const;

// ── Answers (open objects: the members listed are required with their types) ──

const str = { type: "string" } as const;
const int = { type: "integer" } as const;
const nullable = (schema: object) => ({ anyOf: [schema, { type: "null" }] }) as const;
const ref = (name: string) => ({ $ref: `${SCHEMA_BASE}api/${name}.json` }) as const;
const list = (items: object) => ({ type: "array", items }) as const;

const summaryProperties = {
  id: str,
  kind: str,
  key: str,
  version: int,
  status: { enum: ["draft", "published", "archived"] },
  name: {},
  checksum: str,
  note: nullable(str),
  createdBy: nullable(str),
  createdAt: int,
  publishedAt: nullable(int),
} as const;
const summaryRequired = ["id", "kind", "key", "version", "status", "checksum", "createdAt"];

/** A definition version without its body. */
export const definitionSummarySchema = {
  $id: `${SCHEMA_BASE}api/definition-summary.json`,
  title: "Definition version",
  description: "One version of a definition key, without its body.",
  type: "object",
  required: summaryRequired,
  properties: summaryProperties,
} as const;

/** A definition version with its body. */
export const definitionSchema = {
  $id: `${SCHEMA_BASE}api/definition.json`,
  title: "Definition",
  description: "One version of a definition key with its document.",
  type: "object",
  required: [...summaryRequired, "body"],
  properties: { ...summaryProperties, body: { type: "object" } },
} as const;

/** `{ definition }`. */
export const definitionReplySchema = {
  $id: `${SCHEMA_BASE}api/definition-reply.json`,
  title: "Definition reply",
  description: "A definition version.",
  type: "object",
  required: ["definition"],
  properties: { definition: ref("definition") },
} as const;

/** GET /definitions. */
export const definitionListSchema = {
  $id: `${SCHEMA_BASE}api/definition-list.json`,
  title: "Definition list",
  description:
    "The latest version of each key, with its latest published and draft version numbers.",
  type: "object",
  required: ["items"],
  properties: {
    items: list({
      type: "object",
      required: [...summaryRequired, "published", "draft"],
      properties: { ...summaryProperties, published: nullable(int), draft: nullable(int) },
    }),
  },
} as const;

/** GET /definitions/{kind}/{key}. */
export const definitionVersionsSchema = {
  $id: `${SCHEMA_BASE}api/definition-versions.json`,
  title: "Definition versions",
  description: "Every version of a key, oldest first.",
  type: "object",
  required: ["kind", "key", "versions"],
  properties: { kind: str, key: str, versions: list(ref("definition-summary")) },
} as const;

const issues = list({
  type: "object",
  required: ["code", "pointer", "message"],
  properties: { code: str, pointer: str, message: str, nodeId: str },
});

/** POST /definitions/validate. */
export const definitionCheckSchema = {
  $id: `${SCHEMA_BASE}api/definition-check.json`,
  title: "Definition check",
  description: "Whether a document is valid, with every issue and warning located by a pointer.",
  type: "object",
  required: ["valid", "issues", "warnings"],
  properties: { valid: { type: "boolean" }, issues, warnings: issues },
} as const;

/** PUT /definitions/{kind}/{key}/draft. */
export const draftReplySchema = {
  $id: `${SCHEMA_BASE}api/draft-reply.json`,
  title: "Draft reply",
  description: "The saved draft, and whether it could be published as it is.",
  type: "object",
  required: ["definition", "valid", "issues", "warnings"],
  properties: {
    definition: ref("definition"),
    valid: { type: "boolean" },
    issues,
    warnings: issues,
  },
} as const;

/** GET /definitions/{kind}/{key}/diff. */
export const definitionDiffSchema = {
  $id: `${SCHEMA_BASE}api/definition-diff.json`,
  title: "Definition diff",
  description: "JSON pointers added, removed and changed from one version to another.",
  type: "object",
  required: ["from", "to", "added", "removed", "changed"],
  properties: {
    from: int,
    to: int,
    added: list(str),
    removed: list(str),
    changed: list(str),
  },
} as const;

const tierCount = {
  type: "object",
  required: ["tier", "count"],
  properties: { tier: nullable(str), count: int },
} as const;

/** POST /definitions/tier-preview. */
export const tierPreviewReplySchema = {
  $id: `${SCHEMA_BASE}api/tier-preview-reply.json`,
  title: "Tier preview",
  description:
    "From → to transitions against the tiers in force, the new and current distributions.",
  type: "object",
  required: ["preview"],
  properties: {
    preview: {
      type: "object",
      required: ["total", "changed", "tiers", "transitions", "distribution", "currentDistribution"],
      properties: {
        total: int,
        changed: int,
        tiers: list(nullable(str)),
        transitions: list({
          type: "object",
          required: ["from", "to", "count", "sampleIds"],
          properties: { from: nullable(str), to: nullable(str), count: int, sampleIds: list(str) },
        }),
        distribution: list(tierCount),
        currentDistribution: list(tierCount),
      },
    },
  },
} as const;

/** A record. */
export const recordSchema = {
  $id: `${SCHEMA_BASE}api/record.json`,
  title: "Record",
  description: "A record of a form: its data, version (the ETag), owner and team.",
  type: "object",
  required: ["id", "form", "data", "version", "ownerId", "teamId", "createdAt", "updatedAt"],
  properties: {
    id: str,
    form: str,
    data: { type: "object" },
    version: int,
    ownerId: nullable(str),
    teamId: nullable(str),
    createdBy: nullable(str),
    createdAt: int,
    updatedAt: int,
    tiers: {
      type: "object",
      description:
        "Lists with include=tiers: the record's standing per tier model (key), absent where never rated.",
      additionalProperties: {
        type: "object",
        required: ["tier", "score", "previous", "changedAt"],
        properties: {
          tier: str,
          score: nullable({ type: "number" }),
          previous: nullable(str),
          changedAt: nullable(int),
        },
      },
    },
  },
} as const;

/** `{ record }`. */
export const recordReplySchema = {
  $id: `${SCHEMA_BASE}api/record-reply.json`,
  title: "Record reply",
  description: "A record.",
  type: "object",
  required: ["record"],
  properties: { record: ref("record") },
} as const;

/** GET /records. */
export const recordListSchema = {
  $id: `${SCHEMA_BASE}api/record-list.json`,
  title: "Record list",
  description: "A page of records, and the cursor of the next page (null on the last).",
  type: "object",
  required: ["items", "nextCursor"],
  properties: { items: list(ref("record")), nextCursor: nullable(str) },
} as const;

/** GET /records/{id}/tiers. */
export const recordTiersSchema = {
  $id: `${SCHEMA_BASE}api/record-tiers.json`,
  title: "Record tiers",
  description:
    "A record's tier per model (in force, evaluated, override) and the history of changes.",
  type: "object",
  required: ["assignments", "history"],
  properties: {
    assignments: list({
      type: "object",
      required: ["modelKey", "modelVersion", "tier", "evaluatedTier", "score", "override"],
      properties: {
        modelKey: str,
        modelVersion: int,
        tier: str,
        evaluatedTier: str,
        score: nullable({ type: "number" }),
        override: nullable({ type: "object" }),
        assignedAt: int,
      },
    }),
    history: list({
      type: "object",
      required: ["modelKey", "from", "to", "cause", "at"],
      properties: { modelKey: str, from: nullable(str), to: str, cause: str, at: int },
    }),
  },
} as const;

/** GET /records/{id}/timeline. */
export const recordTimelineSchema = {
  $id: `${SCHEMA_BASE}api/record-timeline.json`,
  title: "Record timeline",
  description:
    "What happened to a record, newest first: tier changes, flows started and ended on it, their tasks and steps, and records that refer to it.",
  type: "object",
  required: ["items"],
  properties: {
    items: list({
      type: "object",
      required: ["at", "kind"],
      properties: {
        at: int,
        kind: {
          enum: [
            "record.created",
            "tier.changed",
            "instance.started",
            "instance.ended",
            "task.created",
            "task.completed",
            "step",
            "related.created",
          ],
        },
        instanceId: str,
        flowKey: str,
        flowName: {
          description: "The flow's name (zh-CN and en) in the version the instance runs",
        },
        nodeLabel: { description: "The step's label (zh-CN and en)" },
        status: str,
        nodeId: nullable(str),
        taskId: str,
        assigneeId: nullable(str),
        actorId: nullable(str),
        outcome: nullable(str),
        step: str,
        model: str,
        from: nullable(str),
        to: str,
        cause: str,
        reason: nullable(str),
        recordId: str,
        form: str,
        title: str,
      },
    }),
  },
} as const;

/** GET /records/{id}/related. */
export const recordRelatedSchema = {
  $id: `${SCHEMA_BASE}api/record-related.json`,
  title: "Related records",
  description:
    "Records that refer to this one through a reference field of their form, by form and field (the caller's visible ones).",
  type: "object",
  required: ["groups"],
  properties: {
    groups: list({
      type: "object",
      required: ["form", "field", "items", "more"],
      properties: {
        form: str,
        field: str,
        items: list(ref("record")),
        more: { type: "boolean" },
      },
    }),
  },
} as const;

/** Every schema of this module, registered in schemas/schema-list. */
export const recordApiSchemas = [
  definitionPublishSchema,
  definitionValidateSchema,
  definitionDraftSchema,
  tierPreviewSchema,
  recordCreateSchema,
  recordPatchSchema,
  definitionSummarySchema,
  definitionSchema,
  definitionReplySchema,
  definitionListSchema,
  definitionVersionsSchema,
  definitionCheckSchema,
  draftReplySchema,
  definitionDiffSchema,
  tierPreviewReplySchema,
  recordSchema,
  recordReplySchema,
  recordListSchema,
  recordTiersSchema,
  recordTimelineSchema,
  recordRelatedSchema,
] as const;
