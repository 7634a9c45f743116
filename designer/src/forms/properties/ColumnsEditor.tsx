/**
 * @module designer/forms/properties/ColumnsEditor
 * The columns of a sub-table field: each column's key (renamed on blur when valid and free),
 * type and zh-CN / en label, added and removed (one column always stays).
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import { I18nInput } from "../controls.tsx";
import {
  COLUMN_TYPES,
  defaultFieldSchema,
  type FieldSchema,
  type FieldType,
  type FieldUiDoc,
  freshName,
  setFieldSchema,
  setFieldUi,
} from "../form-doc.ts";
import type { FieldEdit } from "./field-edit.ts";

/** The columns of a sub-table: name, type and labels. */
export function ColumnsEditor({
  name,
  schema,
  ui,
  edit,
}: {
  name: string;
  schema: FieldSchema;
  ui: FieldUiDoc;
  patchUi: (patch: Partial<FieldUiDoc>, tag: string) => void;
  edit: FieldEdit;
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
