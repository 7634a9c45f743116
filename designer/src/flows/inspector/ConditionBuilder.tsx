/**
 * @module designer/flows/inspector/ConditionBuilder
 * An edge's condition: a visual builder (react-querybuilder with its antd controls) that writes
 * JSON Logic, and a JSON tab showing and editing the rule itself. A rule the builder cannot
 * represent exactly opens in the JSON tab and the builder says so instead of rewriting it.
 * Typed values apply when the box is left; picks and added or removed rules apply at once.
 */
import { QueryBuilderAntD } from "@react-querybuilder/antd";
import { Alert, Button, Tabs, Typography } from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { QueryBuilder, type RuleGroupType, type Translations } from "react-querybuilder";
import "react-querybuilder/dist/query-builder-layout.css";
import { conditionFields, toQuery, toRule } from "./condition-logic.ts";
import { JsonText } from "./fields/JsonText.tsx";
import { useInspectorData } from "./inspector-data.ts";

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function isTyping(el: Element | null): boolean {
  if (el instanceof HTMLTextAreaElement) return true;
  if (!(el instanceof HTMLInputElement) || el.readOnly) return false;
  if (el.getAttribute("role") === "combobox") return false;
  return !["checkbox", "radio", "button"].includes(el.type);
}

/** The builder's words in the UI's language. */
function useBuilderTranslations(): Partial<Translations> {
  const { t } = useTranslation();
  return useMemo(
    () => ({
      fields: { title: t("inspector.condition.field") },
      operators: { title: t("inspector.condition.operator") },
      value: { title: t("inspector.condition.value") },
      removeRule: { label: "⨯", title: t("inspector.condition.removeRule") },
      removeGroup: { label: "⨯", title: t("inspector.condition.removeGroup") },
      addRule: { label: t("inspector.condition.addRule"), title: t("inspector.condition.addRule") },
      addGroup: {
        label: t("inspector.condition.addGroup"),
        title: t("inspector.condition.addGroup"),
      },
      combinators: { title: t("inspector.condition.combinator") },
      notToggle: { label: t("inspector.condition.not"), title: t("inspector.condition.not") },
    }),
    [t],
  );
}

export interface ConditionBuilderProps {
  readonly value: unknown;
  readonly onChange: (rule: unknown) => void;
}

export function ConditionBuilder({ value, onChange }: ConditionBuilderProps) {
  const { t } = useTranslation();
  const data = useInspectorData();
  const translations = useBuilderTranslations();
  const parsed = useMemo(() => toQuery(value), [value]);
  const [tab, setTab] = useState(parsed.representable ? "builder" : "json");
  const [query, setQuery] = useState<RuleGroupType>(parsed.query);
  const pending = useRef<RuleGroupType | undefined>(undefined);
  const written = useRef<unknown>(value);

  // A condition changed from outside (undo, the JSON tab) replaces the builder's query.
  useEffect(() => {
    if (same(value, written.current)) return;
    written.current = value;
    pending.current = undefined;
    setQuery(parsed.query);
    if (!parsed.representable) setTab("json");
  }, [value, parsed]);

  const fields = useMemo(
    () =>
      conditionFields(data.fields, data.variables, value, {
        record: t("inspector.condition.record"),
        variable: t("inspector.condition.variable"),
      }),
    [data.fields, data.variables, value, t],
  );

  const commit = (q: RuleGroupType) => {
    pending.current = undefined;
    const rule = toRule(q);
    if (same(rule, value)) return;
    written.current = rule;
    onChange(rule);
  };

  const builder = parsed.representable ? (
    <fieldset
      className="kam-condition__builder"
      aria-label={t("inspector.condition.builderTab")}
      data-testid="condition-builder"
      onBlur={() => pending.current && commit(pending.current)}
    >
      <QueryBuilderAntD>
        <QueryBuilder
          fields={fields}
          query={query}
          translations={translations}
          onQueryChange={(q) => {
            setQuery(q);
            if (isTyping(document.activeElement)) pending.current = q;
            else commit(q);
          }}
          controlClassnames={{ queryBuilder: "queryBuilder-branches" }}
          resetOnFieldChange
        />
      </QueryBuilderAntD>
    </fieldset>
  ) : (
    <Alert
      type="info"
      showIcon
      title={t("inspector.condition.notRepresentable")}
      action={
        <Button size="small" danger onClick={() => onChange(undefined)}>
          {t("inspector.condition.clear")}
        </Button>
      }
    />
  );

  return (
    <div className="kam-condition" data-testid="condition-editor">
      <Tabs
        size="small"
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: "builder", label: t("inspector.condition.builderTab"), children: builder },
          {
            key: "json",
            label: t("inspector.condition.jsonTab"),
            children: (
              <>
                <JsonText
                  aria-label={t("inspector.condition.json")}
                  rows={8}
                  value={value}
                  onChange={onChange}
                  testId="condition-json"
                />
                <Typography.Text type="secondary" className="kam-field__hint">
                  {t("inspector.condition.jsonHint")}
                </Typography.Text>
              </>
            ),
          },
        ]}
      />
    </div>
  );
}
