/**
 * @module designer/flows/simulate/Simulator
 * The simulator: a sample record (generated from the record form, or copied from a real record)
 * and who starts the flow, then the run — the graph with where the run is and the path it took,
 * the open tasks with a button per outcome their node allows, webhook calls to answer, the
 * simulated clock, and the log. Everything happens in memory (./simulation.ts); the server is
 * only read.
 */
import {
  Alert,
  Button,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  Select,
  Space,
  Switch,
  Tag,
  Typography,
} from "antd";
import { useEffect, useMemo, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import type { JsonObject, RecordSnapshot } from "../../../../engine/flows/index.ts";
import type { FlowDefinition } from "../../../../schemas/index.ts";
import { useApi, useSession } from "../../app-context.tsx";
import { type Language, localized } from "../../i18n/language.ts";
import { FieldInput } from "./FieldInput.tsx";
import { logLine, type Namer } from "./log-text.ts";
import { SimGraph } from "./SimGraph.tsx";
import {
  orgSnapshotOf,
  type SampleField,
  STAND_IN,
  sampleFields,
  sampleRecordData,
  simulationDirectory,
} from "./sample-data.ts";
import {
  loadRunContext,
  loadWorkspace,
  SAMPLE_RECORD_ID,
  snapshotOf,
  type Workspace,
} from "./simulate-api.ts";
import {
  createSimulation,
  type Decision,
  type Refusal,
  type SimTask,
  type Simulation,
  type SimulationView,
} from "./simulation.ts";

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const UNITS = { minutes: MIN, hours: HOUR, days: DAY } as const;

/** `YYYY-MM-DDTHH:mm` of the browser's local time, for a datetime-local input. */
function localInput(ms: number): string {
  const d = new Date(ms - new Date(ms).getTimezoneOffset() * MIN);
  return d.toISOString().slice(0, 16);
}

export function Simulator({ definition }: { definition: FlowDefinition }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const api = useApi();
  const me = useSession((s) => s.me?.user.id);
  const [workspace, setWorkspace] = useState<Workspace>();
  const [data, setData] = useState<JsonObject>({});
  const [source, setSource] = useState<string>();
  const [initiator, setInitiator] = useState<string>();
  const [startAt, setStartAt] = useState(() => localInput(Math.floor(Date.now() / MIN) * MIN));
  const [standIns, setStandIns] = useState(true);
  const [references, setReferences] = useState<Record<string, { value: string; label: string }[]>>(
    {},
  );
  const sim = useRef<Simulation | null>(null);
  const [view, setView] = useState<SimulationView>();
  const [starting, setStarting] = useState(false);

  // biome-ignore lint/correctness/useExhaustiveDependencies: loaded once per opened simulator
  useEffect(() => {
    let current = true;
    void loadWorkspace(api, definition).then((loaded) => {
      if (!current) return;
      setWorkspace(loaded);
      const fields = sampleFields(loaded.form, language);
      setData(
        sampleRecordData(fields, {
          today: new Date().toISOString().slice(0, 10),
          users: loaded.users.map((u) => u.id),
        }),
      );
      setInitiator(me ?? loaded.users[0]?.id);
      // Reference fields pick among real records of their form (read only).
      for (const field of fields.filter((f) => f.refForm)) {
        void api
          .get<{ items: Array<{ id: string; data: Record<string, unknown> }> }>(
            `/api/v1/records?form=${encodeURIComponent(field.refForm ?? "")}&limit=50`,
          )
          .then(
            (reply) =>
              current &&
              setReferences((r) => ({
                ...r,
                [field.name]: reply.items.map((item) => ({
                  value: item.id,
                  label: String(item.data.name ?? item.data.title ?? item.id),
                })),
              })),
            () => undefined,
          );
      }
    });
    return () => {
      current = false;
    };
  }, [api, definition]);

  const fields = useMemo(() => sampleFields(workspace?.form, language), [workspace, language]);
  const userOptions = useMemo(
    () => (workspace?.users ?? []).map((u) => ({ value: u.id, label: u.name })),
    [workspace],
  );
  const names = useMemo(() => new Map(userOptions.map((o) => [o.value, o.label])), [userOptions]);
  const nodeLabels = useMemo(
    () => new Map(definition.nodes.map((n) => [n.id, localized(n.label, language) || n.id])),
    [definition, language],
  );
  const timeZone = workspace?.timeZone ?? "Asia/Shanghai";
  const format = useMemo(
    () =>
      new Intl.DateTimeFormat(language, {
        timeZone,
        weekday: "short",
        year: "numeric",
        month: "2-digit",
        day: "2-digit",
        hour: "2-digit",
        minute: "2-digit",
      }),
    [language, timeZone],
  );
  const personName = (id: unknown) => {
    const text = String(id ?? "");
    if (text.startsWith(STAND_IN)) return t("simulate.standIn", { spec: text.slice(1) });
    return names.get(text) ?? text;
  };
  const namer: Namer = {
    node: (id) => (id ? (nodeLabels.get(id) ?? id) : ""),
    users: (ids) =>
      (ids ?? [])
        .filter((id) => id !== undefined)
        .map(personName)
        .join(", "),
    time: (ms) => format.format(ms),
    text: (value) =>
      typeof value === "string" ? value : localized(value, language) || JSON.stringify(value),
  };

  if (!workspace)
    return <Typography.Text type="secondary">{t("simulate.loading")}</Typography.Text>;

  const refresh = () => setView(sim.current?.view());

  const start = async () => {
    setStarting(true);
    try {
      const picked = workspace.records.find((r) => r.id === source);
      const record: RecordSnapshot | null = definition.form
        ? {
            ...(picked ? snapshotOf(picked) : { id: SAMPLE_RECORD_ID, form: definition.form }),
            data: data as RecordSnapshot["data"],
            ...(picked?.ownerId ? {} : initiator ? { owner: initiator } : {}),
          }
        : null;
      const context = await loadRunContext(
        api,
        [definition, ...Object.values(workspace.flows)],
        record,
      );
      const directory = simulationDirectory(
        orgSnapshotOf({
          users: workspace.users,
          roles: workspace.roles,
          teams: workspace.teams,
          accountTeams: context.accountTeams,
        }),
        standIns,
      );
      const startMs = new Date(startAt).getTime();
      sim.current = createSimulation({
        definition,
        directory,
        calendar: workspace.calendar,
        startAt: Number.isFinite(startMs) ? startMs : Date.now(),
        record,
        ...(initiator ? { initiator } : {}),
        flows: workspace.flows,
        records: context.records,
      });
      sim.current.start();
      refresh();
    } finally {
      setStarting(false);
    }
  };

  if (!view || !sim.current) {
    return (
      <div className="kam-sim-setup" data-testid="sim-setup">
        <Typography.Paragraph type="secondary">{t("simulate.setupHint")}</Typography.Paragraph>
        <Form layout="vertical" className="kam-sim-form">
          {definition.form && workspace.records.length > 0 && (
            <Form.Item label={t("simulate.copyRecord")}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                data-testid="sim-copy-record"
                placeholder={t("simulate.copyRecordPlaceholder")}
                value={source}
                onChange={(id: string | undefined) => {
                  setSource(id);
                  const picked = workspace.records.find((r) => r.id === id);
                  if (picked) setData({ ...picked.data });
                }}
                options={workspace.records.map((r) => ({
                  value: r.id,
                  label: String(r.data.title ?? r.data.name ?? r.id),
                }))}
              />
            </Form.Item>
          )}
          {definition.form ? (
            <fieldset className="kam-sim-fields" data-testid="sim-record-form">
              <legend>{t("simulate.sampleRecord", { form: definition.form })}</legend>
              {fields.length === 0 && (
                <Typography.Text type="secondary">{t("simulate.noFormFields")}</Typography.Text>
              )}
              {fields.map((field) => (
                <Form.Item
                  key={field.name}
                  label={field.label}
                  required={field.required}
                  htmlFor={`sim-field-${field.name}`}
                >
                  <FieldInput
                    field={field}
                    value={data[field.name]}
                    users={userOptions}
                    {...(references[field.name] ? { references: references[field.name] } : {})}
                    onChange={(value) => setData((d) => withField(d, field.name, value))}
                  />
                </Form.Item>
              ))}
            </fieldset>
          ) : (
            <Typography.Paragraph type="secondary">{t("simulate.noRecord")}</Typography.Paragraph>
          )}
          <Form.Item label={t("simulate.initiator")}>
            <Select
              showSearch={{ optionFilterProp: "label" }}
              value={initiator}
              onChange={setInitiator}
              options={userOptions}
              data-testid="sim-initiator"
            />
          </Form.Item>
          <Form.Item label={t("simulate.startAt")} htmlFor="sim-start-at">
            <Input
              id="sim-start-at"
              type="datetime-local"
              value={startAt}
              onChange={(e) => setStartAt(e.target.value)}
            />
          </Form.Item>
          <Form.Item label={t("simulate.standIns")} help={t("simulate.standInsHelp")}>
            <Switch checked={standIns} onChange={setStandIns} />
          </Form.Item>
          <CalendarNote workspace={workspace} />
          <Button
            type="primary"
            loading={starting}
            onClick={() => void start()}
            data-testid="sim-start"
          >
            {t("simulate.start")}
          </Button>
        </Form>
      </div>
    );
  }

  const current = sim.current;
  const status = view.state.status;
  const lines = view.log
    .map((entry) => logLine(entry, namer))
    .filter((line) => line !== undefined)
    .reverse();

  return (
    <div className="kam-sim-run" data-testid="sim-run" data-status={status}>
      <ClockBar
        view={view}
        format={format}
        timeZone={timeZone}
        onAdvance={(ms) => {
          current.advance(ms);
          refresh();
        }}
        onNext={() => {
          current.advanceToNextTimer();
          refresh();
        }}
        next={current.nextTimer()?.dueAt}
        onRestart={() => {
          sim.current = null;
          setView(undefined);
        }}
      />
      <div className="kam-sim-main">
        <SimGraph
          definition={definition}
          activeNodes={view.activeNodes}
          visited={view.visited}
          takenEdges={view.takenEdges}
        />
        <div className="kam-sim-side">
          <Typography.Title level={5}>{t("simulate.tasks")}</Typography.Title>
          {view.tasks.length === 0 && view.calls.length === 0 && view.children.length === 0 && (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("simulate.noTasks")} />
          )}
          {view.tasks.map((task) => (
            <TaskCard
              key={task.taskId}
              task={task}
              sim={current}
              fields={fields}
              nodeLabel={namer.node(task.nodeId)}
              personName={personName}
              format={format}
              userOptions={userOptions}
              onDone={refresh}
            />
          ))}
          {view.calls.map((call) => (
            <div key={call.messageId} className="kam-sim-card" data-testid="sim-call">
              <Typography.Text strong>{namer.node(call.nodeId)}</Typography.Text>
              <div>
                <Typography.Text code>
                  {String(call.payload.method ?? "POST")} {String(call.payload.url ?? "")}
                </Typography.Text>
              </div>
              <Space wrap>
                <Button
                  size="small"
                  onClick={() => {
                    current.respond(call.messageId, true);
                    refresh();
                  }}
                >
                  {t("simulate.respondOk")}
                </Button>
                <Button
                  size="small"
                  danger
                  onClick={() => {
                    current.respond(call.messageId, false);
                    refresh();
                  }}
                >
                  {t("simulate.respondFail")}
                </Button>
              </Space>
            </div>
          ))}
          {view.children.map((child) => (
            <ChildCard
              key={child.childId}
              flow={child.flow}
              nodeLabel={namer.node(child.nodeId)}
              onFinish={(outcome) => {
                current.finishChild(child.childId, outcome);
                refresh();
              }}
            />
          ))}
          {view.timers.length > 0 && (
            <>
              <Typography.Title level={5}>{t("simulate.timers")}</Typography.Title>
              <ul className="kam-sim-timers" data-testid="sim-timers">
                {view.timers.map((timer) => (
                  <li key={timer.timerId}>
                    {format.format(timer.dueAt)} · {namer.node(timer.nodeId)} ·{" "}
                    {t(`simulate.timerKind.${timer.kind}`)}
                  </li>
                ))}
              </ul>
            </>
          )}
          {view.record && (
            <>
              <Typography.Title level={5}>{t("simulate.record")}</Typography.Title>
              <pre className="kam-sim-json" data-testid="sim-record">
                {JSON.stringify(view.record.data, null, 2)}
              </pre>
            </>
          )}
        </div>
      </div>
      <div className="kam-sim-log" data-testid="sim-log">
        <Typography.Title level={5}>
          {t("simulate.log.title")}{" "}
          <Typography.Text type="secondary" className="kam-sim-log-note">
            {t("simulate.log.note")}
          </Typography.Text>
        </Typography.Title>
        <ol>
          {lines.map((line) => (
            <li
              key={line.seq}
              data-testid="sim-log-entry"
              data-type={line.type}
              {...(line.nodeId ? { "data-node": line.nodeId } : {})}
              className={`kam-sim-log-line${line.tone ? ` kam-sim-log-line--${line.tone}` : ""}`}
            >
              <span className="kam-sim-log-time">{format.format(line.at)}</span>
              {line.listed && <Tag color="purple">{t("simulate.log.listed")}</Tag>}
              <span>{t(`simulate.log.${line.key}`, line.params)}</span>
            </li>
          ))}
        </ol>
      </div>
    </div>
  );
}

