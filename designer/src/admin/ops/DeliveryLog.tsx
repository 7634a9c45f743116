/**
 * @module designer/admin/ops/DeliveryLog
 * The delivery log of one webhook subscription, newest first, in cursor pages ("load more"):
 * event, status, attempts, the response code or the last error, when. A delivery that ended can
 * be sent again (the same body under a new delivery id); expanding one shows the body it sends.
 */
import { ReloadOutlined } from "@ant-design/icons";
import { App, Button, Flex, Table, Tag, Tooltip, Typography } from "antd";
import { useCallback, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiProblem, toProblem } from "../../api/problem.ts";
import { useApi } from "../../app-context.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { redeliverable, STATUS_COLOR, type WebhookDelivery } from "./webhook-model.ts";

const PAGE = 20;

function Payload({
  subscriptionId,
  delivery,
}: {
  subscriptionId: string;
  delivery: WebhookDelivery;
}) {
  const api = useApi();
  const [body, setBody] = useState<unknown>(delivery.payload);
  const [problem, setProblem] = useState<ApiProblem>();
  useEffect(() => {
    if (body !== undefined) return;
    api
      .get<{ delivery: WebhookDelivery }>(
        `/api/v1/webhooks/${subscriptionId}/deliveries/${delivery.id}`,
      )
      .then(
        (reply) => setBody(reply.delivery.payload ?? null),
        (error: unknown) => setProblem(toProblem(error)),
      );
  }, [api, body, subscriptionId, delivery.id]);
  if (problem) return <ProblemAlert problem={problem} />;
  return (
    <div>
      {delivery.lastError && (
        <Typography.Paragraph type="danger">{delivery.lastError}</Typography.Paragraph>
      )}
      <pre style={{ maxHeight: 240, overflow: "auto", margin: 0, fontSize: 12 }}>
        {body === undefined ? "…" : JSON.stringify(body, null, 2)}
      </pre>
    </div>
  );
}

export function DeliveryLog({ subscriptionId }: { subscriptionId: string }) {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const api = useApi();
  const [items, setItems] = useState<WebhookDelivery[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [problem, setProblem] = useState<ApiProblem>();
  const time = (at: number | null) =>
    at === null ? "—" : new Date(at).toLocaleString(i18n.language);

  const load = useCallback(
    async (cursor?: string) => {
      setLoading(true);
      setProblem(undefined);
      try {
        const page = await api.get<{ items: WebhookDelivery[]; nextCursor: string | null }>(
          `/api/v1/webhooks/${subscriptionId}/deliveries?limit=${PAGE}${cursor ? `&cursor=${cursor}` : ""}`,
        );
        setItems((before) => (cursor ? [...before, ...page.items] : page.items));
        setNext(page.nextCursor);
      } catch (error) {
        setProblem(toProblem(error));
      } finally {
        setLoading(false);
      }
    },
    [api, subscriptionId],
  );

  useEffect(() => {
    void load();
  }, [load]);

  const redeliver = async (delivery: WebhookDelivery) => {
    try {
      await api.post(`/api/v1/webhooks/${subscriptionId}/deliveries/${delivery.id}/redeliver`);
      void message.success(t("adminOps.webhooks.redelivered"));
      await load();
    } catch (error) {
      setProblem(toProblem(error));
    }
  };

  return (
    <div data-testid="delivery-log" data-subscription={subscriptionId}>
      <Flex justify="space-between" align="center" style={{ marginBottom: 8 }}>
        <Typography.Text strong>{t("adminOps.webhooks.deliveries")}</Typography.Text>
        <Button
          size="small"
          icon={<ReloadOutlined />}
          onClick={() => void load()}
          loading={loading}
          data-testid="deliveries-refresh"
        >
          {t("adminOps.webhooks.refresh")}
        </Button>
      </Flex>
      {problem && <ProblemAlert problem={problem} />}
      <Table<WebhookDelivery>
        size="small"
        rowKey="id"
        dataSource={items}
        loading={loading && items.length === 0}
        pagination={false}
        locale={{ emptyText: t("adminOps.webhooks.noDeliveries") }}
        onRow={(d) =>
          ({
            "data-testid": "delivery-row",
            "data-status": d.status,
          }) as React.HTMLAttributes<HTMLElement>
        }
        expandable={{
          expandedRowRender: (d) => <Payload subscriptionId={subscriptionId} delivery={d} />,
        }}
        columns={[
          {
            key: "event",
            title: t("adminOps.webhooks.event.title"),
            render: (_, d) => (
              <>
                <Typography.Text code>{d.event}</Typography.Text>
                {d.redeliveryOf && <Tag>{t("adminOps.webhooks.redelivery")}</Tag>}
              </>
            ),
          },
          {
            key: "status",
            title: t("adminOps.webhooks.status"),
            render: (_, d) => (
              <Tag color={STATUS_COLOR[d.status]}>
                {t(`adminOps.webhooks.deliveryStatus.${d.status}`)}
              </Tag>
            ),
          },
          { key: "attempts", title: t("adminOps.webhooks.attempts"), dataIndex: "attempts" },
          {
            key: "response",
            title: t("adminOps.webhooks.response"),
            render: (_, d) =>
              d.responseStatus !== null ? (
                <Tag color={d.responseStatus < 300 ? "green" : "red"}>{d.responseStatus}</Tag>
              ) : d.lastError ? (
                <Tooltip title={d.lastError}>
                  <Typography.Text type="danger" ellipsis style={{ maxWidth: 160 }}>
                    {d.lastError}
                  </Typography.Text>
                </Tooltip>
              ) : (
                "—"
              ),
          },
          {
            key: "time",
            title: t("adminOps.webhooks.time"),
            render: (_, d) => (
              <Tooltip
                title={
                  d.nextAttemptAt
                    ? t("adminOps.webhooks.nextAttempt", { time: time(d.nextAttemptAt) })
                    : undefined
                }
              >
                {time(d.deliveredAt ?? d.lastAttemptAt ?? d.createdAt)}
              </Tooltip>
            ),
          },
          {
            key: "actions",
            title: "",
            render: (_, d) =>
              redeliverable(d) ? (
                <Button
                  size="small"
                  data-testid="delivery-redeliver"
                  onClick={() => void redeliver(d)}
                >
                  {t("adminOps.webhooks.redeliver")}
                </Button>
              ) : null,
          },
        ]}
      />
      {next && (
        <Flex justify="center" style={{ marginTop: 8 }}>
          <Button onClick={() => void load(next)} loading={loading}>
            {t("adminOps.webhooks.more")}
          </Button>
        </Flex>
      )}
    </div>
  );
}
