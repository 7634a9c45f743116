/**
 * @module designer/forms/PropertiesPanel
 * The properties of what is selected: the form (name, columns, hidden-values policy), a section
 * (key, title, columns, collapsed, visible-if) or a field (key, type, labels, help, placeholder,
 * widget, span, section, required, required-if, visible-if, computed, type-specific options and
 * validation rules with their zh-CN/en messages). The engine's issues located on the selection are
 * listed at the top.
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import {
  AutoComplete,
  Button,
  Checkbox,
  Divider,
  Flex,
  Input,
  Radio,
  Select,
  Typography,
} from "antd";
import { useEffect, useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import { widgetsByFieldType } from "../../../engine/forms/index.ts";
import { type Language, localized } from "../i18n/language.ts";
import { useFormBuilder, useFormBuilderStore } from "./builder-context.ts";
import { I18nInput, IssueList, NumberSetting } from "./controls.tsx";
import {
  COLUMN_TYPES,
  changeFieldType,
  defaultFieldSchema,
  FIELD_TYPES,
  type FieldSchema,
  type FieldType,
  type FieldUiDoc,
  type FormDoc,
  fieldNameProblem,
  fieldRule,
  freshName,
  type I18nString,
  issueTarget,
  layoutOf,
  optionsOf,
  sectionKeyProblem,
  sectionOf,
  setFieldRule,
  setFieldSchema,
  setFieldUi,
  setRequired,
  setSectionRule,
  setValidation,
  updateForm,
  updateSection,
  validationsOf,
} from "./form-doc.ts";
import { RuleEditor, type RuleField } from "./RuleEditor.tsx";

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

/** The fields a condition may test, for the visual builder. */
function useRuleFields(doc: FormDoc, except?: string): RuleField[] {
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

function useIssuesOn(target: { field?: string; section?: string; form?: boolean }) {
  const doc = useFormBuilder((s) => s.doc);
  const issues = useFormBuilder((s) => s.issues);
  if (!doc) return [];
  return issues.filter((i) => {
    const at = issueTarget(doc, i.pointer);
    if (target.field) return at.field === target.field;
    if (target.section) return at.section === target.section;
    return at.field === undefined && at.section === undefined;
  });
}

function FormProperties() {
  const { t } = useTranslation();
  const store = useFormBuilderStore();
  const doc = useFormBuilder((s) => s.doc);
  const issues = useIssuesOn({ form: true });
  const columnsId = useId();
  if (!doc) return null;
  const change = (patch: Parameters<typeof updateForm>[1], tag: string) =>
    store.getState().change((d) => updateForm(d, patch), `form:${tag}`);
  return (
    <div className="kam-fb-props__body" data-testid="form-properties">
      <Typography.Title level={5}>{t("formBuilder.formProperties")}</Typography.Title>
      <IssueList issues={issues} testId="form-issues" />
      <Typography.Text type="secondary">
        {t("formBuilder.key")}: <code>{doc.key}</code>
      </Typography.Text>
      <I18nInput
        label={t("formBuilder.formName")}
        value={doc.name}
        onChange={(name) => change({ name: name ?? { "zh-CN": "", en: "" } }, "name")}
        testId="form-name"
      />
      <I18nInput
        label={t("formBuilder.description")}
        value={doc.description}
        rows={2}
        onChange={(description) => change({ description }, "description")}
      />
      <div className="kam-fb-setting">
        <label htmlFor={columnsId}>{t("formBuilder.formColumns")}</label>
        <Radio.Group
          id={columnsId}
          optionType="button"
          value={doc.uiSchema?.columns ?? 1}
          onChange={(e) => change({ columns: e.target.value as number }, "columns")}
          options={[1, 2, 3, 4].map((n) => ({ value: n, label: String(n) }))}
        />
      </div>
      <div className="kam-fb-setting">
        <span>{t("formBuilder.hiddenValues")}</span>
        <Radio.Group
          value={doc.rules?.hiddenValues ?? "drop"}
          onChange={(e) =>
            change({ hiddenValues: e.target.value === "drop" ? undefined : "keep" }, "hidden")
          }
          options={[
            { value: "drop", label: t("formBuilder.hiddenDrop") },
            { value: "keep", label: t("formBuilder.hiddenKeep") },
          ]}
        />
      </div>
      <Typography.Paragraph type="secondary">{t("formBuilder.selectHint")}</Typography.Paragraph>
    </div>
  );
}

function SectionProperties({ sectionKey }: { sectionKey: string }) {
  const { t } = useTranslation();
  const store = useFormBuilderStore();
  const doc = useFormBuilder((s) => s.doc);
  const issues = useIssuesOn({ section: sectionKey });
  const [keyDraft, setKeyDraft] = useState(sectionKey);
  const ruleFields = useRuleFields(doc as FormDoc);
  const columnsId = useId();
  const keyId = useId();
  const section = doc?.uiSchema?.sections?.find((s) => s.key === sectionKey);
  if (!doc || !section) return null;
  const keyProblem = keyDraft === sectionKey ? undefined : sectionKeyProblem(doc, keyDraft);
  const change = (patch: Parameters<typeof updateSection>[2], tag: string) =>
    store
      .getState()
      .change((d) => updateSection(d, sectionKey, patch), `section:${sectionKey}:${tag}`);
  const rename = () => {
    if (!store.getState().renameSection(sectionKey, keyDraft)) setKeyDraft(sectionKey);
  };
  return (
    <div className="kam-fb-props__body" data-testid="section-properties">
      <Typography.Title level={5}>{t("formBuilder.sectionProperties")}</Typography.Title>
      <IssueList issues={issues} testId="section-issues" />
      <div className="kam-fb-setting">
        <label htmlFor={keyId}>{t("formBuilder.sectionKey")}</label>
        <Input
          id={keyId}
          value={keyDraft}
          status={keyProblem ? "error" : ""}
          onChange={(e) => setKeyDraft(e.target.value)}
          onBlur={rename}
          onPressEnter={rename}
        />
        {keyProblem && (
          <Typography.Text type="danger">
            {t(`formBuilder.sectionKeyProblem.${keyProblem}`)}
          </Typography.Text>
        )}
      </div>
      <I18nInput
        label={t("formBuilder.sectionTitle")}
        value={section.title}
        onChange={(title) => change({ title: title ?? { "zh-CN": "", en: "" } }, "title")}
        testId="section-title"
      />
      <I18nInput
        label={t("formBuilder.description")}
        value={section.description}
        rows={2}
        onChange={(description) => change({ description }, "description")}
      />
      <div className="kam-fb-setting">
        <label htmlFor={columnsId}>{t("formBuilder.sectionColumns")}</label>
        <Radio.Group
          id={columnsId}
          optionType="button"
          value={section.columns ?? 0}
          onChange={(e) => change({ columns: (e.target.value as number) || undefined }, "columns")}
          options={[
            { value: 0, label: t("formBuilder.inherit") },
            ...[1, 2, 3, 4].map((n) => ({ value: n, label: String(n) })),
          ]}
        />
      </div>
      <Checkbox
        checked={section.collapsed === true}
        onChange={(e) => change({ collapsed: e.target.checked || undefined }, "collapsed")}
      >
        {t("formBuilder.collapsed")}
      </Checkbox>
      <RuleEditor
        label={t("formBuilder.rule.visibleIf")}
        hint={t("formBuilder.rule.visibleIfHint")}
        value={doc.rules?.visibility?.sections?.[sectionKey]}
        fields={ruleFields}
        onChange={(rule) =>
          store
            .getState()
            .change((d) => setSectionRule(d, sectionKey, rule), `section:${sectionKey}:rule`)
        }
        testId="section-visible-if"
      />
      <Button
        danger
        icon={<DeleteOutlined />}
        onClick={() => store.getState().removeSection(sectionKey)}
      >
        {t("formBuilder.removeSection")}
      </Button>
    </div>
  );
}

function FieldProperties({ name, formKeys }: { name: string; formKeys: readonly string[] }) {
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
      <Validations name={name} ruleFields={ruleFields} />
    </div>
  );
}

