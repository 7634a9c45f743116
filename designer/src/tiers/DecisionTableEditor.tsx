/**
 * @module designer/tiers/DecisionTableEditor
 * A decision table as a grid: input columns (a rule over the record or another model's score,
 * with the domain the analysis assumes), one row per rule with a DMN-style test per input
 * (`condition-text.ts`), the row's tier, score and priority, and the hit policy. The engine's
 * static analysis — unreachable, overlapping and shadowed rows, gaps — is shown on the rows it
 * concerns (and above the grid for gaps, which belong to no row).
 */
import { CopyOutlined, PlusOutlined, WarningOutlined } from "@ant-design/icons";
import { Alert, Button, Card, Flex, Input, Select, Space, Table, Tooltip, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { DecisionTableModel } from "../../../engine/tiers/index.ts";
import { BandsEditor } from "./BandsEditor.tsx";
import { type Condition, formatCondition, parseCondition } from "./condition-text.ts";
import { useTierEditor, useTierEditorStore, useTierModel } from "./editor-context.ts";
import {
  FieldIssues,
  I18nField,
  IssueList,
  ItemActions,
  JsonField,
  localizedText,
  NumberField,
  SelectField,
  TextField,
  useSetAt,
  useTierOptions,
  useValueAt,
} from "./fields.tsx";
import { issuesByIndex, issuesExactly, isWarning } from "./issue-map.ts";

/** A stable empty list (a selector returning a fresh [] would re-render forever). */
const NONE: readonly never[] = [];

type TableInput = DecisionTableModel["inputs"][number];
type HitPolicy = DecisionTableModel["hitPolicy"];

const HIT_POLICIES: readonly HitPolicy[] = [
  "first",
  "unique",
  "priority",
  "any",
  "rule-order",
  "output-order",
  "collect",
];

/** One cell: the input's test in the row, as text; written when it parses. */
function ConditionCell({ row, input }: { row: number; input: string }) {
  const { t } = useTranslation();
  const path = ["rows", row, "when", input];
  const condition = useValueAt<Condition | undefined>(path);
  const setAt = useSetAt();
  const [text, setText] = useState(() => formatCondition(condition));
  const [error, setError] = useState<string>();

  // biome-ignore lint/correctness/useExhaustiveDependencies: follows the model; the text is the cell's own
  useEffect(() => {
    const parsed = parseCondition(text);
    if (!parsed.ok || formatCondition(parsed.condition) !== formatCondition(condition)) {
      setText(formatCondition(condition));
      setError(undefined);
    }
  }, [condition]);

  const change = (next: string) => {
    setText(next);
    const parsed = parseCondition(next);
    if (!parsed.ok) {
      setError(t(`tierEditor.conditionError.${parsed.error}`));
      return;
    }
    setError(undefined);
    if (formatCondition(parsed.condition) === formatCondition(condition)) return;
    setAt(path, parsed.condition.op === "any" ? undefined : parsed.condition);
  };
  return (
    <Tooltip title={error ?? t("tierEditor.conditionHelp")} placement="top">
      <Input
        size="small"
        value={text}
        status={error ? "error" : undefined}
        aria-label={t("tierEditor.cellLabel", { row: row + 1, input })}
        data-testid={`cell-${row}-${input}`}
        className="kam-tier-code"
        onChange={(e) => change(e.target.value)}
      />
    </Tooltip>
  );
}

/** Where an input's value comes from: a rule, or a used model's score. */
function OperandField({ index }: { index: number }) {
  const { t } = useTranslation();
  const store = useTierEditorStore();
  const input = useValueAt<TableInput>(["inputs", index]);
  const uses = useTierEditor((s) => s.model?.uses) ?? NONE;
  const mode = input.model !== undefined ? "model" : "rule";
  const switchTo = (next: "rule" | "model") => {
    if (next === mode) return;
    const {
      rule: _rule,
      model: _model,
      ...rest
    } = input as TableInput & { rule?: unknown; model?: string };
    store
      .getState()
      .set(
        ["inputs", index],
        next === "model" ? { ...rest, model: uses[0] ?? "" } : { ...rest, rule: { var: "" } },
      );
  };
  return (
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
        <JsonField path={["inputs", index, "rule"]} label={t("tierEditor.valueRule")} pickFields />
      ) : (
        <SelectField
          path={["inputs", index, "model"]}
          label={t("tierEditor.sourceModel")}
          options={uses.map((u) => ({ value: u, label: u }))}
        />
      )}
    </Flex>
  );
}

function OtherwiseField() {
  const { t } = useTranslation();
  const store = useTierEditorStore();
  const tier = useValueAt<string | undefined>(["otherwise", "tier"]);
  const options = useTierOptions();
  return (
    <Select
      size="small"
      value={tier}
      allowClear
      placeholder={t("tierEditor.noDefault")}
      aria-label={t("tierEditor.otherwiseTier")}
      className="kam-tier-select"
      popupMatchSelectWidth={false}
      options={options}
      onChange={(v?: string) =>
        store.getState().set(["otherwise"], v === undefined ? undefined : { tier: v })
      }
    />
  );
}

