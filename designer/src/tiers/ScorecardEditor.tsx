/**
 * @module designer/tiers/ScorecardEditor
 * A scorecard: groups and measures with their weights (the sum and each weight's share shown,
 * and flagged unless it is 100 or 1), each measure's value rule and scale, the missing-value
 * policy, and the tier bands with their thresholds.
 */
import { PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { ScorecardModel } from "../../../engine/tiers/index.ts";
import { BandsEditor } from "./BandsEditor.tsx";
import { useTierEditorStore, useTierModel } from "./editor-context.ts";
import {
  FieldIssues,
  I18nField,
  ItemActions,
  JsonField,
  NumberField,
  SelectField,
  TextField,
} from "./fields.tsx";
import { ScaleEditor } from "./ScaleEditor.tsx";
import { displayNumber, scorecardWeights, type WeightSummary } from "./weights.ts";

function WeightCheck({ summary, testId }: { summary: WeightSummary; testId: string }) {
  const { t } = useTranslation();
  const total = displayNumber(summary.total);
  return summary.normalised ? (
    <Tag color="green" data-testid={testId} data-ok="true">
      {t("tierEditor.weightSumOk", { total })}
    </Tag>
  ) : (
    <Alert
      type="warning"
      showIcon
      data-testid={testId}
      data-ok="false"
      title={t("tierEditor.weightSumOff", { total })}
      description={t("tierEditor.weightSumHint")}
    />
  );
}

const share = (value: number | undefined) =>
  value === undefined ? "" : `${displayNumber(value, 1)}%`;

function fresh(prefix: string, taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) if (!taken.has(`${prefix}${i}`)) return `${prefix}${i}`;
}

