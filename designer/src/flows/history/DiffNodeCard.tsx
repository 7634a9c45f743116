/**
 * @module designer/flows/history/DiffNodeCard
 * A node of the visual diff: the editor card's look (icon, label, type) with the node's diff
 * status as its colour and a word, and a handle for every port its edges use. Read-only.
 */
import { Handle, type Node, type NodeProps, Position } from "@xyflow/react";
import { memo } from "react";
import { useTranslation } from "react-i18next";
import type { FlowNode } from "../../../../schemas/index.ts";
import { type Language, localized } from "../../i18n/language.ts";
import { NodeIcon } from "../node-icons.tsx";
import { nodeTypeInfo } from "../node-registry.ts";
import type { NodeStatus } from "./flow-diff.ts";

export type DiffRfNode = Node<
  {
    readonly node: FlowNode;
    readonly status: NodeStatus;
    readonly inputs: readonly string[];
    readonly outputs: readonly string[];
  },
  "diff"
>;

export const DiffNodeCard = memo(function DiffNodeCard({ id, data }: NodeProps<DiffRfNode>) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const { node, status } = data;
  const info = nodeTypeInfo(node.type);
  const typeName = info ? localized(info.meta.label, language) : node.type;
  return (
    <div
      className={`kam-flow-node kam-diff-node kam-diff-node--${status}`}
      data-testid={`diff-node-${id}`}
      data-status={status}
    >
      {data.inputs.map((name) => (
        <Handle key={name} type="target" position={Position.Top} id={name} isConnectable={false} />
      ))}
      <div className="kam-flow-node__head">
        <span className="kam-flow-node__icon">
          <NodeIcon icon={info?.meta.icon} />
        </span>
        <span className="kam-flow-node__label">{localized(node.label, language) || typeName}</span>
        {status !== "same" && (
          <span className="kam-diff-node__badge">{t(`flowTools.history.legend.${status}`)}</span>
        )}
      </div>
      <div className="kam-flow-node__type">
        {typeName} · {id}
      </div>
      {data.outputs.length > 0 && (
        <div className="kam-flow-node__ports">
          {data.outputs.map((name) => (
            <div key={name} className="kam-flow-node__port">
              <Handle type="source" position={Position.Bottom} id={name} isConnectable={false} />
            </div>
          ))}
        </div>
      )}
    </div>
  );
});
