/**
 * @module designer/forms/runtime/FormView
 * Draws a runtime form: sections and grid columns of its uiSchema, one antd control per field
 * type and widget, labels and help in the UI's language, and — from the engine's compiled form —
 * visibility, required marks, computed values and validation messages next to their fields.
 * The form builder's preview uses it, and so can any screen that shows a record of a form
 * (inbox tasks with a node's field permissions, account pages).
 *
 * Errors show on fields the user has touched, or on all with `showErrors="all"` (after a
 * submit attempt). Nothing here sets a `style` attribute: the strict CSP forbids it (which is
 * why textareas have fixed rows, not autoSize).
 */
import { DeleteOutlined, DownOutlined, PlusOutlined, RightOutlined } from "@ant-design/icons";
import {
  Button,
  Checkbox,
  Col,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Rate,
  Row,
  Select,
  Slider,
  Switch,
  Typography,
} from "antd";
import dayjs from "dayjs";
import { useId, useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Issue } from "../../../../engine/errors/index.ts";
import type { CompiledForm } from "../../../../engine/forms/index.ts";
import { type Language, localized } from "../../i18n/language.ts";
import type { ColumnUiDoc, FieldSchema, FormDoc, SectionDoc } from "../form-doc.ts";
import { layoutOf, optionsOf } from "../form-doc.ts";
import { evaluateView, type FieldPermissions, type RuntimeField } from "./form-runtime.ts";
import "./form-view.css";

/** Looks up choices for a user, team or record picker; the plain id input is used without. */
export type PickerSource = (query: string) => Promise<readonly { value: string; label: string }[]>;

export interface FormPickers {
  readonly user?: PickerSource;
  readonly team?: PickerSource;
  readonly reference?: (formKey: string) => PickerSource;
}

export interface FormViewProps {
  readonly form: CompiledForm;
  readonly value: Readonly<Record<string, unknown>>;
  readonly onChange?: (value: Record<string, unknown>) => void;
  /** A flow node's field permissions: hidden fields are not drawn, read-only ones disabled. */
  readonly permissions?: FieldPermissions | undefined;
  /** Draws every field disabled. */
  readonly readOnly?: boolean;
  /** "touched" (default): errors of fields the user changed; "all": every error; "none". */
  readonly showErrors?: "touched" | "all" | "none";
  /** More issues to show by pointer (e.g. the server's answer to a submit). */
  readonly extraIssues?: readonly Issue[];
  readonly previous?: Readonly<Record<string, unknown>> | undefined;
  readonly pickers?: FormPickers;
}

type Value = Record<string, unknown>;

const GRID = 24;

function spanOf(columns: number, span: number | undefined): number {
  const cols = Math.max(1, Math.min(4, columns));
  return Math.round((GRID / cols) * Math.max(1, Math.min(span ?? 1, cols)));
}

