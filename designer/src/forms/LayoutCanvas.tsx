/**
 * @module designer/forms/LayoutCanvas
 * The form's layout as cards: the fields outside sections, then each section with its fields.
 * Fields are dropped in from the palette or dragged to another place or section (HTML5 drag and
 * drop, a line showing where they land); the arrow buttons (and Alt+↑/↓ on a focused card) do
 * the same from the keyboard. A card shows its field's rules and how many issues it has.
 */
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  HolderOutlined,
  PlusOutlined,
} from "@ant-design/icons";
import { Badge, Button, Empty, Flex, Tag, Tooltip, Typography } from "antd";
import { type DragEvent, useState } from "react";
import { useTranslation } from "react-i18next";
import { type Language, localized } from "../i18n/language.ts";
import { useFormBuilder, useFormBuilderStore } from "./builder-context.ts";
import { FIELD_TYPE_MIME, useAddField } from "./FieldPalette.tsx";
import { FieldIcon } from "./field-icons.tsx";
import {
  FIELD_TYPES,
  type FieldType,
  type FormDoc,
  fieldRule,
  type GroupKey,
  issueTarget,
  layoutOf,
} from "./form-doc.ts";

/** The dataTransfer type that carries a field name being moved. */
export const FIELD_MIME = "application/x-kamflow-field";

interface DropAt {
  readonly group: GroupKey;
  readonly index: number;
}

/** Issue counts per field and per section. */
export function issueCounts(doc: FormDoc, pointers: readonly string[]) {
  const fields: Record<string, number> = {};
  const sections: Record<string, number> = {};
  let form = 0;
  for (const pointer of pointers) {
    const target = issueTarget(doc, pointer);
    if (target.field) fields[target.field] = (fields[target.field] ?? 0) + 1;
    else if (target.section) sections[target.section] = (sections[target.section] ?? 0) + 1;
    else form++;
  }
  return { fields, sections, form };
}