function withField(data: JsonObject, name: string, value: unknown): JsonObject {
  const next = { ...data };
  if (value === undefined || value === null) delete next[name];
  else next[name] = value as never;
  return next;
}

function CalendarNote({ workspace }: { workspace: Workspace }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="info"
      showIcon
      className="kam-sim-note"
      title={
        workspace.calendarIsDefault
          ? t("simulate.calendarDefault", { zone: workspace.timeZone })
          : t("simulate.calendarWorkspace", { zone: workspace.timeZone })
      }
    />
  );
}

function ClockBar(props: {
  view: SimulationView;
  format: Intl.DateTimeFormat;
  timeZone: string;
  next: number | undefined;
  onAdvance: (ms: number) => void;
  onNext: () => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const { view, format } = props;
  const [amount, setAmount] = useState<number>(30);
  const [unit, setUnit] = useState<keyof typeof UNITS>("minutes");
  const ended = view.state.status === "completed" || view.state.status === "cancelled";
  return (
    <Flex className="kam-sim-clock" align="center" wrap gap={8} data-testid="sim-clockbar">
      <Typography.Text strong data-testid="sim-clock" data-now={view.now}>
        {format.format(view.now)}
      </Typography.Text>
      <Typography.Text type="secondary">{props.timeZone}</Typography.Text>
      <Tag
        color={ended ? "green" : view.state.status === "incident" ? "red" : "blue"}
        data-testid="sim-status"
      >
        {t(`simulate.status.${view.state.status}`)}
        {view.state.outcome ? ` · ${view.state.outcome}` : ""}
      </Tag>
      <Space.Compact>
        <Button onClick={() => props.onAdvance(15 * MIN)} data-testid="sim-advance-15m">
          {t("simulate.plus15m")}
        </Button>
        <Button onClick={() => props.onAdvance(HOUR)} data-testid="sim-advance-1h">
          {t("simulate.plus1h")}
        </Button>
        <Button onClick={() => props.onAdvance(DAY)} data-testid="sim-advance-1d">
          {t("simulate.plus1d")}
        </Button>
      </Space.Compact>
      <Button
        type="primary"
        ghost
        disabled={props.next === undefined}
        onClick={props.onNext}
        data-testid="sim-next-timer"
      >
        {props.next === undefined
          ? t("simulate.noTimer")
          : t("simulate.toNextTimer", { time: format.format(props.next) })}
      </Button>
      <Space.Compact>
        <InputNumber
          min={1}
          value={amount}
          onChange={(v) => setAmount(v ?? 1)}
          aria-label={t("simulate.customAmount")}
          data-testid="sim-custom-amount"
        />
        <Select
          value={unit}
          onChange={setUnit}
          options={(Object.keys(UNITS) as (keyof typeof UNITS)[]).map((u) => ({
            value: u,
            label: t(`simulate.unit.${u}`),
          }))}
        />
        <Button
          onClick={() => props.onAdvance(amount * UNITS[unit])}
          data-testid="sim-advance-custom"
        >
          {t("simulate.advance")}
        </Button>
      </Space.Compact>
      <Button onClick={props.onRestart} data-testid="sim-restart">
        {t("simulate.restart")}
      </Button>
    </Flex>
  );
}

function TaskCard(props: {
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

function ChildCard(props: {
  flow: string;
  nodeLabel: string;
  onFinish: (outcome: string) => void;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState("completed");
  return (
    <div className="kam-sim-card" data-testid="sim-child">
      <Typography.Text strong>{props.nodeLabel}</Typography.Text>
      <div className="kam-sim-card-line">{t("simulate.childPending", { flow: props.flow })}</div>
      <Space.Compact>
        <Input
          size="small"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          aria-label={t("simulate.childOutcome")}
        />
        <Button size="small" onClick={() => props.onFinish(outcome)}>
          {t("simulate.childFinish")}
        </Button>
      </Space.Compact>
    </div>
  );
}
