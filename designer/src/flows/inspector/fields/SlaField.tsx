/**
 * @module designer/flows/inspector/fields/SlaField
 * The SLA ladder of a task or approval node (schemas/flow/sla.schema.ts): an optional target,
 * the calendar time counts on (natural or business), and escalation levels — each an action
 * (remind, escalate, reassign, notify, auto-approve, auto-reject) after a duration counted from
 * the node's activation, optionally repeating, with a message and, for escalate / reassign /
 * notify, whom to. Levels are rows that can be added, removed and moved; durations are an
 * amount and a unit, stored as ISO 8601. A level whose `after` is a rule keeps it as JSON.
 */
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
} from "@ant-design/icons";
import type { FieldProps } from "@rjsf/utils";
import { Button, Checkbox, Input, InputNumber, Segmented, Select, Space, Typography } from "antd";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { ApproverList, type Spec } from "./ApproverPicker.tsx";
import { DurationInput } from "./DurationInput.tsx";
import { FieldFrame } from "./FieldFrame.tsx";
import { JsonText } from "./JsonText.tsx";

export type SlaLevel = Record<string, unknown> & { action: string };
export type Sla = Record<string, unknown> & { levels?: SlaLevel[] };

export const SLA_ACTIONS = [
  "remind",
  "escalate",
  "reassign",
  "notify",
  "auto-approve",
  "auto-reject",
] as const;
const WITH_TARGET = new Set(["escalate", "reassign", "notify"]);
/** Whom a new escalation goes to until the designer picks: the owner's direct manager. */
const DEFAULT_TO: Spec[] = [{ kind: "manager", of: "record-owner", level: 1 }];

/** Sets or (with `undefined`) removes properties, keeping the others in their order. */
function patched<T extends Record<string, unknown>>(value: T, patch: Record<string, unknown>): T {
  const next: Record<string, unknown> = { ...value };
  for (const [k, v] of Object.entries(patch))
    if (v === undefined) delete next[k];
    else next[k] = v;
  return next as T;
}

/** The level after a change of action: a target added or dropped as the action needs. */
export function withAction(level: SlaLevel, action: string): SlaLevel {
  const next = patched(level, { action });
  if (WITH_TARGET.has(action) && !Array.isArray(next.to)) next.to = structuredClone(DEFAULT_TO);
  if (!WITH_TARGET.has(action)) delete next.to;
  return next;
}

function MessageInput({
  value,
  onChange,
}: {
  value: Record<string, string> | undefined;
  onChange: (v: Record<string, string> | undefined) => void;
}) {
  const { t } = useTranslation();
  const [zh, setZh] = useState(value?.["zh-CN"] ?? "");
  const [en, setEn] = useState(value?.en ?? "");
  useEffect(() => {
    setZh(value?.["zh-CN"] ?? "");
    setEn(value?.en ?? "");
  }, [value]);
  const apply = () => {
    if (zh === (value?.["zh-CN"] ?? "") && en === (value?.en ?? "")) return;
    onChange(zh === "" && en === "" ? undefined : { "zh-CN": zh, en });
  };
  return (
    <Space.Compact block>
      <Input
        aria-label={t("inspector.sla.messageZh")}
        placeholder={t("inspector.sla.messageZh")}
        value={zh}
        onChange={(e) => setZh(e.target.value)}
        onBlur={apply}
      />
      <Input
        aria-label={t("inspector.sla.messageEn")}
        placeholder={t("inspector.sla.messageEn")}
        value={en}
        onChange={(e) => setEn(e.target.value)}
        onBlur={apply}
      />
    </Space.Compact>
  );
}

