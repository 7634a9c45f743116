/**
 * @module designer/flows/Palette
 * The node types of the registry (icon, label and description in the UI's language), each
 * dragged onto the canvas with HTML5 drag and drop; the canvas's drop handler creates the node.
 */
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { type Language, localized } from "../i18n/language.ts";
import { NodeIcon } from "./node-icons.tsx";
import { NODE_TYPES } from "./node-registry.ts";

/** The dataTransfer type that carries a node type from the palette to the canvas. */
export const NODE_TYPE_MIME = "application/x-kamflow-node-type";

export function Palette() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  return (
    <aside className="kam-flow-palette" aria-label={t("flowEditor.palette")}>
      <Typography.Text strong>{t("flowEditor.palette")}</Typography.Text>
      <Typography.Paragraph type="secondary" className="kam-flow-hint">
        {t("flowEditor.paletteHint")}
      </Typography.Paragraph>
      <ul className="kam-flow-palette__list">
        {NODE_TYPES.map((info) => (
          <li
            key={info.type}
            className="kam-flow-palette__item"
            data-testid={`palette-${info.type}`}
            aria-roledescription={t("flowEditor.draggable")}
            draggable
            title={localized(info.meta.description, language)}
            onDragStart={(event) => {
              event.dataTransfer.setData(NODE_TYPE_MIME, info.type);
              event.dataTransfer.effectAllowed = "move";
            }}
          >
            <span className="kam-flow-node__icon">
              <NodeIcon icon={info.meta.icon} />
            </span>
            <span>
              <span className="kam-flow-palette__label">
                {localized(info.meta.label, language)}
              </span>
              <span className="kam-flow-palette__description">
                {localized(info.meta.description, language)}
              </span>
            </span>
          </li>
        ))}
      </ul>
    </aside>
  );
}
