/**
 * @module runtime/kpis/config
 * A workspace's KPI configuration: which form and fields hold NPS, LTV, the contract end and the
 * churned flag, which tiers are high value, what counts as upsell/cross-sell revenue and which
 * flows are tickets. It is stored in the workspace's settings under `kpis`; without one, the
 * defaults below apply, which fit the demo forms (server/demo/definitions).
 */
import { kpiConfigSchema } from "../../../schemas/api/kpis.schema.ts";
import { type Infer, validatorFor } from "../../../schemas/index.ts";
import { ajvErrorsToIssues, DefinitionError } from "../../errors/index.ts";

/** The KPI configuration (schema `api/kpi-config.json`). */
export type KpiConfig = Infer<typeof kpiConfigSchema>;

/** The workspace settings key the configuration is stored under. */
export const KPI_SETTINGS_KEY = "kpis";

/**
 * The defaults, fitted to the demo forms: accounts are `account` records with `nps` (0–10) and
 * `contractEnd`; the demo has no LTV field, so annual purchase stands in; high value is the
 * account form's computed `tier` (strategic, key); revenue is approved `order` tickets; tickets
 * are the `strategic-ticket` flow; tiers are the `account-health` model's.
 */
export const DEFAULT_KPI_CONFIG: KpiConfig = {
  accounts: {
    form: "account",
    npsField: "nps",
    ltvField: "annualPurchase",
    contractEndField: "contractEnd",
    churnedField: null,
  },
  highValue: { source: "field", key: "tier", tiers: ["strategic", "key"] },
  tierModel: "account-health",
  revenue: {
    form: "service-ticket",
    amountField: "amount",
    match: { category: ["order"] },
    approval: { flow: "order-approval", outcome: "approved" },
  },
  resolution: { flows: ["strategic-ticket"] },
};

/**
 * Checks a configuration against its schema.
 * @throws DefinitionError with every issue (a pointer each) when it does not match.
 */
export function assertKpiConfig(value: unknown): asserts value is KpiConfig {
  const validate = validatorFor(kpiConfigSchema.$id);
  if (!validate(value)) throw new DefinitionError(ajvErrorsToIssues(validate.errors));
}

/** The configuration in force for workspace `settings`: the stored one, else the defaults. */
export function kpiConfigOf(settings: Readonly<Record<string, unknown>>): KpiConfig {
  const stored = settings[KPI_SETTINGS_KEY];
  return stored === undefined || stored === null ? DEFAULT_KPI_CONFIG : (stored as KpiConfig);
}

/** The figures of a KPI report, in the report's order. */
export const KPI_FIGURES = [
  "nps",
  "churn",
  "revenue",
  "ltv",
  "resolution",
  "sla",
  "tiers",
] as const;
export type KpiFigure = (typeof KPI_FIGURES)[number];

/**
 * The figures `config` cannot measure in a workspace, so a dashboard can say "not configured"
 * rather than show an empty 0: a field the configuration leaves null, or a form, tier model or
 * flow it names that is not published there (`publishedKeys` holds `kind/key`, see
 * store/kpi.repo `listPublishedKeys`). SLA reads every flow's history, so it needs only some
 * published flow.
 * @example
 * unmeasuredOf(DEFAULT_KPI_CONFIG, new Set(["form/account", "flow/strategic-ticket"]));
 * // ["revenue", "tiers"]
 */
export function unmeasuredOf(config: KpiConfig, publishedKeys: ReadonlySet<string>): KpiFigure[] {
  const { accounts, highValue, revenue, resolution, tierModel } = config;
  const published = (kind: "form" | "tier-model" | "flow", key: string) =>
    publishedKeys.has(`${kind}/${key}`);
  const anyFlow = [...publishedKeys].some((k) => k.startsWith("flow/"));
  const accountForm = published("form", accounts.form);
  const measured: Record<KpiFigure, boolean> = {
    nps: accountForm && accounts.npsField !== null,
    churn:
      accountForm &&
      (accounts.contractEndField !== null || accounts.churnedField !== null) &&
      (highValue.source === "field" || published("tier-model", highValue.key)),
    revenue:
      published("form", revenue.form) &&
      (revenue.approval === null || published("flow", revenue.approval.flow)),
    ltv: accountForm && accounts.ltvField !== null,
    resolution: resolution.flows.some((flow) => published("flow", flow)),
    sla: anyFlow,
    tiers: tierModel !== null && published("tier-model", tierModel),
  };
  return KPI_FIGURES.filter((figure) => !measured[figure]);
}
