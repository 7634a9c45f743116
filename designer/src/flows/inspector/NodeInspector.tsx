/**
 * @module designer/flows/inspector/NodeInspector
 * The selected node: its label in zh-CN and en, its config as a generated form or as JSON (the
 * fallback for anything the form cannot express), and the issues about it that point elsewhere
 * than a config field. Every edit goes through the store's `updateNode`, one undo step each.
 */
import { Alert, Input, Tabs, Typography } from "antd";
import { useEffect, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FlowNode } from "../../../../schemas/index.ts";
import { type Language, localized } from "../../i18n/language.ts";
import { pointerBelow, toExtraErrors } from "../../rjsf/error-schema.ts";
import { useFlowEditor } from "../editor-context.ts";
import { issueNodeId } from "../issue-marks.ts";
import { nodeTypeInfo } from "../node-registry.ts";
import { ConfigForm } from "./ConfigForm.tsx";
import { configFormSchema, isEmptySchema } from "./config-schema.ts";
import { JsonText } from "./fields/JsonText.tsx";

/** The label boxes: applied when left. */
function LabelInputs({ node }: { node: FlowNode }) {
  const { t } = useTranslation();
  const update = useFlowEditor((s) => s.updateNode);
  const label = node.label as Record<Language, string>;
  const [zh, setZh] = useState(label["zh-CN"] ?? "");
  const [en, setEn] = useState(label.en ?? "");
  const id = useId();
  useEffect(() => {
    setZh(label["zh-CN"] ?? "");
    setEn(label.en ?? "");
  }, [label]);
  const apply = () => {
    if (zh !== (label["zh-CN"] ?? "") || en !== (label.en ?? ""))
      update(node.id, { label: { "zh-CN": zh, en } });
  };
  return (
    <>
      <label htmlFor={`${id}-zh`}>{t("flowEditor.labelZh")}</label>
      <Input
        id={`${id}-zh`}
        value={zh}
        onChange={(e) => setZh(e.target.value)}
        onBlur={apply}
        data-testid="inspector-label-zh"
      />
      <label htmlFor={`${id}-en`}>{t("flowEditor.labelEn")}</label>
      <Input
        id={`${id}-en`}
        value={en}
        onChange={(e) => setEn(e.target.value)}
        onBlur={apply}
        data-testid="inspector-label-en"
      />
    </>
  );
}

export function NodeInspector({ node }: { node: FlowNode }) {
  const { t, i18n } = useTranslation();
  const update = useFlowEditor((s) => s.updateNode);
  const index = useFlowEditor((s) => s.nodes.findIndex((n) => n.id === node.id));
  const nodeIds = useFlowEditor((s) => s.nodes.map((n) => n.id).join("\n"));
  const allIssues = useFlowEditor((s) => s.issues);
  const [tab, setTab] = useState("form");
  const info = nodeTypeInfo(node.type);
  const schema = configFormSchema(node.type);
  const base = useMemo(() => ["nodes", String(index), "config"], [index]);

  const issues = useMemo(() => {
    const ids = nodeIds.split("\n");
    return allIssues.filter((i) => issueNodeId(i, ids) === node.id);
  }, [allIssues, nodeIds, node.id]);
  const extraErrors = useMemo(() => toExtraErrors(issues, base), [issues, base]);
  // Issues the form cannot place: about the node itself, or anywhere in JSON view.
  const elsewhere = issues.filter((i) => tab === "json" || !pointerBelow(i.pointer, base));

  const applyConfig = (config: unknown) =>
    update(node.id, { config: config as FlowNode["config"] });

  return (
    <div className="kam-flow-inspector" data-testid="inspector">
      <Typography.Text type="secondary">
        {info ? localized(info.meta.label, i18n.language as Language) : node.type} ·{" "}
        <Typography.Text code>{node.id}</Typography.Text>
      </Typography.Text>
      <LabelInputs node={node} />
      <Tabs
        size="small"
        activeKey={tab}
        onChange={setTab}
        items={[
          {
            key: "form",
            label: t("inspector.tabForm"),
            children:
              schema && !isEmptySchema(schema.schema) ? (
                <ConfigForm
                  nodeId={node.id}
                  schema={schema}
                  config={node.config ?? {}}
                  extraErrors={extraErrors}
                  onCommit={applyConfig}
                />
              ) : (
                <Typography.Paragraph type="secondary">
                  {schema ? t("inspector.noSettings") : t("inspector.unknownType")}
                </Typography.Paragraph>
              ),
          },
          {
            key: "json",
            label: t("inspector.tabJson"),
            children: (
              <JsonText
                aria-label={t("flowEditor.config")}
                rows={14}
                value={node.config ?? {}}
                onChange={(config) => applyConfig(config ?? {})}
                testId="inspector-config"
              />
            ),
          },
        ]}
      />
      {elsewhere.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t("inspector.nodeIssues", { count: elsewhere.length })}
          description={
            <ul className="kam-inspector__issues" data-testid="inspector-issues">
              {elsewhere.map((i) => (
                <li key={`${i.pointer}:${i.code}:${i.message}`}>
                  <Typography.Text code>{i.pointer}</Typography.Text> {i.message}
                </li>
              ))}
            </ul>
          }
        />
      )}
    </div>
  );
}
