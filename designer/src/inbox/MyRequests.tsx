/**
 * @module designer/inbox/MyRequests
 * The requests I started: flow, status, when; withdraw one no approver has acted on yet (撤回),
 * remind the people it waits on (催办), open it in the instance viewer.
 */
import { App, Button, Space, Table, Tag } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { type ApiProblem, isApiProblem, toProblem } from "../api/problem.ts";
import { useApi, useLiveEvent } from "../app-context.tsx";
import { ProblemAlert } from "../components/ProblemAlert.tsx";
import type { Language } from "../i18n/language.ts";

interface Request {
  readonly id: string;
  readonly flowKey: string;
  readonly status: string;
  readonly createdAt: number;
  readonly completedAt: number | null;
}

const STATUS_COLOR: Record<string, string> = {
  running: "blue",
  waiting: "blue",
  completed: "green",
  cancelled: "default",
  withdrawn: "default",
  failed: "red",
  incident: "red",
};
const OPEN = new Set(["running", "waiting", "incident"]);

export function MyRequests({ nameOf: _nameOf }: { nameOf(id: unknown): string }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const api = useApi();
  const { message } = App.useApp();
  const [items, setItems] = useState<Request[]>();
  const [problem, setProblem] = useState<ApiProblem>();

  const load = useCallback(() => {
    api.get<{ items: Request[] }>("/api/v1/instances?mine=true").then(
      (reply) => setItems(reply.items),
      (error: unknown) => setProblem(isApiProblem(error) ? error : undefined),
    );
  }, [api]);
  useEffect(load, [load]);
  useLiveEvent("instance", load);

  const act = async (id: string, action: "withdraw" | "remind") => {
    setProblem(undefined);
    try {
      await api.post(`/api/v1/instances/${encodeURIComponent(id)}/${action}`, {});
      message.success(t(`inbox.${action}Done`));
      load();
    } catch (error) {
      setProblem(toProblem(error));
    }
  };

  return (
    <div data-testid="my-requests">
      {problem && <ProblemAlert problem={problem} />}
      <Table<Request>
        rowKey="id"
        size="middle"
        loading={items === undefined}
        dataSource={items ?? []}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
        locale={{ emptyText: t("inbox.noRequests") }}
        columns={[
          {
            key: "flow",
            title: t("inbox.column.flow"),
            render: (_, r) => (
              <Link to={`/instances/${r.id}`} data-testid="request-link">
                {r.flowKey}
              </Link>
            ),
          },
          {
            key: "status",
            title: t("inbox.column.status"),
            render: (_, r) => (
              <Tag
                color={STATUS_COLOR[r.status] ?? "default"}
                data-testid="request-status"
                data-status={r.status}
              >
                {t(`inbox.status.${r.status}`, { defaultValue: r.status })}
              </Tag>
            ),
          },
          {
            key: "created",
            title: t("inbox.column.created"),
            render: (_, r) => new Date(r.createdAt).toLocaleString(language),
          },
          {
            key: "actions",
            title: "",
            render: (_, r) =>
              OPEN.has(r.status) ? (
                <Space>
                  <Button
                    size="small"
                    onClick={() => void act(r.id, "remind")}
                    data-testid="request-remind"
                  >
                    {t("inbox.remind")}
                  </Button>
                  <Button
                    size="small"
                    danger
                    onClick={() => void act(r.id, "withdraw")}
                    data-testid="request-withdraw"
                  >
                    {t("inbox.withdraw")}
                  </Button>
                </Space>
              ) : null,
          },
        ]}
      />
    </div>
  );
}
