/**
 * @module designer/dashboard/KpiCards
 * One card per KPI: its value over the period, what it was computed from, and — when comparing —
 * the change against the previous period, green when it is good news and red when not (down is
 * good for churn, SLA breaches and resolution time). A figure the configuration cannot measure
 * says so instead of showing 0.
 */
import { ArrowDownOutlined, ArrowUpOutlined, MinusOutlined } from "@ant-design/icons";
import { Card, Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import {
  CARDS,
  type CardSpec,
  deltaOf,
  type Formatter,
  formatDelta,
  formatValue,
  type KpiReport,
} from "./kpi-model.ts";

/** The line under a card's value: what it counts. */
function detailOf(
  spec: CardSpec,
  report: KpiReport,
  f: Formatter,
  t: (key: string, values?: Record<string, unknown>) => string,
): string {
  const n = (value: number) => new Intl.NumberFormat(f.language).format(value);
  switch (spec.figure) {
    case "nps":
      return t("dashboard.detail.nps", {
        responses: n(report.nps.responses),
        promoters: n(report.nps.promoters),
        detractors: n(report.nps.detractors),
      });
    case "churn":
      return t("dashboard.detail.churn", {
        churned: n(report.churn.churned),
        base: n(report.churn.highValueAtStart),
      });
    case "revenue":
      return t("dashboard.detail.revenue", { records: n(report.revenue.count) });
    case "ltv":
      return t("dashboard.detail.ltv", {
        start: formatValue(report.ltv.start, "amount", f),
        end: formatValue(report.ltv.end, "amount", f),
        rate:
          report.ltv.changeRate === null ? "—" : formatValue(report.ltv.changeRate, "percent", f),
      });
    case "resolution":
      return t("dashboard.detail.resolution", {
        tickets: n(report.resolution.count),
        median: formatValue(report.resolution.medianMs, "duration", f),
      });
    case "sla":
      return t("dashboard.detail.sla", {
        breached: n(report.sla.breached),
        total: n(report.sla.met + report.sla.breached),
      });
  }
}

export function KpiCards({
  report,
  previous,
  formatter,
}: {
  report: KpiReport;
  previous: KpiReport | undefined;
  formatter: Formatter;
}) {
  const { t } = useTranslation();
  return (
    <div className="kam-dash-cards">
      {CARDS.map((spec) => {
        const unmeasured = report.unmeasured.includes(spec.figure);
        const value = spec.value(report);
        const delta =
          previous && !unmeasured ? deltaOf(value, spec.value(previous), spec.better) : null;
        const Arrow =
          delta?.direction === "up"
            ? ArrowUpOutlined
            : delta?.direction === "down"
              ? ArrowDownOutlined
              : MinusOutlined;
        return (
          <Card
            key={spec.figure}
            size="small"
            className="kam-dash-card"
            data-testid={`kpi-card-${spec.figure}`}
            title={
              <Tooltip title={t(`dashboard.help.${spec.figure}`)}>
                <span>{t(`dashboard.kpi.${spec.figure}`)}</span>
              </Tooltip>
            }
          >
            {unmeasured ? (
              <Typography.Text type="secondary" data-testid={`kpi-value-${spec.figure}`}>
                {t("dashboard.notConfigured")}
              </Typography.Text>
            ) : (
              <>
                <div className="kam-dash-value" data-testid={`kpi-value-${spec.figure}`}>
                  {formatValue(value, spec.format, formatter)}
                </div>
                <Typography.Text
                  type="secondary"
                  className="kam-dash-detail"
                  data-testid={`kpi-detail-${spec.figure}`}
                >
                  {detailOf(spec, report, formatter, t)}
                </Typography.Text>
                {previous && (
                  <div
                    className={`kam-dash-delta kam-dash-delta-${delta?.tone ?? "none"}`}
                    data-testid={`kpi-delta-${spec.figure}`}
                    data-tone={delta?.tone ?? "none"}
                  >
                    {delta ? (
                      <>
                        <Arrow />{" "}
                        {t("dashboard.vsPrevious", {
                          delta: formatDelta(delta, spec.format, formatter),
                        })}
                      </>
                    ) : (
                      t("dashboard.noComparison")
                    )}
                  </div>
                )}
              </>
            )}
          </Card>
        );
      })}
    </div>
  );
}
