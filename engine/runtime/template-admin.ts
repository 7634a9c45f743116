/**
 * @module runtime/template-admin
 * The life of a template pack in a workspace — the one code path behind `kamflow install`,
 * `kamflow export` and the API's template routes:
 * - `plan`: what installing would do to each definition (create, update, leave alone, skip,
 *   conflict), with the changes of each update as JSON pointers; saves nothing (the dry-run);
 * - `install`: the plan carried out in one transaction, all or nothing. A definition the pack
 *   installed earlier and nobody has changed since is updated by an upgrade; one an admin has
 *   changed (or that the pack never installed) is a conflict, settled by the policy: `skip`
 *   leaves the workspace's version, `new-version` publishes the pack's as the next version,
 *   `fail` refuses the whole install. Publishing never touches running instances: they finish
 *   on the version they started on.
 * - `export`: the workspace's published definitions (or one installed pack's) as a single-file
 *   pack that installs into an empty workspace as exactly the same definitions.
 */
import semver from "semver";
import { KamError } from "../errors/index.ts";
import {
  appendAudit,
  canonicalJson,
  type Db,
  definitionChecksum,
  getInstalledPack,
  getWorkspace,
  type InstalledItem,
  type InstalledPack,
  latestDefinitionVersion,
  latestPublished,
  listDefinitions,
  listInstalledPacks,
  type StoredDefinition,
  saveInstalledPack,
  setWorkspaceSetting,
} from "../store/index.ts";
import {
  knownKpis,
  type PackDefinition,
  type PackDocument,
  packDefinitions,
  packLists,
} from "../templates/pack-document.ts";
import { engineVersion } from "../version.ts";
import { runCommand } from "./command.ts";
import type { Actor, Runtime, Trx } from "./context.ts";
import { type DefinitionDiff, diffDefinitions } from "./definition-diff.ts";
import { publish } from "./definitions.ts";
import { KPI_SETTINGS_KEY } from "./kpis/config.ts";
import { indexTierFields } from "./tier-indexes.ts";

export const conflictPolicies = ["skip", "new-version", "fail"] as const;
export type ConflictPolicy = (typeof conflictPolicies)[number];

export const planActions = ["create", "update", "unchanged", "skip", "conflict"] as const;
export type PlanAction = (typeof planActions)[number];

/** What installing does to one definition. */
export interface PlanItem {
  readonly kind: string;
  readonly key: string;
  readonly action: PlanAction;
  /** The workspace's latest published version, if any. */
  readonly currentVersion: number | null;
  /** The version the install publishes (create and update). */
  readonly newVersion: number | null;
  /** The workspace's version differs from what this pack last installed (or it never did). */
  readonly customized: boolean;
  /** For update, skip and conflict: what differs, as JSON pointers into the definition. */
  readonly changes: DefinitionDiff | null;
}

/** The dry-run: every definition's action, and what the pack needs that the workspace lacks. */
export interface InstallPlan {
  readonly pack: { readonly key: string; readonly version: string; readonly name: unknown };
  readonly installedVersion: string | null;
  readonly policy: ConflictPolicy;
  readonly items: readonly PlanItem[];
  readonly counts: Readonly<Record<PlanAction, number>>;
  /** Business roles the pack's flows address that nobody in the workspace holds. */
  readonly unheldRoles: readonly string[];
  /**
   * The pack's KPI configuration (which forms, fields and flows the dashboard reads): set, the
   * same as the workspace's already, or skipped (policy skip keeps a workspace's own); null
   * when the pack ships none.
   */
  readonly kpiConfig: "set" | "unchanged" | "skip" | null;
}

export interface InstallResult extends InstallPlan {
  readonly installedAt: number;
}

interface Acting {
  readonly actor?: Actor;
  readonly idempotencyKey?: string;
}

/** The pack manifest as recorded with an install: everything but the definitions. */
function manifestOf(pack: PackDocument): Record<string, unknown> {
  const { embedded, ...manifest } = pack;
  return embedded.sampleData
    ? { ...manifest, embedded: { sampleData: embedded.sampleData } }
    : manifest;
}

