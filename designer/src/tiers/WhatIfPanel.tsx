/**
 * @module designer/tiers/WhatIfPanel
 * The what-if of the edited model over the current accounts: the distribution before and after
 * (a chart), the from→to transition matrix (rows: the tier in force; columns: the draft's tier;
 * darker cells hold more accounts, off-diagonal cells are the moves), and the accounts of a cell
 * when it is clicked.
 */
import { ReloadOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Empty, Flex, List, Space, Spin, Tag, Typography } from "antd";
import { lazy, Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { TierPreview } from "../../../engine/tiers/index.ts";
import { useApi } from "../app-context.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { useTierEditor } from "./editor-context.ts";
import { localizedText } from "./fields.tsx";
import { recordNames } from "./tier-api.ts";
import type { WhatIf } from "./useWhatIf.ts";

/** A stable empty list (a selector returning a fresh [] would re-render forever). */
const NONE: readonly never[] = [];

// echarts is the heaviest part of the editor: loaded when the first preview is shown.
const DistributionChart = lazy(() =>
  import("./DistributionChart.tsx").then((m) => ({ default: m.DistributionChart })),
);

type Cell = { readonly from: string | null; readonly to: string | null };

const cellId = (tier: string | null) => tier ?? "none";

/** A cell's background: white to blue by its share of the largest cell. */
function heat(count: number, max: number, moved: boolean): React.CSSProperties {
  if (count === 0) return {};
  const alpha = 0.15 + 0.6 * (count / Math.max(max, 1));
  return moved
    ? { background: `rgba(250, 140, 22, ${alpha.toFixed(2)})` }
    : { background: `rgba(22, 119, 255, ${alpha.toFixed(2)})` };
}

function CellAccounts({
  preview,
  cell,
  label,
}: {
  preview: TierPreview;
  cell: Cell;
  label: (t: string | null) => string;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const found = preview.transitions.find((c) => c.from === cell.from && c.to === cell.to);
  const ids = found?.sampleIds ?? [];
  const idsKey = ids.join(",");
  const [names, setNames] = useState<{ id: string; name: string }[]>();
  useEffect(() => {
    let current = true;
    setNames(undefined);
    recordNames(api, idsKey === "" ? [] : idsKey.split(",")).then(
      (list) => current && setNames(list),
    );
    return () => {
      current = false;
    };
  }, [api, idsKey]);
  return (
    <Card
      size="small"
      data-testid="cell-accounts"
      title={t("tierEditor.cellAccounts", { from: label(cell.from), to: label(cell.to) })}
      extra={
        found && found.count > ids.length ? (
          <Typography.Text type="secondary">
            {t("tierEditor.cellSample", { shown: ids.length, total: found.count })}
          </Typography.Text>
        ) : null
      }
    >
      {!names ? (
        <Spin size="small" />
      ) : (
        <List
          size="small"
          dataSource={names}
          renderItem={(item) => (
            <List.Item data-testid="cell-account">
              <Typography.Text>{item.name}</Typography.Text>
            </List.Item>
          )}
        />
      )}
    </Card>
  );
}

export function WhatIfPanel({ whatIf }: { whatIf: WhatIf }) {
  const { t, i18n } = useTranslation();
  const tiers = useTierEditor((s) => s.model?.tiers) ?? NONE;
  const current = useTierEditor((s) => s.model);
  const [selected, setSelected] = useState<Cell>();
  const { preview } = whatIf;

  // A cell that the new preview no longer has is deselected.
  useEffect(() => {
    if (
      selected &&
      !preview?.transitions.some((c) => c.from === selected.from && c.to === selected.to)
    )
      setSelected(undefined);
  }, [preview, selected]);

  const label = (tier: string | null) => {
    if (tier === null) return t("tierEditor.noTier");
    return localizedText(tiers.find((x) => x.key === tier)?.label, i18n.language) || tier;
  };

  const header = (
    <Flex justify="space-between" align="center" wrap gap={8}>
      <Space wrap>
        {preview && (
          <Typography.Text data-testid="what-if-summary">
            {t("tierEditor.whatIfSummary", { total: preview.total, changed: preview.changed })}
          </Typography.Text>
        )}
        {whatIf.loading && <Spin size="small" />}
        {preview && whatIf.previewed !== current && !whatIf.loading && (
          <Tag color="orange">{t("tierEditor.whatIfStale")}</Tag>
        )}
      </Space>
      <Button
        icon={<ReloadOutlined />}
        onClick={whatIf.run}
        loading={whatIf.loading}
        data-testid="what-if-run"
        type={preview ? "default" : "primary"}
      >
        {t(preview ? "tierEditor.whatIfRefresh" : "tierEditor.whatIfRun")}
      </Button>
    </Flex>
  );

  if (!preview) {
    return (
      <Flex vertical gap={12} data-testid="what-if">
        {header}
        {whatIf.problem && <ProblemAlert problem={whatIf.problem} />}
        <Typography.Paragraph type="secondary">{t("tierEditor.whatIfIntro")}</Typography.Paragraph>
      </Flex>
    );
  }

  const order = preview.tiers;
  const count = (from: string | null, to: string | null) =>
    preview.transitions.find((c) => c.from === from && c.to === to)?.count ?? 0;
  const max = Math.max(0, ...preview.transitions.map((c) => c.count));
  const before = order.map(
    (tier) => preview.currentDistribution.find((d) => d.tier === tier)?.count ?? 0,
  );
  const after = order.map((tier) => preview.distribution.find((d) => d.tier === tier)?.count ?? 0);

  return (
    <Flex vertical gap={12} data-testid="what-if">
      {header}
      {whatIf.problem && (
        <Alert
          type="error"
          showIcon
          title={t("tierEditor.whatIfFailed")}
          description={<ProblemAlert problem={whatIf.problem} />}
        />
      )}
      {preview.total === 0 ? (
        <Empty description={t("tierEditor.whatIfNoRecords")} />
      ) : (
        <Flex gap={16} wrap align="flex-start">
          <Card size="small" title={t("tierEditor.distribution")} className="kam-tier-chart-card">
            <Suspense fallback={<Spin />}>
              <DistributionChart
                categories={order.map(label)}
                before={before}
                after={after}
                beforeLabel={t("tierEditor.before")}
                afterLabel={t("tierEditor.after")}
              />
            </Suspense>
          </Card>
          <Card size="small" title={t("tierEditor.transitions")} className="kam-tier-matrix-card">
            <Typography.Paragraph type="secondary" className="kam-tier-hint">
              {t("tierEditor.transitionsHint")}
            </Typography.Paragraph>
            <table className="kam-tier-matrix" data-testid="transition-matrix">
              <caption className="kam-tier-sr-only">{t("tierEditor.transitions")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("tierEditor.fromTo")}</th>
                  {order.map((to) => (
                    <th scope="col" key={cellId(to)}>
                      {label(to)}
                    </th>
                  ))}
                  <th scope="col">{t("tierEditor.before")}</th>
                </tr>
              </thead>
              <tbody>
                {order.map((from, r) => (
                  <tr key={cellId(from)}>
                    <th scope="row">{label(from)}</th>
                    {order.map((to) => {
                      const n = count(from, to);
                      const moved = from !== to;
                      const isSelected = selected?.from === from && selected?.to === to;
                      return (
                        <td
                          key={cellId(to)}
                          style={heat(n, max, moved)}
                          className={[
                            moved ? "" : "kam-tier-matrix__diagonal",
                            isSelected ? "kam-tier-matrix__selected" : "",
                          ].join(" ")}
                          data-testid={`transition-${cellId(from)}-${cellId(to)}`}
                          data-count={n}
                        >
                          {n > 0 ? (
                            <button
                              type="button"
                              className="kam-tier-matrix__button"
                              aria-pressed={isSelected}
                              aria-label={t("tierEditor.cellButton", {
                                count: n,
                                from: label(from),
                                to: label(to),
                              })}
                              onClick={() => setSelected(isSelected ? undefined : { from, to })}
                            >
                              {n}
                            </button>
                          ) : (
                            <span className="kam-tier-matrix__zero">0</span>
                          )}
                        </td>
                      );
                    })}
                    <td className="kam-tier-matrix__total">{before[r]}</td>
                  </tr>
                ))}
                <tr>
                  <th scope="row">{t("tierEditor.after")}</th>
                  {after.map((n, k) => (
                    <td key={cellId(order[k] ?? null)} className="kam-tier-matrix__total">
                      {n}
                    </td>
                  ))}
                  <td className="kam-tier-matrix__total">{preview.total}</td>
                </tr>
              </tbody>
            </table>
          </Card>
        </Flex>
      )}
      {selected && <CellAccounts preview={preview} cell={selected} label={label} />}
    </Flex>
  );
}
