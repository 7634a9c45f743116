/**
 * @module designer/admin/ops/WebhooksTab
 * The admin screen's webhooks: every subscription (URL, events, active), created and changed in
 * a modal, switched on and off, deleted, its signing secret rotated (the new secret shown once,
 * as when it was created), a test ping sent, and — expanding a row — its delivery log.
 */
import { PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Flex,
  Modal,
  Popconfirm,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { type ApiProblem, toProblem } from "../../api/problem.ts";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { useApi } from "../../app-context.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { DeliveryLog } from "./DeliveryLog.tsx";
import { WebhookForm } from "./WebhookForm.tsx";
import type { WebhookSubscription } from "./webhook-model.ts";

interface SecretReply {
  readonly subscription: WebhookSubscription;
  readonly secret: string;
}

export function WebhooksTab() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const api = useApi();
  const query = useApiQuery<{ items: WebhookSubscription[] }>("/api/v1/webhooks");
  const [editing, setEditing] = useState<WebhookSubscription | "new">();
  const [secret, setSecret] = useState<{ url: string; secret: string; rotated: boolean }>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [expanded, setExpanded] = useState<readonly string[]>([]);

  const act = async (work: () => Promise<unknown>, done?: string) => {
    setProblem(undefined);
    try {
      await work();
      if (done) void message.success(done);
      query.reload();
    } catch (error) {
      setProblem(toProblem(error));
    }
  };

  const save = async (body: Record<string, unknown>) => {
    if (editing === "new") {
      const reply = await api.post<SecretReply>("/api/v1/webhooks", body);
      setSecret({ url: reply.subscription.url, secret: reply.secret, rotated: false });
      setExpanded((keys) => [...keys, reply.subscription.id]);
    } else if (editing) {
      await api.patch(`/api/v1/webhooks/${editing.id}`, body);
      void message.success(t("adminOps.webhooks.saved"));
    }
    setEditing(undefined);
    query.reload();
  };

  return (
    <div data-testid="webhooks">
      <Flex justify="space-between" align="center" wrap gap={8} style={{ marginBottom: 12 }}>
        <Typography.Paragraph type="secondary" style={{ margin: 0 }}>
          {t("adminOps.webhooks.intro")}
        </Typography.Paragraph>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing("new")}
          data-testid="webhook-create"
        >
          {t("adminOps.webhooks.create")}
        </Button>
      </Flex>
      {problem && (
        <div style={{ marginBottom: 12 }}>
          <ProblemAlert problem={problem} />
        </div>
      )}
      <QueryState query={query} isEmpty={() => false} empty="">
        {(data) => (
          <Table<WebhookSubscription>
            rowKey="id"
            dataSource={data.items}
            pagination={false}
            locale={{ emptyText: t("adminOps.webhooks.empty") }}
            onRow={(w) =>
              ({
                "data-testid": "webhook-row",
                "data-url": w.url,
              }) as React.HTMLAttributes<HTMLElement>
            }
            expandable={{
              expandedRowKeys: [...expanded],
              onExpandedRowsChange: (keys) => setExpanded(keys.map(String)),
              expandedRowRender: (w) => <DeliveryLog subscriptionId={w.id} />,
            }}
            columns={[
              {
                key: "url",
                title: t("adminOps.webhooks.url"),
                render: (_, w) => (
                  <div>
                    <Typography.Text
                      code
                      copyable={{ text: w.url }}
                      style={{ wordBreak: "break-all" }}
                    >
                      {w.url}
                    </Typography.Text>
                    {w.description && (
                      <div>
                        <Typography.Text type="secondary">{w.description}</Typography.Text>
                      </div>
                    )}
                    {w.allowPrivateNetwork && (
                      <Tag color="orange">{t("adminOps.webhooks.privateTag")}</Tag>
                    )}
                  </div>
                ),
              },
              {
                key: "events",
                title: t("adminOps.webhooks.events"),
                render: (_, w) => (
                  <Space wrap size={[4, 4]}>
                    {w.events.map((e) => (
                      <Tag key={e}>{e}</Tag>
                    ))}
                    {w.forms && (
                      <Tag color="blue">
                        {t("adminOps.webhooks.onlyForms", { forms: w.forms.join(", ") })}
                      </Tag>
                    )}
                    {w.flows && (
                      <Tag color="blue">
                        {t("adminOps.webhooks.onlyFlows", { flows: w.flows.join(", ") })}
                      </Tag>
                    )}
                  </Space>
                ),
              },
              {
                key: "active",
                title: t("adminOps.webhooks.active"),
                render: (_, w) => (
                  <Switch
                    checked={w.active}
                    data-testid="webhook-active"
                    aria-label={t("adminOps.webhooks.active")}
                    onChange={(active) =>
                      void act(() => api.patch(`/api/v1/webhooks/${w.id}`, { active }))
                    }
                  />
                ),
              },
              {
                key: "actions",
                title: "",
                render: (_, w) => (
                  <Space wrap size={[4, 4]}>
                    <Button size="small" onClick={() => setEditing(w)} data-testid="webhook-edit">
                      {t("adminOps.webhooks.edit")}
                    </Button>
                    <Button
                      size="small"
                      data-testid="webhook-ping"
                      onClick={() =>
                        void act(async () => {
                          await api.post(`/api/v1/webhooks/${w.id}/ping`);
                          setExpanded((keys) => (keys.includes(w.id) ? keys : [...keys, w.id]));
                        }, t("adminOps.webhooks.pinged"))
                      }
                    >
                      {t("adminOps.webhooks.ping")}
                    </Button>
                    <Popconfirm
                      title={t("adminOps.webhooks.rotateConfirm")}
                      okText={t("adminOps.webhooks.rotate")}
                      cancelText={t("adminOps.webhooks.cancel")}
                      onConfirm={() =>
                        act(async () => {
                          const reply = await api.post<SecretReply>(
                            `/api/v1/webhooks/${w.id}/rotate-secret`,
                          );
                          setSecret({ url: w.url, secret: reply.secret, rotated: true });
                        })
                      }
                    >
                      <Button size="small" data-testid="webhook-rotate">
                        {t("adminOps.webhooks.rotate")}
                      </Button>
                    </Popconfirm>
                    <Popconfirm
                      title={t("adminOps.webhooks.deleteConfirm")}
                      okText={t("adminOps.webhooks.delete")}
                      okButtonProps={{ danger: true }}
                      cancelText={t("adminOps.webhooks.cancel")}
                      onConfirm={() =>
                        act(
                          () => api.delete(`/api/v1/webhooks/${w.id}`),
                          t("adminOps.webhooks.deleted"),
                        )
                      }
                    >
                      <Button size="small" danger data-testid="webhook-delete">
                        {t("adminOps.webhooks.delete")}
                      </Button>
                    </Popconfirm>
                  </Space>
                ),
              },
            ]}
          />
        )}
      </QueryState>
      {editing !== undefined && (
        <WebhookForm
          editing={editing === "new" ? undefined : editing}
          onCancel={() => setEditing(undefined)}
          onSubmit={save}
        />
      )}
      <Modal
        open={secret !== undefined}
        title={
          secret?.rotated
            ? t("adminOps.webhooks.secretRotated")
            : t("adminOps.webhooks.secretTitle")
        }
        onCancel={() => setSecret(undefined)}
        footer={
          <Button type="primary" onClick={() => setSecret(undefined)} data-testid="secret-done">
            {t("adminOps.webhooks.secretDone")}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t("adminOps.webhooks.secretOnce")} />
        <Typography.Paragraph style={{ marginTop: 12 }}>{secret?.url}</Typography.Paragraph>
        <Typography.Paragraph
          code
          copyable={secret ? { text: secret.secret } : false}
          data-testid="webhook-secret"
          style={{ wordBreak: "break-all" }}
        >
          {secret?.secret}
        </Typography.Paragraph>
        <Typography.Paragraph type="secondary">
          {t("adminOps.webhooks.secretHelp")}
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}
