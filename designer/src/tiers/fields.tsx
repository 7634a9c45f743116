/**
 * @module designer/tiers/fields
 * The editor's inputs, each bound to a path of the model in the editor's store: it reads the
 * value there and writes it back as one undo step (typing into one field coalesces). Also the
 * issue marks shown next to what an issue's pointer names.
 */
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  ExclamationCircleOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import {
  AutoComplete,
  Button,
  Flex,
  Input,
  InputNumber,
  Select,
  Space,
  Tooltip,
  Typography,
} from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Issue } from "../../../engine/errors/index.ts";
import { useTierEditor, useTierEditorStore, useTierEnvironment } from "./editor-context.ts";
import { issuesAt, isWarning } from "./issue-map.ts";
import { getIn, type Path, pointerOf } from "./model-edit.ts";

/** The value at `path` of the edited model. */
export function useValueAt<T = unknown>(path: Path): T {
  return useTierEditor((s) => getIn(s.model, path)) as T;
}

/** Writes a value at a path (coalescing typing into one undo step). */
export function useSetAt(): (path: Path, value: unknown) => void {
  const store = useTierEditorStore();
  return (path, value) => store.getState().set(path, value, { coalesce: true });
}

/** Issues at or below `path` (with `exact`, only at it). */
export function useIssuesAt(path: Path, exact = false): Issue[] {
  const issues = useTierEditor((s) => s.issues);
  const pointer = pointerOf(path);
  return exact ? issues.filter((i) => i.pointer === pointer) : issuesAt(issues, pointer);
}

/** The issues' messages, warnings in amber and errors in red. */
export function IssueList({ issues }: { issues: readonly Issue[] }) {
  if (issues.length === 0) return null;
  return (
    <Flex vertical gap={2} className="kam-tier-issues">
      {issues.map((issue) => (
        <Typography.Text
          key={`${issue.pointer}|${issue.code}|${issue.message}`}
          type={isWarning(issue) ? "warning" : "danger"}
          className="kam-tier-issue"
          data-testid="tier-issue-mark"
          data-code={issue.code}
          data-pointer={issue.pointer}
        >
          {isWarning(issue) ? <WarningOutlined /> : <ExclamationCircleOutlined />} {issue.message}
        </Typography.Text>
      ))}
    </Flex>
  );
}

/** The issues at (or below) a path, shown under a field. */
export function FieldIssues({ path, exact = false }: { path: Path; exact?: boolean }) {
  return <IssueList issues={useIssuesAt(path, exact)} />;
}

const statusOf = (issues: readonly Issue[]) =>
  issues.some((i) => !isWarning(i)) ? "error" : issues.length > 0 ? "warning" : undefined;

export function TextField({
  path,
  label,
  placeholder,
  testId,
}: {
  path: Path;
  label: string;
  placeholder?: string;
  testId?: string;
}) {
  const value = useValueAt<unknown>(path);
  const setAt = useSetAt();
  const issues = useIssuesAt(path, true);
  return (
    <Input
      size="small"
      value={typeof value === "string" ? value : ""}
      status={statusOf(issues)}
      aria-label={label}
      placeholder={placeholder}
      data-testid={testId}
      onChange={(e) => setAt(path, e.target.value === "" ? undefined : e.target.value)}
    />
  );
}

export function NumberField({
  path,
  label,
  min,
  max,
  step,
  testId,
  placeholder,
}: {
  path: Path;
  label: string;
  min?: number;
  max?: number;
  step?: number;
  testId?: string;
  placeholder?: string;
}) {
  const value = useValueAt<unknown>(path);
  const setAt = useSetAt();
  const issues = useIssuesAt(path, true);
  return (
    <InputNumber
      size="small"
      value={typeof value === "number" ? value : null}
      min={min}
      max={max}
      step={step}
      status={statusOf(issues)}
      aria-label={label}
      placeholder={placeholder}
      data-testid={testId}
      className="kam-tier-number"
      onChange={(v) => setAt(path, typeof v === "number" ? v : undefined)}
    />
  );
}

export function SelectField<V extends string | number>({
  path,
  label,
  options,
  allowClear,
  testId,
  placeholder,
}: {
  path: Path;
  label: string;
  options: readonly { value: V; label: string }[];
  allowClear?: boolean;
  testId?: string;
  placeholder?: string;
}) {
  const value = useValueAt<V | undefined>(path);
  const setAt = useSetAt();
  const issues = useIssuesAt(path, true);
  return (
    <Select<V>
      size="small"
      value={value}
      options={options.map((o) => ({ value: o.value, label: o.label }))}
      allowClear={allowClear}
      status={statusOf(issues)}
      aria-label={label}
      placeholder={placeholder}
      data-testid={testId}
      className="kam-tier-select"
      popupMatchSelectWidth={false}
      onChange={(v) => setAt(path, v ?? undefined)}
    />
  );
}

/** An i18n string: the zh-CN and the English text, both required by the schemas. */
export function I18nField({ path, label }: { path: Path; label: string }) {
  const { t } = useTranslation();
  const value = useValueAt<unknown>(path);
  const setAt = useSetAt();
  const issues = useIssuesAt(path);
  const texts =
    typeof value === "string"
      ? { "zh-CN": value, en: value }
      : ((value ?? {}) as Record<string, string | undefined>);
  const change = (language: "zh-CN" | "en", text: string) =>
    setAt(path, { "zh-CN": texts["zh-CN"] ?? "", en: texts.en ?? "", [language]: text });
  return (
    <Flex vertical gap={2}>
      <Input
        size="small"
        prefix={<span className="kam-tier-lang">中</span>}
        value={texts["zh-CN"] ?? ""}
        status={statusOf(issues)}
        aria-label={`${label} (${t("tierEditor.langZh")})`}
        onChange={(e) => change("zh-CN", e.target.value)}
      />
      <Input
        size="small"
        prefix={<span className="kam-tier-lang">EN</span>}
        value={texts.en ?? ""}
        status={statusOf(issues)}
        aria-label={`${label} (${t("tierEditor.langEn")})`}
        onChange={(e) => change("en", e.target.value)}
      />
    </Flex>
  );
}

