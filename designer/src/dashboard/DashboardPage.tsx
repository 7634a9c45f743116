/**
 * @module designer/dashboard/DashboardPage
 * The route `/dashboard`, where the director watches: a card per KPI (NPS, churn of high-value
 * accounts, upsell/cross-sell revenue, LTV change, resolution time, SLA breach rate) with its
 * change against the previous period, the tier distribution and the tier movement from the
 * period's first day to its last (a Sankey), and the same KPIs by team. Period (this month,
 * quarter, year, the last 30 days or a custom range), team and comparison live in the URL, so a
 * view can be shared. Live: tier changes and flow steps reload it (debounced). A workspace whose
 * KPI configuration measures nothing gets an empty state that says what to do.
 */
import { ReloadOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Card,
  DatePicker,
  Empty,
  Flex,
  Segmented,
  Space,
  Spin,
  Switch,
  TreeSelect,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link, useSearchParams } from "react-router";
import { useApiQuery } from "../api/useApiQuery.ts";
import { useApi, useLiveEvent, useSession } from "../app-context.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { type Language, localized } from "../i18n/language.ts";
import { KpiCards } from "./KpiCards.tsx";
import {
  type Formatter,
  flattenTeams,
  type KpiReport,
  measuresNothing,
  type TeamNode,
  teamOptions,
} from "./kpi-model.ts";
import {
  type DateRange,
  PERIOD_PRESETS,
  type PeriodPreset,
  periodFromParams,
  previousRange,
  rangeOf,
  todayIn,
} from "./period.ts";
import { TeamBreakdown } from "./TeamBreakdown.tsx";
import { TierDistributionChart } from "./TierDistributionChart.tsx";
import { TierMovementChart } from "./TierMovementChart.tsx";
import { type TierLook, tierFlow } from "./tier-flow.ts";
import { useKpiReports } from "./useKpiReports.ts";
import "./dashboard.css";

/** How long live events are gathered before one reload. */
const LIVE_DEBOUNCE_MS = 1500;
const DEFAULT_ZONE = "Asia/Shanghai";

interface TierModelBody {
  readonly key: string;
  readonly name?: unknown;
  readonly tiers?: ReadonlyArray<{ key: string; label?: unknown; color?: string }>;
}

/** Accounts with a tier at the end of a report's period. */
const tierTotal = (report: KpiReport | undefined) =>
  (report?.tiers.distribution ?? []).reduce((sum, d) => sum + d.count, 0);

/** The labels and colours of a tier model's tiers (keys alone until it loads or if it cannot). */
function useTierLook(model: string | null | undefined, language: Language) {
  const api = useApi();
  const [body, setBody] = useState<TierModelBody>();
  useEffect(() => {
    if (!model) return;
    let live = true;
    api
      .get<TierModelBody>(`/api/v1/definitions/tier-model/${encodeURIComponent(model)}/export`)
      .then(
        (b) => live && setBody(b),
        () => live && setBody(undefined),
      );
    return () => {
      live = false;
    };
  }, [api, model]);
  const current = body?.key === model ? body : undefined;
  const look = useCallback(
    (tier: string): TierLook => {
      const found = current?.tiers?.find((t) => t.key === tier);
      const label = localized(found?.label, language) || tier;
      return found?.color ? { label, color: found.color } : { label };
    },
    [current, language],
  );
  return { look, name: localized(current?.name, language) || (model ?? "") };
}

