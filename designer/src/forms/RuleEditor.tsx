/**
 * @module designer/forms/RuleEditor
 * Edits one JSON Logic rule: as JSON text (checked as you type; only valid JSON is applied), or —
 * for conditions — with react-querybuilder's visual builder (antd controls), which writes JSON
 * Logic through `formatQuery(query, "jsonlogic")` and reads it back with `parseJsonLogic`.
 * Whether the rule is valid for the form (known fields, operators, types) is the engine's
 * verdict, shown with the field's issues.
 */
import { QueryBuilderAntD } from "@react-querybuilder/antd";
import { Button, Flex, Input, Segmented, Typography } from "antd";
import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import { formatQuery, QueryBuilder, type RuleGroupType } from "react-querybuilder";
import { parseJsonLogic } from "react-querybuilder/parseJsonLogic";
import "react-querybuilder/dist/query-builder-layout.css";

export interface RuleEditorProps {
  readonly label: string;
  readonly value: unknown;
  /** Called with the new rule, or undefined when cleared. */
  readonly onChange: (rule: unknown) => void;
  /** Fields a condition may test; the visual builder is offered when given. */
  readonly fields?: readonly RuleField[];
  readonly testId?: string;
  readonly hint?: string;
}

/** A field a condition may test (react-querybuilder's field: `value` is the field name). */
export interface RuleField {
  readonly name: string;
  readonly value: string;
  readonly label: string;
  readonly valueEditorType?: "select" | "multiselect" | "checkbox" | "text";
  readonly inputType?: "number" | "date" | "text";
  readonly values?: readonly { name: string; value: string; label: string }[];
}

const text = (value: unknown) => (value === undefined ? "" : JSON.stringify(value));

const EMPTY_QUERY: RuleGroupType = { combinator: "and", rules: [] };

export function RuleEditor({ label, value, onChange, fields, testId, hint }: RuleEditorProps) {
  const { t } = useTranslation();
  const id = useId();
  const [draft, setDraft] = useState(() => text(value));
  const [error, setError] = useState<string>();
  const [mode, setMode] = useState<"json" | "builder">("json");
  const focused = useRef(false);
  const committed = useRef(text(value));

  // Undo, redo or another panel changed the rule: show it, unless the user is typing here.
  useEffect(() => {
    const now = text(value);
    if (now !== committed.current && !focused.current) {
      committed.current = now;
      setDraft(now);
      setError(undefined);
    }
  }, [value]);

  const commit = (raw: string) => {
    setDraft(raw);
    if (raw.trim() === "") {
      setError(undefined);
      committed.current = "";
      onChange(undefined);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(raw);
      setError(undefined);
      committed.current = text(parsed);
      onChange(parsed);
    } catch {
      setError(t("formBuilder.rule.invalidJson"));
    }
  };

  const query = useMemo(() => {
    if (!fields || value === undefined) return EMPTY_QUERY;
    try {
      return parseJsonLogic(value as Parameters<typeof parseJsonLogic>[0], {
        fields: fields.map((f) => ({ ...f, values: f.values ? [...f.values] : [] })),
      });
    } catch {
      return EMPTY_QUERY;
    }
  }, [fields, value]);

  // The builder reports its query when it mounts: the rule as it reads it is no edit.
  const baseline = useMemo(() => text(formatQuery(query, "jsonlogic")), [query]);

  return (
    <div className="kam-fb-rule" data-testid={testId}>
      <Flex justify="space-between" align="center" gap={4}>
        <label htmlFor={id} className="kam-fb-rule__label">
          {label}
        </label>
        <span>
          {fields && (
            <Segmented
              size="small"
              value={mode}
              onChange={(m) => setMode(m as "json" | "builder")}
              options={[
                { value: "json", label: t("formBuilder.rule.json") },
                { value: "builder", label: t("formBuilder.rule.builder") },
              ]}
            />
          )}
          {value !== undefined && (
            <Button size="small" type="link" onClick={() => commit("")}>
              {t("formBuilder.rule.clear")}
            </Button>
          )}
        </span>
      </Flex>
      {mode === "json" || !fields ? (
        <>
          <Input.TextArea
            id={id}
            rows={3}
            className="kam-fb-rule__json"
            value={draft}
            status={error ? "error" : ""}
            spellCheck={false}
            placeholder={t("formBuilder.rule.placeholder")}
            onFocus={() => {
              focused.current = true;
            }}
            onBlur={() => {
              focused.current = false;
            }}
            onChange={(e) => commit(e.target.value)}
            aria-invalid={error !== undefined}
            aria-describedby={`${id}-msg`}
          />
          <Typography.Text
            type={error ? "danger" : "secondary"}
            id={`${id}-msg`}
            className="kam-fb-rule__msg"
          >
            {error ?? hint ?? ""}
          </Typography.Text>
        </>
      ) : (
        <div className="kam-fb-rule__builder">
          <QueryBuilderAntD>
            <QueryBuilder
              fields={fields.map((f) => ({ ...f, values: f.values ? [...f.values] : [] }))}
              query={query}
              onQueryChange={(q) => {
                if (q.rules.length === 0) {
                  committed.current = "";
                  setDraft("");
                  onChange(undefined);
                  return;
                }
                const rule = formatQuery(q, "jsonlogic");
                if (text(rule) === baseline) return;
                committed.current = text(rule);
                setDraft(text(rule));
                onChange(rule);
              }}
              translations={{
                addRule: { label: t("formBuilder.rule.addCondition") },
                addGroup: { label: t("formBuilder.rule.addGroup") },
              }}
            />
          </QueryBuilderAntD>
        </div>
      )}
    </div>
  );
}
