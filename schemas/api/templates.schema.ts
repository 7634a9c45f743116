/**
 * @module schemas/api/templates
 * Bodies of the template routes of the HTTP API: the gallery of bundled packs, a pack's dry-run
 * plan, queuing an install (a `template-install` job), the packs installed in the workspace and
 * the workspace's export. An uploaded pack is an object here; it is validated in full (every
 * definition, every reference) by engine/templates/validate-pack, whose pointers the API
 * prefixes with `/pack`. Answers are open objects whose listed members are required.
 */
import { SCHEMA_BASE } from "../common/ids.ts";

/** The conflict policies of an install (runtime/template-admin). */
export const templatePolicies = ["skip", "new-version", "fail"] as const;

/** Most sample accounts one install may generate (their children scale with them). */
export const MAX_SAMPLE_ACCOUNTS = 1000;

const str = { type: "string" } as const;
const int = { type: "integer", minimum: 0 } as const;
const nullable = (schema: object) => ({ anyOf: [schema, { type: "null" }] }) as const;
const list = (items: object) => ({ type: "array", items }) as const;
const object = { type: "object" } as const;

const policy = {
  type: "string",
  enum: templatePolicies,
  title: "Conflict policy",
  description:
    "What to do with a definition the workspace changed since the pack installed it (or that " +
    "the pack never installed): skip keeps the workspace's, new-version publishes the pack's as " +
    "the next version, fail (default) refuses the whole install.",
} as const;

const sampleData = {
  type: "object",
  title: "Sample data",
  description:
    "Add the pack's sample people and records after the install, so the dashboard has data.",
  additionalProperties: false,
  required: ["accounts"],
  properties: {
    accounts: {
      type: "integer",
      minimum: 0,
      maximum: MAX_SAMPLE_ACCOUNTS,
      title: "Accounts",
      description: "Account records to generate; their child records scale with them.",
    },
  },
} as const;

const pack = {
  type: "object",
  title: "Pack",
  description:
    "A single-file template pack (what GET /templates/export writes): the manifest with its " +
    "definitions under `embedded`. Validated in full; issues point at `/pack/...`.",
} as const;

/** POST /templates/{key}/plan */
export const templatePlanRequestSchema = {
  $id: `${SCHEMA_BASE}api/template-plan-request.json`,
  title: "Plan a bundled pack's install",
  description: "The dry-run of installing a bundled pack with a conflict policy.",
  type: "object",
  additionalProperties: false,
  properties: { policy },
} as const;

/** POST /templates/{key}/install */
export const templateInstallRequestSchema = {
  $id: `${SCHEMA_BASE}api/template-install-request.json`,
  title: "Install a bundled pack",
  description: "Queues the install of a bundled pack, optionally with its sample data.",
  type: "object",
  additionalProperties: false,
  properties: { policy, sampleData },
} as const;

/** POST /templates/plan */
export const templateUploadPlanRequestSchema = {
  $id: `${SCHEMA_BASE}api/template-upload-plan-request.json`,
  title: "Plan an uploaded pack's install",
  description: "The dry-run of installing a single-file pack sent in the body.",
  type: "object",
  additionalProperties: false,
  required: ["pack"],
  properties: { pack, policy },
} as const;

/** POST /templates/install */
export const templateUploadInstallRequestSchema = {
  $id: `${SCHEMA_BASE}api/template-upload-install-request.json`,
  title: "Install an uploaded pack",
  description: "Queues the install of a single-file pack sent in the body.",
  type: "object",
  additionalProperties: false,
  required: ["pack"],
  properties: { pack, policy, sampleData },
} as const;

// ── Answers ──

const i18n = { type: "object", description: "Text in zh-CN and en." } as const;

/** One pack of the gallery. */
const galleryItem = {
  type: "object",
  required: [
    "key",
    "name",
    "version",
    "industry",
    "counts",
    "kpis",
    "roles",
    "sampleData",
    "installedVersion",
  ],
  properties: {
    key: str,
    name: i18n,
    description: i18n,
    version: str,
    industry: str,
    counts: {
      type: "object",
      required: ["forms", "tierModels", "flows"],
      properties: { forms: int, tierModels: int, flows: int },
    },
    kpis: { ...list(str), description: "KPI keys of the pack's dashboard, in order." },
    roles: list({
      type: "object",
      required: ["key", "label"],
      properties: { key: str, label: i18n },
    }),
    sampleData: { type: "boolean", description: "Whether the pack ships sample data." },
    installedVersion: {
      ...nullable(str),
      description: "The version installed in the caller's workspace, or null.",
    },
  },
} as const;