async function unheldRoles(trx: Trx, ws: string, pack: PackDocument): Promise<string[]> {
  const wanted = (pack.roles ?? []).map((r) => r.key);
  if (wanted.length === 0) return [];
  const rows = await trx
    .selectFrom("user_roles")
    .select("role_key")
    .distinct()
    .where("workspace_id", "=", ws)
    .where("role_key", "in", wanted)
    .execute();
  const held = new Set(rows.map((r) => r.role_key));
  return wanted.filter((role) => !held.has(role));
}

async function planItem(
  trx: Trx,
  ws: string,
  definition: PackDefinition,
  installed: InstalledPack | undefined,
  policy: ConflictPolicy,
): Promise<PlanItem> {
  const { kind, key } = definition;
  const current = await latestPublished(trx, { workspaceId: ws, kind, key });
  const next = async () =>
    ((await latestDefinitionVersion(trx, { workspaceId: ws, kind, key }))?.version ?? 0) + 1;
  if (current === undefined)
    return {
      kind,
      key,
      action: "create",
      currentVersion: null,
      newVersion: await next(),
      customized: false,
      changes: null,
    };
  if (current.checksum === definitionChecksum(definition))
    return {
      kind,
      key,
      action: "unchanged",
      currentVersion: current.version,
      newVersion: null,
      customized: false,
      changes: null,
    };
  const ours = installed?.items.find((i) => i.kind === kind && i.key === key);
  const customized = ours?.checksum !== current.checksum;
  const action: PlanAction = !customized
    ? "update"
    : policy === "new-version"
      ? "update"
      : policy === "skip"
        ? "skip"
        : "conflict";
  return {
    kind,
    key,
    action,
    currentVersion: current.version,
    newVersion: action === "update" ? await next() : null,
    customized,
    changes: diffDefinitions(current.body, definition),
  };
}

async function planIn(
  trx: Trx,
  ws: string,
  pack: PackDocument,
  policy: ConflictPolicy,
): Promise<InstallPlan> {
  const installed = await getInstalledPack(trx, { workspaceId: ws, packKey: pack.key });
  if (installed && semver.gt(installed.version, pack.version))
    throw new KamError("PACK_DOWNGRADE", "/version", {
      key: pack.key,
      installed: installed.version,
      version: pack.version,
    });
  const items: PlanItem[] = [];
  for (const definition of packDefinitions(pack))
    items.push(await planItem(trx, ws, definition, installed, policy));
  const counts = Object.fromEntries(planActions.map((a) => [a, 0])) as Record<PlanAction, number>;
  for (const item of items) counts[item.action]++;
  return {
    pack: { key: pack.key, version: pack.version, name: pack.name },
    installedVersion: installed?.version ?? null,
    policy,
    items,
    counts,
    unheldRoles: await unheldRoles(trx, ws, pack),
    kpiConfig: await kpiConfigAction(trx, ws, pack, policy),
  };
}

/** The pack's KPI configuration, if it ships one. */
const kpiConfigOfPack = (pack: PackDocument): unknown =>
  (pack.contents.dashboard as { config?: unknown } | undefined)?.config;

async function kpiConfigAction(
  trx: Trx,
  ws: string,
  pack: PackDocument,
  policy: ConflictPolicy,
): Promise<InstallPlan["kpiConfig"]> {
  const config = kpiConfigOfPack(pack);
  if (config === undefined) return null;
  const current = (
    (await getWorkspace(trx, ws))?.settings as Record<string, unknown> | undefined
  )?.[KPI_SETTINGS_KEY];
  if (current === undefined) return "set";
  if (canonicalJson(current) === canonicalJson(config)) return "unchanged";
  return policy === "skip" ? "skip" : "set";
}

const conflictError = (plan: InstallPlan) => {
  const conflicts = plan.items.filter((i) => i.action === "conflict");
  return new KamError("PACK_CONFLICT", "", {
    count: conflicts.length,
    keys: conflicts.map((c) => `${c.kind}/${c.key}`),
  });
};

