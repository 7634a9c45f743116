/**
 * @module runtime/kpis/kpis
 * The engine's KPI operations: the workspace's KPI configuration (read, and save validated and
 * audited) and the KPI report of a period — NPS, churn of high-value accounts, upsell/cross-sell
 * revenue, LTV change, ticket resolution time, SLA breach rate, tier distribution and movement.
 *
 * The report reads rows (store/kpi.repo), keeps those the caller may see and, with a team, that
 * team's (runtime/kpis/scope), and computes the figures with pure functions
 * (runtime/kpis/compute). Nothing is written.
 */
import { isKnownZone } from "../../calendars/zone.ts";
import { KamError } from "../../errors/index.ts";
import {
  appendAudit,
  entityNames,
  getWorkspace,
  type KpiOwnership,
  latestPublished,
  listAccountTeamRecords,
  listCompletedInstances,
  listKpiRecords,
  listRecordVersions,
  listSlaOutcomes,
  listTierChanges,
  type RecordScope,
  readOrgTree,
  setWorkspaceSetting,
  teamInWorkspace,
} from "../../store/index.ts";
import { listPublishedKeys } from "../../store/kpi.repo.ts";
import type { Actor, Runtime } from "../context.ts";
import { computeKpis, type KpiFigures } from "./compute.ts";
import {
  assertKpiConfig,
  KPI_SETTINGS_KEY,
  type KpiConfig,
  type KpiFigure,
  kpiConfigOf,
  unmeasuredOf,
} from "./config.ts";
import { parsePeriod } from "./period.ts";
import { bothRows, type RowFilter, teamRows, teamSelection, visibleRows } from "./scope.ts";

/** What a report is asked for. */
export interface KpiRequest {
  /** A date (`2026-11-01`, in the workspace's zone) or an instant with an offset. */
  readonly from?: string | null;
  /** A date (its whole day is included) or an instant (exclusive). @default now */
  readonly to?: string | null;
  /** The records the caller may see (server/visibility). */
  readonly scope: RecordScope;
  /** Only this team's records (and its sub-teams'). */
  readonly teamId?: string | null;
}

/** A KPI report (schema `api/kpis.json`). */
export type KpiReport = KpiFigures & {
  readonly period: { readonly from: number; readonly to: number; readonly timeZone: string };
  readonly team: string | null;
  /** Whether the workspace saved a KPI configuration (else the defaults apply). */
  readonly configured: boolean;
  /** Figures the configuration in force cannot measure here (see `unmeasuredOf`). */
  readonly unmeasured: readonly KpiFigure[];
};

const DEFAULT_ZONE = "Asia/Shanghai";

/** The workspace's time zone: `settings.timeZone`, its calendar's, or Asia/Shanghai. */
function zoneOf(settings: Readonly<Record<string, unknown>>): string {
  const calendar = settings.calendar as { timeZone?: unknown } | undefined;
  for (const zone of [settings.timeZone, calendar?.timeZone])
    if (typeof zone === "string" && isKnownZone(zone)) return zone;
  return DEFAULT_ZONE;
}

async function settingsOf(rt: Runtime, workspaceId: string) {
  const workspace = await getWorkspace(rt.store.db, workspaceId);
  if (!workspace)
    throw new KamError("STORE_NOT_FOUND", "", { entity: entityNames.workspace, id: workspaceId });
  return workspace.settings;
}

/** The tier keys of a published tier model, in its order ([] when it is not published). */
async function modelTiers(rt: Runtime, workspaceId: string, key: string): Promise<string[]> {
  const model = await latestPublished(rt.store.db, { workspaceId, kind: "tier-model", key });
  const tiers = (model?.body as { tiers?: Array<{ key?: unknown }> } | undefined)?.tiers ?? [];
  return tiers.map((t) => t.key).filter((k): k is string => typeof k === "string");
}

/** Rows the caller counts: visible to them and, with a team, that team's. */
async function rowFilter(rt: Runtime, workspaceId: string, request: KpiRequest) {
  const { scope } = request;
  const db = rt.store.db;
  const accountTeams =
    scope.kind === "limited"
      ? new Set(await listAccountTeamRecords(db, { workspaceId, userId: scope.userId }))
      : new Set<string>();
  const filters: RowFilter[] = [visibleRows(scope, accountTeams)];
  const teamId = request.teamId ?? null;
  if (teamId !== null) {
    if (!(await teamInWorkspace(db, workspaceId, teamId)))
      throw new KamError("STORE_NOT_FOUND", "/team", { entity: entityNames.team, id: teamId });
    filters.push(teamRows(teamSelection(await readOrgTree(db, workspaceId), teamId)));
  }
  return bothRows(...filters);
}