function LevelEditor({
  level,
  index,
  count,
  idBase,
  onChange,
  onMove,
  onRemove,
}: {
  level: SlaLevel;
  index: number;
  count: number;
  idBase: string;
  onChange: (level: SlaLevel) => void;
  onMove: (to: number) => void;
  onRemove: () => void;
}) {
  const { t } = useTranslation();
  const set = (patch: Record<string, unknown>) => onChange(patched(level, patch));
  const repeat = level.repeat as { every?: string; times?: number } | undefined;
  const afterId = `${idBase}-level-${index}-after`;
  return (
    <fieldset className="kam-sla__level" data-testid="sla-level">
      <legend>{t("inspector.sla.levelN", { n: index + 1 })}</legend>
      <div className="kam-sla__grid">
        <label htmlFor={`${idBase}-level-${index}-action`}>{t("inspector.sla.action")}</label>
        <Select
          id={`${idBase}-level-${index}-action`}
          value={level.action}
          onChange={(action: string) => onChange(withAction(level, action))}
          options={SLA_ACTIONS.map((a) => ({ value: a, label: t(`inspector.sla.actions.${a}`) }))}
          data-testid="sla-action"
        />
        <label htmlFor={afterId}>{t("inspector.sla.after")}</label>
        {typeof level.after === "object" && level.after !== null ? (
          <JsonText
            id={afterId}
            rows={3}
            value={level.after}
            onChange={(after) => set({ after })}
          />
        ) : (
          <DurationInput
            id={afterId}
            value={level.after as string | undefined}
            onChange={(after) => set({ after })}
            testId="sla-after"
          />
        )}
        <label htmlFor={`${idBase}-level-${index}-calendar`}>{t("inspector.sla.calendar")}</label>
        <Select
          id={`${idBase}-level-${index}-calendar`}
          value={(level.calendar as string) ?? "inherit"}
          onChange={(c: string) => set({ calendar: c === "inherit" ? undefined : c })}
          options={["inherit", "natural", "business"].map((c) => ({
            value: c,
            label: t(`inspector.sla.calendars.${c}`),
          }))}
        />
      </div>
      <Space wrap>
        <Checkbox
          checked={repeat !== undefined}
          onChange={(e) =>
            set({
              repeat: e.target.checked ? { every: level.after ?? "PT1H", times: 3 } : undefined,
            })
          }
          data-testid="sla-repeat"
        >
          {t("inspector.sla.repeat")}
        </Checkbox>
        {repeat && (
          <>
            <DurationInput
              aria-label={t("inspector.sla.every")}
              value={repeat.every}
              onChange={(every) => every && set({ repeat: { ...repeat, every } })}
            />
            <InputNumber
              aria-label={t("inspector.sla.times")}
              min={1}
              max={100}
              value={repeat.times ?? 3}
              onChange={(times) =>
                typeof times === "number" && set({ repeat: { ...repeat, times } })
              }
              suffix={t("inspector.sla.timesSuffix")}
            />
          </>
        )}
        <Checkbox
          checked={level.warning === true}
          onChange={(e) => set({ warning: e.target.checked || undefined })}
        >
          {t("inspector.sla.warning")}
        </Checkbox>
      </Space>
      <MessageInput
        value={level.message as Record<string, string> | undefined}
        onChange={(message) => set({ message })}
      />
      {WITH_TARGET.has(level.action) && (
        <div className="kam-sla__to">
          <Typography.Text type="secondary">{t("inspector.sla.to")}</Typography.Text>
          <ApproverList
            idBase={`${idBase}-level-${index}-to`}
            value={Array.isArray(level.to) ? (level.to as Spec[]) : []}
            onChange={(to) => set({ to })}
          />
        </div>
      )}
      <Space.Compact className="kam-sla__tools">
        <Button
          size="small"
          icon={<ArrowUpOutlined />}
          aria-label={t("inspector.moveUp")}
          disabled={index === 0}
          onClick={() => onMove(index - 1)}
        />
        <Button
          size="small"
          icon={<ArrowDownOutlined />}
          aria-label={t("inspector.moveDown")}
          disabled={index === count - 1}
          onClick={() => onMove(index + 1)}
        />
        <Button
          size="small"
          danger
          icon={<DeleteOutlined />}
          aria-label={t("inspector.remove")}
          onClick={onRemove}
          data-testid="sla-remove"
        />
      </Space.Compact>
    </fieldset>
  );
}

