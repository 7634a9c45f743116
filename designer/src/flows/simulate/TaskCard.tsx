/**
 * @module designer/flows/simulate/TaskCard
 * One open task of a run: its node, kind, SLA state, assignees and due time, who acts, the fields
 * it writes, a comment (approvals), where to return to, a button per outcome its node allows, and
 * why the simulation refused the last decision.
 */
import { Alert, Button, Flex, Input, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { JsonObject } from "../../../../engine/flows/index.ts";
import { FieldInput } from "./FieldInput.tsx";
import { withField } from "./record-data.ts";
import type { SampleField } from "./sample-data.ts";
import type { Decision, Refusal, SimTask, Simulation } from "./simulation.ts";

/** Decides `task` in `sim`; `onDone` runs after each decision, refused or not. */
export function TaskCard(props: {
  task: SimTask;
  sim: Simulation;
  fields: readonly SampleField[];
  nodeLabel: string;
  personName: (id: unknown) => string;
  format: Intl.DateTimeFormat;
  userOptions: ReadonlyArray<{ value: string; label: string }>;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { task, sim } = props;
  const actions = sim.actions(task.taskId);
  const [actor, setActor] = useState<string | undefined>(task.assignees[0]);
  const [comment, setComment] = useState("");
  const [returnTo, setReturnTo] = useState<string | undefined>(actions?.returnTargets[0]);
  const [values, setValues] = useState<JsonObject>({});
  const [refusal, setRefusal] = useState<Refusal>();
  if (!actions) return null;
  const writable = props.fields.filter((f) => actions.writable[f.name] !== undefined);
  const decide = (outcome: Decision["outcome"]) => {
    const refused = sim.complete(task.taskId, {
      outcome,
      ...(actor ? { actor } : {}),
      ...(comment.trim() ? { comment } : {}),
      ...(outcome === "return" && returnTo ? { returnTo } : {}),
      ...(Object.keys(values).length > 0 ? { data: values } : {}),
    });
    setRefusal(refused);
    props.onDone();
  };
  return (
    <div
      className="kam-sim-card"
      data-testid="sim-task"
      data-node={task.nodeId}
      data-kind={task.kind}
    >
      <Flex justify="space-between" align="center" gap={4} wrap>
        <Typography.Text strong>{props.nodeLabel}</Typography.Text>
        <Space size={4}>
          <Tag>{t(`simulate.kind.${task.kind}`)}</Tag>
          {task.sla && <Tag color={task.sla === "breached" ? "red" : "orange"}>{task.sla}</Tag>}
        </Space>
      </Flex>
      <div className="kam-sim-card-line">
        {t("simulate.assignees")}: {task.assignees.map(props.personName).join(", ") || "—"}
      </div>
      {task.dueAt !== undefined && (
        <div className="kam-sim-card-line">
          {t("simulate.due")}: {props.format.format(task.dueAt)}
        </div>
      )}
      <Select
        size="small"
        className="kam-sim-wide"
        value={actor}
        onChange={setActor}
        aria-label={t("simulate.actor")}
        options={[
          ...task.assignees.map((id) => ({ value: id, label: props.personName(id) })),
          ...props.userOptions.filter((o) => !task.assignees.includes(o.value)),
        ]}
      />
      {writable.map((field) => (
        <div key={field.name} className="kam-sim-card-field">
          <label htmlFor={`sim-field-${field.name}`}>
            {field.label}
            {actions.writable[field.name] === "required" ? " *" : ""}
          </label>
          <FieldInput
            field={field}
            value={values[field.name]}
            users={props.userOptions}
            onChange={(value) => setValues((v) => withField(v, field.name, value))}
          />
        </div>
      ))}
      {task.kind === "approval" && (
        <Input.TextArea
          rows={2}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          placeholder={t("simulate.comment")}
          aria-label={t("simulate.comment")}
        />
      )}
      {actions.returnTargets.length > 0 && (
        <Select
          size="small"
          className="kam-sim-wide"
          value={returnTo}
          onChange={setReturnTo}
          aria-label={t("simulate.returnTo")}
          options={actions.returnTargets.map((id) => ({ value: id, label: id }))}
        />
      )}
      <Space wrap>
        {actions.outcomes.map((outcome) => (
          <Button
            key={outcome}
            size="small"
            type={outcome === "approve" || outcome === "complete" ? "primary" : "default"}
            danger={outcome === "reject"}
            onClick={() => decide(outcome)}
            data-testid={`sim-outcome-${outcome}`}
          >
            {t(`simulate.outcome.${outcome}`)}
          </Button>
        ))}
      </Space>
      {refusal && (
        <Alert
          type="error"
          showIcon
          data-testid="sim-refusal"
          title={t(`simulate.refusal.${refusal.code}`, { field: refusal.field ?? "" })}
        />
      )}
    </div>
  );
}
