/**
 * @module designer/flows/simulate/SimTaskPanel
 * The side panel of a run: its open tasks, webhook calls to answer (success or failure), subflows
 * to finish, pending timers, and the record as the run has changed it.
 */
import { Button, Empty, Space, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { ChildCard } from "./ChildCard.tsx";
import type { SampleField } from "./sample-data.ts";
import type { Simulation, SimulationView } from "./simulation.ts";
import { TaskCard } from "./TaskCard.tsx";
import type { SimNames } from "./useSimNames.ts";

/** What `view` waits for; acting on it changes `sim`, then `onRefresh` redraws the run. */
export function SimTaskPanel({
  sim,
  view,
  fields,
  names,
  onRefresh,
}: {
  sim: Simulation;
  view: SimulationView;
  fields: readonly SampleField[];
  names: SimNames;
  onRefresh: () => void;
}) {
  const { t } = useTranslation();
  const { namer, personName, format, userOptions } = names;
  return (
    <div className="kam-sim-side">
      <Typography.Title level={5}>{t("simulate.tasks")}</Typography.Title>
      {view.tasks.length === 0 && view.calls.length === 0 && view.children.length === 0 && (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("simulate.noTasks")} />
      )}
      {view.tasks.map((task) => (
        <TaskCard
          key={task.taskId}
          task={task}
          sim={sim}
          fields={fields}
          nodeLabel={namer.node(task.nodeId)}
          personName={personName}
          format={format}
          userOptions={userOptions}
          onDone={onRefresh}
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
                sim.respond(call.messageId, true);
                onRefresh();
              }}
            >
              {t("simulate.respondOk")}
            </Button>
            <Button
              size="small"
              danger
              onClick={() => {
                sim.respond(call.messageId, false);
                onRefresh();
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
            sim.finishChild(child.childId, outcome);
            onRefresh();
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
  );
}