/** The SLA editor, on its own (value in, value out). */
export function SlaEditor({
  value,
  onChange,
  idBase,
}: {
  value: Sla | undefined;
  onChange: (sla: Sla | undefined) => void;
  idBase: string;
}) {
  const { t } = useTranslation();
  if (!value)
    return (
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => onChange({ levels: [{ action: "remind", after: "PT4H" }] })}
        data-testid="sla-enable"
      >
        {t("inspector.sla.enable")}
      </Button>
    );
  const levels = value.levels ?? [];
  const setLevels = (next: SlaLevel[]) => onChange({ ...value, levels: next });
  const set = (patch: Record<string, unknown>) => onChange(patched(value, patch));
  return (
    <div className="kam-sla" data-testid="sla-editor">
      <div className="kam-sla__grid">
        <label htmlFor={`${idBase}-target`}>{t("inspector.sla.target")}</label>
        {typeof value.target === "object" && value.target !== null ? (
          <JsonText
            id={`${idBase}-target`}
            rows={3}
            value={value.target}
            onChange={(target) => set({ target })}
          />
        ) : (
          <DurationInput
            id={`${idBase}-target`}
            value={value.target as string | undefined}
            onChange={(target) => set({ target })}
          />
        )}
        <span>{t("inspector.sla.calendar")}</span>
        <Segmented
          size="small"
          aria-label={t("inspector.sla.calendar")}
          value={(value.calendar as string) ?? "natural"}
          onChange={(c) => set({ calendar: c })}
          options={["natural", "business"].map((c) => ({
            value: c,
            label: t(`inspector.sla.calendars.${c}`),
          }))}
          data-testid="sla-calendar"
        />
      </div>
      {levels.map((level, i) => (
        <LevelEditor
          // biome-ignore lint/suspicious/noArrayIndexKey: levels have no ids; rows are positions
          key={i}
          level={level}
          index={i}
          count={levels.length}
          idBase={idBase}
          onChange={(l) => setLevels(levels.map((old, j) => (j === i ? l : old)))}
          onMove={(to) => {
            const next = [...levels];
            const [item] = next.splice(i, 1);
            if (item) next.splice(to, 0, item);
            setLevels(next);
          }}
          onRemove={() => setLevels(levels.filter((_, j) => j !== i))}
        />
      ))}
      <Space wrap>
        <Button
          size="small"
          icon={<PlusOutlined />}
          onClick={() => {
            const last = levels.at(-1);
            setLevels([
              ...levels,
              {
                action: last ? "escalate" : "remind",
                after: "PT8H",
                ...(last ? { to: structuredClone(DEFAULT_TO) } : {}),
              },
            ]);
          }}
          data-testid="sla-add"
        >
          {t("inspector.sla.addLevel")}
        </Button>
        <Checkbox
          checked={value.allowPause === true}
          onChange={(e) => set({ allowPause: e.target.checked || undefined })}
        >
          {t("inspector.sla.allowPause")}
        </Checkbox>
        <Button size="small" danger onClick={() => onChange(undefined)} data-testid="sla-disable">
          {t("inspector.sla.disable")}
        </Button>
      </Space>
      {value.pauseWhen !== undefined && (
        <div>
          <Typography.Text type="secondary">{t("inspector.sla.pauseWhen")}</Typography.Text>
          <JsonText rows={3} value={value.pauseWhen} onChange={(pauseWhen) => set({ pauseWhen })} />
        </div>
      )}
    </div>
  );
}

/** The rjsf field for `kam:sla`. */
export function SlaField(props: FieldProps) {
  const id = useId();
  const label =
    (props.uiSchema?.["ui:title"] as string | undefined) ?? props.schema.title ?? props.name;
  return (
    <FieldFrame
      id={`${id}-target`}
      label={label}
      errorSchema={props.errorSchema}
      testId="sla-field"
    >
      <SlaEditor
        idBase={id}
        value={props.formData as Sla | undefined}
        onChange={(sla) => props.onChange(sla, props.fieldPathId.path)}
      />
    </FieldFrame>
  );
}
