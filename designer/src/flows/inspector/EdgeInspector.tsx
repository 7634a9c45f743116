/**
 * @module designer/flows/inspector/EdgeInspector
 * The selected edge: its label in zh-CN and en, and — on an edge leaving a condition node —
 * whether it is the default branch and its condition (a builder writing JSON Logic, or JSON).
 * Edits go through the store's `updateEdge` (one undo step each); the canvas label, computed
 * when the flow loads, is then set to follow the edit.
 */
import { Alert, Input, Switch, Typography } from "antd";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import type { FlowEdge } from "../../../../schemas/index.ts";
import { type Language, localized } from "../../i18n/language.ts";
import { pointerBelow } from "../../rjsf/error-schema.ts";
import { useFlowEditor, useFlowEditorStore } from "../editor-context.ts";
import { edgeLabel } from "../flow-convert.ts";
import { ConditionBuilder } from "./ConditionBuilder.tsx";

type EdgePatch = Partial<Omit<FlowEdge, "id" | "source" | "target">>;

/** `updateEdge`, then the canvas label set from the edge as it now is. */
export function useEdgeUpdate(): (id: string, patch: EdgePatch) => void {
  const store = useFlowEditorStore();
  const { t, i18n } = useTranslation();
  return (id, patch) => {
    store.getState().updateEdge(id, patch);
    const language = i18n.language as Language;
    store.setState((s) => ({
      edges: s.edges.map((e) => {
        if (e.id !== id || !e.data) return e;
        const label = edgeLabel(e.data.edge, language, t("flowEditor.defaultEdge"));
        if ((e.label ?? "") === label) return e;
        const { label: _old, ...rest } = e;
        return label ? { ...rest, label } : rest;
      }),
    }));
  };
}

export function EdgeInspector({ edge }: { edge: FlowEdge }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const update = useEdgeUpdate();
  const id = useId();
  const nodes = useFlowEditor((s) => s.nodes);
  const source = nodes.find((n) => n.id === edge.source)?.data.node;
  const target = nodes.find((n) => n.id === edge.target)?.data.node;
  const fromCondition = source?.type === "condition";
  const index = useFlowEditor((s) => s.edges.findIndex((e) => e.id === edge.id));
  const allIssues = useFlowEditor((s) => s.issues);
  const issues = allIssues.filter((i) => pointerBelow(i.pointer, ["edges", String(index)]));

  const label = edge.label as Record<Language, string> | undefined;
  const [zh, setZh] = useState(label?.["zh-CN"] ?? "");
  const [en, setEn] = useState(label?.en ?? "");
  useEffect(() => {
    setZh(label?.["zh-CN"] ?? "");
    setEn(label?.en ?? "");
  }, [label]);
  const applyLabel = () => {
    if (zh === (label?.["zh-CN"] ?? "") && en === (label?.en ?? "")) return;
    update(edge.id, { label: zh === "" && en === "" ? undefined : { "zh-CN": zh, en } });
  };

  return (
    <div className="kam-flow-inspector" data-testid="edge-inspector">
      <Typography.Text type="secondary">
        {t("inspector.edge.title")} · <Typography.Text code>{edge.id}</Typography.Text>
      </Typography.Text>
      <Typography.Text>
        {localized(source?.label, language) || edge.source}
        {edge.sourceHandle ? ` (${edge.sourceHandle})` : ""} →{" "}
        {localized(target?.label, language) || edge.target}
      </Typography.Text>
      <label htmlFor={`${id}-zh`}>{t("inspector.edge.labelZh")}</label>
      <Input
        id={`${id}-zh`}
        value={zh}
        onChange={(e) => setZh(e.target.value)}
        onBlur={applyLabel}
        data-testid="edge-label-zh"
      />
      <label htmlFor={`${id}-en`}>{t("inspector.edge.labelEn")}</label>
      <Input
        id={`${id}-en`}
        value={en}
        onChange={(e) => setEn(e.target.value)}
        onBlur={applyLabel}
        data-testid="edge-label-en"
      />
      {fromCondition || edge.default !== undefined || edge.condition !== undefined ? (
        <>
          {!fromCondition && (
            <Alert type="warning" showIcon title={t("inspector.edge.misplaced")} />
          )}
          <span className="kam-inspector__switch">
            <Switch
              id={`${id}-default`}
              checked={edge.default === true}
              onChange={(on) =>
                update(
                  edge.id,
                  on ? { default: true, condition: undefined } : { default: undefined },
                )
              }
              data-testid="edge-default"
            />
            <label htmlFor={`${id}-default`}>{t("inspector.edge.default")}</label>
          </span>
          {edge.default === true ? (
            <Typography.Paragraph type="secondary">
              {t("inspector.edge.defaultHint")}
            </Typography.Paragraph>
          ) : (
            <>
              <Typography.Text strong>{t("inspector.edge.condition")}</Typography.Text>
              <ConditionBuilder
                value={edge.condition}
                onChange={(condition) =>
                  update(edge.id, { condition: condition as FlowEdge["condition"] })
                }
              />
            </>
          )}
        </>
      ) : (
        <Typography.Paragraph type="secondary">
          {t("inspector.edge.noCondition")}
        </Typography.Paragraph>
      )}
      {issues.length > 0 && (
        <ul className="kam-inspector__issues">
          {issues.map((i) => (
            <li key={`${i.pointer}:${i.message}`}>
              <Typography.Text type="danger">{i.message}</Typography.Text>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
