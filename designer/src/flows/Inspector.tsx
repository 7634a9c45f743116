/**
 * @module designer/flows/Inspector
 * The selected node's properties: its label in zh-CN and en, and its `config` as JSON (checked
 * as JSON here; the engine's validation says what is wrong in it). Edits apply on leaving a
 * field, so one edit is one undo step.
 * The text areas have fixed rows: antd's autoSize measures with a `style` attribute, which the
 * strict CSP blocks.
 * TODO(#7): a form generated from the type's config schema (@rjsf with a non-eval validator).
 */
import { Alert, Input, Typography } from "antd";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FlowNode } from "../../../schemas/index.ts";
import { type Language, localized } from "../i18n/language.ts";
import { useFlowEditor } from "./editor-context.ts";
import { nodeTypeInfo } from "./node-registry.ts";

export function Inspector() {
  const { t } = useTranslation();
  const node = useFlowEditor((s) => {
    const selected = s.nodes.filter((n) => n.selected);
    return selected.length === 1 ? selected[0]?.data.node : undefined;
  });
  return (
    <section className="kam-flow-panel" aria-label={t("flowEditor.inspector")}>
      <Typography.Text strong>{t("flowEditor.inspector")}</Typography.Text>
      {node ? (
        // Remounts when the node changes (another node, or undo), dropping unapplied text.
        <NodeForm key={JSON.stringify(node)} node={node} />
      ) : (
        <Typography.Paragraph type="secondary">{t("flowEditor.selectNode")}</Typography.Paragraph>
      )}
    </section>
  );
}

function NodeForm({ node }: { node: FlowNode }) {
  const { t, i18n } = useTranslation();
  const update = useFlowEditor((s) => s.updateNode);
  const label = node.label as Record<Language, string>;
  const [zh, setZh] = useState(label["zh-CN"] ?? "");
  const [en, setEn] = useState(label.en ?? "");
  const [config, setConfig] = useState(JSON.stringify(node.config, null, 2));
  const [jsonError, setJsonError] = useState<string>();
  const info = nodeTypeInfo(node.type);
  const id = useId();

  const applyLabel = () => {
    if (zh !== label["zh-CN"] || en !== label.en) update(node.id, { label: { "zh-CN": zh, en } });
  };
  const applyConfig = () => {
    try {
      const parsed: unknown = JSON.parse(config);
      setJsonError(undefined);
      if (JSON.stringify(parsed) !== JSON.stringify(node.config))
        update(node.id, { config: parsed as FlowNode["config"] });
    } catch (error) {
      setJsonError((error as Error).message);
    }
  };

  return (
    <div className="kam-flow-inspector" data-testid="inspector">
      <Typography.Text type="secondary">
        {info ? localized(info.meta.label, i18n.language as Language) : node.type} ·{" "}
        <Typography.Text code>{node.id}</Typography.Text>
      </Typography.Text>
      <label htmlFor={`${id}-zh`}>{t("flowEditor.labelZh")}</label>
      <Input
        id={`${id}-zh`}
        value={zh}
        onChange={(e) => setZh(e.target.value)}
        onBlur={applyLabel}
      />
      <label htmlFor={`${id}-en`}>{t("flowEditor.labelEn")}</label>
      <Input
        id={`${id}-en`}
        value={en}
        onChange={(e) => setEn(e.target.value)}
        onBlur={applyLabel}
      />
      <label htmlFor={`${id}-config`}>{t("flowEditor.config")}</label>
      <Input.TextArea
        id={`${id}-config`}
        className="kam-flow-json"
        data-testid="inspector-config"
        rows={10}
        value={config}
        status={jsonError ? "error" : ""}
        onChange={(e) => setConfig(e.target.value)}
        onBlur={applyConfig}
        spellCheck={false}
      />
      {jsonError && (
        <Alert type="error" showIcon title={t("flowEditor.invalidJson")} description={jsonError} />
      )}
    </div>
  );
}
