/**
 * @module designer/flows/FlowNodeCard
 * The one canvas node component: the type's icon, the node's label (the type's name when it has
 * none), a handle per input and per output (named when there are several: approved, rejected…),
 * and a red mark with the number of validation issues. Memoised, and its store selectors return
 * primitives, so a change elsewhere (dragging another node) re-renders no other card.
 */
import { Handle, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import { type Language, localized } from "../i18n/language.ts";
import { useFlowEditor } from "./editor-context.ts";
import type { FlowRfEdge, FlowRfNode } from "./flow-convert.ts";
import { NodeIcon } from "./node-icons.tsx";
import { inputsOf, nodeTypeInfo, outputsOf } from "./node-registry.ts";

/** Named source handles by node id, once per edges array (every card asks on each change). */
const handleCache = new WeakMap<readonly FlowRfEdge[], ReadonlyMap<string, string>>();
function namedHandles(edges: readonly FlowRfEdge[]): ReadonlyMap<string, string> {
  let byNode = handleCache.get(edges);
  if (!byNode) {
    const lists = new Map<string, string[]>();
    for (const e of edges)
      if (e.sourceHandle) lists.set(e.source, [...(lists.get(e.source) ?? []), e.sourceHandle]);
    byNode = new Map([...lists].map(([id, names]) => [id, names.join("\n")]));
    handleCache.set(edges, byNode);
  }
  return byNode;
}

export const FlowNodeCard = memo(function FlowNodeCard({ id, data }: NodeProps<FlowRfNode>) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const count = useFlowEditor((s) => s.counts[id] ?? 0);
  // Edges may leave by outcomes not among the ports (a subflow's child outcomes): draw those too.
  const extra = useFlowEditor((s) => namedHandles(s.edges).get(id) ?? "");
  const { node } = data;
  const info = nodeTypeInfo(node.type);
  const outputs = [...new Set([...outputsOf(node.type), ...extra.split("\n").filter(Boolean)])];
  const typeName = info ? localized(info.meta.label, language) : node.type;
  const label = localized(node.label, language) || typeName;

  return (
    <div
      className={`kam-flow-node${count > 0 ? " kam-flow-node--invalid" : ""}`}
      data-testid={`flow-node-${id}`}
      data-issues={count}
    >
      {inputsOf(node.type).map((name) => (
        <Handle key={name} type="target" position={Position.Top} id={name} />
      ))}
      <div className="kam-flow-node__head">
        <span className="kam-flow-node__icon">
          <NodeIcon icon={info?.meta.icon} />
        </span>
        <span className="kam-flow-node__label">{label}</span>
        {count > 0 && (
          <span
            className="kam-flow-node__issues"
            data-testid="node-issue-count"
            title={t("flowEditor.nodeIssues", { count })}
          >
            {count}
          </span>
        )}
      </div>
      <div className="kam-flow-node__type">{typeName}</div>
      {outputs.length > 0 && (
        <div className="kam-flow-node__ports">
          {outputs.map((name) => (
            <div key={name} className="kam-flow-node__port">
              {outputs.length > 1 && <span className="kam-flow-node__port-name">{name}</span>}
              <Handle type="source" position={Position.Bottom} id={name} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
});
