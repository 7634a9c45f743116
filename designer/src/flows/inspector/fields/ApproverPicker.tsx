/**
 * @module designer/flows/inspector/fields/ApproverPicker
 * The approver picker: a list of approver specs (schemas/flow/approver-spec.schema.ts), each a
 * kind — user, role, team, manager at level N, manager chain, account-team role, record field,
 * record owner, initiator, initiator's choice, variable — and that kind's settings, picked from
 * the workspace's users, teams and roles and the flow form's fields. Keys the lists do not hold
 * can be typed (a role the caller may not list, a team created later). Order matters for
 * sequential approval, so rows move up and down.
 */
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  DeleteOutlined,
  PlusOutlined,
} from "@ant-design/icons";
import type { FieldProps } from "@rjsf/utils";
import { AutoComplete, Button, Checkbox, InputNumber, Select, Space } from "antd";
import { useEffect, useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { useInspectorData } from "../inspector-data.ts";
import { FieldFrame } from "./FieldFrame.tsx";

export type Spec = Record<string, unknown> & { kind: string };

export const APPROVER_KINDS = [
  "user",
  "role",
  "team",
  "manager",
  "manager-chain",
  "account-team",
  "record-field",
  "record-owner",
  "initiator",
  "initiator-choice",
  "variable",
] as const;

/** What a new spec of a kind starts with (valid as soon as its key is picked). */
const START: Record<string, Spec> = {
  user: { kind: "user", userId: "" },
  role: { kind: "role", role: "" },
  team: { kind: "team", team: "" },
  manager: { kind: "manager", of: "initiator", level: 1 },
  "manager-chain": { kind: "manager-chain", of: "initiator" },
  "account-team": { kind: "account-team", role: "kam" },
  "record-field": { kind: "record-field", field: "" },
  "record-owner": { kind: "record-owner" },
  initiator: { kind: "initiator" },
  "initiator-choice": { kind: "initiator-choice", key: "approver" },
  variable: { kind: "variable", variable: "" },
};

/** Common account-team roles, offered besides those already used. */
const ACCOUNT_TEAM_ROLES = ["kam", "executive-sponsor", "solution-architect", "service-manager"];

/** A text box that applies when left or Enter is pressed, with suggestions. */
function KeyInput(props: {
  id?: string;
  value: string | undefined;
  suggestions: readonly { value: string; label?: string }[];
  onChange: (v: string | undefined) => void;
  label: string;
  testId?: string;
}) {
  const [text, setText] = useState(props.value ?? "");
  useEffect(() => setText(props.value ?? ""), [props.value]);
  const apply = (v = text) => v !== (props.value ?? "") && props.onChange(v || undefined);
  return (
    <AutoComplete
      id={props.id}
      aria-label={props.label}
      value={text}
      className="kam-approver__key"
      options={props.suggestions.map((s) => ({ value: s.value, label: s.label ?? s.value }))}
      filterOption={(input, option) =>
        String(option?.value ?? "")
          .toLowerCase()
          .includes(input.toLowerCase()) ||
        String(option?.label ?? "")
          .toLowerCase()
          .includes(input.toLowerCase())
      }
      onChange={(v: string) => setText(v)}
      onSelect={(v: string) => {
        setText(v);
        apply(v);
      }}
      onBlur={() => apply()}
      data-testid={props.testId}
    />
  );
}

/** One approver spec. */
export function ApproverSpecEditor({
  value,
  onChange,
  index,
  idBase,
}: {
  value: Spec;
  onChange: (spec: Spec) => void;
  index: number;
  idBase: string;
}) {
  const { t } = useTranslation();
  const data = useInspectorData();
  const set = (patch: Record<string, unknown>) => {
    const next: Spec = { ...value };
    for (const [k, v] of Object.entries(patch))
      if (v === undefined) delete next[k];
      else next[k] = v;
    onChange(next);
  };
  const kindId = `${idBase}-${index}-kind`;
  const ofSelect = (
    <Select
      aria-label={t("inspector.approver.of")}
      value={value.of as string}
      onChange={(of) => set({ of })}
      options={["initiator", "record-owner"].map((v) => ({
        value: v,
        label: t(`inspector.approver.ofOptions.${v}`),
      }))}
      data-testid="approver-of"
    />
  );
  const roles = data.roles.map((r) => ({ value: r }));
  const userFields = [
    ...data.fields.filter((f) => f.kind === "user" || f.kind === "users"),
    ...data.fields.filter((f) => f.kind !== "user" && f.kind !== "users"),
  ];
  const fieldOptions = userFields.map((f) => ({ value: f.path, label: `${f.label} (${f.path})` }));

  let settings: React.ReactNode = null;
  switch (value.kind) {
    case "user":
      settings = (
        <Select
          showSearch
          aria-label={t("inspector.approver.user")}
          placeholder={t("inspector.approver.pickUser")}
          value={(value.userId as string) || undefined}
          onChange={(userId: string) => set({ userId })}
          optionFilterProp="label"
          options={data.users.map((u) => ({
            value: u.id,
            label: u.email ? `${u.name} · ${u.email}` : u.name,
          }))}
          notFoundContent={data.loading ? t("inspector.loading") : t("inspector.noChoices")}
          data-testid="approver-user"
        />
      );
      break;
    case "role":
      settings = (
        <>
          <KeyInput
            label={t("inspector.approver.role")}
            value={value.role as string}
            suggestions={roles}
            onChange={(role) => set({ role })}
            testId="approver-role"
          />
          <Select
            aria-label={t("inspector.approver.scope")}
            value={(value.scope as string) ?? "workspace"}
            onChange={(scope: string) => set({ scope: scope === "workspace" ? undefined : scope })}
            options={["workspace", "initiator-team", "record-team"].map((v) => ({
              value: v,
              label: t(`inspector.approver.scopeOptions.${v}`),
            }))}
          />
        </>
      );
      break;
    case "team":
      settings = (
        <>
          <Select
            showSearch
            aria-label={t("inspector.approver.team")}
            placeholder={t("inspector.approver.pickTeam")}
            value={(value.team as string) || undefined}
            onChange={(team: string) => set({ team })}
            optionFilterProp="label"
            options={data.teams.map((team) => ({
              value: team.key,
              label: `${"· ".repeat(team.depth)}${team.name} (${team.key})`,
            }))}
            data-testid="approver-team"
          />
          <Select
            aria-label={t("inspector.approver.select")}
            value={(value.select as string) ?? "members"}
            onChange={(select: string) =>
              set({ select: select === "members" ? undefined : select })
            }
            options={["members", "manager"].map((v) => ({
              value: v,
              label: t(`inspector.approver.teamSelect.${v}`),
            }))}
          />
        </>
      );
      break;
    case "manager":
      settings = (
        <Space.Compact>
          {ofSelect}
          <InputNumber
            aria-label={t("inspector.approver.level")}
            min={1}
            max={20}
            value={(value.level as number) ?? 1}
            onChange={(level) => typeof level === "number" && set({ level })}
            prefix={t("inspector.approver.levelPrefix")}
            data-testid="approver-level"
          />
        </Space.Compact>
      );
      break;
    case "manager-chain":
      settings = (
        <>
          {ofSelect}
          <KeyInput
            label={t("inspector.approver.untilRole")}
            value={value.untilRole as string}
            suggestions={roles}
            onChange={(untilRole) => set({ untilRole })}
          />
          <InputNumber
            aria-label={t("inspector.approver.maxLevels")}
            min={1}
            max={20}
            value={(value.maxLevels as number) ?? 10}
            onChange={(maxLevels) =>
              typeof maxLevels === "number" &&
              set({ maxLevels: maxLevels === 10 ? undefined : maxLevels })
            }
            prefix={t("inspector.approver.maxLevels")}
          />
          <Select
            aria-label={t("inspector.approver.select")}
            value={(value.select as string) ?? "all"}
            onChange={(select: string) => set({ select: select === "all" ? undefined : select })}
            options={["all", "last"].map((v) => ({
              value: v,
              label: t(`inspector.approver.chainSelect.${v}`),
            }))}
          />
        </>
      );
      break;
    case "account-team":
      settings = (
        <>
          <KeyInput
            label={t("inspector.approver.accountRole")}
            value={value.role as string}
            suggestions={[...new Set([...ACCOUNT_TEAM_ROLES, ...data.roles])].map((r) => ({
              value: r,
            }))}
            onChange={(role) => set({ role })}
            testId="approver-account-role"
          />
          <Select
            allowClear
            showSearch
            aria-label={t("inspector.approver.accountField")}
            placeholder={t("inspector.approver.accountFieldNone")}
            value={(value.accountField as string) || undefined}
            onChange={(accountField?: string) => set({ accountField })}
            options={fieldOptions}
          />
        </>
      );
      break;
    case "record-field":
      settings = (
        <Select
          showSearch
          aria-label={t("inspector.approver.field")}
          placeholder={t("inspector.approver.pickField")}
          value={(value.field as string) || undefined}
          onChange={(field: string) => set({ field })}
          options={fieldOptions}
          notFoundContent={data.formKey ? t("inspector.noChoices") : t("inspector.noForm")}
          data-testid="approver-field"
        />
      );
      break;
    case "initiator-choice":
      settings = (
        <>
          <KeyInput
            label={t("inspector.approver.choiceKey")}
            value={value.key as string}
            suggestions={[]}
            onChange={(key) => set({ key })}
          />
          <Checkbox
            checked={value.multiple === true}
            onChange={(e) => set({ multiple: e.target.checked || undefined })}
          >
            {t("inspector.approver.multiple")}
          </Checkbox>
          <KeyInput
            label={t("inspector.approver.fromRole")}
            value={value.fromRole as string}
            suggestions={roles}
            onChange={(fromRole) => set({ fromRole })}
          />
        </>
      );
      break;
    case "variable":
      settings = (
        <KeyInput
          label={t("inspector.approver.variable")}
          value={value.variable as string}
          suggestions={data.variables
            .filter((v) => v.type === "user" || v.type === "users")
            .map((v) => ({ value: v.name, label: `${v.label} (${v.name})` }))}
          onChange={(variable) => set({ variable })}
        />
      );
      break;
    default:
      settings = null;
  }

  return (
    <div className="kam-approver__spec">
      <Select
        id={kindId}
        aria-label={t("inspector.approver.kind")}
        value={value.kind}
        onChange={(kind: string) => onChange(structuredClone(START[kind] ?? { kind }))}
        options={APPROVER_KINDS.map((k) => ({
          value: k,
          label: t(`inspector.approver.kinds.${k}`),
        }))}
        data-testid="approver-kind"
      />
      {settings}
    </div>
  );
}

/** A list of approver specs. */
export function ApproverList({
  value,
  onChange,
  idBase,
  testId,
}: {
  value: readonly Spec[];
  onChange: (list: Spec[]) => void;
  idBase: string;
  testId?: string;
}) {
  const { t } = useTranslation();
  const move = (from: number, to: number) => {
    const next = [...value];
    const [item] = next.splice(from, 1);
    if (item) next.splice(to, 0, item);
    onChange(next);
  };
  return (
    <div className="kam-approver" data-testid={testId}>
      {value.map((spec, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: specs have no ids; rows are positions
        <div className="kam-approver__row" key={i} data-testid="approver-row">
          <ApproverSpecEditor
            value={spec}
            index={i}
            idBase={idBase}
            onChange={(s) => onChange(value.map((old, j) => (j === i ? s : old)))}
          />
          <Space.Compact className="kam-approver__tools">
            <Button
              size="small"
              icon={<ArrowUpOutlined />}
              aria-label={t("inspector.moveUp")}
              disabled={i === 0}
              onClick={() => move(i, i - 1)}
            />
            <Button
              size="small"
              icon={<ArrowDownOutlined />}
              aria-label={t("inspector.moveDown")}
              disabled={i === value.length - 1}
              onClick={() => move(i, i + 1)}
            />
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t("inspector.remove")}
              onClick={() => onChange(value.filter((_, j) => j !== i))}
              data-testid="approver-remove"
            />
          </Space.Compact>
        </div>
      ))}
      <Button
        size="small"
        icon={<PlusOutlined />}
        onClick={() => onChange([...value, structuredClone(START.user as Spec)])}
        data-testid="approver-add"
      >
        {t("inspector.approver.add")}
      </Button>
    </div>
  );
}

/** The rjsf field for `kam:approvers` (approvers, assignees, CC, recipients, escalation targets). */
export function ApproverListField(props: FieldProps) {
  const id = useId();
  const list = Array.isArray(props.formData) ? (props.formData as Spec[]) : [];
  const label =
    (props.uiSchema?.["ui:title"] as string | undefined) ?? props.schema.title ?? props.name;
  return (
    <FieldFrame
      id={`${id}-0-kind`}
      label={label}
      required={props.required}
      errorSchema={props.errorSchema}
      testId={`approvers-${props.name}`}
    >
      <ApproverList
        idBase={id}
        value={list}
        onChange={(next) => props.onChange(next, props.fieldPathId.path)}
      />
    </FieldFrame>
  );
}
