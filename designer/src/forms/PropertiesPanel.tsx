/**
 * @module designer/forms/PropertiesPanel
 * The properties of what is selected, in the builder's side panel: the field's
 * (./properties/FieldProperties), the section's (./properties/SectionProperties) or, when nothing
 * is selected, the form's (./properties/FormProperties). Each lists the engine's issues located on
 * it at the top.
 */
import { useTranslation } from "react-i18next";
import { useFormBuilder } from "./builder-context.ts";
import { FieldProperties } from "./properties/FieldProperties.tsx";
import { FormProperties } from "./properties/FormProperties.tsx";
import { SectionProperties } from "./properties/SectionProperties.tsx";

/** The side panel; `formKeys` are the forms a reference field may target. */
export function PropertiesPanel({ formKeys }: { formKeys: readonly string[] }) {
  const { t } = useTranslation();
  const selection = useFormBuilder((s) => s.selection);
  const doc = useFormBuilder((s) => s.doc);
  if (!doc) return null;
  return (
    <aside
      className="kam-fb-props"
      aria-label={t("formBuilder.properties")}
      data-testid="fb-properties"
    >
      {selection.kind === "field" && doc.dataSchema.properties[selection.name] ? (
        <FieldProperties key={selection.name} name={selection.name} formKeys={formKeys} />
      ) : selection.kind === "section" ? (
        <SectionProperties key={selection.key} sectionKey={selection.key} />
      ) : (
        <FormProperties />
      )}
    </aside>
  );
}