export function ScorecardEditor() {
  const { t } = useTranslation();
  const store = useTierEditorStore();
  const model = useTierModel() as ScorecardModel;
  const groups = model.groups ?? [];
  const weights = scorecardWeights(model);
  const groupOptions = groups.map((g) => ({ value: g.key, label: g.key }));
  const missingOptions = (["renormalise", "zero"] as const).map((value) => ({
    value,
    label: t(`tierEditor.missing.${value}`),
  }));

  const addMeasure = () => {
    const key = fresh("measure", new Set(model.measures.map((m) => m.key)));
    store.getState().insert(["measures"], {
      key,
      label: { "zh-CN": key, en: key },
      weight: 10,
      ...(groups[0] ? { group: groups[0].key } : {}),
      value: { var: "" },
      scale: { kind: "linear", min: 0, max: 100 },
    });
  };
  const addGroup = () => {
    const key = fresh("group", new Set(groups.map((g) => g.key)));
    store.getState().insert(["groups"], { key, label: { "zh-CN": key, en: key }, weight: 10 });
  };

  return (
    <Flex vertical gap={12} data-testid="scorecard-editor">
      <Card size="small" title={t("tierEditor.scorecardSettings")}>
        <Flex wrap gap={16} align="center">
          <Flex gap={6} align="center">
            <Typography.Text>{t("tierEditor.missingPolicy")}</Typography.Text>
            <SelectField
              path={["missing"]}
              label={t("tierEditor.missingPolicy")}
              options={missingOptions}
              placeholder={t("tierEditor.missing.renormalise")}
              allowClear
            />
          </Flex>
          <Flex gap={6} align="center">
            <Typography.Text>{t("tierEditor.hysteresis")}</Typography.Text>
            <NumberField
              path={["hysteresis", "margin"]}
              label={t("tierEditor.hysteresis")}
              min={0}
              placeholder={t("tierEditor.none")}
            />
          </Flex>
        </Flex>
      </Card>

      <Card
        size="small"
        title={t("tierEditor.groups")}
        extra={
          <Button size="small" icon={<PlusOutlined />} onClick={addGroup}>
            {t("tierEditor.addGroup")}
          </Button>
        }
      >
        {groups.length === 0 ? (
          <Typography.Text type="secondary">{t("tierEditor.noGroups")}</Typography.Text>
        ) : (
          <Flex vertical gap={8}>
            <WeightCheck summary={weights.top} testId="group-weight-sum" />
            <Table
              size="small"
              pagination={false}
              rowKey="index"
              dataSource={groups.map((_, index) => ({ index }))}
              columns={[
                {
                  title: t("tierEditor.key"),
                  width: 150,
                  render: (_, { index }) => (
                    <TextField path={["groups", index, "key"]} label={t("tierEditor.key")} />
                  ),
                },
                {
                  title: t("tierEditor.label"),
                  render: (_, { index }) => (
                    <I18nField path={["groups", index, "label"]} label={t("tierEditor.label")} />
                  ),
                },
                {
                  title: t("tierEditor.weight"),
                  width: 110,
                  render: (_, { index }) => (
                    <NumberField
                      path={["groups", index, "weight"]}
                      label={t("tierEditor.weight")}
                    />
                  ),
                },
                {
                  title: t("tierEditor.share"),
                  width: 80,
                  render: (_, { index }) => share(weights.top.shares[index]),
                },
                {
                  title: t("tierEditor.groupSum"),
                  width: 150,
                  render: (_, { index }) => {
                    const summary = weights.byGroup[groups[index]?.key ?? ""];
                    return summary ? (
                      <WeightCheck summary={summary} testId={`group-${index}-measure-sum`} />
                    ) : null;
                  },
                },
                {
                  title: "",
                  width: 110,
                  render: (_, { index }) => (
                    <Flex vertical>
                      <ItemActions
                        path={["groups"]}
                        index={index}
                        count={groups.length}
                        label={groups[index]?.key ?? ""}
                      />
                      <FieldIssues path={["groups", index]} />
                    </Flex>
                  ),
                },
              ]}
            />
          </Flex>
        )}
      </Card>

      <Card
        size="small"
        title={t("tierEditor.measures")}
        extra={
          <Button size="small" icon={<PlusOutlined />} onClick={addMeasure}>
            {t("tierEditor.addMeasure")}
          </Button>
        }
      >
        <Flex vertical gap={8}>
          {groups.length === 0 && <WeightCheck summary={weights.top} testId="measure-weight-sum" />}
          <FieldIssues path={["measures"]} exact />
          <Table
            size="small"
            pagination={false}
            rowKey="index"
            scroll={{ x: 960 }}
            dataSource={model.measures.map((_, index) => ({ index }))}
            expandable={{
              expandedRowRender: ({ index }) => <ScaleEditor path={["measures", index, "scale"]} />,
              rowExpandable: () => true,
            }}
            columns={[
              {
                title: t("tierEditor.key"),
                width: 140,
                render: (_, { index }) => (
                  <TextField path={["measures", index, "key"]} label={t("tierEditor.key")} />
                ),
              },
              {
                title: t("tierEditor.label"),
                width: 180,
                render: (_, { index }) => (
                  <I18nField path={["measures", index, "label"]} label={t("tierEditor.label")} />
                ),
              },
              ...(groups.length > 0
                ? [
                    {
                      title: t("tierEditor.group"),
                      width: 120,
                      render: (_: unknown, { index }: { index: number }) => (
                        <SelectField
                          path={["measures", index, "group"]}
                          label={t("tierEditor.group")}
                          options={groupOptions}
                        />
                      ),
                    },
                  ]
                : []),
              {
                title: t("tierEditor.weight"),
                width: 100,
                render: (_, { index }) => (
                  <NumberField
                    path={["measures", index, "weight"]}
                    label={t("tierEditor.weight")}
                    testId={`measure-${index}-weight`}
                  />
                ),
              },
              {
                title: t("tierEditor.share"),
                width: 70,
                render: (_, { index }) => (
                  <span data-testid={`measure-${index}-share`}>
                    {share(weights.measureShares[index])}
                  </span>
                ),
              },
              {
                title: t("tierEditor.valueRule"),
                width: 200,
                render: (_, { index }) => (
                  <JsonField
                    path={["measures", index, "value"]}
                    label={t("tierEditor.valueRule")}
                    pickFields
                  />
                ),
              },
              {
                title: t("tierEditor.scaleKind"),
                width: 90,
                render: (_, { index }) =>
                  t(`tierEditor.scale.${model.measures[index]?.scale.kind ?? "linear"}`),
              },
              {
                title: "",
                width: 120,
                render: (_, { index }) => (
                  <Flex vertical>
                    <ItemActions
                      path={["measures"]}
                      index={index}
                      count={model.measures.length}
                      minItems={1}
                      label={model.measures[index]?.key ?? ""}
                    />
                    <FieldIssues path={["measures", index]} />
                  </Flex>
                ),
              },
            ]}
          />
          <Typography.Text type="secondary">{t("tierEditor.expandScale")}</Typography.Text>
        </Flex>
      </Card>

      <Card size="small" title={t("tierEditor.bands")}>
        <BandsEditor path={["bands"]} />
      </Card>
    </Flex>
  );
}
