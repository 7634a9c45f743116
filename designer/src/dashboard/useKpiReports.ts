/**
 * @module designer/dashboard/useKpiReports
 * Loads the KPI reports the dashboard shows: the period's and, when comparing, the previous
 * period's (in parallel), for a team or everyone the caller may see. While a reload runs, the
 * last reports stay on screen (`loading` says one is on its way), so a live update does not
 * blank the page. `reload()` asks again with the same parameters.
 */
import { useCallback, useEffect, useState } from "react";
import { type ApiProblem, toProblem } from "../api/problem.ts";
import { useApi } from "../app-context.tsx";
import type { KpiReport } from "./kpi-model.ts";
import type { DateRange } from "./period.ts";

/** The query string of a report of `range` (and `team`). */
export function kpiPath(range: DateRange, team: string | null): string {
  const params = new URLSearchParams({ from: range.from, to: range.to });
  if (team) params.set("team", team);
  return `/api/v1/kpis?${params.toString()}`;
}

export interface KpiReports {
  readonly current: KpiReport | undefined;
  readonly previous: KpiReport | undefined;
  readonly problem: ApiProblem | undefined;
  readonly loading: boolean;
  /** When the reports on screen were loaded (epoch ms). */
  readonly loadedAt: number | undefined;
  reload(): void;
}

export function useKpiReports(
  range: DateRange,
  previous: DateRange | null,
  team: string | null,
): KpiReports {
  const api = useApi();
  const [state, setState] = useState<{
    current?: KpiReport;
    previous?: KpiReport;
    problem?: ApiProblem;
    loading: boolean;
    loadedAt?: number;
  }>({ loading: true });
  const [generation, setGeneration] = useState(0);
  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  const currentPath = kpiPath(range, team);
  const previousPath = previous ? kpiPath(previous, team) : null;

  // biome-ignore lint/correctness/useExhaustiveDependencies: generation triggers reloads
  useEffect(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    Promise.all([
      api.get<KpiReport>(currentPath),
      previousPath ? api.get<KpiReport>(previousPath) : Promise.resolve(undefined),
    ]).then(
      ([current, before]) =>
        live &&
        setState({
          current,
          ...(before ? { previous: before } : {}),
          loading: false,
          loadedAt: Date.now(),
        }),
      (error: unknown) =>
        live && setState((s) => ({ ...s, problem: toProblem(error), loading: false })),
    );
    return () => {
      live = false;
    };
  }, [api, currentPath, previousPath, generation]);

  return {
    current: state.current,
    previous: previousPath ? state.previous : undefined,
    problem: state.problem,
    loading: state.loading,
    loadedAt: state.loadedAt,
    reload,
  };
}