export function LayoutCanvas() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const store = useFormBuilderStore();
  const doc = useFormBuilder((s) => s.doc);
  const selection = useFormBuilder((s) => s.selection);
  const issues = useFormBuilder((s) => s.issues);
  const add = useAddField();
  const [dragging, setDragging] = useState<string>();
  const [dropAt, setDropAt] = useState<DropAt>();
  if (!doc) return null;
  const groups = layoutOf(doc);
  const counts = issueCounts(
    doc,
    issues.map((i) => i.pointer),
  );
  const sections = doc.uiSchema?.sections ?? [];

  const accepts = (event: DragEvent) =>
    event.dataTransfer.types.includes(FIELD_MIME) ||
    event.dataTransfer.types.includes(FIELD_TYPE_MIME);

  const drop = (event: DragEvent, at: DropAt) => {
    event.preventDefault();
    event.stopPropagation();
    setDropAt(undefined);
    setDragging(undefined);
    const type = event.dataTransfer.getData(FIELD_TYPE_MIME);
    if (type && (FIELD_TYPES as readonly string[]).includes(type)) {
      add(type as FieldType, at);
      return;
    }
    const name = event.dataTransfer.getData(FIELD_MIME);
    if (!name) return;
    const list = groups.find((g) => g.key === at.group)?.fields ?? [];
    const from = list.indexOf(name);
    // The index counts the target list without the moved field.
    const index = from >= 0 && from < at.index ? at.index - 1 : at.index;
    store.getState().moveField(name, at.group, index);
  };

  const move = (name: string, group: GroupKey, delta: number) => {
    const list = groups.find((g) => g.key === group)?.fields ?? [];
    const from = list.indexOf(name);
    const to = from + delta;
    if (from < 0 || to < 0 || to >= list.length) return;
    store.getState().moveField(name, group, to);
  };

  const groupTitle = (key: GroupKey) => {
    if (key === null)
      return t(sections.length > 0 ? "formBuilder.looseFields" : "formBuilder.fields");
    const section = sections.find((s) => s.key === key);
    return localized(section?.title, language) || key;
  };

  return (
    <main className="kam-fb-canvas" aria-label={t("formBuilder.layout")} data-testid="fb-canvas">
      {groups.map((group, gi) => {
        const isSection = group.key !== null;
        if (!isSection && group.fields.length === 0 && sections.length > 0 && !dragging)
          return null;
        const sectionIndex = gi - 1;
        const sectionSelected = selection.kind === "section" && selection.key === group.key;
        return (
          // biome-ignore lint/a11y/noStaticElementInteractions: a mouse drop target; the arrow buttons and the field's section select do the same from the keyboard
          <section
            key={group.key ?? "(loose)"}
            className={`kam-fb-group${sectionSelected ? " kam-fb-group--selected" : ""}`}
            data-testid={isSection ? `fb-section-${group.key}` : "fb-loose"}
            onDragOver={(event) => {
              if (!accepts(event)) return;
              event.preventDefault();
              setDropAt({ group: group.key, index: group.fields.length });
            }}
            onDrop={(event) => drop(event, { group: group.key, index: group.fields.length })}
          >
            <Flex className="kam-fb-group__head" align="center" justify="space-between" gap={4}>
              {isSection ? (
                <button
                  type="button"
                  className="kam-fb-group__title"
                  onClick={() => store.getState().select({ kind: "section", key: group.key ?? "" })}
                  aria-pressed={sectionSelected}
                >
                  <Typography.Text strong>{groupTitle(group.key)}</Typography.Text>{" "}
                  <Typography.Text type="secondary" code>
                    {group.key}
                  </Typography.Text>
                  {doc.rules?.visibility?.sections?.[group.key ?? ""] !== undefined && (
                    <Tag className="kam-fb-tag">{t("formBuilder.badge.visibleIf")}</Tag>
                  )}
                  {(counts.sections[group.key ?? ""] ?? 0) > 0 && (
                    <Badge
                      count={counts.sections[group.key ?? ""]}
                      data-testid="section-issue-count"
                    />
                  )}
                </button>
              ) : (
                <Typography.Text strong>{groupTitle(null)}</Typography.Text>
              )}
              {isSection && group.key !== null && (
                <span>
                  <Tooltip title={t("formBuilder.moveUp")}>
                    <Button
                      size="small"
                      type="text"
                      icon={<ArrowUpOutlined />}
                      aria-label={t("formBuilder.moveSectionUp", {
                        section: groupTitle(group.key),
                      })}
                      disabled={sectionIndex === 0}
                      onClick={() =>
                        store.getState().moveSection(group.key ?? "", sectionIndex - 1)
                      }
                    />
                  </Tooltip>
                  <Tooltip title={t("formBuilder.moveDown")}>
                    <Button
                      size="small"
                      type="text"
                      icon={<ArrowDownOutlined />}
                      aria-label={t("formBuilder.moveSectionDown", {
                        section: groupTitle(group.key),
                      })}
                      disabled={sectionIndex === sections.length - 1}
                      onClick={() =>
                        store.getState().moveSection(group.key ?? "", sectionIndex + 1)
                      }
                    />
                  </Tooltip>
                  <Tooltip title={t("formBuilder.removeSection")}>
                    <Button
                      size="small"
                      type="text"
                      danger
                      icon={<DeleteOutlined />}
                      aria-label={t("formBuilder.removeSectionNamed", {
                        section: groupTitle(group.key),
                      })}
                      onClick={() => store.getState().removeSection(group.key ?? "")}
                    />
                  </Tooltip>
                </span>
              )}
            </Flex>
            <ol className="kam-fb-group__fields">
              {group.fields.map((name, index) => {
                const field = doc.dataSchema.properties[name];
                if (!field) return null;
                const ui = doc.uiSchema?.fields?.[name];
                const selected = selection.kind === "field" && selection.name === name;
                const count = counts.fields[name] ?? 0;
                const marker =
                  dropAt?.group === group.key && dropAt.index === index
                    ? " kam-fb-card--drop-before"
                    : "";
                const label = localized(ui?.label, language) || name;
                return (
                  <li
                    key={name}
                    className={`kam-fb-card${selected ? " kam-fb-card--selected" : ""}${marker}${dragging === name ? " kam-fb-card--dragging" : ""}`}
                    data-testid={`fb-field-${name}`}
                    draggable
                    onDragStart={(event) => {
                      event.dataTransfer.setData(FIELD_MIME, name);
                      event.dataTransfer.effectAllowed = "move";
                      setDragging(name);
                    }}
                    onDragEnd={() => {
                      setDragging(undefined);
                      setDropAt(undefined);
                    }}
                    onDragOver={(event) => {
                      if (!accepts(event)) return;
                      event.preventDefault();
                      event.stopPropagation();
                      const box = event.currentTarget.getBoundingClientRect();
                      const after = event.clientY > box.top + box.height / 2;
                      setDropAt({ group: group.key, index: after ? index + 1 : index });
                    }}
                    onDrop={(event) => {
                      const box = event.currentTarget.getBoundingClientRect();
                      const after = event.clientY > box.top + box.height / 2;
                      drop(event, { group: group.key, index: after ? index + 1 : index });
                    }}
                  >
                    <HolderOutlined className="kam-fb-card__handle" aria-hidden />
                    <button
                      type="button"
                      className="kam-fb-card__main"
                      aria-pressed={selected}
                      onClick={() => store.getState().select({ kind: "field", name })}
                      onKeyDown={(event) => {
                        if (!event.altKey) return;
                        if (event.key === "ArrowUp") move(name, group.key, -1);
                        else if (event.key === "ArrowDown") move(name, group.key, 1);
                        else return;
                        event.preventDefault();
                      }}
                    >
                      <span className="kam-fb-card__icon">
                        <FieldIcon type={field["x-kam-field"]} />
                      </span>
                      <span className="kam-fb-card__text">
                        <span className="kam-fb-card__label">
                          {label}
                          {doc.dataSchema.required?.includes(name) && (
                            <span className="kam-fb-required" title={t("formBuilder.required")}>
                              {" *"}
                            </span>
                          )}
                        </span>
                        <span className="kam-fb-card__meta">
                          <code>{name}</code> · {t(`formBuilder.types.${field["x-kam-field"]}`)}
                        </span>
                        <span className="kam-fb-card__tags">
                          {fieldRule(doc, "visibility", name) !== undefined && (
                            <Tag className="kam-fb-tag">{t("formBuilder.badge.visibleIf")}</Tag>
                          )}
                          {fieldRule(doc, "requiredIf", name) !== undefined && (
                            <Tag className="kam-fb-tag">{t("formBuilder.badge.requiredIf")}</Tag>
                          )}
                          {fieldRule(doc, "computed", name) !== undefined && (
                            <Tag className="kam-fb-tag">{t("formBuilder.badge.computed")}</Tag>
                          )}
                          {count > 0 && <Badge count={count} data-testid="field-issue-count" />}
                        </span>
                      </span>
                    </button>
                    <span className="kam-fb-card__tools">
                      <Button
                        size="small"
                        type="text"
                        icon={<ArrowUpOutlined />}
                        aria-label={t("formBuilder.moveFieldUp", { field: label })}
                        disabled={index === 0}
                        onClick={() => move(name, group.key, -1)}
                      />
                      <Button
                        size="small"
                        type="text"
                        icon={<ArrowDownOutlined />}
                        aria-label={t("formBuilder.moveFieldDown", { field: label })}
                        disabled={index === group.fields.length - 1}
                        onClick={() => move(name, group.key, 1)}
                      />
                      <Button
                        size="small"
                        type="text"
                        danger
                        icon={<DeleteOutlined />}
                        aria-label={t("formBuilder.removeFieldNamed", { field: label })}
                        data-testid={`remove-field-${name}`}
                        onClick={() => store.getState().removeField(name)}
                      />
                    </span>
                  </li>
                );
              })}
              <li
                className={`kam-fb-drop${dropAt?.group === group.key && dropAt.index === group.fields.length ? " kam-fb-drop--active" : ""}`}
                data-testid={isSection ? `fb-drop-${group.key}` : "fb-drop-loose"}
              >
                {group.fields.length === 0 ? (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={t("formBuilder.dropHere")}
                  />
                ) : (
                  t("formBuilder.dropHere")
                )}
              </li>
            </ol>
          </section>
        );
      })}
      <Button
        icon={<PlusOutlined />}
        onClick={() =>
          store.getState().addSection({
            "zh-CN": i18n.getFixedT("zh-CN")("formBuilder.newSection"),
            en: i18n.getFixedT("en")("formBuilder.newSection"),
          })
        }
        data-testid="add-section"
      >
        {t("formBuilder.addSection")}
      </Button>
    </main>
  );
}