type Edit = (fn: (d: FormDoc) => FormDoc, tag: string) => void;

function TypeOptions({
  name,
  schema,
  ui,
  formKeys,
  patchSchema,
  patchUi,
  edit,
}: {
  name: string;
  schema: FieldSchema;
  ui: FieldUiDoc;
  formKeys: readonly string[];
  patchSchema: (patch: Record<string, unknown>, tag: string) => void;
  patchUi: (patch: Partial<FieldUiDoc>, tag: string) => void;
  edit: Edit;
}) {
  const { t } = useTranslation();
  const ids = { currency: useId(), pattern: useId(), target: useId(), jsonType: useId() };
  const type = schema["x-kam-field"];
  const num = (
    key: string,
    label: string,
    extra: { min?: number; max?: number; integer?: boolean } = {},
  ) => (
    <NumberSetting
      key={key}
      label={label}
      value={schema[key]}
      onChange={(v) => patchSchema({ [key]: v }, key)}
      {...extra}
    />
  );
  const parts: React.ReactNode[] = [];
  if (type === "text" || type === "textarea") {
    parts.push(
      num("minLength", t("formBuilder.opt.minLength"), { min: 0, integer: true }),
      num("maxLength", t("formBuilder.opt.maxLength"), { min: 1, integer: true }),
    );
  }
  if (type === "text") {
    parts.push(
      <div className="kam-fb-setting" key="pattern">
        <label htmlFor={ids.pattern}>{t("formBuilder.opt.pattern")}</label>
        <Input
          id={ids.pattern}
          value={typeof schema.pattern === "string" ? schema.pattern : ""}
          placeholder="^[A-Z]{2}\d+$"
          onChange={(e) => patchSchema({ pattern: e.target.value || undefined }, "pattern")}
        />
      </div>,
    );
  }
  if (type === "number") {
    parts.push(
      <div className="kam-fb-setting" key="jsonType">
        <label htmlFor={ids.jsonType}>{t("formBuilder.opt.numberKind")}</label>
        <Radio.Group
          id={ids.jsonType}
          value={schema.type}
          onChange={(e) => patchSchema({ type: e.target.value }, "type")}
          options={[
            { value: "number", label: t("formBuilder.opt.decimal") },
            { value: "integer", label: t("formBuilder.opt.integer") },
          ]}
        />
      </div>,
      num("multipleOf", t("formBuilder.opt.multipleOf"), { min: 0 }),
    );
  }
  if (type === "money") {
    parts.push(
      <div className="kam-fb-setting" key="currency">
        <label htmlFor={ids.currency}>{t("formBuilder.opt.currency")}</label>
        <AutoComplete
          id={ids.currency}
          value={typeof schema["x-kam-currency"] === "string" ? schema["x-kam-currency"] : ""}
          options={["CNY", "USD", "EUR", "HKD", "JPY"].map((c) => ({ value: c }))}
          onChange={(v: string) => patchSchema({ "x-kam-currency": v.toUpperCase() }, "currency")}
        />
      </div>,
    );
  }
  if (["number", "money", "percent"].includes(type)) {
    parts.push(
      num("minimum", t("formBuilder.opt.minimum")),
      num("maximum", t("formBuilder.opt.maximum")),
    );
  }
  if (type === "rating") {
    parts.push(
      num("minimum", t("formBuilder.opt.minimum"), { min: 0, max: 10, integer: true }),
      num("maximum", t("formBuilder.opt.maximum"), { min: 0, max: 10, integer: true }),
    );
  }
  if (type === "multi-select" || type === "sub-table") {
    parts.push(
      num("minItems", t("formBuilder.opt.minItems"), { min: 0, max: 1000, integer: true }),
      num("maxItems", t("formBuilder.opt.maxItems"), { min: 1, max: 1000, integer: true }),
    );
  }
  if (type === "reference") {
    parts.push(
      <div className="kam-fb-setting" key="target">
        <label htmlFor={ids.target}>{t("formBuilder.opt.targetForm")}</label>
        <AutoComplete
          id={ids.target}
          data-testid="reference-target"
          value={typeof schema["x-kam-form"] === "string" ? schema["x-kam-form"] : ""}
          options={formKeys.map((k) => ({ value: k }))}
          onChange={(v: string) => patchSchema({ "x-kam-form": v }, "target")}
        />
      </div>,
    );
  }
  return (
    <>
      {parts.length > 0 && (
        <>
          <Divider titlePlacement="start">{t("formBuilder.typeOptions")}</Divider>
          <Flex gap={8} wrap>
            {parts}
          </Flex>
        </>
      )}
      {(type === "select" || type === "multi-select") && (
        <OptionsEditor name={name} schema={schema} ui={ui} edit={edit} />
      )}
      {type === "sub-table" && (
        <ColumnsEditor name={name} schema={schema} patchUi={patchUi} ui={ui} edit={edit} />
      )}
    </>
  );
}

