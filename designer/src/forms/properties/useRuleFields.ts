/**
 * @module designer/forms/properties/useRuleFields
 * The fields a condition may test, as the visual rule builder lists them: label, and the value
 * editor their type calls for (a select of the options, a checkbox, a number or a date input).
 */
import { useMemo } from "react";
import { useTranslation } from "react-i18next";
import { type Language, localized } from "../../i18n/language.ts";
import { type FormDoc, optionsOf } from "../form-doc.ts";
import type { RuleField } from "../RuleEditor.tsx";

/** The fields a condition may test, for the visual builder. */
export function useRuleFields(doc: FormDoc, except?: string): RuleField[] {
  const { i18n } = useTranslation();
  const language = i18n.language as Language;
  return useMemo(
    () =>
      Object.entries(doc.dataSchema.properties)
        .filter(([name, f]) => name !== except && f["x-kam-field"] !== "sub-table")
        .map(([name, f]) => {
          const ui = doc.uiSchema?.fields?.[name];
          const label = `${localized(ui?.label, language) || name} (${name})`;
          const options = optionsOf(f);
          const type = f["x-kam-field"];
          const numeric = ["number", "money", "percent", "rating", "nps"].includes(type);
          return {
            name,
            value: name,
            label,
            ...(options
              ? {
                  valueEditorType: "select" as const,
                  values: options.map((o) => ({
                    name: o,
                    value: o,
                    label: localized(ui?.options?.[o], language) || o,
                  })),
                }
              : type === "boolean"
                ? { valueEditorType: "checkbox" as const }
                : numeric
                  ? { inputType: "number" as const }
                  : type === "date"
                    ? { inputType: "date" as const }
                    : {}),
          };
        }),
    [doc.dataSchema.properties, doc.uiSchema?.fields, except, language],
  );
}