/** The operations, bound to one runtime (see `createEngine`). */
export function kpiModule(rt: Runtime) {
  return {
    /** The configuration in force: the workspace's, or the defaults. */
    config: async (ws: string): Promise<KpiConfig> => kpiConfigOf(await settingsOf(rt, ws)),

    /**
     * Replaces the workspace's configuration, audited as `kpis.configured`.
     * @throws DefinitionError with every issue when it does not match the schema.
     */
    saveConfig: async (
      ws: string,
      config: unknown,
      acting: { actor?: Actor } = {},
    ): Promise<KpiConfig> => {
      assertKpiConfig(config);
      await rt.store.transaction(async (trx) => {
        const workspace = await getWorkspace(trx, ws);
        if (!workspace)
          throw new KamError("STORE_NOT_FOUND", "", { entity: entityNames.workspace, id: ws });
        await setWorkspaceSetting(trx, { workspaceId: ws, key: KPI_SETTINGS_KEY, value: config });
        await appendAudit(trx, {
          workspaceId: ws,
          at: rt.clock.now(),
          actorId: acting.actor ?? null,
          action: "kpis.configured",
          entityKind: "workspace",
          entityId: ws,
          before: kpiConfigOf(workspace.settings),
          after: config,
        });
      });
      return config;
    },

    /**
     * The KPIs of a period, over the records `request.scope` lets the caller see.
     * @throws DefinitionError (400) for a malformed period; KamError STORE_NOT_FOUND (`/team`)
     *   for a team that is not the workspace's.
     * @example
     * const report = await engine.kpis.report(ws, {
     *   from: "2026-11-01", to: "2026-11-30", scope: { kind: "all" },
     * });
     * report.sla.breachRate; // 0.25
     */
    report: async (ws: string, request: KpiRequest): Promise<KpiReport> => {
      const settings = await settingsOf(rt, ws);
      const config = kpiConfigOf(settings);
      const zone = zoneOf(settings);
      const period = parsePeriod(request, rt.clock.now(), zone);
      const include = await rowFilter(rt, ws, request);
      const keep = <T extends KpiOwnership>(rows: readonly T[]) => rows.filter(include);
      const db = rt.store.db;
      const workspaceId = ws;
      const { accounts: fields, highValue, tierModel, revenue, resolution } = config;

      const tierChanges = async (modelKey: string | null) =>
        modelKey === null ? [] : listTierChanges(db, { workspaceId, modelKey, before: period.to });
      const changes = await tierChanges(tierModel);
      const highValueModel = highValue.source === "model" ? highValue.key : null;
      const highValueChanges =
        highValueModel === tierModel ? changes : await tierChanges(highValueModel);

      const approvals = revenue.approval
        ? await listCompletedInstances(db, {
            workspaceId,
            flowKeys: [revenue.approval.flow],
            ...period,
          })
        : [];
      const revenueRecords = await listKpiRecords(db, {
        workspaceId,
        formKey: revenue.form,
        createdBefore: period.to,
        ...(revenue.approval
          ? { ids: approvals.flatMap((i) => (i.recordId === null ? [] : [i.recordId])) }
          : { createdFrom: period.from }),
      });

      const figures = computeKpis({
        config,
        period,
        zone,
        accounts: keep(
          await listKpiRecords(db, { workspaceId, formKey: fields.form, createdBefore: period.to }),
        ),
        accountVersions: await listRecordVersions(db, {
          workspaceId,
          formKey: fields.form,
          before: period.to,
        }),
        tierChanges: keep(changes),
        highValueChanges,
        modelTiers: tierModel === null ? [] : await modelTiers(rt, ws, tierModel),
        revenueRecords: keep(revenueRecords),
        approvals,
        tickets: keep(
          await listCompletedInstances(db, { workspaceId, flowKeys: resolution.flows, ...period }),
        ),
        sla: keep(await listSlaOutcomes(db, { workspaceId, ...period })),
      });
      const publishedKeys = await listPublishedKeys(db, {
        workspaceId,
        kinds: ["form", "tier-model", "flow"],
      });
      const saved = settings[KPI_SETTINGS_KEY];
      return {
        period: { from: period.from, to: period.to, timeZone: zone },
        team: request.teamId ?? null,
        configured: saved !== undefined && saved !== null,
        unmeasured: unmeasuredOf(config, publishedKeys),
        ...figures,
      };
    },
  };
}
