/**
 * @module designer/tiers/ExamplesEditor
 * Golden example accounts with the tier (and score) the model must give them, run in the browser
 * against the model as edited (`examples-run.ts`): pass, or fail with what the model gives.
 */
import { CheckCircleFilled, CloseCircleFilled, PlusOutlined } from "@ant-design/icons";
import { Alert, Button, Flex, Select, Table, Tag, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { useTierEditorStore, useTierEnvironment, useTierModel } from "./editor-context.ts";
import { runExamples } from "./examples-run.ts";
import {
  FieldIssues,
  ItemActions,
  JsonField,
  NumberField,
  TextField,
  useTierOptions,
  useValueAt,
} from "./fields.tsx";

const NO_TIER = "\u0000none";

function ExpectedTier({ index }: { index: number }) {
  const { t } = useTranslation();
  const store = useTierEditorStore();
  const value = useValueAt<string | null>(["examples", index, "expect", "tier"]);
  const options = useTierOptions();
  return (
    <Select
      size="small"
      value={value === null ? NO_TIER : value}
      aria-label={t("tierEditor.expectedTier")}
      className="kam-tier-select"
      popupMatchSelectWidth={false}
      options={[...options, { value: NO_TIER, label: t("tierEditor.noTier") }]}
      onChange={(v: string) =>
        store.getState().set(["examples", index, "expect", "tier"], v === NO_TIER ? null : v)
      }
    />
  );
}

export function ExamplesEditor() {
  const { t } = useTranslation();
  const store = useTierEditorStore();
  const model = useTierModel();
  const env = useTierEnvironment();
  const examples = model.examples ?? [];
  const run = useMemo(
    () =>
      runExamples(model, {
        ...(env.dataSchema ? { dataSchema: env.dataSchema } : {}),
        models: env.usedModels,
      }),
    [model, env],
  );
  const passed = run.ok ? run.results.filter((r) => r.status === "pass").length : 0;

  const add = () => {
    const names = new Set(examples.map((e) => e.name));
    let n = examples.length + 1;
    while (names.has(t("tierEditor.exampleName", { n }))) n++;
    store.getState().insert(["examples"], {
      name: t("tierEditor.exampleName", { n }),
      record: {},
      expect: { tier: model.tiers[0]?.key ?? null },
    });
  };

  return (
    <Flex vertical gap={8} data-testid="examples-editor">
      <Flex justify="space-between" align="center" wrap gap={8}>
        {examples.length === 0 ? (
          <Typography.Text type="secondary">{t("tierEditor.noExamples")}</Typography.Text>
        ) : run.ok ? (
          <Tag color={passed === examples.length ? "green" : "red"} data-testid="examples-summary">
            {t("tierEditor.examplesPassed", { passed, total: examples.length })}
          </Tag>
        ) : (
          <Alert type="info" showIcon title={t("tierEditor.examplesBlocked")} />
        )}
        <Button size="small" icon={<PlusOutlined />} onClick={add}>
          {t("tierEditor.addExample")}
        </Button>
      </Flex>
      <Table
        size="small"
        pagination={false}
        rowKey="index"
        scroll={{ x: 1000 }}
        dataSource={examples.map((_, index) => ({ index }))}
        onRow={({ index }) =>
          ({ "data-testid": `example-${index}` }) as React.HTMLAttributes<HTMLElement>
        }
        columns={[
          {
            title: t("tierEditor.result"),
            width: 150,
            render: (_, { index }) => {
              if (!run.ok) return <Tag>{t("tierEditor.notRun")}</Tag>;
              const result = run.results[index];
              if (!result) return null;
              if (result.status === "error")
                return (
                  <Tag color="red" data-testid="example-result" data-status="error">
                    {t("tierEditor.exampleError", { detail: result.detail })}
                  </Tag>
                );
              const pass = result.status === "pass";
              return (
                <Flex vertical gap={2} data-testid="example-result" data-status={result.status}>
                  <Tag
                    color={pass ? "green" : "red"}
                    icon={pass ? <CheckCircleFilled /> : <CloseCircleFilled />}
                  >
                    {t(pass ? "tierEditor.pass" : "tierEditor.fail")}
                  </Tag>
                  <Typography.Text type="secondary" className="kam-tier-small">
                    {t("tierEditor.actual", {
                      tier: result.tier ?? t("tierEditor.noTier"),
                      score: result.score ?? "—",
                    })}
                  </Typography.Text>
                </Flex>
              );
            },
          },
          {
            title: t("tierEditor.exampleNameTitle"),
            width: 180,
            render: (_, { index }) => (
              <TextField
                path={["examples", index, "name"]}
                label={t("tierEditor.exampleNameTitle")}
              />
            ),
          },
          {
            title: t("tierEditor.record"),
            render: (_, { index }) => (
              <JsonField
                path={["examples", index, "record"]}
                label={t("tierEditor.record")}
                rows={3}
              />
            ),
          },
          {
            title: t("tierEditor.context"),
            width: 200,
            render: (_, { index }) => (
              <JsonField
                path={["examples", index, "context"]}
                label={t("tierEditor.context")}
                rows={3}
              />
            ),
          },
          {
            title: t("tierEditor.expectedTier"),
            width: 170,
            render: (_, { index }) => <ExpectedTier index={index} />,
          },
          {
            title: t("tierEditor.expectedScore"),
            width: 110,
            render: (_, { index }) => (
              <NumberField
                path={["examples", index, "expect", "score"]}
                label={t("tierEditor.expectedScore")}
                placeholder="—"
              />
            ),
          },
          {
            title: "",
            width: 120,
            render: (_, { index }) => (
              <Flex vertical>
                <ItemActions
                  path={["examples"]}
                  index={index}
                  count={examples.length}
                  label={examples[index]?.name ?? ""}
                />
                <FieldIssues path={["examples", index]} />
              </Flex>
            ),
          },
        ]}
      />
    </Flex>
  );
}
