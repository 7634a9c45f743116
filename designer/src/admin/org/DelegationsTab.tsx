/**
 * @module designer/admin/org/DelegationsTab
 * The admin screen's delegations: who acts for whom, from when to when, for which form or flow
 * (or all requests), and whether it applies now. Admins and managers see every delegation,
 * everyone else theirs; admins delegate anyone's tasks, people who work on tasks their own;
 * a delegation is ended early by the person who delegated or an admin.
 */
import { PlusOutlined } from "@ant-design/icons";
import {
  Button,
  DatePicker,
  Flex,
  Form,
  Modal,
  Popconfirm,
  Select,
  Switch,
  Table,
  Tag,
  Typography,
} from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import type { DefinitionSummary } from "../../api/types.ts";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { useApi } from "../../app-context.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { type Language, localized } from "../../i18n/language.ts";
import {
  type Delegation,
  type DelegationState,
  delegationState,
  issuesElsewhere,
} from "./org-model.ts";
import {
  fieldStatus,
  NotAllowed,
  testIdProps,
  useOrgAccess,
  useWrite,
  withIssues,
} from "./org-ui.tsx";
import { useDirectory } from "./useDirectory.ts";
import "./admin-org.css";

interface DelegationForm {
  userId?: string;
  delegateId: string;
  period: [Dayjs, Dayjs];
  formKey?: string;
  flowKey?: string;
}

const FIELDS = ["/userId", "/delegateId", "/startsAt", "/endsAt", "/formKey", "/flowKey"];
const STATE_COLOR: Record<DelegationState, string> = {
  active: "green",
  scheduled: "blue",
  ended: "default",
};
const when = (ms: number) => dayjs(ms).format("YYYY-MM-DD HH:mm");

