/**
 * @module designer/tiers/TiersEditor
 * The tiers a model assigns, best first (the order ranks tiers for priority hit policies and
 * orders the what-if): key, label in both languages, colour.
 */
import { PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Table, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useTierEditorStore, useTierModel } from "./editor-context.ts";
import { FieldIssues, I18nField, ItemActions, TextField, useSetAt, useValueAt } from "./fields.tsx";

function ColorField({ index }: { index: number }) {
  const { t } = useTranslation();
  const path = ["tiers", index, "color"];
  const value = useValueAt<string | undefined>(path);
  const setAt = useSetAt();
  return (
    <input
      type="color"
      className="kam-tier-color"
      value={value ?? "#8c8c8c"}
      aria-label={t("tierEditor.color")}
      onChange={(e) => setAt(path, e.target.value)}
    />
  );
}

export function TiersEditor() {
  const { t } = useTranslation();
  const store = useTierEditorStore();
  const model = useTierModel();
  const count = model.tiers.length;
  const add = () => {
    const taken = new Set(model.tiers.map((x) => x.key));
    let n = count + 1;
    while (taken.has(`tier${n}`)) n++;
    const key = `tier${n}`;
    store.getState().insert(["tiers"], { key, label: { "zh-CN": key, en: key } });
  };
  return (
    <Flex vertical gap={8} data-testid="tiers-editor">
      <Typography.Paragraph type="secondary" className="kam-tier-hint">
        {t("tierEditor.tiersHint")}
      </Typography.Paragraph>
      <Table
        size="small"
        pagination={false}
        rowKey="index"
        dataSource={model.tiers.map((_, index) => ({ index }))}
        columns={[
          {
            title: t("tierEditor.key"),
            width: 160,
            render: (_, { index }) => (
              <TextField path={["tiers", index, "key"]} label={t("tierEditor.key")} />
            ),
          },
          {
            title: t("tierEditor.label"),
            render: (_, { index }) => (
              <I18nField path={["tiers", index, "label"]} label={t("tierEditor.label")} />
            ),
          },
          {
            title: t("tierEditor.color"),
            width: 80,
            render: (_, { index }) => <ColorField index={index} />,
          },
          {
            title: t("tierEditor.issues"),
            render: (_, { index }) => <FieldIssues path={["tiers", index]} />,
          },
          {
            title: "",
            width: 110,
            render: (_, { index }) => (
              <ItemActions
                path={["tiers"]}
                index={index}
                count={count}
                minItems={1}
                label={model.tiers[index]?.key ?? String(index + 1)}
              />
            ),
          },
        ]}
      />
      <div>
        <Button size="small" icon={<PlusOutlined />} onClick={add}>
          {t("tierEditor.addTier")}
        </Button>
      </div>
    </Flex>
  );
}
