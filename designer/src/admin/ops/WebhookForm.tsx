/**
 * @module designer/admin/ops/WebhookForm
 * Creating or changing a webhook subscription in a modal: URL, description, the events (from the
 * list the API accepts), optional form and flow filters, active, and the private-network switch
 * the SSRF rule asks for before a localhost or intranet URL is accepted. The server's refusal is
 * shown with its pointers; a pointer at a field also marks that field.
 */
import { type Button, Checkbox, Form, Input, Modal, Select, Switch } from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiProblem } from "../../api/problem.ts";
import { toProblem } from "../../api/problem.ts";
import type { DefinitionSummary, ListReply } from "../../api/types.ts";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { type Language, localized } from "../../i18n/language.ts";
import {
  WEBHOOK_EVENTS,
  type WebhookFormValues,
  type WebhookSubscription,
  webhookBody,
} from "./webhook-model.ts";

/** Whether a text is an absolute http(s) URL (the server checks the rest). */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return url.protocol === "https:" || url.protocol === "http:";
  } catch {
    return false;
  }
}

function useKeyOptions(kind: "form" | "flow") {
  const { i18n } = useTranslation();
  const language = i18n.language as Language;
  const query = useApiQuery<ListReply<DefinitionSummary>>(`/api/v1/definitions?kind=${kind}`);
  return useMemo(() => {
    const seen = new Map<string, string>();
    for (const d of query.data?.items ?? [])
      if (!seen.has(d.key)) seen.set(d.key, localized(d.name, language) || d.key);
    return [...seen].map(([value, name]) => ({ value, label: `${name} (${value})` }));
  }, [query.data, language]);
}

export function WebhookForm({
  editing,
  onCancel,
  onSubmit,
}: {
  /** The subscription changed, or undefined to create one. */
  editing: WebhookSubscription | undefined;
  onCancel(): void;
  /** Sends the body (POST or PATCH); throws the API's problem. */
  onSubmit(body: Record<string, unknown>): Promise<void>;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<WebhookFormValues>();
  const [problem, setProblem] = useState<ApiProblem>();
  const [saving, setSaving] = useState(false);
  const formOptions = useKeyOptions("form");
  const flowOptions = useKeyOptions("flow");

  const initial: WebhookFormValues = editing
    ? {
        url: editing.url,
        events: [...editing.events],
        description: editing.description ?? "",
        forms: [...(editing.forms ?? [])],
        flows: [...(editing.flows ?? [])],
        active: editing.active,
        allowPrivateNetwork: editing.allowPrivateNetwork,
      }
    : {
        url: "",
        events: [],
        description: "",
        forms: [],
        flows: [],
        active: true,
        allowPrivateNetwork: false,
      };

  const submit = async () => {
    const values = await form.validateFields();
    const body = webhookBody(values, editing);
    if (editing && Object.keys(body).length === 0) return onCancel();
    setSaving(true);
    setProblem(undefined);
    try {
      await onSubmit(body);
    } catch (error) {
      const found = toProblem(error);
      setProblem(found);
      // Mark the fields the issues point at (/url, /events/0 …).
      const fields = new Map<string, string[]>();
      for (const issue of found.issues) {
        const name = issue.pointer.split("/")[1];
        if (name && name in initial) fields.set(name, [...(fields.get(name) ?? []), issue.message]);
      }
      form.setFields(
        [...fields].map(([name, errors]) => ({ name: name as keyof WebhookFormValues, errors })),
      );
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open
      title={editing ? t("adminOps.webhooks.editTitle") : t("adminOps.webhooks.createTitle")}
      okText={t("adminOps.webhooks.save")}
      cancelText={t("adminOps.webhooks.cancel")}
      confirmLoading={saving}
      onOk={() => void submit()}
      onCancel={onCancel}
      okButtonProps={{ "data-testid": "webhook-save" } as React.ComponentProps<typeof Button>}
      width={640}
      destroyOnHidden
    >
      <Form<WebhookFormValues>
        form={form}
        layout="vertical"
        initialValues={initial}
        data-testid="webhook-form"
      >
        <Form.Item
          name="url"
          label={t("adminOps.webhooks.url")}
          extra={t("adminOps.webhooks.urlHelp")}
          rules={[
            { required: true, message: t("adminOps.webhooks.urlRequired") },
            {
              validator: (_, value: string | undefined) =>
                !value || isHttpUrl(value)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t("adminOps.webhooks.urlInvalid"))),
            },
          ]}
        >
          <Input data-testid="webhook-url" placeholder="https://example.com/hooks/kamflow" />
        </Form.Item>
        <Form.Item name="description" label={t("adminOps.webhooks.description")}>
          <Input data-testid="webhook-description" maxLength={500} />
        </Form.Item>
        <Form.Item
          name="events"
          label={t("adminOps.webhooks.events")}
          rules={[
            {
              required: true,
              type: "array",
              min: 1,
              message: t("adminOps.webhooks.eventsRequired"),
            },
          ]}
        >
          <Checkbox.Group
            data-testid="webhook-events"
            options={WEBHOOK_EVENTS.map((event) => ({
              value: event,
              label: (
                <span>
                  <code>{event}</code> {t(`adminOps.webhooks.event.${event.replace(".", "_")}`)}
                </span>
              ),
            }))}
            style={{ display: "grid", gridTemplateColumns: "1fr 1fr", gap: 8 }}
          />
        </Form.Item>
        <Form.Item
          name="forms"
          label={t("adminOps.webhooks.forms")}
          extra={t("adminOps.webhooks.formsHelp")}
        >
          <Select mode="tags" options={formOptions} placeholder={t("adminOps.webhooks.every")} />
        </Form.Item>
        <Form.Item
          name="flows"
          label={t("adminOps.webhooks.flows")}
          extra={t("adminOps.webhooks.flowsHelp")}
        >
          <Select mode="tags" options={flowOptions} placeholder={t("adminOps.webhooks.every")} />
        </Form.Item>
        <Form.Item name="active" label={t("adminOps.webhooks.active")} valuePropName="checked">
          <Switch data-testid="webhook-active-input" />
        </Form.Item>
        <Form.Item
          name="allowPrivateNetwork"
          valuePropName="checked"
          extra={t("adminOps.webhooks.privateHelp")}
        >
          <Checkbox data-testid="webhook-private">{t("adminOps.webhooks.allowPrivate")}</Checkbox>
        </Form.Item>
      </Form>
      {problem && <ProblemAlert problem={problem} />}
    </Modal>
  );
}
