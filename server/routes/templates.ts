/**
 * @module server/routes/templates
 * Industry template packs (engine/templates, runtime/template-admin) over HTTP:
 *
 * - the gallery of the packs shipped with kamflow, each with the version this workspace has;
 * - a bundled pack in full;
 * - the dry-run plan of installing a bundled or an uploaded pack (nothing is saved);
 * - installing one: a `template-install` job (runtime/jobs/template-install) — 202 with the job,
 *   whose progress arrives over SSE and from `GET /jobs/{id}`; a conflict fails the job, with
 *   every issue in its result;
 * - the packs installed in the workspace, and the workspace's definitions as a single-file pack
 *   (a download), which installs into another workspace as the same definitions.
 *
 * An uploaded pack is validated in full before anything else; its issues point into the request
 * body (`/pack/embedded/flows/0/...`).
 */
import { type Context, Hono } from "hono";
import {
  DefinitionError,
  type Issue,
  KamError,
  type Validation,
} from "../../engine/errors/index.ts";
import type { ConflictPolicy } from "../../engine/runtime/template-admin.ts";
import { bundledPackKeys, loadBundledPack } from "../../engine/templates/bundled.ts";
import type { PackDocument } from "../../engine/templates/pack-document.ts";
import { validatePack } from "../../engine/templates/validate-pack.ts";
import { engineVersion } from "../../engine/version.ts";
import { jobReplySchema } from "../../schemas/api/jobs.schema.ts";
import {
  templateExportSchema,
  templateGallerySchema,
  templateInstalledListSchema,
  templateInstallRequestSchema,
  templatePackReplySchema,
  templatePlanReplySchema,
  templatePlanRequestSchema,
  templateUploadInstallRequestSchema,
  templateUploadPlanRequestSchema,
} from "../../schemas/api/templates.schema.ts";
import { requirePermission } from "../auth/permissions.ts";
import type { ServerDeps } from "../deps.ts";
import type { AppEnv } from "../http/env.ts";
import { keyed } from "../http/idempotency.ts";
import { docsUnder, type RouteDoc } from "../http/route-docs.ts";
import { optionalBody, validBody } from "../http/validate.ts";
import { jobView } from "./jobs.ts";

/** Docs of the `/templates` routes (see server/http/route-docs). */
export const templateRouteDocs: RouteDoc[] = docsUnder("/api/v1/templates", "templates", [
  {
    method: "get",
    path: "/",
    response: templateGallerySchema.$id,
    summary: "The template gallery: the packs shipped with kamflow",
    description:
      "Each pack's name, description, version, industry, how many forms, tier models and " +
      "flows it installs, its dashboard KPIs and business roles, and the version installed in " +
      "my workspace (null when none is).",
    success: { 200: "items, sorted by key" },
  },
  {
    method: "get",
    path: "/installed",
    response: templateInstalledListSchema.$id,
    summary: "The packs installed in the workspace",
    success: { 200: "items: key, version, when and by whom, and the definitions each installed" },
  },
  {
    method: "get",
    path: "/export",
    response: templateExportSchema.$id,
    summary: "The workspace's definitions as a single-file pack (a download)",
    description:
      "Every definition's latest published version, with the KPI configuration; with " +
      "`?pack=<key>`, only what that installed pack installed, under its manifest. The file " +
      "installs into an empty workspace (POST /templates/install) as exactly the same definitions.",
    query: { pack: "Key of an installed pack: export only its definitions" },
    success: { 200: "The pack (Content-Disposition: attachment)" },
    errors: [403, 404],
  },
  {
    method: "post",
    path: "/plan",
    body: templateUploadPlanRequestSchema.$id,
    response: templatePlanReplySchema.$id,
    summary: "Dry-run the install of an uploaded pack",
    description:
      "The pack is validated in full first: a 400 or 422 lists every issue, pointing at " +
      "`/pack/...` in this body.",
    success: { 200: "The plan; nothing is saved" },
    errors: [403, 409, 422],
  },
  {
    method: "post",
    path: "/install",
    body: templateUploadInstallRequestSchema.$id,
    response: jobReplySchema.$id,
    summary: "Install an uploaded pack, as a job",
    description:
      "Validated as for /templates/plan, then queued as a template-install job. A conflict " +
      "(policy fail) fails the job with every issue in its result, and nothing is installed.",
    success: { 202: "The queued job (Location: its URL)" },
    errors: [403, 409, 422],
    idempotent: true,
  },
  {
    method: "get",
    path: "/{key}",
    response: templatePackReplySchema.$id,
    summary: "A bundled pack in full: its manifest and embedded definitions",
    success: { 200: "The pack, and the version installed in my workspace" },
    errors: [404],
  },
  {
    method: "post",
    path: "/{key}/plan",
    body: templatePlanRequestSchema.$id,
    response: templatePlanReplySchema.$id,
    summary: "Dry-run the install of a bundled pack",
    description:
      "Each definition's action (create, update, unchanged, skip, conflict) with its changes " +
      "as JSON pointers, the business roles nobody holds yet, and what happens to the KPI " +
      "configuration. An older version than the installed one is 409 PACK_DOWNGRADE.",
    success: { 200: "The plan; nothing is saved" },
    errors: [403, 404, 409],
  },
  {
    method: "post",
    path: "/{key}/install",
    body: templateInstallRequestSchema.$id,
    response: jobReplySchema.$id,
    summary: "Install a bundled pack, as a job (with its sample data, if asked)",
    description:
      "The install is all or nothing; then, with sampleData, the pack's sample people and " +
      "records are created a chunk at a time (the job's done/total count records).",
    success: { 202: "The queued job (Location: its URL)" },
    errors: [403, 404, 422],
    idempotent: true,
  },
]);

