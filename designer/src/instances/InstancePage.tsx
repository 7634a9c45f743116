/**
 * @module designer/instances/InstancePage
 * The route `/instances/:id`: one request — its flow drawn with the path taken and where it
 * waits, its open and closed tasks, its history with the why of each decision; an incident can
 * be retried from here (by those who manage requests).
 */
import { Alert, App, Button, Card, Flex, Table, Tag, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { useParams } from "react-router";
import type { FlowDefinition } from "../../../schemas/index.ts";
import { type ApiProblem, toProblem } from "../api/problem.ts";
import { useApi, useLiveEvent } from "../app-context.tsx";
import { PageLoading } from "../components/PageLoading.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import { SimGraph } from "../flows/simulate/SimGraph.tsx";
import { type Language, localized } from "../i18n/language.ts";
import { type HistoryEntry, InstanceHistory } from "../inbox/InstanceHistory.tsx";
import { useUsers } from "../inbox/useUsers.ts";
import { instancePath } from "./instance-path.ts";
import "../flows/simulate/simulate.css";
import "../inbox/inbox.css";

interface Detail {
  readonly instance: {
    id: string;
    flowKey: string;
    flowVersion: number;
    status: string;
    initiatorId: string | null;
    incident: { message?: string; code?: string } | null;
    createdAt: number;
    completedAt: number | null;
  };
  readonly history: HistoryEntry[];
  readonly tasks: Array<{
    id: string;
    nodeId: string;
    status: string;
    assigneeId: string | null;
    outcome: string | null;
    completedBy: string | null;
    createdAt: number;
    completedAt: number | null;
  }>;
}

const ENDED = new Set(["completed", "cancelled", "withdrawn"]);

export default function InstancePage() {
  const { id = "" } = useParams();
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const api = useApi();
  const { message } = App.useApp();
  const { nameOf } = useUsers();
  const [detail, setDetail] = useState<Detail>();
  const [flow, setFlow] = useState<FlowDefinition>();
  const [problem, setProblem] = useState<ApiProblem>();

  const load = useCallback(() => {
    (async () => {
      const d = await api.get<Detail>(`/api/v1/instances/${encodeURIComponent(id)}`);
      setDetail(d);
      const { definition } = await api.get<{ definition: { body: FlowDefinition } }>(
        `/api/v1/definitions/flow/${encodeURIComponent(d.instance.flowKey)}/versions/${d.instance.flowVersion}`,
      );
      setFlow(definition.body);
    })().catch((error: unknown) => setProblem(toProblem(error)));
  }, [api, id]);
  useEffect(load, [load]);
  useLiveEvent("instance", (event) => {
    if ((event.data as { instanceId?: string } | null)?.instanceId === id) load();
  });

  if (problem && !detail) return <ProblemAlert problem={problem} />;
  if (!detail) return <PageLoading />;
  const { instance } = detail;
  const path = instancePath(detail.history, ENDED.has(instance.status));
  const openTaskNodes = detail.tasks
    .filter((x) => x.status === "open" || x.status === "claimed")
    .map((x) => x.nodeId);
  const nodeLabel = (nodeId: string) =>
    localized(flow?.nodes.find((n) => n.id === nodeId)?.label, language) || nodeId;

  const retry = async () => {
    try {
      await api.post(`/api/v1/instances/${encodeURIComponent(id)}/retry`, {});
      message.success(t("instance.retried"));
      load();
    } catch (error) {
      setProblem(toProblem(error));
    }
  };

  return (
    <section data-testid="instance-viewer" data-status={instance.status}>
      <Flex align="center" gap={12} wrap>
        <Typography.Title level={2} className="kam-account-title">
          {localized(flow?.name, language) || instance.flowKey}
        </Typography.Title>
        <Tag data-testid="instance-status">
          {t(`inbox.status.${instance.status}`, { defaultValue: instance.status })}
        </Tag>
        <Typography.Text type="secondary">
          {t("instance.started", {
            who: nameOf(instance.initiatorId),
            when: new Date(instance.createdAt).toLocaleString(language),
          })}
        </Typography.Text>
      </Flex>
      {problem && <ProblemAlert problem={problem} />}
      {instance.status === "incident" && (
        <Alert
          type="error"
          showIcon
          data-testid="incident"
          title={t("instance.incident")}
          description={instance.incident?.message ?? instance.incident?.code}
          action={
            <Button danger onClick={() => void retry()} data-testid="retry-incident">
              {t("instance.retry")}
            </Button>
          }
        />
      )}
      <Flex gap={16} wrap className="kam-instance-body">
        <Card size="small" title={t("instance.graph")} className="kam-instance-graph">
          {flow ? (
            <SimGraph
              definition={flow}
              activeNodes={[...new Set([...path.active, ...openTaskNodes])]}
              visited={path.visited}
              takenEdges={path.takenEdges}
            />
          ) : (
            <PageLoading />
          )}
        </Card>
        <Card size="small" title={t("instance.tasks")} className="kam-instance-side">
          <Table
            size="small"
            rowKey="id"
            pagination={false}
            dataSource={detail.tasks}
            columns={[
              { key: "node", title: t("instance.step"), render: (_, x) => nodeLabel(x.nodeId) },
              {
                key: "who",
                title: t("instance.who"),
                render: (_, x) => nameOf(x.completedBy ?? x.assigneeId),
              },
              {
                key: "status",
                title: t("inbox.column.status"),
                render: (_, x) =>
                  x.outcome
                    ? t(`inbox.outcome.${x.outcome}`, { defaultValue: x.outcome })
                    : x.status,
              },
            ]}
          />
          <InstanceHistory entries={detail.history} nameOf={nameOf} />
        </Card>
      </Flex>
    </section>
  );
}
