/**
 * @module designer/forms/properties/TypeOptions
 * A field's options that depend on its type: lengths and pattern of a text, number kind, step,
 * currency and bounds of a number, item counts, the target form of a reference, and the option
 * and column editors of selects and sub-tables.
 */
import { AutoComplete, Divider, Flex, Input, Radio } from "antd";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import { NumberSetting } from "../controls.tsx";
import type { FieldSchema, FieldUiDoc } from "../form-doc.ts";
import { ColumnsEditor } from "./ColumnsEditor.tsx";
import type { FieldEdit } from "./field-edit.ts";
import { OptionsEditor } from "./OptionsEditor.tsx";

/** The options of the field `name` that its type allows; nothing for a type without any. */
export function TypeOptions({
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
  edit: FieldEdit;
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
