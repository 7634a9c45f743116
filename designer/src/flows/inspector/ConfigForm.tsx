/**
 * @module designer/flows/inspector/ConfigForm
 * A node's config as a form generated from its type's config schema (`config-schema.ts`), with
 * the custom fields for approvers, SLA ladders, rules, durations and zh/en texts, and the
 * engine's issues (`/nodes/<i>/config/…`) beside the fields they point to.
 *
 * One edit is one undo step: a change typed into a text box is applied when the box is left;
 * anything else (a select, a checkbox, a custom field's finished edit, adding or removing an
 * item) is applied at once. Schema defaults are never filled in, so a config nobody touched is
 * written back exactly as it was.
 */
import type { ErrorSchema, RegistryFieldsType, RegistryWidgetsType, RJSFSchema } from "@rjsf/utils";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { SchemaForm } from "../../rjsf/SchemaForm.tsx";
import {
  APPROVERS_FIELD,
  type ConfigFormSchema,
  DURATION_OR_RULE_FIELD,
  I18N_FIELD,
  localizeSchema,
  RULE_FIELD,
  type SchemaWords,
  SLA_FIELD,
  slug,
} from "./config-schema.ts";
import { ApproverListField } from "./fields/ApproverPicker.tsx";
import { SlaField } from "./fields/SlaField.tsx";
import {
  DurationOrRuleField,
  DurationWidget,
  I18nField,
  RuleField,
} from "./fields/simple-fields.tsx";

export const CONFIG_FIELDS: RegistryFieldsType = {
  [APPROVERS_FIELD]: ApproverListField,
  [SLA_FIELD]: SlaField,
  [RULE_FIELD]: RuleField,
  [DURATION_OR_RULE_FIELD]: DurationOrRuleField,
  [I18N_FIELD]: I18nField,
};
export const CONFIG_WIDGETS: RegistryWidgetsType = { duration: DurationWidget };

/** rjsf options that keep the data as given: no defaults, no consts, no padded arrays. */
export const KEEP_DATA = {
  emptyObjectFields: "skipDefaults",
  arrayMinItems: { populate: "never" },
  constAsDefaults: "never",
  mergeDefaultsIntoFormData: "useFormDataIfPresent",
} as const;

/** The data as JSON stores it: `undefined` properties dropped. */
export const plain = (value: unknown): unknown =>
  value === undefined ? undefined : JSON.parse(JSON.stringify(value));

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Whether a change with focus on `el` is half-typed text (applied on leaving the box). */
function isTyping(el: Element | null): boolean {
  if (!el || el.closest("[data-kam-buffered]")) return false;
  if (el instanceof HTMLTextAreaElement) return true;
  if (!(el instanceof HTMLInputElement) || el.readOnly) return false;
  if (el.getAttribute("role") === "combobox") return false;
  return !["checkbox", "radio", "button", "submit"].includes(el.type);
}

/** Titles and enum labels from the `inspector.schema.*` and `inspector.enum.*` messages. */
export function useSchemaWords(): SchemaWords {
  const { t, i18n } = useTranslation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: the language changes the words
  return useMemo(() => {
    const look = (prefix: string, text: string) => {
      const key = slug(text);
      if (!key) return undefined;
      const found = t(`${prefix}.${key}`, { defaultValue: "" });
      return found || undefined;
    };
    return {
      title: (english) => look("inspector.schema", english),
      value: (value) => look("inspector.enum", value),
    };
  }, [t, i18n.language]);
}

export interface ConfigFormProps {
  readonly nodeId: string;
  readonly schema: ConfigFormSchema;
  readonly config: unknown;
  readonly extraErrors?: ErrorSchema | undefined;
  readonly onCommit: (config: unknown) => void;
}

export function ConfigForm({ nodeId, schema, config, extraErrors, onCommit }: ConfigFormProps) {
  const { t } = useTranslation();
  const ariaLabel = t("flowEditor.config");
  const words = useSchemaWords();
  const localized = useMemo(
    () => localizeSchema(schema.schema, words) as RJSFSchema,
    [schema, words],
  );
  const uiSchema = useMemo(
    () => ({ "ui:submitButtonOptions": { norender: true }, "ui:definitions": schema.definitions }),
    [schema],
  );
  const [draft, setDraft] = useState<unknown>(config);
  const latest = useRef<unknown>(config);
  const pending = useRef(false);
  const committed = useRef<unknown>(config);

  // A change from outside (undo, redo, the JSON tab) replaces the draft.
  useEffect(() => {
    if (same(config, committed.current) && same(config, latest.current)) return;
    committed.current = config;
    latest.current = config;
    pending.current = false;
    setDraft(config);
  }, [config]);

  const commit = (data: unknown) => {
    pending.current = false;
    const next = plain(data) ?? {};
    if (same(next, config)) return;
    committed.current = next;
    onCommit(next);
  };

  return (
    <fieldset
      className="kam-config-form"
      aria-label={ariaLabel}
      data-testid="config-form"
      onBlur={() => {
        if (pending.current) commit(latest.current);
      }}
    >
      <SchemaForm
        idPrefix={`cfg-${nodeId}`}
        schema={localized}
        formData={draft}
        fields={CONFIG_FIELDS}
        widgets={CONFIG_WIDGETS}
        extraErrors={extraErrors}
        experimental_defaultFormStateBehavior={KEEP_DATA}
        uiSchema={uiSchema}
        onChange={(event) => {
          latest.current = event.formData;
          setDraft(event.formData);
          if (isTyping(document.activeElement)) pending.current = true;
          else commit(event.formData);
        }}
      />
    </fieldset>
  );
}