/** GET /templates */
export const templateGallerySchema = {
  $id: `${SCHEMA_BASE}api/template-gallery.json`,
  title: "Template gallery",
  description: "The packs shipped with kamflow, each with the version this workspace has.",
  type: "object",
  required: ["items"],
  properties: { items: list(galleryItem) },
} as const;

/** GET /templates/{key} */
export const templatePackReplySchema = {
  $id: `${SCHEMA_BASE}api/template-pack-reply.json`,
  title: "Template pack",
  description: "A bundled pack in full: its manifest and embedded definitions.",
  type: "object",
  required: ["pack", "installedVersion"],
  properties: { pack: object, installedVersion: nullable(str) },
} as const;

const diff = {
  type: "object",
  required: ["added", "removed", "changed"],
  properties: { added: list(str), removed: list(str), changed: list(str) },
  description: "JSON pointers into the definition: added, removed and changed.",
} as const;

const planItem = {
  type: "object",
  required: ["kind", "key", "action", "currentVersion", "newVersion", "customized", "changes"],
  properties: {
    kind: str,
    key: str,
    action: { enum: ["create", "update", "unchanged", "skip", "conflict"] },
    currentVersion: nullable(int),
    newVersion: nullable(int),
    customized: { type: "boolean" },
    changes: nullable(diff),
  },
} as const;

/** An install plan (also the result of an install, with installedAt). */
const plan = {
  type: "object",
  title: "Install plan",
  required: ["pack", "installedVersion", "policy", "items", "counts", "unheldRoles", "kpiConfig"],
  properties: {
    pack: {
      type: "object",
      required: ["key", "version", "name"],
      properties: { key: str, version: str, name: i18n },
    },
    installedVersion: nullable(str),
    policy: { enum: templatePolicies },
    items: list(planItem),
    counts: {
      type: "object",
      required: ["create", "update", "unchanged", "skip", "conflict"],
      properties: { create: int, update: int, unchanged: int, skip: int, conflict: int },
    },
    unheldRoles: { ...list(str), description: "Business roles nobody in the workspace holds." },
    kpiConfig: { enum: ["set", "unchanged", "skip", null] },
    installedAt: int,
  },
} as const;

/** POST /templates/{key}/plan, POST /templates/plan */
export const templatePlanReplySchema = {
  $id: `${SCHEMA_BASE}api/template-plan-reply.json`,
  title: "Install plan reply",
  description:
    "What installing would do to each definition (create, update, unchanged, skip, conflict), " +
    "with the changes of each as JSON pointers; nothing is saved.",
  type: "object",
  required: ["plan"],
  properties: { plan },
} as const;

/** The result of a template-install job (see schemas/api/jobs). */
export const templateInstallResult = {
  type: "object",
  title: "Template install result",
  required: ["install", "sample", "issues"],
  properties: {
    install: nullable(plan),
    sample: nullable({
      type: "object",
      required: ["people", "records"],
      properties: { people: int, records: int },
    }),
    issues: list({
      type: "object",
      required: ["code", "pointer", "message"],
      properties: { code: str, pointer: str, message: str },
    }),
  },
} as const;

/** GET /templates/installed */
export const templateInstalledListSchema = {
  $id: `${SCHEMA_BASE}api/template-installed-list.json`,
  title: "Installed packs",
  description: "The packs installed in the workspace, with the definition versions each installed.",
  type: "object",
  required: ["items"],
  properties: {
    items: list({
      type: "object",
      required: ["key", "version", "name", "installedAt", "installedBy", "items"],
      properties: {
        key: str,
        version: str,
        name: nullable(i18n),
        installedAt: int,
        installedBy: nullable(str),
        items: list({
          type: "object",
          required: ["kind", "key", "version", "checksum"],
          properties: { kind: str, key: str, version: int, checksum: str },
        }),
      },
    }),
  },
} as const;

/** GET /templates/export */
export const templateExportSchema = {
  $id: `${SCHEMA_BASE}api/template-export.json`,
  title: "Exported pack",
  description:
    "The workspace's published definitions (or one installed pack's) as a single-file pack " +
    "that installs into an empty workspace as the same definitions.",
  type: "object",
  required: ["kind", "key", "name", "version", "industry", "engine", "contents", "embedded"],
  properties: {
    kind: { const: "template-pack" },
    key: str,
    name: i18n,
    version: str,
    industry: str,
    engine: str,
    contents: object,
    embedded: object,
  },
} as const;

/** Every schema of this module, registered in schemas/schema-list. */
export const templatesApiSchemas = [
  templatePlanRequestSchema,
  templateInstallRequestSchema,
  templateUploadPlanRequestSchema,
  templateUploadInstallRequestSchema,
  templateGallerySchema,
  templatePackReplySchema,
  templatePlanReplySchema,
  templateInstalledListSchema,
  templateExportSchema,
] as const;
