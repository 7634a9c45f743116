/**
 * @module designer/tiers/BandsEditor
 * Tier bands: score intervals mapped to tiers. On top, the thresholds (a value shared by two
 * adjacent bands, moved as one so no gap or overlap opens); below, every band's edges, which
 * edge it includes, and the interval that results.
 */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Flex, InputNumber, Space, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ScorecardModel } from "../../../engine/tiers/index.ts";
import { useTierEditorStore } from "./editor-context.ts";
import {
  FieldIssues,
  ItemActions,
  localizedText,
  NumberField,
  SelectField,
  useTierOptions,
  useValueAt,
} from "./fields.tsx";
import type { Path } from "./model-edit.ts";
import { formatInterval, moveThreshold, thresholdsOf } from "./thresholds.ts";

type Band = ScorecardModel["bands"][number];

export function BandsEditor({ path }: { path: Path }) {
  const { t, i18n } = useTranslation();
  const store = useTierEditorStore();
  const bands = useValueAt<Band[] | undefined>(path) ?? [];
  const tiers = useValueAt<ScorecardModel["tiers"]>(["tiers"]);
  const tierOptions = useTierOptions();
  const tierLabel = (key: string) =>
    localizedText(tiers.find((x) => x.key === key)?.label, i18n.language) || key;
  const thresholds = thresholdsOf(bands);
  const includesOptions = (["min", "max", "both", "neither"] as const).map((value) => ({
    value,
    label: t(`tierEditor.includes.${value}`),
  }));

  return (
    <Flex vertical gap={8} data-testid="bands-editor">
      {thresholds.length > 0 && (
        <Space wrap size="middle" aria-label={t("tierEditor.thresholds")}>
          <Typography.Text strong>{t("tierEditor.thresholds")}</Typography.Text>
          {thresholds.map((threshold, k) => {
            const above = bands[threshold.above]!;
            const below = bands[threshold.below]!;
            const name = t("tierEditor.thresholdBetween", {
              above: tierLabel(above.tier),
              below: tierLabel(below.tier),
            });
            return (
              <Space key={`${threshold.above}-${threshold.below}`} size={4}>
                <Typography.Text type="secondary">{name}</Typography.Text>
                <InputNumber
                  size="small"
                  value={threshold.value}
                  aria-label={name}
                  data-testid={`threshold-${k}`}
                  className="kam-tier-number"
                  onChange={(v) => {
                    if (typeof v !== "number") return;
                    store
                      .getState()
                      .set(path, moveThreshold(bands, threshold, v), { coalesce: true });
                  }}
                />
              </Space>
            );
          })}
        </Space>
      )}
      <FieldIssues path={path} exact />
      <Table
        size="small"
        pagination={false}
        rowKey="index"
        dataSource={bands.map((_, index) => ({ index }))}
        columns={[
          {
            title: t("tierEditor.tier"),
            width: 200,
            render: (_, { index }) => (
              <SelectField
                path={[...path, index, "tier"]}
                label={t("tierEditor.tier")}
                options={tierOptions}
              />
            ),
          },
          {
            title: t("tierEditor.min"),
            width: 130,
            render: (_, { index }) => (
              <NumberField
                path={[...path, index, "min"]}
                label={t("tierEditor.min")}
                placeholder="−∞"
                testId={`band-${index}-min`}
              />
            ),
          },
          {
            title: t("tierEditor.max"),
            width: 130,
            render: (_, { index }) => (
              <NumberField
                path={[...path, index, "max"]}
                label={t("tierEditor.max")}
                placeholder="+∞"
                testId={`band-${index}-max`}
              />
            ),
          },
          {
            title: t("tierEditor.includesTitle"),
            width: 150,
            render: (_, { index }) => (
              <SelectField
                path={[...path, index, "includes"]}
                label={t("tierEditor.includesTitle")}
                options={includesOptions}
                placeholder={t("tierEditor.includes.min")}
                allowClear
              />
            ),
          },
          {
            title: t("tierEditor.interval"),
            width: 130,
            render: (_, { index }) => (
              <Typography.Text code>{formatInterval(bands[index] ?? {})}</Typography.Text>
            ),
          },
          {
            title: t("tierEditor.issues"),
            render: (_, { index }) => <FieldIssues path={[...path, index]} />,
          },
          {
            title: "",
            width: 110,
            render: (_, { index }) => (
              <ItemActions
                path={path}
                index={index}
                count={bands.length}
                minItems={1}
                label={t("tierEditor.bandN", { n: index + 1 })}
              />
            ),
          },
        ]}
      />
      <div>
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() =>
            store.getState().insert(path, { tier: tierOptions[0]?.value ?? "", includes: "min" })
          }
        >
          {t("tierEditor.addBand")}
        </Button>
      </div>
    </Flex>
  );
}