/** The bundled packs, loaded and validated once per process (they ship with this kamflow). */
const bundled = new Map<string, Promise<Validation<PackDocument> | undefined>>();

async function bundledPack(key: string): Promise<PackDocument> {
  let loading = bundled.get(key);
  if (!loading) {
    loading = loadBundledPack(key, { engineVersion });
    bundled.set(key, loading);
  }
  const loaded = await loading;
  if (!loaded) throw new KamError("PACK_NOT_FOUND", "", { key });
  if (!loaded.ok) throw new DefinitionError(loaded.issues);
  return loaded.value;
}

/** An uploaded pack, validated; issues point into the request body. */
function uploadedPack(document: unknown): PackDocument {
  const checked = validatePack(document, { engineVersion });
  if (checked.ok) return checked.value;
  throw new DefinitionError(
    checked.issues.map((i): Issue => ({ ...i, pointer: `/pack${i.pointer}` })),
  );
}

/** A pack's card in the gallery. */
const card = (pack: PackDocument, installedVersion: string | null) => ({
  key: pack.key,
  name: pack.name,
  ...(pack.description ? { description: pack.description } : {}),
  version: pack.version,
  industry: pack.industry,
  counts: {
    forms: pack.embedded.forms.length,
    tierModels: pack.embedded.tierModels.length,
    flows: pack.embedded.flows.length,
  },
  kpis: pack.contents.dashboard?.kpis ?? [],
  roles: pack.roles ?? [],
  sampleData: pack.embedded.sampleData !== undefined,
  installedVersion,
});

interface InstallBody {
  readonly policy?: ConflictPolicy;
  readonly sampleData?: { readonly accounts: number };
}

/** The `/templates` routes. */
export function templateRoutes(deps: ServerDeps) {
  const app = new Hono<AppEnv>();
  const { engine } = deps;

  const installedVersions = async (ws: string) =>
    new Map((await engine.templates.installed(ws)).map((p) => [p.key, p.version]));

  async function plan(c: Context<AppEnv>, pack: PackDocument, policy?: ConflictPolicy) {
    const caller = c.get("caller");
    return c.json({ plan: await engine.templates.plan(caller.workspaceId, pack, policy) });
  }

  async function install(c: Context<AppEnv>, pack: PackDocument, body: InstallBody) {
    const caller = c.get("caller");
    const job = await engine.jobs.installTemplate(caller.workspaceId, pack, {
      actor: caller.userId,
      ...(body.policy ? { policy: body.policy } : {}),
      ...(body.sampleData ? { sampleData: body.sampleData } : {}),
      ...keyed(c),
    });
    engine.jobs.kick();
    c.header("Location", `/api/v1/jobs/${job.id}`);
    return c.json({ job: jobView(job, c.get("locale")) }, 202);
  }

  app.get("/", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "templates.read");
    const installed = await installedVersions(caller.workspaceId);
    const items = [];
    for (const key of bundledPackKeys())
      items.push(card(await bundledPack(key), installed.get(key) ?? null));
    return c.json({ items });
  });

  app.get("/installed", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "templates.read");
    const packs = await engine.templates.installed(caller.workspaceId);
    return c.json({
      items: packs.map((p) => ({
        key: p.key,
        version: p.version,
        name: p.manifest.name ?? null,
        installedAt: p.installedAt,
        installedBy: p.installedBy,
        items: p.items,
      })),
    });
  });

  app.get("/export", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "templates.export");
    const packKey = c.req.query("pack");
    const pack = await engine.templates.export(caller.workspaceId, packKey ? { packKey } : {});
    c.header("Content-Disposition", `attachment; filename="${pack.key}-${pack.version}.json"`);
    return c.json(pack);
  });

  app.post("/plan", async (c) => {
    requirePermission(c.get("caller"), "templates.plan");
    const body = await validBody<{ pack: unknown; policy?: ConflictPolicy }>(
      c,
      templateUploadPlanRequestSchema,
    );
    return plan(c, uploadedPack(body.pack), body.policy);
  });

  app.post("/install", async (c) => {
    requirePermission(c.get("caller"), "templates.install");
    const body = await validBody<InstallBody & { pack: unknown }>(
      c,
      templateUploadInstallRequestSchema,
    );
    return install(c, uploadedPack(body.pack), body);
  });

  app.get("/:key", async (c) => {
    const caller = c.get("caller");
    requirePermission(caller, "templates.read");
    const pack = await bundledPack(c.req.param("key"));
    const installed = await installedVersions(caller.workspaceId);
    return c.json({ pack, installedVersion: installed.get(pack.key) ?? null });
  });

  app.post("/:key/plan", async (c) => {
    requirePermission(c.get("caller"), "templates.plan");
    const body = await optionalBody<{ policy?: ConflictPolicy }>(c, templatePlanRequestSchema);
    return plan(c, await bundledPack(c.req.param("key")), body.policy);
  });

  app.post("/:key/install", async (c) => {
    requirePermission(c.get("caller"), "templates.install");
    const body = await optionalBody<InstallBody>(c, templateInstallRequestSchema);
    return install(c, await bundledPack(c.req.param("key")), body);
  });

  return app;
}
