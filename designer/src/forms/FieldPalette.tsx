/**
 * @module designer/forms/FieldPalette
 * Every field type of the form schema (icon and name in the UI's language). A type is added by
 * dragging it onto the layout (HTML5 drag and drop), or by click / Enter, which puts it after the
 * selected field, at the end of the selected section, or at the end of the form.
 */
import { Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useFormBuilderStore } from "./builder-context.ts";
import { FieldIcon } from "./field-icons.tsx";
import type { FormBuilderState } from "./form-builder-store.ts";
import {
  FIELD_TYPES,
  type FieldType,
  type FormDoc,
  freshName,
  type GroupKey,
  type I18nString,
  layoutOf,
  nameStem,
  sectionOf,
} from "./form-doc.ts";

/** The dataTransfer type that carries a field type from the palette to the layout. */
export const FIELD_TYPE_MIME = "application/x-kamflow-field-type";

type FixedT = (key: string, options?: Record<string, unknown>) => string;

/** The label of a new field in both languages: its type's name and a number. */
export function newFieldLabel(
  doc: FormDoc,
  type: FieldType,
  tr: { zh: FixedT; en: FixedT },
): I18nString {
  const stem = nameStem(type);
  const n = freshName(stem, new Set(Object.keys(doc.dataSchema.properties))).slice(stem.length);
  return {
    "zh-CN": `${tr.zh(`formBuilder.types.${type}`)} ${n}`,
    en: `${tr.en(`formBuilder.types.${type}`)} ${n}`,
  };
}

/** Where a click adds a field: after the selected field, into the selected section, or last. */
export function clickTarget(state: FormBuilderState): { group: GroupKey; index?: number } {
  const { doc, selection } = state;
  if (!doc) return { group: null };
  if (selection.kind === "field") {
    const group = sectionOf(doc, selection.name) ?? null;
    const list = layoutOf(doc).find((g) => g.key === group)?.fields ?? [];
    return { group, index: list.indexOf(selection.name) + 1 };
  }
  if (selection.kind === "section") return { group: selection.key };
  const sections = doc.uiSchema?.sections ?? [];
  return { group: sections.at(-1)?.key ?? null };
}

export function useAddField() {
  const store = useFormBuilderStore();
  const { i18n } = useTranslation();
  return (type: FieldType, target?: { group: GroupKey; index?: number }) => {
    const state = store.getState();
    if (!state.doc) return;
    const label = newFieldLabel(state.doc, type, {
      zh: i18n.getFixedT("zh-CN"),
      en: i18n.getFixedT("en"),
    });
    state.addField(type, label, target ?? clickTarget(state));
  };
}

export function FieldPalette() {
  const { t } = useTranslation();
  const add = useAddField();
  return (
    <aside className="kam-fb-palette" aria-label={t("formBuilder.palette")}>
      <Typography.Text strong>{t("formBuilder.palette")}</Typography.Text>
      <Typography.Paragraph type="secondary" className="kam-fb-hint">
        {t("formBuilder.paletteHint")}
      </Typography.Paragraph>
      <ul className="kam-fb-palette__list">
        {FIELD_TYPES.map((type) => (
          <li key={type}>
            <button
              type="button"
              className="kam-fb-palette__item"
              data-testid={`palette-${type}`}
              draggable
              title={t(`formBuilder.typeHints.${type}`)}
              onDragStart={(event) => {
                event.dataTransfer.setData(FIELD_TYPE_MIME, type);
                event.dataTransfer.effectAllowed = "copy";
              }}
              onClick={() => add(type)}
            >
              <FieldIcon type={type} />
              <span>{t(`formBuilder.types.${type}`)}</span>
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
