/**
 * @module designer/forms/properties/FieldProperties
 * The properties of a field: key (renamed on blur or Enter), type, labels, help, placeholder,
 * widget, span, section, required, its type-specific options, the required-if, visible-if and
 * computed rules, and its cross-field validations; the engine's issues on it are listed at the top.
 */
import { Checkbox, Divider, Flex, Input, Select, Typography } from "antd";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { widgetsByFieldType } from "../../../../engine/forms/index.ts";
import { useFormBuilder, useFormBuilderStore } from "../builder-context.ts";
import { I18nInput, IssueList } from "../controls.tsx";
import {
  changeFieldType,
  FIELD_TYPES,
  type FieldSchema,
  type FieldType,
  type FieldUiDoc,
  type FormDoc,
  fieldNameProblem,
  fieldRule,
  layoutOf,
  sectionOf,
  setFieldRule,
  setFieldSchema,
  setFieldUi,
  setRequired,
} from "../form-doc.ts";
import { RuleEditor } from "../RuleEditor.tsx";
import { FieldValidations } from "./FieldValidations.tsx";
import { TypeOptions } from "./TypeOptions.tsx";
import { useIssuesOn } from "./useIssuesOn.ts";
import { useRuleFields } from "./useRuleFields.ts";

/** The properties of the field `name`; `formKeys` are the forms a reference may target. */
export function FieldProperties({ name, formKeys }: { name: string; formKeys: readonly string[] }) {
  const { t } = useTranslation();
  const store = useFormBuilderStore();
  const doc = useFormBuilder((s) => s.doc) as FormDoc;
  const issues = useIssuesOn({ field: name });
  const [nameDraft, setNameDraft] = useState(name);
  const ruleFields = useRuleFields(doc, name);
  const ids = { name: useId(), type: useId(), widget: useId(), section: useId(), span: useId() };
  useEffect(() => setNameDraft(name), [name]);
  const schema = doc.dataSchema.properties[name];
  if (!schema) return null;
  const type = schema["x-kam-field"];
  const ui: FieldUiDoc = doc.uiSchema?.fields?.[name] ?? {};
  const nameProblem = nameDraft === name ? undefined : fieldNameProblem(doc, nameDraft);
  const edit = (fn: (d: FormDoc) => FormDoc, tag: string) =>
    store.getState().change(fn, `field:${name}:${tag}`);
  const patchUi = (patch: Partial<FieldUiDoc>, tag: string) =>
    edit((d) => setFieldUi(d, name, { ...(d.uiSchema?.fields?.[name] ?? {}), ...patch }), tag);
  const patchSchema = (patch: Record<string, unknown>, tag: string) =>
    edit((d) => {
      const current = d.dataSchema.properties[name];
      if (!current) return d;
      const next = { ...current, ...patch } as FieldSchema;
      for (const [k, v] of Object.entries(patch)) if (v === undefined) delete next[k];
      return setFieldSchema(d, name, next);
    }, tag);
  const rename = () => {
    if (!store.getState().renameField(name, nameDraft)) setNameDraft(name);
  };
  const group = sectionOf(doc, name) ?? null;
  const sections = doc.uiSchema?.sections ?? [];

  return (
    <div className="kam-fb-props__body" data-testid="field-properties">
      <Typography.Title level={5}>{t("formBuilder.fieldProperties")}</Typography.Title>
      <IssueList issues={issues} testId="field-issues" />
      <div className="kam-fb-setting">
        <label htmlFor={ids.name}>{t("formBuilder.fieldKey")}</label>
        <Input
          id={ids.name}
          data-testid="field-key"
          value={nameDraft}
          status={nameProblem ? "error" : ""}
          onChange={(e) => setNameDraft(e.target.value)}
          onBlur={rename}
          onPressEnter={rename}
        />
        {nameProblem && (
          <Typography.Text type="danger">
            {t(`formBuilder.fieldKeyProblem.${nameProblem}`)}
          </Typography.Text>
        )}
      </div>
      <div className="kam-fb-setting">
        <label htmlFor={ids.type}>{t("formBuilder.fieldType")}</label>
        <Select
          id={ids.type}
          value={type}
          onChange={(v: FieldType) => edit((d) => changeFieldType(d, name, v), "type")}
          options={FIELD_TYPES.map((ft) => ({ value: ft, label: t(`formBuilder.types.${ft}`) }))}
        />
      </div>
      <I18nInput
        label={t("formBuilder.label")}
        value={ui.label}
        onChange={(label) => patchUi({ label }, "label")}
        testId="field-label"
      />
      <I18nInput
        label={t("formBuilder.help")}
        value={ui.help}
        onChange={(help) => patchUi({ help }, "help")}
      />
      <I18nInput
        label={t("formBuilder.placeholder")}
        value={ui.placeholder}
        onChange={(placeholder) => patchUi({ placeholder }, "placeholder")}
      />
      <Flex gap={8} wrap>
        <div className="kam-fb-setting">
          <label htmlFor={ids.widget}>{t("formBuilder.widget")}</label>
          <Select
            id={ids.widget}
            className="kam-fb-select"
            value={ui.widget ?? ""}
            onChange={(v: string) => patchUi({ widget: v || undefined }, "widget")}
            options={[
              { value: "", label: t("formBuilder.defaultWidget") },
              ...widgetsByFieldType[type].map((w) => ({
                value: w,
                label: t(`formBuilder.widgets.${w}`),
              })),
            ]}
          />
        </div>
        <div className="kam-fb-setting">
          <label htmlFor={ids.span}>{t("formBuilder.span")}</label>
          <Select
            id={ids.span}
            className="kam-fb-select--small"
            value={ui.span ?? 0}
            onChange={(v: number) => patchUi({ span: v || undefined }, "span")}
            options={[
              { value: 0, label: t("formBuilder.inherit") },
              ...[1, 2, 3, 4].map((n) => ({ value: n, label: String(n) })),
            ]}
          />
        </div>
        <div className="kam-fb-setting">
          <label htmlFor={ids.section}>{t("formBuilder.section")}</label>
          <Select
            id={ids.section}
            className="kam-fb-select"
            value={group ?? ""}
            onChange={(v: string) => {
              const target = v || null;
              const length = layoutOf(doc).find((g) => g.key === target)?.fields.length ?? 0;
              store.getState().moveField(name, target, length);
            }}
            options={[
              { value: "", label: t("formBuilder.noSection") },
              ...sections.map((s) => ({ value: s.key, label: s.key })),
            ]}
          />
        </div>
      </Flex>
      <Checkbox
        checked={doc.dataSchema.required?.includes(name) ?? false}
        onChange={(e) => edit((d) => setRequired(d, name, e.target.checked), "required")}
        data-testid="field-required"
      >
        {t("formBuilder.required")}
      </Checkbox>
      <TypeOptions
        name={name}
        schema={schema}
        ui={ui}
        formKeys={formKeys}
        patchSchema={patchSchema}
        patchUi={patchUi}
        edit={edit}
      />
      <Divider titlePlacement="start">{t("formBuilder.rules")}</Divider>
      <RuleEditor
        label={t("formBuilder.rule.visibleIf")}
        hint={t("formBuilder.rule.visibleIfHint")}
        value={fieldRule(doc, "visibility", name)}
        fields={ruleFields}
        onChange={(rule) => edit((d) => setFieldRule(d, "visibility", name, rule), "visibility")}
        testId="rule-visible-if"
      />
      <RuleEditor
        label={t("formBuilder.rule.requiredIf")}
        hint={t("formBuilder.rule.requiredIfHint")}
        value={fieldRule(doc, "requiredIf", name)}
        fields={ruleFields}
        onChange={(rule) => edit((d) => setFieldRule(d, "requiredIf", name, rule), "requiredIf")}
        testId="rule-required-if"
      />
      <RuleEditor
        label={t("formBuilder.rule.computed")}
        hint={t("formBuilder.rule.computedHint")}
        value={fieldRule(doc, "computed", name)}
        onChange={(rule) => edit((d) => setFieldRule(d, "computed", name, rule), "computed")}
        testId="rule-computed"
      />
      <FieldValidations name={name} ruleFields={ruleFields} />
    </div>
  );
}