/** The options of a select: stored value and its zh-CN / en labels. */
function OptionsEditor({
  name,
  schema,
  ui,
  edit,
}: {
  name: string;
  schema: FieldSchema;
  ui: FieldUiDoc;
  edit: Edit;
}) {
  const { t } = useTranslation();
  const values = optionsOf(schema) ?? [];
  const write = (nextValues: string[], labels: Record<string, I18nString>, tag: string) =>
    edit((d) => {
      const current = d.dataSchema.properties[name];
      if (!current) return d;
      const next: FieldSchema =
        current["x-kam-field"] === "select"
          ? { ...current, enum: nextValues }
          : { ...current, items: { ...(current.items as object), enum: nextValues } };
      const withSchema = setFieldSchema(d, name, next);
      const fieldUi = { ...(withSchema.uiSchema?.fields?.[name] ?? {}) };
      const kept = Object.fromEntries(
        Object.entries(labels).filter(([v]) => nextValues.includes(v)),
      );
      fieldUi.options = Object.keys(kept).length > 0 ? kept : undefined;
      return setFieldUi(withSchema, name, fieldUi);
    }, tag);
  const labels = ui.options ?? {};
  return (
    <fieldset className="kam-fb-options" data-testid="options-editor">
      <legend>{t("formBuilder.opt.options")}</legend>
      <ol>
        {values.map((value, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: keyed by value, an input would remount on every key typed in it
          <li key={i}>
            <Flex gap={4} align="center">
              <Input
                aria-label={t("formBuilder.opt.optionValue", { n: i + 1 })}
                className="kam-fb-option__value"
                value={value}
                onChange={(e) => {
                  const nextValues = values.map((v, j) => (j === i ? e.target.value : v));
                  const nextLabels = { ...labels };
                  if (labels[value]) {
                    nextLabels[e.target.value] = labels[value];
                    delete nextLabels[value];
                  }
                  write(nextValues, nextLabels, `opt:${i}:value`);
                }}
              />
              <Input
                aria-label={t("formBuilder.opt.optionLabel", { n: i + 1, lang: "中文" })}
                value={labels[value]?.["zh-CN"] ?? ""}
                onChange={(e) =>
                  write(
                    values,
                    {
                      ...labels,
                      [value]: { en: labels[value]?.en ?? value, "zh-CN": e.target.value },
                    },
                    `opt:${i}:zh`,
                  )
                }
              />
              <Input
                aria-label={t("formBuilder.opt.optionLabel", { n: i + 1, lang: "English" })}
                value={labels[value]?.en ?? ""}
                onChange={(e) =>
                  write(
                    values,
                    {
                      ...labels,
                      [value]: { "zh-CN": labels[value]?.["zh-CN"] ?? value, en: e.target.value },
                    },
                    `opt:${i}:en`,
                  )
                }
              />
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t("formBuilder.opt.removeOption", { n: i + 1 })}
                disabled={values.length <= 1}
                onClick={() =>
                  write(
                    values.filter((_, j) => j !== i),
                    labels,
                    "opt:remove",
                  )
                }
              />
            </Flex>
          </li>
        ))}
      </ol>
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => {
          const value = freshName("option", new Set(values));
          const n = value.slice("option".length);
          write(
            [...values, value],
            { ...labels, [value]: { "zh-CN": `选项 ${n}`, en: `Option ${n}` } },
            "opt:add",
          );
        }}
      >
        {t("formBuilder.opt.addOption")}
      </Button>
    </fieldset>
  );
}

