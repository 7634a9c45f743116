/**
 * @module designer/dashboard/TeamBreakdown
 * The period's KPIs side by side for each team (with its sub-teams), from one report per team;
 * a row picks that team for the whole dashboard. Loaded after the main report, reloaded with it.
 */
import { Button, Table, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiProblem, toProblem } from "../api/problem.ts";
import { useApi } from "../app-context.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { CARDS, type Formatter, formatValue, type KpiReport } from "./kpi-model.ts";
import type { DateRange } from "./period.ts";
import { kpiPath } from "./useKpiReports.ts";

/** Teams compared at most (one request each). */
const MAX_TEAMS = 20;

interface Row {
  readonly id: string;
  readonly name: string;
  readonly depth: number;
  readonly report: KpiReport;
}

export function TeamBreakdown({
  teams,
  range,
  generation,
  formatter,
  onPick,
}: {
  teams: ReadonlyArray<{ id: string; name: string; depth: number }>;
  range: DateRange;
  /** Changes when the dashboard reloads. */
  generation: number;
  formatter: Formatter;
  onPick: (teamId: string) => void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const [rows, setRows] = useState<Row[]>();
  const [problem, setProblem] = useState<ApiProblem>();
  const shown = teams.slice(0, MAX_TEAMS);
  const key = shown.map((team) => team.id).join(",");

  // biome-ignore lint/correctness/useExhaustiveDependencies: key stands for the teams; generation reloads
  useEffect(() => {
    let live = true;
    Promise.all(
      shown.map(async (team) => ({
        ...team,
        report: await api.get<KpiReport>(kpiPath(range, team.id)),
      })),
    ).then(
      (loaded) => {
        if (!live) return;
        setRows(loaded);
        setProblem(undefined);
      },
      (error: unknown) => live && setProblem(toProblem(error)),
    );
    return () => {
      live = false;
    };
  }, [api, key, range.from, range.to, generation]);

  if (problem) return <ProblemAlert problem={problem} />;
  return (
    <Table<Row>
      rowKey="id"
      size="small"
      loading={rows === undefined}
      dataSource={rows ?? []}
      pagination={false}
      scroll={{ x: 900 }}
      data-testid="team-breakdown"
      columns={[
        {
          key: "team",
          title: t("dashboard.team"),
          render: (_: unknown, row) => (
            <Button
              type="link"
              size="small"
              className={`kam-dash-team-depth-${Math.min(row.depth, 3)}`}
              onClick={() => onPick(row.id)}
            >
              {row.name}
            </Button>
          ),
        },
        ...CARDS.map((spec) => ({
          key: spec.figure,
          title: t(`dashboard.kpi.${spec.figure}`),
          align: "right" as const,
          render: (_: unknown, row: Row) =>
            row.report.unmeasured.includes(spec.figure) ? (
              <Typography.Text type="secondary">—</Typography.Text>
            ) : (
              formatValue(spec.value(row.report), spec.format, formatter)
            ),
        })),
      ]}
    />
  );
}
