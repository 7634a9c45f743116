/**
 * @module designer/flows/inspector/fields/JsonText
 * A value edited as JSON text: parsed when the field is left (one change per edit), a parse
 * error shown under it and nothing applied until it parses. Fixed rows: antd's autoSize sets a
 * `style` attribute, which the CSP blocks.
 */
import { Input, Typography } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";

export interface JsonTextProps {
  readonly id?: string;
  readonly value: unknown;
  /** Called with the parsed value, or undefined when the text is empty. */
  readonly onChange: (value: unknown) => void;
  readonly rows?: number;
  readonly "aria-label"?: string;
  readonly testId?: string;
}

const show = (value: unknown) => (value === undefined ? "" : JSON.stringify(value, null, 2));

export function JsonText({ id, value, onChange, rows = 4, testId, ...rest }: JsonTextProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(show(value));
  const [error, setError] = useState<string>();
  useEffect(() => {
    setText(show(value));
    setError(undefined);
  }, [value]);
  const apply = () => {
    if (text.trim() === "") {
      setError(undefined);
      if (value !== undefined) onChange(undefined);
      return;
    }
    try {
      const parsed: unknown = JSON.parse(text);
      setError(undefined);
      if (JSON.stringify(parsed) !== JSON.stringify(value)) onChange(parsed);
    } catch (e) {
      setError((e as Error).message);
    }
  };
  return (
    <>
      <Input.TextArea
        id={id}
        aria-label={rest["aria-label"]}
        className="kam-flow-json"
        rows={rows}
        value={text}
        status={error ? "error" : ""}
        spellCheck={false}
        onChange={(e) => setText(e.target.value)}
        onBlur={apply}
        data-testid={testId}
      />
      {error && (
        <Typography.Text type="danger" className="kam-field__hint">
          {t("inspector.invalidJson", { error })}
        </Typography.Text>
      )}
    </>
  );
}
