/**
 * @module designer/accounts/StakeholderMap
 * The account's stakeholders as an org chart (React Flow, read-only): contacts by reports-to,
 * each card coloured by stance and showing title and last touch; a legend of the stances.
 */
import {
  Background,
  Controls,
  Handle,
  type Node,
  type NodeProps,
  Position,
  ReactFlow,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { Empty, Flex, Tag, Typography } from "antd";
import { memo, useMemo } from "react";
import { useTranslation } from "react-i18next";
import type { Language } from "../i18n/language.ts";
import type { AccountField } from "./account-model.ts";
import {
  type Contact,
  type ContactFields,
  layoutStakeholders,
  STANCE_COLORS,
  STANCES,
  type Stance,
} from "./stakeholder-layout.ts";

type CardData = {
  readonly name: string;
  readonly title: string;
  readonly stance: Stance | undefined;
  readonly stanceLabel: string;
  readonly lastTouch: string;
};
type CardNode = Node<CardData, "contact">;

const ContactCard = memo(function ContactCard({ data, id }: NodeProps<CardNode>) {
  const { t } = useTranslation();
  const color = data.stance ? STANCE_COLORS[data.stance] : STANCE_COLORS.neutral;
  return (
    <div
      className="kam-stakeholder-card"
      data-testid={`stakeholder-${id}`}
      data-stance={data.stance ?? ""}
      style={{ borderColor: color }}
    >
      <Handle type="target" position={Position.Top} isConnectable={false} />
      <div className="kam-stakeholder-bar" style={{ background: color }} />
      <Typography.Text strong ellipsis>
        {data.name}
      </Typography.Text>
      <Typography.Text type="secondary" ellipsis>
        {data.title}
      </Typography.Text>
      <Flex justify="space-between" gap={4}>
        <Typography.Text className="kam-stakeholder-stance" style={{ color }}>
          {data.stanceLabel}
        </Typography.Text>
        <Typography.Text type="secondary" className="kam-stakeholder-touch">
          {t("account360.lastTouch", { date: data.lastTouch })}
        </Typography.Text>
      </Flex>
      <Handle type="source" position={Position.Bottom} isConnectable={false} />
    </div>
  );
});

const NODE_TYPES = { contact: ContactCard };

export function StakeholderMap({
  contacts,
  fields,
  formFields,
}: {
  contacts: readonly Contact[];
  fields: ContactFields;
  formFields: readonly AccountField[];
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const stanceField = formFields.find((f) => f.name === fields.stance);
  const titleField = formFields.find((f) => f.name === "title" || f.name === "position");
  const { nodes, edges } = useMemo(() => {
    const placed = layoutStakeholders(contacts, fields.reportsTo);
    const byId = new Map(contacts.map((c) => [c.id, c]));
    const nodes: CardNode[] = placed.map((p) => {
      const c = byId.get(p.id);
      const raw = fields.stance ? c?.data[fields.stance] : undefined;
      const stance = (STANCES as readonly unknown[]).includes(raw) ? (raw as Stance) : undefined;
      return {
        id: p.id,
        type: "contact",
        position: { x: p.x, y: p.y },
        draggable: false,
        data: {
          name: String(c?.data.name ?? p.id),
          title: titleField ? String(c?.data[titleField.name] ?? "") : "",
          stance,
          stanceLabel: stance
            ? (stanceField?.options?.[stance] ?? t(`account360.stance.${stance}`))
            : t("account360.stanceUnknown"),
          lastTouch: c ? new Date(c.updatedAt).toLocaleDateString(language) : "",
        },
      };
    });
    const edges = placed
      .filter((p) => p.parent !== null)
      .map((p) => ({
        id: `${p.parent}-${p.id}`,
        source: p.parent as string,
        target: p.id,
        type: "smoothstep",
      }));
    return { nodes, edges };
  }, [contacts, fields, stanceField, titleField, language, t]);

  if (contacts.length === 0) return <Empty description={t("account360.noContacts")} />;
  return (
    <div data-testid="stakeholder-map">
      <Flex gap={8} wrap className="kam-stakeholder-legend">
        {STANCES.map((s) => (
          <Tag key={s} color={STANCE_COLORS[s]}>
            {stanceField?.options?.[s] ?? t(`account360.stance.${s}`)}
          </Tag>
        ))}
      </Flex>
      <div className="kam-stakeholder-canvas">
        <ReactFlow
          nodes={nodes}
          edges={edges}
          nodeTypes={NODE_TYPES}
          nodesConnectable={false}
          elementsSelectable={false}
          fitView
          fitViewOptions={{ maxZoom: 1 }}
          proOptions={{ hideAttribution: true }}
        >
          <Background />
          <Controls showInteractive={false} />
        </ReactFlow>
      </div>
    </div>
  );
}
