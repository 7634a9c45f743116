/**
 * @module designer/flows/Inspector
 * The properties of what is selected: a node (label, and its config as a form generated from
 * its type's config schema, with the approver picker and the SLA-ladder editor, or as JSON) or an
 * edge (label, default flag, condition built visually or as JSON Logic). Each edit applies on
 * leaving a box or at once for a pick, so one edit is one undo step. The pickers' choices (org,
 * the flow's form fields, variables) are loaded once here for every field below.
 */
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useFlowEditor } from "./editor-context.ts";
import { EdgeInspector } from "./inspector/EdgeInspector.tsx";
import { InspectorDataContext, useLoadInspectorData } from "./inspector/inspector-data.ts";
import { NodeInspector } from "./inspector/NodeInspector.tsx";
import "./inspector/inspector.css";

export function Inspector() {
  const { t } = useTranslation();
  const data = useLoadInspectorData();
  const node = useFlowEditor((s) => {
    const selected = s.nodes.filter((n) => n.selected);
    return selected.length === 1 ? selected[0]?.data.node : undefined;
  });
  const edge = useFlowEditor((s) => {
    if (s.nodes.some((n) => n.selected)) return undefined;
    const selected = s.edges.filter((e) => e.selected);
    return selected.length === 1 ? selected[0]?.data?.edge : undefined;
  });
  return (
    <section className="kam-flow-panel kam-inspector" aria-label={t("flowEditor.inspector")}>
      <Typography.Text strong>{t("flowEditor.inspector")}</Typography.Text>
      <InspectorDataContext.Provider value={data}>
        {node ? (
          // One inspector per node: its boxes' unapplied text never moves to another node.
          <NodeInspector key={node.id} node={node} />
        ) : edge ? (
          <EdgeInspector key={edge.id} edge={edge} />
        ) : (
          <Typography.Paragraph type="secondary">{t("inspector.selectHint")}</Typography.Paragraph>
        )}
      </InspectorDataContext.Provider>
    </section>
  );
}