/**
 * The exported dashboard: an installed pack's own; for a whole workspace, every KPI with the
 * workspace's KPI configuration, when it has one.
 */
async function dashboardOf(
  db: Db,
  ws: string,
  base: Partial<PackDocument>,
): Promise<{ dashboard?: unknown }> {
  if (base.contents?.dashboard) return { dashboard: base.contents.dashboard };
  if (base.key !== undefined) return {};
  const settings = (await getWorkspace(db, ws))?.settings as Record<string, unknown> | undefined;
  const config = settings?.[KPI_SETTINGS_KEY];
  return config === undefined ? {} : { dashboard: { kpis: [...knownKpis], config } };
}

/**
 * Carries out an install in the caller's transaction (`install`'s command, or the chunk of a
 * `template-install` job, so the install commits with the job's progress); the definitions it
 * published go to `published`, for `afterInstall` once the transaction has committed.
 * @throws KamError PACK_CONFLICT (policy fail), PACK_DOWNGRADE; DefinitionError.
 */
export async function installIn(
  rt: Runtime,
  trx: Trx,
  ws: string,
  pack: PackDocument,
  request: { actor?: Actor; policy: ConflictPolicy },
  published: StoredDefinition[],
): Promise<InstallResult> {
  const policy = request.policy;
  published.length = 0;
  const plan = await planIn(trx, ws, pack, policy);
  if (plan.counts.conflict > 0) throw conflictError(plan);
  const definitions = packDefinitions(pack);
  const items: InstalledItem[] = [];
  for (const [index, item] of plan.items.entries()) {
    const definition = definitions[index] as PackDefinition;
    // A definition already equal to the pack's is the pack's from now on: a later upgrade
    // updates it instead of calling it the workspace's own change.
    if (item.action === "unchanged" && item.currentVersion !== null)
      items.push({
        kind: item.kind,
        key: item.key,
        version: item.currentVersion,
        checksum: definitionChecksum(definition),
      });
    if (item.action !== "create" && item.action !== "update") continue;
    const stored = await publish(rt, trx, {
      workspaceId: ws,
      document: definition,
      actor: request.actor ?? null,
      note: `${pack.key}@${pack.version}`,
    });
    published.push(stored);
    items.push({
      kind: stored.kind,
      key: stored.key,
      version: stored.version,
      checksum: stored.checksum,
    });
  }
  const installedAt = rt.clock.now();
  if (plan.kpiConfig === "set") {
    const config = kpiConfigOfPack(pack);
    await setWorkspaceSetting(trx, {
      workspaceId: ws,
      key: KPI_SETTINGS_KEY,
      value: config,
    });
    await appendAudit(trx, {
      workspaceId: ws,
      at: installedAt,
      actorId: request.actor ?? null,
      action: "kpis.configured",
      entityKind: "workspace",
      entityId: ws,
      after: config,
    });
  }
  await saveInstalledPack(trx, {
    workspaceId: ws,
    key: pack.key,
    version: pack.version,
    manifest: manifestOf(pack),
    items,
    installedBy: request.actor ?? null,
    installedAt,
  });
  await appendAudit(trx, {
    workspaceId: ws,
    at: installedAt,
    actorId: request.actor ?? null,
    action: "template.install",
    entityKind: "template-pack",
    entityId: pack.key,
    after: { version: pack.version, policy, counts: plan.counts },
  });
  return { ...plan, installedAt };
}

/** What follows a committed install: the caches of published lists, and tier-field indexes. */
export async function afterInstall(
  rt: Runtime,
  ws: string,
  published: readonly StoredDefinition[],
): Promise<void> {
  for (const { kind } of packLists) rt.published.invalidate(`${ws}:${kind}`);
  for (const stored of published)
    if (stored.kind === "tier-model") await indexTierFields(rt.store, stored.body);
}