export default function DashboardPage() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const role = useSession((s) => s.me?.role);
  const [params, setParams] = useSearchParams();
  const choice = periodFromParams(params);
  const team = params.get("team") || null;
  const compare = params.get("compare") !== "0";
  const [zone, setZone] = useState(DEFAULT_ZONE);
  const today = todayIn(zone, Date.now());
  const range = rangeOf(choice, today);
  const previous = compare ? previousRange(choice.preset, range) : null;
  const reports = useKpiReports(range, previous, team);
  const { current } = reports;
  const teams = useApiQuery<{ items: TeamNode[] }>("/api/v1/teams");
  const tierLook = useTierLook(current?.tiers.model, language);
  const [generation, setGeneration] = useState(0);

  useEffect(() => {
    if (current && current.period.timeZone !== zone) setZone(current.period.timeZone);
  }, [current, zone]);

  const { reload } = reports;
  const reloadAll = useCallback(() => {
    reload();
    setGeneration((g) => g + 1);
  }, [reload]);
  // Live: tier changes and flow steps change the figures; gather a burst into one reload.
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const scheduleReload = useCallback(() => {
    clearTimeout(timer.current);
    timer.current = setTimeout(reloadAll, LIVE_DEBOUNCE_MS);
  }, [reloadAll]);
  useEffect(() => () => clearTimeout(timer.current), []);
  useLiveEvent("tier", scheduleReload);
  useLiveEvent("instance", scheduleReload);

  const update = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value === null) next.delete(key);
      else next.set(key, value);
    }
    setParams(next, { replace: true });
  };
  const choosePreset = (preset: PeriodPreset) => {
    if (preset === "custom") update({ period: "custom", from: range.from, to: range.to });
    else update({ period: preset, from: null, to: null });
  };
  const chooseRange = (picked: DateRange) =>
    update({ period: "custom", from: picked.from, to: picked.to });

  const formatter: Formatter = useMemo(
    () => ({
      language,
      unit: (unit, value) => t(`dashboard.unit.${unit}`, { value }),
    }),
    [language, t],
  );
  const teamTree = useMemo(() => teamOptions(teams.data?.items ?? []), [teams.data]);
  const flatTeams = useMemo(() => flattenTeams(teams.data?.items ?? []), [teams.data]);
  const flow = useMemo(
    () => (current ? tierFlow(current.tiers, tierLook.look, t("dashboard.noTier")) : undefined),
    [current, tierLook.look, t],
  );

  const dates = (r: DateRange) => t("dashboard.range", { from: r.from, to: r.to });
  const toolbar = (
    <Flex className="kam-dash-toolbar" gap={12} wrap align="center">
      <Segmented<PeriodPreset>
        aria-label={t("dashboard.period")}
        value={choice.preset}
        options={PERIOD_PRESETS.map((p) => ({ value: p, label: t(`dashboard.preset.${p}`) }))}
        onChange={choosePreset}
        data-testid="dashboard-period"
      />
      <DatePicker.RangePicker
        aria-label={t("dashboard.customRange")}
        allowClear={false}
        value={[dayjs(range.from), dayjs(range.to)]}
        disabledDate={(d) => d.format("YYYY-MM-DD") > today}
        onChange={(_values, strings) => {
          const [from, to] = strings;
          if (from && to) chooseRange({ from, to });
        }}
        data-testid="dashboard-range"
      />
      <TreeSelect
        className="kam-dash-team"
        aria-label={t("dashboard.team")}
        placeholder={t("dashboard.allTeams")}
        allowClear
        treeDefaultExpandAll
        treeData={teamTree}
        value={team ?? undefined}
        onChange={(value: string | undefined) => update({ team: value ?? null })}
        loading={teams.data === undefined && !teams.error}
        data-testid="dashboard-team"
      />
      <Space>
        <Switch
          checked={compare}
          onChange={(on) => update({ compare: on ? null : "0" })}
          aria-label={t("dashboard.compare")}
          data-testid="dashboard-compare"
        />
        {t("dashboard.compare")}
      </Space>
      <Button icon={<ReloadOutlined />} onClick={reloadAll} data-testid="dashboard-reload">
        {t("dashboard.reload")}
      </Button>
      {reports.loading && current && <Spin size="small" />}
    </Flex>
  );

  let body: React.ReactNode;
  if (reports.problem && !current) {
    body = (
      <ProblemAlert
        problem={reports.problem}
        action={<Button onClick={reloadAll}>{t("state.retry")}</Button>}
      />
    );
  } else if (!current) {
    body = (
      <Flex justify="center" className="kam-dash-loading">
        <Spin description={t("state.loading")} />
      </Flex>
    );
  } else if (measuresNothing(current)) {
    body = (
      <Empty
        className="kam-dash-empty"
        data-testid="dashboard-empty"
        description={
          <Space orientation="vertical">
            <Typography.Text strong>{t("dashboard.empty.title")}</Typography.Text>
            <Typography.Text type="secondary">
              {role === "admin" ? t("dashboard.empty.adminHint") : t("dashboard.empty.hint")}
            </Typography.Text>
          </Space>
        }
      >
        {role === "admin" && (
          <Link to="/templates">
            <Button type="primary">{t("dashboard.empty.openTemplates")}</Button>
          </Link>
        )}
      </Empty>
    );
  } else {
    const hasTiers = !current.unmeasured.includes("tiers");
    body = (
      <>
        {reports.problem && <ProblemAlert problem={reports.problem} />}
        {!current.configured && (
          <Alert
            type="info"
            showIcon
            className="kam-dash-notice"
            title={t("dashboard.defaults")}
            data-testid="dashboard-defaults"
          />
        )}
        <KpiCards report={current} previous={reports.previous} formatter={formatter} />
        <div className="kam-dash-charts">
          <Card
            size="small"
            title={t("dashboard.distribution.title", { model: tierLook.name })}
            extra={
              <Typography.Text type="secondary">
                {t("dashboard.distribution.at", { date: range.to })}
              </Typography.Text>
            }
          >
            {!hasTiers ? (
              <Empty description={t("dashboard.notConfigured")} />
            ) : tierTotal(current) + tierTotal(reports.previous) === 0 ? (
              <Empty description={t("dashboard.distribution.none")} />
            ) : (
              <TierDistributionChart
                current={current.tiers.distribution}
                previous={reports.previous?.tiers.distribution}
                look={tierLook.look}
                currentLabel={dates(range)}
                previousLabel={previous ? dates(previous) : ""}
                language={language}
              />
            )}
          </Card>
          <Card
            size="small"
            title={t("dashboard.movement.title")}
            extra={
              <Typography.Text type="secondary" data-testid="tier-movement-dates">
                {t("dashboard.movement.between", { from: range.from, to: range.to })}
              </Typography.Text>
            }
          >
            {!hasTiers ? (
              <Empty description={t("dashboard.notConfigured")} />
            ) : flow && flow.links.length > 0 ? (
              <>
                <TierMovementChart flow={flow} language={language} />
                <Typography.Text type="secondary" data-testid="tier-movement-summary">
                  {t("dashboard.movement.summary", {
                    moved: flow.moved,
                    stayed: flow.stayed,
                  })}
                </Typography.Text>
              </>
            ) : (
              <Empty description={t("dashboard.movement.none")} />
            )}
          </Card>
        </div>
        {flatTeams.length > 0 && (
          <Card size="small" title={t("dashboard.byTeam")} className="kam-dash-teams">
            <TeamBreakdown
              teams={flatTeams}
              range={range}
              generation={generation}
              formatter={formatter}
              onPick={(id) => update({ team: id })}
            />
          </Card>
        )}
      </>
    );
  }

  return (
    <section data-testid="dashboard">
      <Flex align="baseline" gap={12} wrap className="kam-dash-header">
        <Typography.Title level={2} className="kam-dash-title">
          {t("dashboard.title")}
        </Typography.Title>
        <Typography.Text type="secondary" data-testid="dashboard-range-text">
          {dates(range)}
          {previous ? ` · ${t("dashboard.comparedWith", { range: dates(previous) })}` : ""}
          {` · ${zone}`}
        </Typography.Text>
      </Flex>
      {toolbar}
      {body}
    </section>
  );
}