/** The columns of a sub-table: name, type and labels. */
function ColumnsEditor({
  name,
  schema,
  ui,
  edit,
}: {
  name: string;
  schema: FieldSchema;
  ui: FieldUiDoc;
  patchUi: (patch: Partial<FieldUiDoc>, tag: string) => void;
  edit: Edit;
}) {
  const { t, i18n } = useTranslation();
  const items = schema.items as { properties: Record<string, FieldSchema>; required?: string[] };
  const columns = Object.entries(items.properties);
  const writeColumns = (
    properties: Record<string, FieldSchema>,
    columnsUi: Record<string, NonNullable<FieldUiDoc["columns"]>[string]> | undefined,
    tag: string,
  ) =>
    edit((d) => {
      const current = d.dataSchema.properties[name];
      if (!current) return d;
      const currentItems = current.items as { required?: string[] };
      const required = currentItems.required?.filter((c) => Object.hasOwn(properties, c));
      const nextItems: Record<string, unknown> = { ...(current.items as object), properties };
      if (required && required.length > 0) nextItems.required = required;
      else delete nextItems.required;
      const withSchema = setFieldSchema(d, name, { ...current, items: nextItems });
      const fieldUi = { ...(withSchema.uiSchema?.fields?.[name] ?? {}) };
      fieldUi.columns = columnsUi && Object.keys(columnsUi).length > 0 ? columnsUi : undefined;
      if (fieldUi.columnOrder)
        fieldUi.columnOrder = fieldUi.columnOrder.filter((c) => Object.hasOwn(properties, c));
      return setFieldUi(withSchema, name, fieldUi);
    }, tag);
  return (
    <fieldset className="kam-fb-options" data-testid="columns-editor">
      <legend>{t("formBuilder.opt.columns")}</legend>
      <ol>
        {columns.map(([column, columnSchema], i) => (
          <li key={column}>
            <Flex gap={4} align="center" wrap>
              <Input
                className="kam-fb-option__value"
                aria-label={t("formBuilder.opt.columnKey", { n: i + 1 })}
                defaultValue={column}
                onBlur={(e) => {
                  const to = e.target.value;
                  if (
                    to === column ||
                    !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(to) ||
                    Object.hasOwn(items.properties, to)
                  ) {
                    e.target.value = column;
                    return;
                  }
                  const properties = Object.fromEntries(
                    columns.map(([c, s]) => [c === column ? to : c, s]),
                  );
                  const columnsUi = Object.fromEntries(
                    Object.entries(ui.columns ?? {}).map(([c, u]) => [c === column ? to : c, u]),
                  );
                  writeColumns(properties, columnsUi, `col:${i}:key`);
                }}
              />
              <Select
                className="kam-fb-select"
                aria-label={t("formBuilder.opt.columnType", { n: i + 1 })}
                value={columnSchema["x-kam-field"]}
                onChange={(v: FieldType) =>
                  writeColumns(
                    {
                      ...items.properties,
                      [column]: defaultFieldSchema(v, { formKey: "account" }),
                    },
                    ui.columns,
                    `col:${i}:type`,
                  )
                }
                options={COLUMN_TYPES.map((ct) => ({
                  value: ct,
                  label: t(`formBuilder.types.${ct}`),
                }))}
              />
              <Button
                type="text"
                danger
                icon={<DeleteOutlined />}
                aria-label={t("formBuilder.opt.removeColumn", { n: i + 1 })}
                disabled={columns.length <= 1}
                onClick={() => {
                  const properties = Object.fromEntries(columns.filter(([c]) => c !== column));
                  const columnsUi = Object.fromEntries(
                    Object.entries(ui.columns ?? {}).filter(([c]) => c !== column),
                  );
                  writeColumns(properties, columnsUi, "col:remove");
                }}
              />
            </Flex>
            <I18nInput
              label={t("formBuilder.opt.columnLabel", { n: i + 1 })}
              value={ui.columns?.[column]?.label}
              onChange={(label) => {
                const columnUi = { ...(ui.columns?.[column] ?? {}), label };
                if (!label) delete columnUi.label;
                writeColumns(
                  items.properties,
                  { ...(ui.columns ?? {}), [column]: columnUi },
                  `col:${i}:label`,
                );
              }}
            />
          </li>
        ))}
      </ol>
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => {
          const column = freshName("column", new Set(Object.keys(items.properties)));
          const n = column.slice("column".length);
          writeColumns(
            { ...items.properties, [column]: { "x-kam-field": "text", type: "string" } },
            {
              ...(ui.columns ?? {}),
              [column]: {
                label: {
                  "zh-CN": `${i18n.getFixedT("zh-CN")("formBuilder.opt.column")} ${n}`,
                  en: `${i18n.getFixedT("en")("formBuilder.opt.column")} ${n}`,
                },
              },
            },
            "col:add",
          );
        }}
      >
        {t("formBuilder.opt.addColumn")}
      </Button>
    </fieldset>
  );
}

