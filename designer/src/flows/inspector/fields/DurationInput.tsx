/**
 * @module designer/flows/inspector/fields/DurationInput
 * A duration as an amount and a unit ("4 hours"), stored as ISO 8601 (`PT4H`). A duration with
 * several units (`P1DT2H`) is edited as its ISO text. Emits on leaving the amount or picking a
 * unit, so typing "15" is one change, not two.
 */
import { Input, InputNumber, Select, Space } from "antd";
import { useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { DURATION_UNITS, type DurationUnit, formatDuration, singleUnit } from "../duration.ts";

export interface DurationInputProps {
  readonly value: string | undefined;
  readonly onChange: (iso: string | undefined) => void;
  readonly id?: string;
  readonly "aria-label"?: string;
  readonly disabled?: boolean;
  readonly testId?: string;
}

export function DurationInput({
  value,
  onChange,
  id,
  disabled,
  testId,
  ...rest
}: DurationInputProps) {
  const { t } = useTranslation();
  const single = value === undefined || value === "" ? undefined : singleUnit(value);
  const [amount, setAmount] = useState<number | null>(single?.amount ?? null);
  const [unit, setUnit] = useState<DurationUnit>(single?.unit ?? "hours");
  const [text, setText] = useState(value ?? "");
  const [advanced, setAdvanced] = useState(value !== undefined && value !== "" && !single);
  // An outside change (undo, another level's move) replaces what is shown.
  useEffect(() => {
    const s = value ? singleUnit(value) : undefined;
    setText(value ?? "");
    if (s) {
      setAmount(s.amount);
      setUnit(s.unit);
      setAdvanced(false);
    } else if (value) setAdvanced(true);
    else setAmount(null);
  }, [value]);

  const emit = (a: number | null, u: DurationUnit) => {
    const next = a === null ? undefined : formatDuration({ [u]: a });
    if (next !== value) onChange(next);
  };
  const units = [...new Set<DurationUnit>([...DURATION_UNITS, unit])];
  const label = rest["aria-label"];

  if (advanced)
    return (
      <Space.Compact data-testid={testId}>
        <Input
          id={id}
          aria-label={label}
          value={text}
          disabled={disabled}
          placeholder="P1DT2H"
          onChange={(e) => setText(e.target.value)}
          onBlur={() => text !== (value ?? "") && onChange(text || undefined)}
        />
      </Space.Compact>
    );
  return (
    <Space.Compact data-testid={testId} className="kam-duration">
      <InputNumber
        id={id}
        // A label tied by `id` names it; only an unlabelled box says "amount".
        aria-label={label ?? (id ? undefined : t("inspector.duration.amount"))}
        min={0}
        value={amount}
        disabled={disabled}
        onChange={(v) => setAmount(typeof v === "number" ? v : null)}
        onBlur={() => emit(amount, unit)}
        onPressEnter={() => emit(amount, unit)}
        data-testid={testId ? `${testId}-amount` : undefined}
      />
      <Select
        aria-label={t("inspector.duration.unit")}
        value={unit}
        disabled={disabled}
        popupMatchSelectWidth={false}
        onChange={(u: DurationUnit) => {
          setUnit(u);
          emit(amount, u);
        }}
        options={units.map((u) => ({ value: u, label: t(`inspector.duration.${u}`) }))}
        data-testid={testId ? `${testId}-unit` : undefined}
      />
    </Space.Compact>
  );
}
