/**
 * @module designer/accounts/TierWhy
 * Why an account has its tier in a model: the breakdown the engine stored with the evaluation —
 * a scorecard's measures with value, score, weight and contribution; a decision table's inputs
 * and the rows that matched; a matrix's axes and quadrant — and any manual override.
 */
import { Alert, Descriptions, Progress, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { type Language, localized } from "../i18n/language.ts";

export interface Assignment {
  readonly modelKey: string;
  readonly tier: string;
  readonly evaluatedTier: string;
  readonly score: number | null;
  readonly breakdown: unknown;
  readonly override: { tier: string; reason?: string; expiresAt?: number | null } | null;
}

interface Measure {
  readonly key: string;
  readonly raw: unknown;
  readonly score: number | null;
  readonly weight: number;
  readonly contribution: number;
  readonly missing: boolean;
}

/** Labels of the model's measures and inputs, when the model has them. */
export interface ModelLabels {
  readonly measures?: ReadonlyArray<{ key: string; label?: unknown }>;
  readonly inputs?: ReadonlyArray<{ key: string; label?: unknown }>;
  readonly rows?: ReadonlyArray<{ id?: string }>;
}

const shown = (v: unknown) =>
  v === null || v === undefined ? "—" : typeof v === "object" ? JSON.stringify(v) : String(v);

export function TierWhy({ assignment, model }: { assignment: Assignment; model: ModelLabels }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const label = (list: ModelLabels["measures"], key: string) =>
    localized(list?.find((m) => m.key === key)?.label, language) || key;
  const b = (assignment.breakdown ?? {}) as { kind?: string } & Record<string, unknown>;
  return (
    <div data-testid="tier-why" data-model={assignment.modelKey}>
      {assignment.override && (
        <Alert
          type="info"
          showIcon
          title={t("account360.override", {
            tier: assignment.override.tier,
            evaluated: assignment.evaluatedTier,
          })}
          description={assignment.override.reason}
        />
      )}
      {b.kind === "scorecard" && (
        <Table<Measure>
          size="small"
          rowKey="key"
          pagination={false}
          dataSource={[...((b.measures as Measure[]) ?? [])].sort(
            (x, y) => y.contribution - x.contribution,
          )}
          columns={[
            {
              title: t("account360.measure"),
              key: "key",
              render: (_, m) => label(model.measures, m.key),
            },
            {
              title: t("account360.value"),
              key: "raw",
              render: (_, m) => (m.missing ? t("account360.missing") : shown(m.raw)),
            },
            {
              title: t("account360.score"),
              key: "score",
              align: "right",
              render: (_, m) => shown(m.score),
            },
            {
              title: t("account360.weight"),
              key: "weight",
              align: "right",
              render: (_, m) => `${Math.round(m.weight * 100) / 100}`,
            },
            {
              title: t("account360.contribution"),
              key: "contribution",
              render: (_, m) => (
                <Progress
                  size="small"
                  percent={
                    assignment.score ? Math.round((m.contribution / assignment.score) * 100) : 0
                  }
                  format={() => (Math.round(m.contribution * 10) / 10).toString()}
                />
              ),
            },
          ]}
        />
      )}
      {b.kind === "decision-table" && (
        <Descriptions size="small" column={1} bordered>
          {Object.entries((b.inputs as Record<string, unknown>) ?? {}).map(([key, value]) => (
            <Descriptions.Item key={key} label={label(model.inputs, key)}>
              {shown(value)}
            </Descriptions.Item>
          ))}
          <Descriptions.Item label={t("account360.matchedRows")}>
            {((b.matched as number[]) ?? [])
              .map((row) => model.rows?.[row]?.id ?? `#${row + 1}`)
              .join(", ") || (b.usedDefault ? t("account360.defaultRow") : "—")}
          </Descriptions.Item>
        </Descriptions>
      )}
      {b.kind === "matrix" && (
        <Descriptions size="small" column={1} bordered>
          <Descriptions.Item label={t("account360.axisX")}>
            {shown((b.x as { value?: unknown })?.value)}
          </Descriptions.Item>
          <Descriptions.Item label={t("account360.axisY")}>
            {shown((b.y as { value?: unknown })?.value)}
          </Descriptions.Item>
          <Descriptions.Item label={t("account360.quadrant")}>
            {shown(b.quadrant)}
          </Descriptions.Item>
        </Descriptions>
      )}
      {b.kind === undefined && (
        <Typography.Text type="secondary">{t("account360.noBreakdown")}</Typography.Text>
      )}
    </div>
  );
}
