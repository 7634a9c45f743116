/**
 * @module designer/flows/simulate/FieldInput
 * One record field as a plain antd input, by field type: enough to shape a sample record or the
 * fields a task writes. Textareas have fixed rows (autoSize sets a style attribute, which the
 * strict CSP blocks).
 */
import { Input, InputNumber, Select, Switch } from "antd";
import type { SampleField } from "./sample-data.ts";

const NUMERIC = new Set(["number", "money", "percent", "rating", "nps"]);

export function FieldInput(props: {
  field: SampleField;
  value: unknown;
  onChange: (value: unknown) => void;
  users: ReadonlyArray<{ value: string; label: string }>;
  references?: ReadonlyArray<{ value: string; label: string }>;
}) {
  const { field, value, onChange, users } = props;
  const id = `sim-field-${field.name}`;
  if (NUMERIC.has(field.kind))
    return (
      <InputNumber
        id={id}
        value={typeof value === "number" ? value : null}
        onChange={(v) => onChange(v ?? undefined)}
        className="kam-sim-wide"
      />
    );
  if (field.kind === "boolean")
    return <Switch id={id} checked={value === true} onChange={(v) => onChange(v)} />;
  if (field.kind === "select" || field.kind === "multi-select")
    return (
      <Select
        id={id}
        allowClear
        mode={field.kind === "multi-select" ? "multiple" : undefined}
        value={value as string | string[] | undefined}
        onChange={(v) => onChange(v)}
        options={field.options as { value: string; label: string }[]}
      />
    );
  if (field.kind === "user")
    return (
      <Select
        id={id}
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        value={value as string | undefined}
        onChange={(v) => onChange(v)}
        options={users as { value: string; label: string }[]}
      />
    );
  if (field.kind === "reference" && props.references && props.references.length > 0)
    return (
      <Select
        id={id}
        allowClear
        showSearch={{ optionFilterProp: "label" }}
        value={value as string | undefined}
        onChange={(v) => onChange(v)}
        options={props.references as { value: string; label: string }[]}
      />
    );
  if (field.kind === "textarea")
    return (
      <Input.TextArea
        id={id}
        rows={2}
        value={typeof value === "string" ? value : ""}
        onChange={(e) => onChange(e.target.value || undefined)}
      />
    );
  return (
    <Input
      id={id}
      value={typeof value === "string" ? value : value === undefined ? "" : String(value)}
      onChange={(e) => onChange(e.target.value || undefined)}
    />
  );
}
