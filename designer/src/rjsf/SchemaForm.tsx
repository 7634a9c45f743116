/**
 * @module designer/rjsf/SchemaForm
 * rjsf with the antd theme, the CSP-safe validator and rjsf's own strings ("Add item", "Move
 * up"…) in the UI's language. Editors pass their schema, data, custom fields and widgets; fields
 * are picked by the `$id` of a (resolved) schema, as rjsf does, so a marker `$id` such as
 * `kam:sla` on a `$defs` entry selects a custom field wherever that entry is referenced.
 */

import { generateTheme } from "@rjsf/antd";
import { withTheme } from "@rjsf/core";
import {
  englishStringTranslator,
  type Registry,
  type RJSFSchema,
  TranslatableString,
} from "@rjsf/utils";
import { type ComponentProps, useMemo } from "react";
import { useTranslation } from "react-i18next";
import { cspSafeValidator } from "./validator.ts";

// biome-ignore lint/suspicious/noExplicitAny: rjsf's own default for form data is `any`.
const ThemedForm = withTheme<any, RJSFSchema, any>(generateTheme());

/** Translation keys (under `inspector.rjsf.`) of rjsf's strings; others stay in English. */
const KEYS: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: "arrayItemTitle",
  [TranslatableString.EmptyArray]: "emptyArray",
  [TranslatableString.YesLabel]: "yes",
  [TranslatableString.NoLabel]: "no",
  [TranslatableString.CloseLabel]: "close",
  [TranslatableString.ErrorsLabel]: "errors",
  [TranslatableString.AddButton]: "add",
  [TranslatableString.AddItemButton]: "addItem",
  [TranslatableString.CopyButton]: "copy",
  [TranslatableString.MoveDownButton]: "moveDown",
  [TranslatableString.MoveUpButton]: "moveUp",
  [TranslatableString.RemoveButton]: "remove",
  [TranslatableString.ClearLabel]: "clear",
  [TranslatableString.ClearButton]: "clear",
  [TranslatableString.OptionalObjectAdd]: "optionalAdd",
  [TranslatableString.OptionalObjectRemove]: "optionalRemove",
  [TranslatableString.OptionalObjectEmptyMsg]: "optionalEmpty",
  [TranslatableString.Type]: "type",
  [TranslatableString.Value]: "value",
  [TranslatableString.OptionPrefix]: "option",
  [TranslatableString.TitleOptionPrefix]: "titleOption",
  [TranslatableString.KeyLabel]: "keyLabel",
};

/** rjsf's `translateString` in the UI's language (`%1`, `%2` become `{{p1}}`, `{{p2}}`). */
export function useRjsfTranslator(): Registry["translateString"] {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a new language makes a new translator
  return useMemo(
    () => (key: TranslatableString, params?: string[]) => {
      const name = KEYS[key];
      if (!name) return englishStringTranslator(key, params);
      const values = Object.fromEntries((params ?? []).map((p, i) => [`p${i + 1}`, p]));
      return t(`inspector.rjsf.${name}`, values);
    },
    [t, i18n.language],
  );
}

export type SchemaFormProps = Omit<ComponentProps<typeof ThemedForm>, "validator">;

/**
 * A schema form with no submit button and no validation of its own on change: the editors show
 * the engine's issues through `extraErrors`.
 * @example <SchemaForm schema={schema} formData={data} onChange={(e) => setData(e.formData)} />
 */
export function SchemaForm(props: SchemaFormProps) {
  const translateString = useRjsfTranslator();
  return (
    <ThemedForm
      validator={cspSafeValidator}
      translateString={translateString}
      showErrorList={false}
      noHtml5Validate
      {...props}
    >
      {props.children ?? <span hidden />}
    </ThemedForm>
  );
}
