/**
 * @module designer/dashboard/kpi-model
 * What the dashboard shows of a KPI report (GET /api/v1/kpis, schema `api/kpis.json`): the value
 * of each card, its change against the previous period with whether that change is good (for
 * churn, breach rate and resolution time, down is good), the formats, and the teams tree of the
 * team filter. Pure, so it is unit-tested in node.
 */

/** NPS over 0–10 scores. */
export interface NpsFigure {
  readonly score: number | null;
  readonly responses: number;
  readonly promoters: number;
  readonly passives: number;
  readonly detractors: number;
}

/** The report's figures. */
export const FIGURES = ["nps", "churn", "revenue", "ltv", "resolution", "sla", "tiers"] as const;
export type Figure = (typeof FIGURES)[number];

/** GET /api/v1/kpis. */
export interface KpiReport {
  readonly period: { readonly from: number; readonly to: number; readonly timeZone: string };
  readonly team: string | null;
  readonly configured: boolean;
  readonly unmeasured: readonly Figure[];
  readonly nps: NpsFigure & { readonly start: NpsFigure; readonly change: number | null };
  readonly churn: {
    readonly highValueAtStart: number;
    readonly churned: number;
    readonly rate: number | null;
  };
  readonly revenue: { readonly total: number; readonly count: number };
  readonly ltv: {
    readonly start: number;
    readonly end: number;
    readonly change: number;
    readonly changeRate: number | null;
  };
  readonly resolution: {
    readonly count: number;
    readonly averageMs: number | null;
    readonly medianMs: number | null;
  };
  readonly sla: {
    readonly met: number;
    readonly breached: number;
    readonly breachRate: number | null;
  };
  readonly tiers: {
    readonly model: string | null;
    readonly distribution: ReadonlyArray<{ readonly tier: string; readonly count: number }>;
    readonly movement: ReadonlyArray<{
      readonly from: string | null;
      readonly to: string;
      readonly count: number;
    }>;
  };
}

/** How a card's value reads. */
export type ValueFormat = "score" | "percent" | "amount" | "duration";

/** One KPI card: which figure, its value in a report, which way is better, its format. */
export interface CardSpec {
  readonly figure: Exclude<Figure, "tiers">;
  readonly better: "up" | "down";
  readonly format: ValueFormat;
  value(report: KpiReport): number | null;
}

/** The cards, in the order the dashboard shows them. */
export const CARDS: readonly CardSpec[] = [
  { figure: "nps", better: "up", format: "score", value: (r) => r.nps.score },
  { figure: "churn", better: "down", format: "percent", value: (r) => r.churn.rate },
  { figure: "revenue", better: "up", format: "amount", value: (r) => r.revenue.total },
  { figure: "ltv", better: "up", format: "amount", value: (r) => r.ltv.change },
  {
    figure: "resolution",
    better: "down",
    format: "duration",
    value: (r) => r.resolution.averageMs,
  },
  { figure: "sla", better: "down", format: "percent", value: (r) => r.sla.breachRate },
];

/** A change against the previous period; `tone` says whether it is good news. */
export interface Delta {
  readonly value: number;
  readonly direction: "up" | "down" | "flat";
  readonly tone: "good" | "bad" | "neutral";
}

const EPSILON = 1e-9;

/**
 * The change from `previous` to `current` (null when either has nothing to measure).
 * @example deltaOf(0.1, 0.25, "down") // { value: -0.15, direction: "down", tone: "good" }
 */
export function deltaOf(
  current: number | null,
  previous: number | null,
  better: "up" | "down",
): Delta | null {
  if (current === null || previous === null) return null;
  const value = current - previous;
  if (Math.abs(value) < EPSILON) return { value: 0, direction: "flat", tone: "neutral" };
  const direction = value > 0 ? "up" : "down";
  return { value, direction, tone: direction === better ? "good" : "bad" };
}

/** A duration as a number and a unit: minutes under 2 hours, hours under 2 days, then days. */
export function durationParts(ms: number): { value: number; unit: "min" | "h" | "d" } {
  const minutes = Math.abs(ms) / 60_000;
  const sign = ms < 0 ? -1 : 1;
  const round1 = (n: number) => Math.round(n * 10) / 10;
  if (minutes < 120) return { value: sign * Math.round(minutes), unit: "min" };
  if (minutes < 48 * 60) return { value: sign * round1(minutes / 60), unit: "h" };
  return { value: sign * round1(minutes / 1440), unit: "d" };
}

/** Formats with the UI's language and translations. */
export interface Formatter {
  readonly language: string;
  /** `t("dashboard.unit.min", { value })` and the like. */
  unit(unit: "min" | "h" | "d" | "pp" | "points", value: string): string;
}

const number = (language: string, value: number, digits: number) =>
  new Intl.NumberFormat(language, { maximumFractionDigits: digits }).format(value);

/** A card's value as text ("—" for nothing to measure). */
export function formatValue(value: number | null, format: ValueFormat, f: Formatter): string {
  if (value === null) return "—";
  switch (format) {
    case "score":
      return number(f.language, Math.round(value), 0);
    case "percent":
      return new Intl.NumberFormat(f.language, {
        style: "percent",
        maximumFractionDigits: 1,
      }).format(value);
    case "amount":
      return new Intl.NumberFormat(f.language, {
        notation: "compact",
        maximumFractionDigits: 2,
      }).format(value);
    case "duration": {
      const { value: n, unit } = durationParts(value);
      return f.unit(unit, number(f.language, n, 1));
    }
  }
}

/** A delta as signed text: points for a score, percentage points for a rate. */
export function formatDelta(delta: Delta, format: ValueFormat, f: Formatter): string {
  const sign = delta.value > 0 ? "+" : delta.value < 0 ? "−" : "±";
  const size = Math.abs(delta.value);
  switch (format) {
    case "score":
      return sign + f.unit("points", number(f.language, Math.round(size * 10) / 10, 1));
    case "percent":
      return sign + f.unit("pp", number(f.language, size * 100, 1));
    case "amount":
      return sign + formatValue(size, "amount", f);
    case "duration":
      return sign + formatValue(size, "duration", f);
  }
}

/** Whether the report can measure nothing at all (the workspace has no KPI configuration). */
export const measuresNothing = (report: KpiReport): boolean =>
  FIGURES.every((figure) => report.unmeasured.includes(figure));

/** One team of GET /api/v1/teams (a tree). */
export interface TeamNode {
  readonly id: string;
  readonly name: string;
  readonly children?: readonly TeamNode[];
}

/** A TreeSelect option. */
export interface TeamOption {
  readonly value: string;
  readonly title: string;
  readonly children: TeamOption[];
}

/** The teams tree as TreeSelect options (names as the server gives them). */
export function teamOptions(teams: readonly TeamNode[]): TeamOption[] {
  return teams.map((team) => ({
    value: team.id,
    title: team.name,
    children: teamOptions(team.children ?? []),
  }));
}

/** Every team of the tree, depth first (for the by-team table). */
export function flattenTeams(
  teams: readonly TeamNode[],
  depth = 0,
): Array<{ id: string; name: string; depth: number }> {
  return teams.flatMap((team) => [
    { id: team.id, name: team.name, depth },
    ...flattenTeams(team.children ?? [], depth + 1),
  ]);
}
