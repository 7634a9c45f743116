/**
 * @module designer/forms/controls
 * Small labelled inputs the property panels share: an i18n text (zh-CN and en side by side), an
 * optional number, and the list of a field's issues.
 */
import { Alert, Flex, Input, InputNumber } from "antd";
import { useId } from "react";
import { useTranslation } from "react-i18next";
import type { Issue } from "../../../engine/errors/index.ts";
import type { I18nString } from "./form-doc.ts";

/** zh-CN and en inputs of one i18n text; both empty gives undefined. */
export function I18nInput({
  label,
  value,
  onChange,
  testId,
  rows,
}: {
  label: string;
  value: I18nString | undefined;
  onChange: (value: I18nString | undefined) => void;
  testId?: string;
  rows?: number;
}) {
  const { t } = useTranslation();
  const id = useId();
  const set = (lang: "zh-CN" | "en", text: string) => {
    const next = { "zh-CN": value?.["zh-CN"] ?? "", en: value?.en ?? "", [lang]: text };
    onChange(next["zh-CN"] === "" && next.en === "" ? undefined : next);
  };
  const langs = [
    { lang: "zh-CN" as const, tag: "中", name: t("formBuilder.lang.zh"), suffix: "zh" },
    { lang: "en" as const, tag: "EN", name: t("formBuilder.lang.en"), suffix: "en" },
  ];
  return (
    <fieldset className="kam-fb-i18n" data-testid={testId}>
      <legend>{label}</legend>
      <Flex gap={6}>
        {langs.map(({ lang, tag, name, suffix }) => {
          const common = {
            id: `${id}-${suffix}`,
            "aria-label": `${label} (${name})`,
            value: value?.[lang] ?? "",
            "data-testid": testId ? `${testId}-${suffix}` : undefined,
          };
          return rows ? (
            <Input.TextArea
              key={lang}
              {...common}
              rows={rows}
              onChange={(e) => set(lang, e.target.value)}
            />
          ) : (
            <Input
              key={lang}
              {...common}
              prefix={<span className="kam-fb-lang">{tag}</span>}
              onChange={(e) => set(lang, e.target.value)}
            />
          );
        })}
      </Flex>
    </fieldset>
  );
}

/** An optional number with its label; cleared gives undefined. */
export function NumberSetting({
  label,
  value,
  onChange,
  min,
  max,
  integer,
}: {
  label: string;
  value: unknown;
  onChange: (value: number | undefined) => void;
  min?: number;
  max?: number;
  integer?: boolean;
}) {
  const id = useId();
  return (
    <div className="kam-fb-setting">
      <label htmlFor={id}>{label}</label>
      <InputNumber
        id={id}
        className="kam-fb-number"
        value={typeof value === "number" ? value : null}
        {...(min !== undefined ? { min } : {})}
        {...(max !== undefined ? { max } : {})}
        {...(integer ? { precision: 0 } : {})}
        onChange={(v) => onChange(typeof v === "number" ? v : undefined)}
      />
    </div>
  );
}

/** The issues located on one field or section. */
export function IssueList({ issues, testId }: { issues: readonly Issue[]; testId?: string }) {
  if (issues.length === 0) return null;
  return (
    <Alert
      type="error"
      showIcon
      data-testid={testId}
      title={
        <ul className="kam-fb-issues">
          {issues.map((i) => (
            <li key={`${i.pointer}|${i.code}|${i.message}`} data-code={i.code}>
              {i.message} <code>{i.pointer}</code>
            </li>
          ))}
        </ul>
      }
    />
  );
}
