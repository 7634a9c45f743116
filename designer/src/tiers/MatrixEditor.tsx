/**
 * @module designer/tiers/MatrixEditor
 * A value × potential matrix: each axis (a rule over the record or another model's score) is
 * split at its threshold into a low and a high band; the grid gives each quadrant's tier, drawn
 * as the matrix reads on paper (x to the right, y upwards).
 */
import { Card, Flex, Select, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { MatrixModel } from "../../../engine/tiers/index.ts";
import { useTierEditor, useTierEditorStore, useTierModel } from "./editor-context.ts";
import {
  FieldIssues,
  I18nField,
  JsonField,
  localizedText,
  NumberField,
  SelectField,
  useTierOptions,
  useValueAt,
} from "./fields.tsx";

/** A stable empty list (a selector returning a fresh [] would re-render forever). */
const NONE: readonly never[] = [];

type Axis = MatrixModel["x"];

function AxisEditor({ axis }: { axis: "x" | "y" }) {
  const { t } = useTranslation();
  const store = useTierEditorStore();
  const value = useValueAt<Axis>([axis]);
  const uses = useTierEditor((s) => s.model?.uses) ?? NONE;
  const mode = value.model !== undefined ? "model" : "rule";
  const switchTo = (next: "rule" | "model") => {
    if (next === mode) return;
    const { rule: _r, model: _m, ...rest } = value as Axis & { rule?: unknown; model?: string };
    store
      .getState()
      .set(
        [axis],
        next === "model" ? { ...rest, model: uses[0] ?? "" } : { ...rest, rule: { var: "" } },
      );
  };
  const threshold = value.threshold;
  const side = value.includes ?? "high";
  return (
    <Card size="small" title={t(`tierEditor.axis.${axis}`)} data-testid={`axis-${axis}`}>
      <Flex vertical gap={8}>
        <Flex gap={8} align="flex-start" wrap>
          <div className="kam-tier-field">
            <Typography.Text type="secondary">{t("tierEditor.label")}</Typography.Text>
            <I18nField path={[axis, "label"]} label={t("tierEditor.label")} />
          </div>
          <div className="kam-tier-field">
            <Typography.Text type="secondary">{t("tierEditor.source")}</Typography.Text>
            <Flex vertical gap={2}>
              <Select
                size="small"
                value={mode}
                aria-label={t("tierEditor.source")}
                className="kam-tier-select"
                options={[
                  { value: "rule", label: t("tierEditor.sourceRule") },
                  { value: "model", label: t("tierEditor.sourceModel") },
                ]}
                onChange={switchTo}
              />
              {mode === "rule" ? (
                <JsonField path={[axis, "rule"]} label={t("tierEditor.valueRule")} pickFields />
              ) : (
                <SelectField
                  path={[axis, "model"]}
                  label={t("tierEditor.sourceModel")}
                  options={uses.map((u) => ({ value: u, label: u }))}
                />
              )}
            </Flex>
          </div>
        </Flex>
        <Space wrap>
          <Typography.Text>{t("tierEditor.threshold")}</Typography.Text>
          <NumberField
            path={[axis, "threshold"]}
            label={t("tierEditor.axisThreshold", { axis: axis.toUpperCase() })}
            testId={`axis-${axis}-threshold`}
          />
          <Typography.Text>{t("tierEditor.thresholdSide")}</Typography.Text>
          <SelectField
            path={[axis, "includes"]}
            label={t("tierEditor.thresholdSide")}
            allowClear
            placeholder={t("tierEditor.side.high")}
            options={(["high", "low"] as const).map((s) => ({
              value: s,
              label: t(`tierEditor.side.${s}`),
            }))}
          />
        </Space>
        <Typography.Text type="secondary">
          {t("tierEditor.axisBands", {
            low: side === "low" ? `≤ ${threshold}` : `< ${threshold}`,
            high: side === "low" ? `> ${threshold}` : `≥ ${threshold}`,
          })}
        </Typography.Text>
        <FieldIssues path={[axis]} />
      </Flex>
    </Card>
  );
}

const QUADRANTS = {
  high: { low: "lowHigh", high: "highHigh" },
  low: { low: "lowLow", high: "highLow" },
} as const;

export function MatrixEditor() {
  const { t, i18n } = useTranslation();
  const model = useTierModel() as MatrixModel;
  const options = useTierOptions();
  const axisName = (axis: Axis) => localizedText(axis.label, i18n.language);
  const quadrantCell = (y: "high" | "low", x: "low" | "high") => {
    const quadrant = QUADRANTS[y][x];
    return (
      <Flex vertical gap={2}>
        <SelectField
          path={["quadrants", quadrant]}
          label={t("tierEditor.quadrantLabel", {
            x: t(`tierEditor.side.${x}`),
            y: t(`tierEditor.side.${y}`),
          })}
          testId={`quadrant-${quadrant}`}
          options={options}
        />
        <FieldIssues path={["quadrants", quadrant]} />
      </Flex>
    );
  };
  return (
    <Flex vertical gap={12} data-testid="matrix-editor">
      <Flex gap={12} wrap>
        <AxisEditor axis="x" />
        <AxisEditor axis="y" />
      </Flex>
      <Card size="small" title={t("tierEditor.quadrants")}>
        <Table
          size="small"
          pagination={false}
          bordered
          rowKey="y"
          dataSource={[{ y: "high" as const }, { y: "low" as const }]}
          columns={[
            {
              title: `${axisName(model.y)} ↓ / ${axisName(model.x)} →`,
              width: 200,
              render: (_, { y }) => (
                <Typography.Text strong>
                  {axisName(model.y)} {t(`tierEditor.side.${y}`)}
                </Typography.Text>
              ),
            },
            {
              title: `${axisName(model.x)} ${t("tierEditor.side.low")}`,
              render: (_, { y }) => quadrantCell(y, "low"),
            },
            {
              title: `${axisName(model.x)} ${t("tierEditor.side.high")}`,
              render: (_, { y }) => quadrantCell(y, "high"),
            },
          ]}
        />
        <FieldIssues path={["quadrants"]} exact />
      </Card>
    </Flex>
  );
}
