/**
 * @module server/routes/definitions
 * Definitions (forms, tier models, flows): list the latest version of each key, read a key's
 * versions and one version, validate without saving, edit the key's one draft under its ETag,
 * publish the draft or a body, archive a version, diff two versions, export the JSON, and the
 * what-if preview of a draft tier model. Everyone may read; designers and admins write.
 *
 * Drafts: `PUT …/draft` creates the draft without `If-Match` and replaces it only with the ETag
 * last read; a stale or missing `If-Match` is 409 `HTTP_PRECONDITION_FAILED`. An invalid document
 * is saved anyway (the answer lists its issues) but cannot be published: publishing answers 422
 * `DEFINITION_INVALID` with every issue.
 */
import { type Context, Hono } from "hono";
import {
  DefinitionError,
  type ErrorCode,
  type Issue,
  KamError,
  type Locale,
  renderMessage,
} from "../../engine/errors/index.ts";
import {
  entityNames,
  getDefinitionVersion,
  latestPublished,
  listDefinitions,
  type StoredDefinition,
} from "../../engine/store/index.ts";
import {
  definitionCheckSchema,
  definitionDiffSchema,
  definitionDraftSchema,
  definitionListSchema,
  definitionPublishSchema,
  definitionReplySchema,
  definitionValidateSchema,
  definitionVersionsSchema,
  draftReplySchema,
  tierPreviewReplySchema,
  tierPreviewSchema,
} from "../../schemas/api/records.schema.ts";
import { requirePermission } from "../auth/permissions.ts";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { etag, ifMatch, requireMatch } from "../http/etag.ts";
import { keyed } from "../http/idempotency.ts";
import { docsUnder, type RouteDoc } from "../http/route-docs.ts";
import { validBody } from "../http/validate.ts";

const KINDS: readonly string[] = ["form", "tier-model", "flow"];

/** A definition that failed validation where it must be valid: 422 with every issue. */
class InvalidDefinition extends DefinitionError {
  override readonly code: ErrorCode = "DEFINITION_INVALID";
}

async function valid<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof DefinitionError && !(error instanceof InvalidDefinition))
      throw new InvalidDefinition(error.issues);
    throw error;
  }
}

const localized = (issues: readonly Issue[], locale: Locale) =>
  issues.map((i) => ({
    code: i.code,
    pointer: i.pointer,
    message: renderMessage(i.code, locale, i.params ?? {}),
    ...(i.nodeId ? { nodeId: i.nodeId } : {}),
  }));

const notFound = (id: string) =>
  new KamError("STORE_NOT_FOUND", "", { entity: entityNames.definition, id });

/** A version without its body, as lists show it. */
function summary(d: StoredDefinition) {
  const name = (d.body as { name?: unknown } | null)?.name;
  return {
    id: d.id,
    kind: d.kind,
    key: d.key,
    version: d.version,
    status: d.status,
    name: name ?? null,
    checksum: d.checksum,
    note: d.note,
    createdBy: d.createdBy,
    createdAt: d.createdAt,
    publishedAt: d.publishedAt,
  };
}

const full = (d: StoredDefinition) => ({ ...summary(d), body: d.body });

/** The `:kind` and `:key` of a path; an unknown kind is a route that does not exist. */
function keyParam(c: Context<AppEnv>) {
  const kind = c.req.param("kind") ?? "";
  if (!KINDS.includes(kind))
    throw new KamError("HTTP_NOT_FOUND", "", { method: c.req.method, path: c.req.path });
  return { kind, key: c.req.param("key") ?? "" };
}

function versionNumber(raw: string | undefined, pointer: string): number {
  const n = Number(raw);
  if (raw === undefined || raw === "" || !Number.isInteger(n) || n < 1)
    throw new KamError("SHAPE_TYPE_MISMATCH", pointer, { expected: "integer ≥ 1" });
  return n;
}