export function FormView(props: FormViewProps) {
  const { form, value, onChange, permissions, readOnly, previous, extraIssues } = props;
  const { i18n } = useTranslation();
  const language = i18n.language as Language;
  const idPrefix = useId();
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [collapsed, setCollapsed] = useState<ReadonlySet<string>>(
    () =>
      new Set(
        (form.definition.uiSchema?.sections ?? []).filter((s) => s.collapsed).map((s) => s.key),
      ),
  );
  const view = useMemo(
    () => evaluateView(form, value, { locale: language, permissions, previous }),
    [form, value, language, permissions, previous],
  );
  const doc = form.definition as unknown as FormDoc;
  const showErrors = props.showErrors ?? "touched";
  const allIssues = [...view.issues, ...(extraIssues ?? [])];

  const errorsAt = (pointer: string, exactOnly: boolean) => {
    if (showErrors === "none") return [];
    const field = pointer.split("/")[1] ?? "";
    if (showErrors === "touched" && !touched.has(field)) return [];
    return allIssues
      .filter((i) => i.pointer === pointer || (!exactOnly && i.pointer.startsWith(`${pointer}/`)))
      .map((i) => i.message);
  };

  const rowErrors = (name: string) =>
    errorsAt(`/${name}`, false).length === 0
      ? []
      : allIssues
          .filter((i) => new RegExp(`^/${name}/\\d+$`).test(i.pointer))
          .map((i) => i.message);

  const setField = (name: string, next: unknown) => {
    setTouched((t) => (t.has(name) ? t : new Set([...t, name])));
    const out: Value = { ...value };
    if (next === undefined || next === null || next === "") delete out[name];
    else out[name] = next;
    onChange?.(out);
  };

  const renderField = (name: string, columns: number) => {
    const schema = doc.dataSchema.properties[name];
    const flags = view.fields[name];
    if (!schema || !flags?.visible) return null;
    const ui = doc.uiSchema?.fields?.[name] ?? {};
    const id = `${idPrefix}-${name}`;
    const isSubTable = schema["x-kam-field"] === "sub-table";
    // A sub-table shows its cells' errors in the cells; the rest (row count, rows) here.
    const errors = isSubTable
      ? errorsAt(`/${name}`, true).concat(rowErrors(name))
      : errorsAt(`/${name}`, false);
    const shown = flags.computed ? view.state.record[name] : value[name];
    return (
      <Col key={name} span={spanOf(columns, ui.span)} data-testid={`form-field-${name}`}>
        <Form.Item
          label={localized(ui.label, language) || name}
          htmlFor={id}
          required={flags.required}
          validateStatus={errors.length > 0 ? "error" : ""}
          help={
            errors.length > 0 ? (
              <span data-testid={`field-error-${name}`}>{errors.join(" ")}</span>
            ) : undefined
          }
          extra={ui.help ? localized(ui.help, language) : undefined}
        >
          {isSubTable ? (
            <SubTable
              id={id}
              name={name}
              schema={schema}
              ui={ui}
              rows={Array.isArray(shown) ? (shown as Value[]) : []}
              disabled={readOnly === true || !flags.editable}
              onChange={(rows) => setField(name, rows.length > 0 ? rows : undefined)}
              errorsAt={(p) => errorsAt(p, true)}
              pickers={props.pickers}
            />
          ) : (
            <FieldControl
              id={id}
              schema={schema}
              ui={ui}
              value={shown}
              flags={flags}
              disabled={readOnly === true || !flags.editable}
              onChange={(v) => setField(name, v)}
              pickers={props.pickers}
            />
          )}
        </Form.Item>
      </Col>
    );
  };

  const columnsOf = (section?: SectionDoc) => section?.columns ?? doc.uiSchema?.columns ?? 1;
  const groups = layoutOf(doc);
  return (
    <Form layout="vertical" component="div" className="kam-form-view" data-testid="form-view">
      {groups.map((group) => {
        if (group.key === null) {
          const cells = group.fields.map((f) => renderField(f, columnsOf()));
          if (cells.every((c) => c === null)) return null;
          return (
            <Row key="(loose)" gutter={16}>
              {cells}
            </Row>
          );
        }
        const section = doc.uiSchema?.sections?.find((s) => s.key === group.key);
        if (!section || view.state.sections[section.key]?.visible === false) return null;
        const isCollapsed = collapsed.has(section.key);
        const bodyId = `${idPrefix}-section-${section.key}`;
        return (
          <section
            key={section.key}
            className="kam-form-view__section"
            data-testid={`form-section-${section.key}`}
          >
            <button
              type="button"
              className="kam-form-view__section-title"
              aria-expanded={!isCollapsed}
              aria-controls={bodyId}
              onClick={() =>
                setCollapsed((c) => {
                  const next = new Set(c);
                  if (next.has(section.key)) next.delete(section.key);
                  else next.add(section.key);
                  return next;
                })
              }
            >
              {isCollapsed ? <RightOutlined /> : <DownOutlined />}
              <span>{localized(section.title, language) || section.key}</span>
            </button>
            {section.description && !isCollapsed && (
              <Typography.Paragraph type="secondary">
                {localized(section.description, language)}
              </Typography.Paragraph>
            )}
            <div id={bodyId} hidden={isCollapsed}>
              <Row gutter={16}>{section.fields.map((f) => renderField(f, columnsOf(section)))}</Row>
            </div>
          </section>
        );
      })}
    </Form>
  );
}

interface ControlProps {
  readonly id: string;
  readonly schema: FieldSchema;
  readonly ui: ColumnUiDoc;
  readonly value: unknown;
  readonly flags?: RuntimeField;
  readonly disabled: boolean;
  readonly onChange: (value: unknown) => void;
  readonly pickers?: FormPickers | undefined;
}

