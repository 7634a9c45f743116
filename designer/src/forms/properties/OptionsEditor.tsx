/**
 * @module designer/forms/properties/OptionsEditor
 * The options of a select or multi-select field: each stored value with its zh-CN and en labels,
 * added, renamed (its labels follow it) and removed (one option always stays).
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Input } from "antd";
import { useTranslation } from "react-i18next";
import {
  type FieldSchema,
  type FieldUiDoc,
  freshName,
  type I18nString,
  optionsOf,
  setFieldSchema,
  setFieldUi,
} from "../form-doc.ts";
import type { FieldEdit } from "./field-edit.ts";

/** The options of a select: stored value and its zh-CN / en labels. */
export function OptionsEditor({
  name,
  schema,
  ui,
  edit,
}: {
  name: string;
  schema: FieldSchema;
  ui: FieldUiDoc;
  edit: FieldEdit;
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