/** The cross-field validations shown on this field: rule and message in both languages. */
function Validations({ name, ruleFields }: { name: string; ruleFields: readonly RuleField[] }) {
  const { t, i18n } = useTranslation();
  const store = useFormBuilderStore();
  const doc = useFormBuilder((s) => s.doc) as FormDoc;
  const list = validationsOf(doc, name);
  const allFields = useMemo(
    () => [...ruleFields, { name, value: name, label: name }],
    [ruleFields, name],
  );
  const edit = (index: number, v: Parameters<typeof setValidation>[2], tag: string) =>
    store.getState().change((d) => setValidation(d, index, v), `validation:${index}:${tag}`);
  return (
    <section className="kam-fb-validations" data-testid="validations">
      <Divider titlePlacement="start">{t("formBuilder.validation.title")}</Divider>
      <Typography.Paragraph type="secondary">
        {t("formBuilder.validation.hint")}
      </Typography.Paragraph>
      {list.map(({ index, v }) => (
        <div key={index} className="kam-fb-validation" data-testid={`validation-${v.key}`}>
          <Flex justify="space-between" align="center">
            <code>{v.key}</code>
            <Button
              size="small"
              type="text"
              danger
              icon={<DeleteOutlined />}
              aria-label={t("formBuilder.validation.remove", { key: v.key })}
              onClick={() => edit(index, undefined, "remove")}
            />
          </Flex>
          <RuleEditor
            label={t("formBuilder.validation.rule")}
            hint={t("formBuilder.validation.ruleHint")}
            value={v.rule}
            fields={allFields}
            onChange={(rule) => edit(index, { ...v, rule: rule ?? true }, "rule")}
          />
          <I18nInput
            label={t("formBuilder.validation.message")}
            value={v.message}
            onChange={(message) =>
              edit(index, { ...v, message: message ?? { "zh-CN": "", en: "" } }, "message")
            }
            testId={`validation-message-${v.key}`}
          />
        </div>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        data-testid="add-validation"
        onClick={() => {
          const taken = new Set((doc.rules?.validations ?? []).map((v) => v.key));
          const key = freshName(`${name.toLowerCase().replace(/_/g, "-")}-check-`, taken);
          edit(
            -1,
            {
              key,
              rule: { "!!": [{ var: name }] },
              message: {
                "zh-CN": i18n.getFixedT("zh-CN")("formBuilder.validation.defaultMessage"),
                en: i18n.getFixedT("en")("formBuilder.validation.defaultMessage"),
              },
              fields: [name],
            },
            "add",
          );
        }}
      >
        {t("formBuilder.validation.add")}
      </Button>
    </section>
  );
}
