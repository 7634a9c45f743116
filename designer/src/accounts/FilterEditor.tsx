/**
 * @module designer/accounts/FilterEditor
 * The list's field filters: rows of field, operator and value, on any field of the form. Select
 * fields offer their options; booleans offer yes/no.
 */
import { DeleteOutlined, PlusOutlined } from "@ant-design/icons";
import { Button, Flex, Input, Select } from "antd";
import { useTranslation } from "react-i18next";
import type { AccountField } from "./account-model.ts";
import { type FieldFilter, opsFor } from "./list-query.ts";

export function FilterEditor({
  fields,
  filters,
  onChange,
}: {
  fields: readonly AccountField[];
  filters: readonly FieldFilter[];
  onChange(filters: FieldFilter[]): void;
}) {
  const { t } = useTranslation();
  const filterable = fields.filter((f) => f.kind !== "other");
  const byName = new Map(filterable.map((f) => [f.name, f]));
  const set = (i: number, patch: Partial<FieldFilter>) =>
    onChange(filters.map((f, j) => (j === i ? { ...f, ...patch } : f)));

  return (
    <Flex vertical gap={8} data-testid="filter-editor">
      {filters.map((filter, i) => {
        const field = byName.get(filter.field);
        const ops = opsFor(field?.kind ?? "text");
        return (
          // biome-ignore lint/suspicious/noArrayIndexKey: rows have no identity but their place
          <Flex key={i} gap={8} wrap>
            <Select
              aria-label={t("accounts.filterField")}
              className="kam-accounts-filter-field"
              showSearch={{ optionFilterProp: "label" }}
              value={filter.field}
              options={filterable.map((f) => ({ value: f.name, label: f.label }))}
              onChange={(name: string) => {
                const kind = byName.get(name)?.kind ?? "text";
                set(i, { field: name, op: opsFor(kind)[0] ?? "eq", value: "" });
              }}
            />
            <Select
              aria-label={t("accounts.filterOp")}
              className="kam-accounts-filter-op"
              value={filter.op}
              options={ops.map((op) => ({ value: op, label: t(`accounts.op.${op}`) }))}
              onChange={(op) => set(i, { op })}
            />
            {field?.options && (filter.op === "eq" || filter.op === "ne") ? (
              <Select
                aria-label={t("accounts.filterValue")}
                className="kam-accounts-filter-value"
                value={filter.value || undefined}
                options={Object.entries(field.options).map(([value, label]) => ({ value, label }))}
                onChange={(value: string) => set(i, { value })}
              />
            ) : field?.kind === "boolean" ? (
              <Select
                aria-label={t("accounts.filterValue")}
                className="kam-accounts-filter-value"
                value={filter.value || undefined}
                options={[
                  { value: "true", label: t("accounts.yes") },
                  { value: "false", label: t("accounts.no") },
                ]}
                onChange={(value: string) => set(i, { value })}
              />
            ) : (
              <Input
                aria-label={t("accounts.filterValue")}
                className="kam-accounts-filter-value"
                value={filter.value}
                placeholder={filter.op === "in" ? t("accounts.inHint") : ""}
                onChange={(e) => set(i, { value: e.target.value })}
              />
            )}
            <Button
              icon={<DeleteOutlined />}
              aria-label={t("accounts.removeFilter")}
              onClick={() => onChange(filters.filter((_, j) => j !== i))}
            />
          </Flex>
        );
      })}
      <Button
        icon={<PlusOutlined />}
        data-testid="add-filter"
        disabled={filterable.length === 0}
        onClick={() => {
          const first = filterable[0];
          if (first)
            onChange([
              ...filters,
              { field: first.name, op: opsFor(first.kind)[0] ?? "eq", value: "" },
            ]);
        }}
      >
        {t("accounts.addFilter")}
      </Button>
    </Flex>
  );
}
