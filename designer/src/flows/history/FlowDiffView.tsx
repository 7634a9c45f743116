/**
 * @module designer/flows/history/FlowDiffView
 * The visual diff of two versions: a read-only React Flow canvas of the merged graph (added
 * green, removed red and dashed, changed amber, moved blue) beside the list of changes — each
 * node, edge and flow setting that differs, what changed and its JSON pointers. A node in the
 * list shows itself on the canvas. The canvas has a React Flow store of its own: the editor's
 * is above it in the tree.
 */
import {
  Background,
  Controls,
  type NodeTypes,
  ReactFlow,
  ReactFlowProvider,
  useReactFlow,
} from "@xyflow/react";
import { Button, Empty, Flex, Tag, Typography } from "antd";
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type Language, localized } from "../../i18n/language.ts";
import { inputsOf, outputsOf } from "../node-registry.ts";
import { DiffNodeCard } from "./DiffNodeCard.tsx";
import { toDiffGraph } from "./diff-graph.ts";
import { type FlowDiff, type NodeStatus, unchanged } from "./flow-diff.ts";

const DIFF_NODE_TYPES: NodeTypes = { diff: DiffNodeCard };
const FIT_VIEW = { maxZoom: 1, padding: 0.15 };
const STATUS_COLOR: Record<NodeStatus, string> = {
  added: "success",
  removed: "error",
  changed: "warning",
  moved: "processing",
  same: "default",
};

function DiffCanvas({ diff }: { diff: FlowDiff }) {
  const { t } = useTranslation();
  const { nodes, edges } = useMemo(() => toDiffGraph(diff, outputsOf, inputsOf), [diff]);
  return (
    <div
      className="kam-diff-canvas"
      data-testid="diff-canvas"
      role="img"
      aria-label={t("flowTools.history.canvas")}
    >
      <ReactFlow
        nodes={nodes}
        edges={edges}
        nodeTypes={DIFF_NODE_TYPES}
        nodesDraggable={false}
        nodesConnectable={false}
        elementsSelectable={false}
        deleteKeyCode={null}
        fitView
        fitViewOptions={FIT_VIEW}
        minZoom={0.1}
      >
        <Background />
        <Controls showInteractive={false} />
      </ReactFlow>
    </div>
  );
}

function ChangeList({ diff }: { diff: FlowDiff }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { fitView } = useReactFlow();
  const show = (id: string) => void fitView({ nodes: [{ id }], duration: 300, maxZoom: 1.2 });
  const pointers = (list: readonly string[]) => (
    <span className="kam-diff-pointers">
      {list.map((p) => (
        <code key={p}>{p}</code>
      ))}
    </span>
  );
  const fields = (list: readonly string[]) =>
    list.length > 0 ? t("flowTools.history.fields", { fields: list.join(", ") }) : null;
  return (
    <ul className="kam-diff-changes" data-testid="diff-changes">
      {diff.nodes
        .filter((n) => n.status !== "same")
        .map((n) => (
          <li
            key={`n-${n.id}`}
            data-testid="diff-change"
            data-kind="node"
            data-id={n.id}
            data-status={n.status}
          >
            <Tag color={STATUS_COLOR[n.status]}>{t(`flowTools.history.legend.${n.status}`)}</Tag>
            <Button
              type="link"
              size="small"
              onClick={() => show(n.id)}
              title={t("flowTools.history.showNode")}
            >
              {t("flowTools.history.node")} {n.id}
            </Button>
            <Typography.Text type="secondary">{localized(n.node.label, language)}</Typography.Text>{" "}
            {fields(n.fields)}
            {pointers(n.pointers)}
          </li>
        ))}
      {diff.edges
        .filter((e) => e.status !== "same")
        .map((e) => (
          <li
            key={`e-${e.id}`}
            data-testid="diff-change"
            data-kind="edge"
            data-id={e.id}
            data-status={e.status}
          >
            <Tag color={STATUS_COLOR[e.status]}>{t(`flowTools.history.legend.${e.status}`)}</Tag>
            {t("flowTools.history.edge")} <code>{e.id}</code> ({e.edge.source} → {e.edge.target}){" "}
            {fields(e.fields)}
            {pointers(e.pointers)}
          </li>
        ))}
      {diff.header.map((h) => (
        <li key={`h-${h.pointer}`} data-testid="diff-change" data-kind="settings">
          <Tag color={h.kind === "added" ? "success" : h.kind === "removed" ? "error" : "warning"}>
            {t(`flowTools.history.legend.${h.kind}`)}
          </Tag>
          {t("flowTools.history.settings")} {pointers([h.pointer])}
        </li>
      ))}
    </ul>
  );
}

export function FlowDiffView({ diff, from, to }: { diff: FlowDiff; from: string; to: string }) {
  const { t } = useTranslation();
  const same = unchanged(diff);
  return (
    <section className="kam-diff" data-testid="flow-diff">
      <Flex justify="space-between" align="center" wrap gap={8}>
        <Typography.Text strong>{t("flowTools.history.diffTitle", { from, to })}</Typography.Text>
        <Typography.Text type="secondary" data-testid="diff-summary">
          {t("flowTools.history.summary", diff.counts)}
        </Typography.Text>
      </Flex>
      <Flex className="kam-diff-legend" gap={4} wrap>
        {(["added", "removed", "changed", "moved"] as const).map((s) => (
          <span key={s} className={`kam-diff-legend__item kam-diff-legend__item--${s}`}>
            {t(`flowTools.history.legend.${s}`)}
          </span>
        ))}
      </Flex>
      <ReactFlowProvider>
        <DiffCanvas diff={diff} />
        {same ? (
          <Empty description={t("flowTools.history.noChanges")} />
        ) : (
          <>
            <Typography.Title level={5}>{t("flowTools.history.changes")}</Typography.Title>
            <ChangeList diff={diff} />
          </>
        )}
      </ReactFlowProvider>
    </section>
  );
}