export function DelegationsTab() {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const api = useApi();
  const access = useOrgAccess();
  const directory = useDirectory();
  const write = useWrite();
  const [current, setCurrent] = useState(true);
  const [creating, setCreating] = useState(false);
  const [form] = Form.useForm<DelegationForm>();
  const scope = access.canReadAll ? "all" : "mine";
  const list = useApiQuery<{ items: Delegation[] }>(
    `/api/v1/delegations?scope=${scope}${current ? "&current=true" : ""}`,
  );
  const forms = useApiQuery<{ items: DefinitionSummary[] }>("/api/v1/definitions?kind=form");
  const flows = useApiQuery<{ items: DefinitionSummary[] }>("/api/v1/definitions?kind=flow");
  const meId = access.me?.user.id;
  const now = Date.now();

  if (list.error?.status === 403) return <NotAllowed />;

  const definitionOptions = (items: readonly DefinitionSummary[] | undefined) =>
    [...new Map((items ?? []).map((d) => [d.key, d])).values()].map((d) => ({
      value: d.key,
      label: `${localized(d.name, language) || d.key} (${d.key})`,
    }));
  const nameOfDefinition = (key: string, items: readonly DefinitionSummary[] | undefined) => {
    const found = items?.find((d) => d.key === key);
    return found ? localized(found.name, language) || key : key;
  };

  const openCreate = () => {
    write.clear();
    form.resetFields();
    form.setFieldsValue({
      userId: meId,
      period: [dayjs().startOf("minute"), dayjs().add(7, "day").endOf("day").startOf("minute")],
    });
    setCreating(true);
  };

  const create = (values: DelegationForm) => {
    const [from, to] = values.period;
    const body = {
      ...(access.canWrite && values.userId && values.userId !== meId
        ? { userId: values.userId }
        : {}),
      delegateId: values.delegateId,
      startsAt: from.valueOf(),
      endsAt: to.valueOf(),
      ...(values.formKey ? { formKey: values.formKey } : {}),
      ...(values.flowKey ? { flowKey: values.flowKey } : {}),
    };
    return write.run(() => api.post("/api/v1/delegations", body), {
      success: t("adminOrg.delegations.created", { name: directory.nameOf(values.delegateId) }),
      done: () => {
        setCreating(false);
        list.reload();
      },
    });
  };

  const end = (d: Delegation) =>
    write.run(() => api.post(`/api/v1/delegations/${d.id}/end`), {
      success: t("adminOrg.delegations.ended"),
      done: list.reload,
    });

  const mayEnd = (d: Delegation) =>
    delegationState(d, now) !== "ended" &&
    (access.canWrite || (access.canDelegate && d.userId === meId));

  return (
    <div data-testid="admin-delegations">
      <Flex gap={12} wrap className="admin-org-toolbar" align="center">
        <Typography.Text type="secondary">
          {access.canReadAll ? t("adminOrg.delegations.all") : t("adminOrg.delegations.mine")}
        </Typography.Text>
        <Switch
          size="small"
          checked={current}
          onChange={setCurrent}
          aria-label={t("adminOrg.delegations.currentOnly")}
          data-testid="delegations-current"
        />
        <Typography.Text>{t("adminOrg.delegations.currentOnly")}</Typography.Text>
        <div style={{ flex: 1 }} />
        {access.canDelegate && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={openCreate}
            data-testid="delegation-create"
          >
            {t("adminOrg.delegations.create")}
          </Button>
        )}
      </Flex>
      {write.problem && !creating && (
        <div className="admin-org-notice">
          <ProblemAlert problem={write.problem} />
        </div>
      )}
      <QueryState
        query={list}
        isEmpty={(d) => d.items.length === 0}
        empty={t("adminOrg.delegations.empty")}
      >
        {(data) => (
          <Table<Delegation>
            rowKey="id"
            size="middle"
            scroll={{ x: "max-content" }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={data.items}
            onRow={(d) => ({ "data-state": delegationState(d, now) }) as object}
            columns={[
              {
                title: t("adminOrg.delegations.user"),
                key: "user",
                render: (_, d) => directory.nameOf(d.userId),
              },
              {
                title: t("adminOrg.delegations.delegate"),
                key: "delegate",
                render: (_, d) => directory.nameOf(d.delegateId),
              },
              {
                title: t("adminOrg.delegations.from"),
                key: "from",
                render: (_, d) => when(d.startsAt),
              },
              { title: t("adminOrg.delegations.to"), key: "to", render: (_, d) => when(d.endsAt) },
              {
                title: t("adminOrg.delegations.scope"),
                key: "scope",
                render: (_, d) =>
                  d.formKey || d.flowKey ? (
                    <>
                      {d.formKey && (
                        <Tag>
                          {t("adminOrg.delegations.formTag", {
                            name: nameOfDefinition(d.formKey, forms.data?.items),
                          })}
                        </Tag>
                      )}
                      {d.flowKey && (
                        <Tag>
                          {t("adminOrg.delegations.flowTag", {
                            name: nameOfDefinition(d.flowKey, flows.data?.items),
                          })}
                        </Tag>
                      )}
                    </>
                  ) : (
                    t("adminOrg.delegations.everything")
                  ),
              },
              {
                title: t("adminOrg.delegations.state"),
                key: "state",
                render: (_, d) => {
                  const state = delegationState(d, now);
                  return (
                    <Tag
                      color={STATE_COLOR[state]}
                      data-testid="delegation-state"
                      data-state={state}
                    >
                      {t(`adminOrg.delegations.states.${state}`)}
                    </Tag>
                  );
                },
              },
              {
                title: t("adminOrg.actions"),
                key: "actions",
                render: (_, d) =>
                  mayEnd(d) && (
                    <Popconfirm
                      title={t("adminOrg.delegations.endConfirm")}
                      onConfirm={() => end(d)}
                      okText={t("adminOrg.delegations.end")}
                      cancelText={t("adminOrg.cancel")}
                    >
                      <Button size="small" danger data-testid="delegation-end">
                        {t("adminOrg.delegations.end")}
                      </Button>
                    </Popconfirm>
                  ),
              },
            ]}
          />
        )}
      </QueryState>

      <Modal
        open={creating}
        title={t("adminOrg.delegations.createTitle")}
        okText={t("adminOrg.delegations.createOk")}
        cancelText={t("adminOrg.cancel")}
        onOk={() => form.submit()}
        onCancel={() => setCreating(false)}
        confirmLoading={write.busy}
        okButtonProps={testIdProps("delegation-create-ok")}
        forceRender
      >
        <Form<DelegationForm> form={form} layout="vertical" onFinish={create}>
          <Form.Item
            name="userId"
            label={t("adminOrg.delegations.user")}
            extra={access.canWrite ? undefined : t("adminOrg.delegations.onlyMine")}
            {...fieldStatus(write.problem, "/userId")}
          >
            <Select
              disabled={!access.canWrite}
              showSearch={{ optionFilterProp: "label" }}
              options={
                access.canWrite
                  ? directory.userOptions
                  : [{ value: meId ?? "", label: access.me?.user.name ?? meId ?? "" }]
              }
              data-testid="delegation-user"
            />
          </Form.Item>
          <Form.Item
            name="delegateId"
            label={t("adminOrg.delegations.delegate")}
            rules={[{ required: true, message: t("adminOrg.required") }]}
            {...fieldStatus(write.problem, "/delegateId")}
          >
            <Select
              showSearch={{ optionFilterProp: "label" }}
              options={directory.userOptions}
              data-testid="delegation-delegate"
            />
          </Form.Item>
          <Form.Item
            name="period"
            label={t("adminOrg.delegations.period")}
            rules={[{ required: true, message: t("adminOrg.required") }]}
            {...(fieldStatus(write.problem, "/endsAt").help
              ? fieldStatus(write.problem, "/endsAt")
              : fieldStatus(write.problem, "/startsAt"))}
          >
            <DatePicker.RangePicker
              showTime={{ format: "HH:mm" }}
              format="YYYY-MM-DD HH:mm"
              style={{ width: "100%" }}
              data-testid="delegation-period"
            />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item
              name="formKey"
              label={t("adminOrg.delegations.form")}
              style={{ flex: 1, minWidth: 180 }}
              {...fieldStatus(write.problem, "/formKey")}
            >
              <Select
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                placeholder={t("adminOrg.delegations.anyForm")}
                options={definitionOptions(forms.data?.items)}
              />
            </Form.Item>
            <Form.Item
              name="flowKey"
              label={t("adminOrg.delegations.flow")}
              style={{ flex: 1, minWidth: 180 }}
              {...fieldStatus(write.problem, "/flowKey")}
            >
              <Select
                allowClear
                showSearch={{ optionFilterProp: "label" }}
                placeholder={t("adminOrg.delegations.anyFlow")}
                options={definitionOptions(flows.data?.items)}
              />
            </Form.Item>
          </Flex>
        </Form>
        {write.problem && creating && (
          <ProblemAlert
            problem={withIssues(write.problem, issuesElsewhere(write.problem, FIELDS))}
          />
        )}
      </Modal>
    </div>
  );
}
