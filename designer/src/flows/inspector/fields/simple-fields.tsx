/**
 * @module designer/flows/inspector/fields/simple-fields
 * Small custom rjsf fields and widgets: a duration widget (`format: duration`), a JSON Logic
 * rule as JSON, a duration-or-rule switch and a zh-CN/en text pair.
 */
import type { FieldProps, WidgetProps } from "@rjsf/utils";
import { Input, Segmented } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { DurationInput } from "./DurationInput.tsx";
import { FieldFrame } from "./FieldFrame.tsx";
import { JsonText } from "./JsonText.tsx";

const titleOf = (props: FieldProps) =>
  (props.uiSchema?.["ui:title"] as string | undefined) ?? props.schema.title ?? props.name;

/** `format: duration` strings. */
export function DurationWidget(props: WidgetProps) {
  return (
    <div data-kam-buffered="">
      <DurationInput
        id={props.id}
        aria-label={props.label}
        value={typeof props.value === "string" ? props.value : undefined}
        disabled={props.disabled || props.readonly}
        onChange={(v) => props.onChange(v)}
      />
    </div>
  );
}

/** A JSON Logic rule, as JSON. */
export function RuleField(props: FieldProps) {
  const id = props.fieldPathId.$id;
  return (
    <FieldFrame
      id={id}
      label={titleOf(props)}
      required={props.required}
      errorSchema={props.errorSchema}
    >
      <JsonText
        id={id}
        value={props.formData}
        onChange={(v) => props.onChange(v, props.fieldPathId.path)}
      />
    </FieldFrame>
  );
}

/** An ISO duration, or `{ rule }` returning one. */
export function DurationOrRuleField(props: FieldProps) {
  const { t } = useTranslation();
  const id = props.fieldPathId.$id;
  const value = props.formData as unknown;
  const isRule = typeof value === "object" && value !== null;
  const [mode, setMode] = useState<"duration" | "rule">(isRule ? "rule" : "duration");
  useEffect(() => setMode(isRule ? "rule" : "duration"), [isRule]);
  const set = (v: unknown) => props.onChange(v, props.fieldPathId.path);
  return (
    <FieldFrame
      id={id}
      label={titleOf(props)}
      required={props.required}
      errorSchema={props.errorSchema}
    >
      <Segmented
        size="small"
        value={mode}
        onChange={(m) => setMode(m as "duration" | "rule")}
        options={[
          { value: "duration", label: t("inspector.duration.fixed") },
          { value: "rule", label: t("inspector.duration.byRule") },
        ]}
      />
      {mode === "duration" ? (
        <DurationInput
          id={id}
          value={typeof value === "string" ? value : undefined}
          onChange={set}
        />
      ) : (
        <JsonText
          id={id}
          value={isRule ? (value as { rule?: unknown }).rule : undefined}
          onChange={(rule) => set(rule === undefined ? undefined : { rule })}
        />
      )}
    </FieldFrame>
  );
}

/** A zh-CN / en text pair; applied when a box is left. */
export function I18nField(props: FieldProps) {
  const { t } = useTranslation();
  const id = props.fieldPathId.$id;
  const value = (props.formData ?? {}) as Record<string, string | undefined>;
  const [zh, setZh] = useState(value["zh-CN"] ?? "");
  const [en, setEn] = useState(value.en ?? "");
  useEffect(() => {
    setZh(value["zh-CN"] ?? "");
    setEn(value.en ?? "");
  }, [value["zh-CN"], value.en]);
  const apply = () => {
    if (zh === (value["zh-CN"] ?? "") && en === (value.en ?? "")) return;
    props.onChange(
      zh === "" && en === "" ? undefined : { "zh-CN": zh, en },
      props.fieldPathId.path,
    );
  };
  return (
    <FieldFrame
      id={`${id}-zh`}
      label={titleOf(props)}
      required={props.required}
      errorSchema={props.errorSchema}
    >
      <Input
        id={`${id}-zh`}
        prefix="中"
        aria-label={t("inspector.textZh")}
        value={zh}
        onChange={(e) => setZh(e.target.value)}
        onBlur={apply}
      />
      <Input
        prefix="EN"
        aria-label={t("inspector.textEn")}
        value={en}
        onChange={(e) => setEn(e.target.value)}
        onBlur={apply}
      />
    </FieldFrame>
  );
}