/** The operations, bound to one runtime (see `createEngine`). */
export function templateAdmin(rt: Runtime) {
  return {
    /** The dry-run: what `install` would do, saving nothing. @throws KamError PACK_DOWNGRADE. */
    plan: (ws: string, pack: PackDocument, policy: ConflictPolicy = "fail") =>
      rt.store.transaction((trx) => planIn(trx, ws, pack, policy)),

    /**
     * Installs a validated pack, all or nothing, and records what it installed.
     * @throws KamError PACK_CONFLICT (policy fail), PACK_DOWNGRADE; DefinitionError when a
     * definition does not fit the workspace (nothing is saved either way).
     */
    install: async (
      ws: string,
      pack: PackDocument,
      request: Acting & { policy?: ConflictPolicy } = {},
    ): Promise<InstallResult> => {
      const policy = request.policy ?? "fail";
      const published: StoredDefinition[] = [];
      const result = await runCommand(
        rt,
        {
          workspaceId: ws,
          name: "template.install",
          idempotencyKey: request.idempotencyKey,
          request: { pack: pack.key, version: pack.version, policy },
        },
        (trx) => installIn(rt, trx, ws, pack, { actor: request.actor ?? null, policy }, published),
      );
      await afterInstall(rt, ws, published);
      return result;
    },

    /** The packs installed in the workspace. */
    installed: (ws: string) => listInstalledPacks(rt.store.db, ws),

    /**
     * The workspace's latest published definitions as a single-file pack; with `packKey`, only
     * that installed pack's definitions, under its own manifest.
     * @throws KamError PACK_NOT_FOUND when `packKey` is not installed.
     */
    export: async (
      ws: string,
      options: { packKey?: string; key?: string; version?: string; name?: unknown } = {},
    ): Promise<PackDocument> => {
      const db = rt.store.db;
      const installed =
        options.packKey === undefined
          ? undefined
          : await getInstalledPack(db, { workspaceId: ws, packKey: options.packKey });
      if (options.packKey !== undefined && installed === undefined)
        throw new KamError("PACK_NOT_FOUND", "", { key: options.packKey });
      const owned = installed && new Set(installed.items.map((i) => `${i.kind}/${i.key}`));
      const latest = new Map<string, StoredDefinition>();
      for (const stored of await listDefinitions(db, { workspaceId: ws, status: "published" }))
        latest.set(`${stored.kind}/${stored.key}`, stored); // sorted by version: the last wins
      const chosen = [...latest.entries()]
        .filter(([id]) => owned === undefined || owned.has(id))
        .map(([, stored]) => stored);
      const embedded = Object.fromEntries(
        packLists.map(({ list, kind }) => [
          list,
          chosen.filter((d) => d.kind === kind).map((d) => d.body as PackDefinition),
        ]),
      ) as unknown as PackDocument["embedded"];
      const contents = Object.fromEntries(
        packLists.map(({ list }) => [list, embedded[list].map((d) => ({ key: d.key }))]),
      );
      const base = (installed?.manifest ?? {}) as Partial<PackDocument>;
      const { major, minor } = semver.parse(engineVersion) ?? { major: 0, minor: 1 };
      return {
        kind: "template-pack",
        key: options.key ?? base.key ?? "workspace-export",
        name: (options.name ??
          base.name ?? {
            "zh-CN": "工作区导出",
            en: "Workspace export",
          }) as PackDocument["name"],
        ...(base.description ? { description: base.description } : {}),
        version: options.version ?? base.version ?? "1.0.0",
        industry: base.industry ?? "general",
        engine: base.engine ?? `>=${major}.${minor}.0 <${major + 1}.0.0`,
        ...(base.author ? { author: base.author } : {}),
        ...(base.license ? { license: base.license } : {}),
        ...(base.roles ? { roles: base.roles } : {}),
        contents: {
          ...contents,
          ...(await dashboardOf(db, ws, base)),
        },
        embedded: {
          ...embedded,
          ...(base.embedded?.sampleData ? { sampleData: base.embedded.sampleData } : {}),
        },
      } as PackDocument;
    },
  };
}

export type TemplateAdmin = ReturnType<typeof templateAdmin>;