const stringify = (value: unknown) => (value === undefined ? "" : JSON.stringify(value));

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  if (text.trim() === "") return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

/**
 * A JSON value (a JSON Logic rule, a record) as text: written to the model when it parses; a
 * form field can be picked for `{"var": …}`. Follows the model when it changes elsewhere (undo).
 */
export function JsonField({
  path,
  label,
  rows,
  pickFields = false,
  testId,
}: {
  path: Path;
  label: string;
  /** A text area of this many rows (fixed: auto-size would set inline styles, which the CSP blocks). */
  rows?: number;
  pickFields?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  const value = useValueAt<unknown>(path);
  const setAt = useSetAt();
  const issues = useIssuesAt(path);
  const { fields } = useTierEnvironment();
  const [text, setText] = useState(() => stringify(value));
  const [invalid, setInvalid] = useState(false);

  // Only when the model's value changes (undo, another field): the text is this field's own.
  // biome-ignore lint/correctness/useExhaustiveDependencies: see above
  useEffect(() => {
    const parsed = parseJson(text);
    if (!parsed.ok || stringify(parsed.value) !== stringify(value)) {
      setText(stringify(value));
      setInvalid(false);
    }
  }, [value]);

  const change = (next: string) => {
    setText(next);
    const parsed = parseJson(next);
    setInvalid(!parsed.ok);
    if (parsed.ok) setAt(path, parsed.value);
  };
  const status = invalid ? "error" : statusOf(issues);
  const input = rows ? (
    <Input.TextArea
      rows={rows}
      value={text}
      status={status}
      aria-label={label}
      data-testid={testId}
      className="kam-tier-code"
      onChange={(e) => change(e.target.value)}
    />
  ) : pickFields ? (
    <AutoComplete
      size="small"
      value={text}
      status={status}
      aria-label={label}
      data-testid={testId}
      className="kam-tier-code kam-tier-rule"
      popupMatchSelectWidth={false}
      options={fields.map((f) => ({ value: JSON.stringify({ var: f }), label: f }))}
      filterOption={(input, option) =>
        String(option?.label ?? "")
          .toLowerCase()
          .includes(input.toLowerCase()) || String(option?.value ?? "").includes(input)
      }
      onChange={(v: string) => change(v)}
    />
  ) : (
    <Input
      size="small"
      value={text}
      status={status}
      aria-label={label}
      data-testid={testId}
      className="kam-tier-code"
      onChange={(e) => change(e.target.value)}
    />
  );
  return (
    <Flex vertical gap={2}>
      {input}
      {invalid && (
        <Typography.Text type="danger" className="kam-tier-issue">
          {t("tierEditor.invalidJson")}
        </Typography.Text>
      )}
    </Flex>
  );
}

/** Move up, move down and delete buttons of a list item. */
export function ItemActions({
  path,
  index,
  count,
  label,
  minItems = 0,
}: {
  path: Path;
  index: number;
  count: number;
  /** What the item is called, for the buttons' accessible names ("row 3"). */
  label: string;
  minItems?: number;
}) {
  const { t } = useTranslation();
  const store = useTierEditorStore();
  return (
    <Space size={0}>
      <Tooltip title={t("tierEditor.moveUp")}>
        <Button
          size="small"
          type="text"
          icon={<ArrowUpOutlined />}
          disabled={index === 0}
          aria-label={`${t("tierEditor.moveUp")}: ${label}`}
          onClick={() => store.getState().move(path, index, index - 1)}
        />
      </Tooltip>
      <Tooltip title={t("tierEditor.moveDown")}>
        <Button
          size="small"
          type="text"
          icon={<ArrowDownOutlined />}
          disabled={index >= count - 1}
          aria-label={`${t("tierEditor.moveDown")}: ${label}`}
          onClick={() => store.getState().move(path, index, index + 1)}
        />
      </Tooltip>
      <Tooltip title={t("tierEditor.remove")}>
        <Button
          size="small"
          type="text"
          danger
          icon={<DeleteOutlined />}
          disabled={count <= minItems}
          aria-label={`${t("tierEditor.remove")}: ${label}`}
          onClick={() => store.getState().remove(path, index)}
        />
      </Tooltip>
    </Space>
  );
}

/** Options for a tier select: the model's tiers, labelled in the UI's language. */
export function useTierOptions(): { value: string; label: string }[] {
  const { i18n } = useTranslation();
  const tiers = useTierEditor((s) => s.model?.tiers);
  return (tiers ?? []).map((tier) => ({
    value: tier.key,
    label: `${localizedText(tier.label, i18n.language)} (${tier.key})`,
  }));
}

/** An i18n value's text in `language`. */
export function localizedText(value: unknown, language: string): string {
  if (typeof value === "string") return value;
  if (value && typeof value === "object") {
    const map = value as Record<string, unknown>;
    const text = map[language] ?? map["zh-CN"] ?? map.en;
    if (typeof text === "string") return text;
  }
  return "";
}