export function DecisionTableEditor() {
  const { t, i18n } = useTranslation();
  const store = useTierEditorStore();
  const model = useTierModel() as DecisionTableModel;
  const issues = useTierEditor((s) => s.issues);
  const tierOptions = useTierOptions();
  const byRow = issuesByIndex(issues, "/rows");
  const tableIssues = issuesExactly(issues, "/rows");
  const policy = model.hitPolicy;
  const aggregating = policy === "collect" && model.aggregation !== undefined;
  const showScore = policy === "collect" || model.rows.some((r) => r.score !== undefined);
  const showPriority =
    policy === "priority" ||
    policy === "output-order" ||
    model.rows.some((r) => r.priority !== undefined);

  const addInput = () => {
    const taken = new Set(model.inputs.map((i) => i.key));
    let n = model.inputs.length + 1;
    while (taken.has(`input${n}`)) n++;
    const key = `input${n}`;
    store
      .getState()
      .insert(["inputs"], { key, label: { "zh-CN": key, en: key }, rule: { var: "" } });
  };
  const addRow = () =>
    store.getState().insert(["rows"], {
      when: {},
      ...(aggregating ? {} : { tier: tierOptions[0]?.value ?? "" }),
    });
  const duplicateRow = (index: number) => {
    const { id: _id, ...copy } = model.rows[index]!;
    store.getState().insert(["rows"], copy, index + 1);
  };

  return (
    <Flex vertical gap={12} data-testid="decision-table-editor">
      <Card size="small" title={t("tierEditor.tableSettings")}>
        <Flex wrap gap={16} align="center">
          <Flex gap={6} align="center">
            <Typography.Text>{t("tierEditor.hitPolicy")}</Typography.Text>
            <SelectField
              path={["hitPolicy"]}
              label={t("tierEditor.hitPolicy")}
              testId="hit-policy"
              options={HIT_POLICIES.map((p) => ({ value: p, label: t(`tierEditor.policy.${p}`) }))}
            />
          </Flex>
          {policy === "collect" && (
            <Flex gap={6} align="center">
              <Typography.Text>{t("tierEditor.aggregation")}</Typography.Text>
              <SelectField
                path={["aggregation"]}
                label={t("tierEditor.aggregation")}
                allowClear
                placeholder={t("tierEditor.none")}
                options={(["sum", "min", "max", "count"] as const).map((a) => ({
                  value: a,
                  label: t(`tierEditor.agg.${a}`),
                }))}
              />
            </Flex>
          )}
          <Flex gap={6} align="center">
            <Typography.Text>{t("tierEditor.otherwiseTier")}</Typography.Text>
            <OtherwiseField />
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
        <Typography.Paragraph type="secondary" className="kam-tier-hint">
          {t(`tierEditor.policyHint.${policy}`)}
        </Typography.Paragraph>
        <FieldIssues path={["hitPolicy"]} />
        <FieldIssues path={["aggregation"]} />
        <FieldIssues path={["otherwise"]} />
      </Card>

      <Card
        size="small"
        title={t("tierEditor.inputs")}
        extra={
          <Button size="small" icon={<PlusOutlined />} onClick={addInput}>
            {t("tierEditor.addInput")}
          </Button>
        }
      >
        <Table
          size="small"
          pagination={false}
          rowKey="index"
          dataSource={model.inputs.map((_, index) => ({ index }))}
          columns={[
            {
              title: t("tierEditor.key"),
              width: 150,
              render: (_, { index }) => (
                <TextField path={["inputs", index, "key"]} label={t("tierEditor.key")} />
              ),
            },
            {
              title: t("tierEditor.label"),
              width: 200,
              render: (_, { index }) => (
                <I18nField path={["inputs", index, "label"]} label={t("tierEditor.label")} />
              ),
            },
            {
              title: t("tierEditor.source"),
              width: 220,
              render: (_, { index }) => <OperandField index={index} />,
            },
            {
              title: t("tierEditor.domain"),
              render: (_, { index }) => (
                <Space wrap size={4}>
                  <NumberField
                    path={["inputs", index, "domain", "min"]}
                    label={t("tierEditor.domainMin")}
                    placeholder={t("tierEditor.domainMin")}
                  />
                  <NumberField
                    path={["inputs", index, "domain", "max"]}
                    label={t("tierEditor.domainMax")}
                    placeholder={t("tierEditor.domainMax")}
                  />
                </Space>
              ),
            },
            {
              title: "",
              width: 120,
              render: (_, { index }) => (
                <Flex vertical>
                  <ItemActions
                    path={["inputs"]}
                    index={index}
                    count={model.inputs.length}
                    minItems={1}
                    label={model.inputs[index]?.key ?? ""}
                  />
                  <FieldIssues path={["inputs", index]} />
                </Flex>
              ),
            },
          ]}
        />
      </Card>

      <Card
        size="small"
        title={t("tierEditor.rows")}
        extra={
          <Button size="small" icon={<PlusOutlined />} onClick={addRow} data-testid="add-row">
            {t("tierEditor.addRow")}
          </Button>
        }
      >
        <Flex vertical gap={8}>
          {tableIssues.length > 0 && (
            <Alert
              type={tableIssues.every(isWarning) ? "warning" : "error"}
              showIcon
              data-testid="table-issues"
              title={<IssueList issues={tableIssues} />}
            />
          )}
          <Typography.Text type="secondary">{t("tierEditor.conditionHelp")}</Typography.Text>
          <Table
            size="small"
            pagination={false}
            rowKey="index"
            scroll={{ x: 720 + model.inputs.length * 150 }}
            dataSource={model.rows.map((_, index) => ({ index }))}
            rowClassName={({ index }) => {
              const list = byRow.get(index) ?? [];
              if (list.some((i) => !isWarning(i))) return "kam-tier-row--error";
              return list.length > 0 ? "kam-tier-row--warning" : "";
            }}
            onRow={({ index }) =>
              ({
                "data-testid": `table-row-${index}`,
                "data-issues": String(byRow.get(index)?.length ?? 0),
              }) as React.HTMLAttributes<HTMLElement>
            }
            columns={[
              {
                title: "#",
                width: 56,
                fixed: "left",
                render: (_, { index }) => {
                  const list = byRow.get(index) ?? [];
                  return (
                    <Space size={4}>
                      <span>{index + 1}</span>
                      {list.length > 0 && (
                        <Tooltip title={list.map((i) => i.message).join("\n")}>
                          <WarningOutlined
                            className={list.every(isWarning) ? "kam-tier-warn" : "kam-tier-err"}
                            aria-label={t("tierEditor.rowHasIssues", { count: list.length })}
                          />
                        </Tooltip>
                      )}
                    </Space>
                  );
                },
              },
              {
                title: t("tierEditor.rowId"),
                width: 110,
                render: (_, { index }) => (
                  <TextField path={["rows", index, "id"]} label={t("tierEditor.rowId")} />
                ),
              },
              ...model.inputs.map((input) => ({
                title: localizedText(input.label, i18n.language) || input.key,
                width: 150,
                render: (_: unknown, { index }: { index: number }) => (
                  <ConditionCell row={index} input={input.key} />
                ),
              })),
              {
                title: t("tierEditor.tier"),
                width: 170,
                render: (_, { index }) => (
                  <SelectField
                    path={["rows", index, "tier"]}
                    label={t("tierEditor.tier")}
                    options={tierOptions}
                    allowClear={aggregating}
                  />
                ),
              },
              ...(showScore
                ? [
                    {
                      title: t("tierEditor.score"),
                      width: 100,
                      render: (_: unknown, { index }: { index: number }) => (
                        <NumberField
                          path={["rows", index, "score"]}
                          label={t("tierEditor.score")}
                        />
                      ),
                    },
                  ]
                : []),
              ...(showPriority
                ? [
                    {
                      title: t("tierEditor.priority"),
                      width: 100,
                      render: (_: unknown, { index }: { index: number }) => (
                        <NumberField
                          path={["rows", index, "priority"]}
                          label={t("tierEditor.priority")}
                        />
                      ),
                    },
                  ]
                : []),
              {
                title: t("tierEditor.analysis"),
                width: 240,
                render: (_, { index }) => (
                  <div data-testid={`row-issues-${index}`}>
                    <IssueList issues={byRow.get(index) ?? []} />
                  </div>
                ),
              },
              {
                title: "",
                width: 140,
                render: (_, { index }) => (
                  <Space size={0}>
                    <ItemActions
                      path={["rows"]}
                      index={index}
                      count={model.rows.length}
                      minItems={1}
                      label={t("tierEditor.rowN", { n: index + 1 })}
                    />
                    <Tooltip title={t("tierEditor.duplicate")}>
                      <Button
                        size="small"
                        type="text"
                        icon={<CopyOutlined />}
                        aria-label={`${t("tierEditor.duplicate")}: ${t("tierEditor.rowN", { n: index + 1 })}`}
                        onClick={() => duplicateRow(index)}
                      />
                    </Tooltip>
                  </Space>
                ),
              },
            ]}
          />
        </Flex>
      </Card>

      {(aggregating || model.bands !== undefined) && (
        <Card size="small" title={t("tierEditor.bands")}>
          <Typography.Paragraph type="secondary" className="kam-tier-hint">
            {t("tierEditor.tableBandsHint")}
          </Typography.Paragraph>
          <BandsEditor path={["bands"]} />
        </Card>
      )}
    </Flex>
  );
}