const num = (v: unknown) => (typeof v === "number" ? v : undefined);
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** One antd control for a field or sub-table column, by field type and widget. */
export function FieldControl({ id, schema, ui, value, disabled, onChange, pickers }: ControlProps) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const placeholder = ui.placeholder ? localized(ui.placeholder, language) : undefined;
  const common = { id, disabled, ...(placeholder ? { placeholder } : {}) };
  const widget = ui.widget;
  const options = (optionsOf(schema) ?? []).map((v) => ({
    value: v,
    label: localized(ui.options?.[v], language) || v,
  }));
  const bounds = { min: num(schema.minimum), max: num(schema.maximum) };
  const numberProps = {
    ...common,
    ...(bounds.min !== undefined ? { min: bounds.min } : {}),
    ...(bounds.max !== undefined ? { max: bounds.max } : {}),
    value: num(value) ?? null,
    onChange: (v: number | string | null) => onChange(typeof v === "number" ? v : undefined),
    className: "kam-form-view__number",
  };
  switch (schema["x-kam-field"]) {
    case "textarea":
      return widget === "input" ? (
        <Input {...common} value={str(value) ?? ""} onChange={(e) => onChange(e.target.value)} />
      ) : (
        <Input.TextArea
          {...common}
          rows={3}
          value={str(value) ?? ""}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case "text":
    case "email":
    case "phone":
      return widget === "textarea" ? (
        <Input.TextArea
          {...common}
          rows={3}
          value={str(value) ?? ""}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <Input
          {...common}
          type={schema["x-kam-field"] === "email" ? "email" : "text"}
          inputMode={schema["x-kam-field"] === "phone" ? "tel" : undefined}
          value={str(value) ?? ""}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    case "number":
    case "money":
    case "percent":
    case "rating":
    case "nps": {
      const type = schema["x-kam-field"];
      const scoreMax = type === "nps" ? 10 : (bounds.max ?? 10);
      const scoreMin = type === "nps" ? 0 : (bounds.min ?? 0);
      if (widget === "slider") {
        return (
          <Slider
            id={id}
            disabled={disabled}
            min={bounds.min ?? (type === "percent" ? 0 : scoreMin)}
            max={bounds.max ?? (type === "percent" ? 100 : scoreMax)}
            value={num(value) ?? 0}
            onChange={(v) => onChange(v)}
          />
        );
      }
      if (type === "rating" && (widget === undefined || widget === "rate")) {
        return (
          <Rate
            id={id}
            disabled={disabled}
            count={scoreMax}
            value={num(value) ?? 0}
            onChange={(v) => onChange(v === 0 ? undefined : v)}
          />
        );
      }
      if (type === "nps" && (widget === undefined || widget === "nps")) {
        return (
          <Radio.Group
            id={id}
            disabled={disabled}
            optionType="button"
            size="small"
            value={num(value)}
            onChange={(e) => onChange(e.target.value)}
            options={Array.from({ length: 11 }, (_, i) => ({ value: i, label: String(i) }))}
          />
        );
      }
      return (
        <InputNumber
          {...numberProps}
          {...(type === "money"
            ? { prefix: str(schema["x-kam-currency"]) ?? "" }
            : type === "percent"
              ? { suffix: "%" }
              : {})}
          {...(schema.type === "integer" ? { precision: 0 } : {})}
        />
      );
    }
    case "date":
    case "datetime": {
      const withTime = schema["x-kam-field"] === "datetime";
      const parsed = typeof value === "string" ? dayjs(value) : undefined;
      return (
        <DatePicker
          {...common}
          showTime={withTime}
          className="kam-form-view__date"
          value={parsed?.isValid() ? parsed : null}
          onChange={(d) =>
            onChange(
              d
                ? withTime
                  ? d.format("YYYY-MM-DDTHH:mm:ssZ")
                  : d.format("YYYY-MM-DD")
                : undefined,
            )
          }
        />
      );
    }
    case "select":
      return widget === "radio" ? (
        <Radio.Group
          id={id}
          disabled={disabled}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          options={options}
        />
      ) : (
        <Select
          {...common}
          allowClear
          value={str(value) ?? null}
          onChange={(v) => onChange(v ?? undefined)}
          options={options}
        />
      );
    case "multi-select": {
      const list = Array.isArray(value) ? (value as string[]) : [];
      return widget === "checkbox-group" ? (
        <Checkbox.Group
          disabled={disabled}
          value={list}
          onChange={(v) => onChange(v.length > 0 ? v : undefined)}
          options={options}
        />
      ) : (
        <Select
          {...common}
          mode="multiple"
          value={list}
          onChange={(v: string[]) => onChange(v.length > 0 ? v : undefined)}
          options={options}
        />
      );
    }
    case "boolean": {
      const b = typeof value === "boolean" ? value : undefined;
      if (widget === "checkbox")
        return (
          <Checkbox
            id={id}
            disabled={disabled}
            checked={b === true}
            onChange={(e) => onChange(e.target.checked)}
          />
        );
      if (widget === "radio")
        return (
          <Radio.Group
            id={id}
            disabled={disabled}
            value={b}
            onChange={(e) => onChange(e.target.value)}
            options={[
              { value: true, label: t("formBuilder.runtime.yes") },
              { value: false, label: t("formBuilder.runtime.no") },
            ]}
          />
        );
      return (
        <Switch id={id} disabled={disabled} checked={b === true} onChange={(v) => onChange(v)} />
      );
    }
    case "user":
    case "team":
    case "reference": {
      const type = schema["x-kam-field"];
      const source =
        type === "reference"
          ? pickers?.reference?.(str(schema["x-kam-form"]) ?? "")
          : pickers?.[type];
      if (source)
        return <Picker {...common} source={source} value={str(value)} onChange={onChange} />;
      return (
        <Input
          {...common}
          placeholder={placeholder ?? t(`formBuilder.runtime.idPlaceholder.${type}`)}
          value={str(value) ?? ""}
          onChange={(e) => onChange(e.target.value)}
        />
      );
    }
    case "attachment": {
      const file = (value && typeof value === "object" ? value : {}) as Record<string, unknown>;
      const set = (patch: Record<string, unknown>) => {
        const next: Record<string, unknown> = {
          size: 0,
          mimeType: "application/octet-stream",
          ...file,
          ...patch,
        };
        onChange(next.name || next.url ? next : undefined);
      };
      return (
        <div className="kam-form-view__attachment">
          <Input
            {...common}
            aria-label={t("formBuilder.runtime.fileName")}
            placeholder={t("formBuilder.runtime.fileName")}
            value={str(file.name) ?? ""}
            onChange={(e) => set({ name: e.target.value })}
          />
          <Input
            disabled={disabled}
            aria-label={t("formBuilder.runtime.fileUrl")}
            placeholder="https://"
            value={str(file.url) ?? ""}
            onChange={(e) => set({ url: e.target.value })}
          />
        </div>
      );
    }
    default:
      return <Input {...common} value={String(value ?? "")} readOnly />;
  }
}

function Picker({
  id,
  disabled,
  source,
  value,
  onChange,
  placeholder,
}: {
  id: string;
  disabled: boolean;
  source: PickerSource;
  value: string | undefined;
  onChange: (v: unknown) => void;
  placeholder?: string;
}) {
  const [options, setOptions] = useState<readonly { value: string; label: string }[]>([]);
  const search = (q: string) => void source(q).then(setOptions, () => setOptions([]));
  return (
    <Select
      id={id}
      disabled={disabled}
      showSearch={{ filterOption: false, onSearch: search }}
      allowClear
      value={value ?? null}
      onOpenChange={(open) => open && search("")}
      onChange={(v) => onChange(v ?? undefined)}
      options={[...options]}
      {...(placeholder ? { placeholder } : {})}
    />
  );
}

function SubTable({
  id,
  name,
  schema,
  ui,
  rows,
  disabled,
  onChange,
  errorsAt,
  pickers,
}: {
  id: string;
  name: string;
  schema: FieldSchema;
  ui: { columns?: Record<string, ColumnUiDoc>; columnOrder?: string[] };
  rows: Value[];
  disabled: boolean;
  onChange: (rows: Value[]) => void;
  errorsAt: (pointer: string) => string[];
  pickers?: FormPickers | undefined;
}) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const items = schema.items as { properties: Record<string, FieldSchema> };
  const names = Object.keys(items.properties);
  const order = (ui.columnOrder ?? []).filter((c) => names.includes(c));
  const columns = [...order, ...names.filter((c) => !order.includes(c))];
  const setCell = (row: number, column: string, v: unknown) =>
    onChange(
      rows.map((r, i) => {
        if (i !== row) return r;
        const out = { ...r };
        if (v === undefined || v === "") delete out[column];
        else out[column] = v;
        return out;
      }),
    );
  return (
    <fieldset className="kam-form-view__table" id={id}>
      {rows.map((row, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
        <div key={i} className="kam-form-view__row" data-testid={`row-${name}-${i}`}>
          {columns.map((column) => {
            const columnSchema = items.properties[column];
            if (!columnSchema) return null;
            const columnUi = ui.columns?.[column] ?? {};
            const cellId = `${id}-${i}-${column}`;
            const errors = errorsAt(`/${name}/${i}/${column}`);
            return (
              <Form.Item
                key={column}
                label={localized(columnUi.label, language) || column}
                htmlFor={cellId}
                validateStatus={errors.length > 0 ? "error" : ""}
                help={errors.length > 0 ? errors.join(" ") : undefined}
                className="kam-form-view__cell"
              >
                <FieldControl
                  id={cellId}
                  schema={columnSchema}
                  ui={columnUi}
                  value={row[column]}
                  disabled={disabled}
                  onChange={(v) => setCell(i, column, v)}
                  pickers={pickers}
                />
              </Form.Item>
            );
          })}
          {!disabled && (
            <Button
              icon={<DeleteOutlined />}
              aria-label={t("formBuilder.runtime.removeRow", { row: i + 1 })}
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            />
          )}
        </div>
      ))}
      {!disabled && (
        <Button icon={<PlusOutlined />} onClick={() => onChange([...rows, {}])}>
          {t("formBuilder.runtime.addRow")}
        </Button>
      )}
    </fieldset>
  );
}