const read = [404];
const write = [403, 404, 409, 422];

/** Docs of the `/definitions` routes (see server/http/route-docs). */
export const definitionRouteDocs: RouteDoc[] = docsUnder("/api/v1/definitions", "definitions", [
  {
    method: "get",
    path: "/",
    response: definitionListSchema.$id,
    summary: "The latest version of every definition key",
    query: { kind: "form, tier-model or flow" },
    success: { 200: "Per key: the latest version, and the published and draft version numbers" },
  },
  {
    method: "post",
    path: "/",
    response: definitionReplySchema.$id,
    summary: "Publish a definition document as the next version of its key",
    body: definitionPublishSchema.$id,
    success: { 201: "The published version (ETag: its checksum)" },
    errors: [403, 409, 422],
    idempotent: true,
  },
  {
    method: "post",
    path: "/validate",
    response: definitionCheckSchema.$id,
    summary: "Validate a document in full without saving it",
    body: definitionValidateSchema.$id,
    success: { 200: "valid, and every issue and warning with its JSON pointer" },
    errors: [403],
  },
  {
    method: "post",
    path: "/tier-preview",
    response: tierPreviewReplySchema.$id,
    summary: "What-if preview of a draft tier model over the current records",
    description:
      "Nothing is written. From → to transition matrix against the tiers in force, the new distribution, sample record ids per cell.",
    body: tierPreviewSchema.$id,
    success: { 200: "The preview" },
    errors: [403, 422],
  },
  {
    method: "get",
    path: "/{kind}/{key}",
    response: definitionVersionsSchema.$id,
    summary: "Every version of a key, oldest first (no bodies)",
    success: { 200: "The versions" },
    errors: read,
  },
  {
    method: "get",
    path: "/{kind}/{key}/versions/{version}",
    response: definitionReplySchema.$id,
    summary: "One version with its body",
    success: { 200: "The version (ETag: its checksum)" },
    errors: read,
  },
  {
    method: "post",
    path: "/{kind}/{key}/versions/{version}/archive",
    response: definitionReplySchema.$id,
    summary: "Archive a published version: no new instance starts on it",
    success: { 200: "The archived version" },
    errors: write,
    idempotent: true,
  },
  {
    method: "get",
    path: "/{kind}/{key}/diff",
    response: definitionDiffSchema.$id,
    summary: "What changed between two versions, as JSON pointers",
    query: { from: "The older version number", to: "The newer version number" },
    success: { 200: "added, removed and changed pointers" },
    errors: read,
  },
  {
    method: "get",
    path: "/{kind}/{key}/export",
    summary: "The definition document as a JSON file",
    query: { version: "A version number (default: the latest published)" },
    success: { 200: "The document (Content-Disposition: attachment)" },
    errors: read,
  },
  {
    method: "get",
    path: "/{kind}/{key}/draft",
    response: definitionReplySchema.$id,
    summary: "The key's draft",
    success: { 200: "The draft (ETag: its checksum)" },
    errors: read,
  },
  {
    method: "put",
    path: "/{kind}/{key}/draft",
    response: draftReplySchema.$id,
    summary: "Create the key's draft (no If-Match) or replace it (If-Match: its ETag)",
    description:
      "A stale or missing If-Match when a draft exists, or an If-Match when none does, is 409 HTTP_PRECONDITION_FAILED. The draft is saved even when invalid; the answer lists its issues.",
    body: definitionDraftSchema.$id,
    success: { 200: "The replaced draft and its issues", 201: "The created draft and its issues" },
    errors: [403, 404, 409],
  },
  {
    method: "delete",
    path: "/{kind}/{key}/draft",
    summary: "Discard the key's draft (If-Match optional)",
    success: { 204: "Discarded" },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: "/{kind}/{key}/draft/publish",
    response: definitionReplySchema.$id,
    summary: "Publish the key's draft, validated in full (If-Match optional)",
    success: { 200: "The published version" },
    errors: write,
    idempotent: true,
  },
]);

/** The `/definitions` routes. */
export function definitionRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { engine, store } = deps;
  const admin = engine.definitionAdmin;

  app.get("/", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "definitions.read");
    const kind = c.req.query("kind");
    if (kind !== undefined && !KINDS.includes(kind))
      throw new KamError("SHAPE_VALUE_NOT_ALLOWED", "/kind", { allowed: KINDS.join(", ") });
    const all = await listDefinitions(store.db, {
      workspaceId: caller.workspaceId,
      ...(kind ? { kind } : {}),
    });
    const byKey = new Map<string, StoredDefinition[]>();
    for (const d of all) {
      const id = `${d.kind}/${d.key}`;
      byKey.set(id, [...(byKey.get(id) ?? []), d]);
    }
    const items = [...byKey.values()].map((versions) => {
      const latest = versions[versions.length - 1] as StoredDefinition;
      const last = (status: string) =>
        versions.filter((v) => v.status === status).at(-1)?.version ?? null;
      return { ...summary(latest), published: last("published"), draft: last("draft") };
    });
    return c.json({ items });
  });

  app.post("/", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "definitions.write");
    const body = await validBody<{ document: unknown; note?: string }>(c, definitionPublishSchema);
    const stored = await valid(
      admin.publish(caller.workspaceId, body.document, {
        actor: caller.userId,
        ...(body.note ? { note: body.note } : {}),
        ...keyed(c),
      }),
    );
    c.header("ETag", etag(stored.checksum));
    return c.json({ definition: full(stored) }, 201);
  });

  app.post("/validate", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "definitions.write");
    const body = await validBody<{ document: unknown }>(c, definitionValidateSchema);
    const result = await admin.validate(caller.workspaceId, body.document);
    const locale = c.get("locale");
    return c.json({
      valid: result.ok,
      issues: localized(result.issues, locale),
      warnings: localized(result.warnings, locale),
    });
  });

  app.post("/tier-preview", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "definitions.write");
    const body = await validBody<{ model: unknown; samplesPerCell?: number }>(c, tierPreviewSchema);
    const preview = await valid(
      engine.recordAdmin.previewTierModel(caller.workspaceId, body.model, {
        ...(body.samplesPerCell !== undefined ? { samplesPerCell: body.samplesPerCell } : {}),
      }),
    );
    return c.json({ preview });
  });

  app.get("/:kind/:key", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "definitions.read");
    const key = keyParam(c);
    const versions = (
      await listDefinitions(store.db, { workspaceId: caller.workspaceId, kind: key.kind })
    ).filter((d) => d.key === key.key);
    if (versions.length === 0) throw notFound(`${key.kind}/${key.key}`);
    return c.json({ kind: key.kind, key: key.key, versions: versions.map(summary) });
  });

  app.get("/:kind/:key/versions/:version", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "definitions.read");
    const key = keyParam(c);
    const version = versionNumber(c.req.param("version"), "/version");
    const stored = await getDefinitionVersion(store.db, {
      workspaceId: caller.workspaceId,
      ...key,
      version,
    });
    if (!stored) throw notFound(`${key.kind}/${key.key}@${version}`);
    c.header("ETag", etag(stored.checksum));
    return c.json({ definition: full(stored) });
  });

  app.post("/:kind/:key/versions/:version/archive", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "definitions.write");
    const key = keyParam(c);
    const version = versionNumber(c.req.param("version"), "/version");
    const stored = await admin.archive(
      caller.workspaceId,
      { ...key, version },
      {
        actor: caller.userId,
        ...keyed(c),
      },
    );
    return c.json({ definition: full(stored) });
  });

  app.get("/:kind/:key/diff", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "definitions.read");
    const key = keyParam(c);
    const from = versionNumber(c.req.query("from"), "/from");
    const to = versionNumber(c.req.query("to"), "/to");
    const diff = await admin.diff(caller.workspaceId, key, from, to);
    return c.json({ ...key, from, to, ...diff });
  });

  app.get("/:kind/:key/export", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "definitions.read");
    const key = keyParam(c);
    const raw = c.req.query("version");
    const where = { workspaceId: caller.workspaceId, ...key };
    const stored =
      raw === undefined
        ? await latestPublished(store.db, where)
        : await getDefinitionVersion(store.db, {
            ...where,
            version: versionNumber(raw, "/version"),
          });
    if (!stored) throw notFound(`${key.kind}/${key.key}${raw ? `@${raw}` : ""}`);
    const file = `${key.key}.${key.kind}.json`.replace(/[^\w.-]/g, "_");
    c.header("Content-Disposition", `attachment; filename="${file}"`);
    c.header("ETag", etag(stored.checksum));
    return c.json(stored.body as object);
  });

  app.get("/:kind/:key/draft", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "definitions.read");
    const key = keyParam(c);
    const draft = await admin.draft(caller.workspaceId, key);
    if (!draft) throw notFound(`${key.kind}/${key.key} (draft)`);
    c.header("ETag", etag(draft.checksum));
    return c.json({ definition: full(draft) });
  });

  app.put("/:kind/:key/draft", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "definitions.write");
    const key = keyParam(c);
    const body = await validBody<{ document: { kind: string; key: string }; note?: string }>(
      c,
      definitionDraftSchema,
    );
    if (body.document.kind !== key.kind)
      throw new KamError("SHAPE_VALUE_NOT_ALLOWED", "/document/kind", { allowed: key.kind });
    if (body.document.key !== key.key)
      throw new KamError("SHAPE_VALUE_NOT_ALLOWED", "/document/key", { allowed: key.key });
    const current = await admin.draft(caller.workspaceId, key);
    const sent = ifMatch(c);
    if (current) requireMatch(sent, current.checksum);
    else if (sent !== undefined)
      throw new KamError("HTTP_PRECONDITION_FAILED", "", { current: "none" });
    const saved = await admin.saveDraft(caller.workspaceId, {
      document: body.document,
      actor: caller.userId,
      ...(body.note !== undefined ? { note: body.note } : {}),
      ...(current ? { expectedChecksum: current.checksum } : {}),
    });
    const check = await admin.validate(caller.workspaceId, saved.body);
    const locale = c.get("locale");
    c.header("ETag", etag(saved.checksum));
    return c.json(
      {
        definition: full(saved),
        valid: check.ok,
        issues: localized(check.issues, locale),
        warnings: localized(check.warnings, locale),
      },
      current ? 200 : 201,
    );
  });

  app.delete("/:kind/:key/draft", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "definitions.write");
    const key = keyParam(c);
    const current = await admin.draft(caller.workspaceId, key);
    if (!current) throw notFound(`${key.kind}/${key.key} (draft)`);
    const sent = ifMatch(c);
    if (sent !== undefined) requireMatch(sent, current.checksum);
    await admin.discardDraft(caller.workspaceId, key, current.checksum);
    return c.body(null, 204);
  });

  app.post("/:kind/:key/draft/publish", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "definitions.write");
    const key = keyParam(c);
    const sent = ifMatch(c);
    // Checked here for a clear 409; a draft already published is the engine's to answer (a
    // replay of the same Idempotency-Key returns the first result, anything else is a 404).
    const current = await admin.draft(caller.workspaceId, key);
    if (current && sent !== undefined) requireMatch(sent, current.checksum);
    const stored = await valid(
      admin.publishDraft(caller.workspaceId, key, {
        actor: caller.userId,
        ...(sent !== undefined && sent !== "*" ? { expectedChecksum: sent } : {}),
        ...keyed(c),
      }),
    );
    c.header("ETag", etag(stored.checksum));
    return c.json({ definition: full(stored) });
  });

  return app;
}
