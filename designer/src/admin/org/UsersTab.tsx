/**
 * @module designer/admin/org/UsersTab
 * The admin screen's users: the directory (name, e-mail, role, status, teams) with a search and a
 * status filter; for admins, creating a user (the generated password shown once), editing the
 * name, language and workspace role, disabling, reactivating or marking a user departed, and a
 * password reset (shown once). Managers see the directory read-only; everyone else names only.
 */
import { KeyOutlined, PlusOutlined } from "@ant-design/icons";
import {
  Alert,
  Button,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Select,
  Space,
  Table,
  Tag,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "../../api/types.ts";
import { useApi } from "../../app-context.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import {
  issuesElsewhere,
  type Membership,
  matchesUser,
  type OrgUser,
  planRoleChange,
  ROLES,
  teamsByUser,
  type UserStatus,
} from "./org-model.ts";
import {
  fieldStatus,
  RoleTag,
  StatusTag,
  testIdProps,
  useOrgAccess,
  useWrite,
  withIssues,
} from "./org-ui.tsx";
import { useDirectory } from "./useDirectory.ts";
import "./admin-org.css";

interface NewUser {
  name: string;
  email: string;
  role: Role;
  locale?: "zh-CN" | "en";
  passwordMode: "generate" | "set";
  password?: string;
}

interface UserEdit {
  name: string;
  locale?: "zh-CN" | "en" | null;
  role: Role;
}

const CREATE_FIELDS = ["/name", "/email", "/role", "/locale", "/password"];

export function UsersTab() {
  const { t } = useTranslation();
  const api = useApi();
  const access = useOrgAccess();
  const directory = useDirectory();
  const write = useWrite();
  const [search, setSearch] = useState("");
  const [status, setStatus] = useState<UserStatus | "all">("all");
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<OrgUser>();
  const [shown, setShown] = useState<{ user: string; password: string }>();
  const [createForm] = Form.useForm<NewUser>();
  const [editForm] = Form.useForm<UserEdit>();
  const teams = useMemo(() => teamsByUser(directory.roots), [directory.roots]);

  const roleOptions = ROLES.map((role) => ({ value: role, label: t(`role.${role}`) }));
  const localeOptions = [
    { value: "zh-CN", label: "简体中文" },
    { value: "en", label: "English" },
  ];

  const create = async (values: NewUser) => {
    const body = {
      name: values.name,
      email: values.email,
      role: values.role,
      ...(values.locale ? { locale: values.locale } : {}),
      ...(values.passwordMode === "set" && values.password ? { password: values.password } : {}),
    };
    await write.run(() => api.post<{ user: OrgUser; password?: string }>("/api/v1/users", body), {
      success: t("adminOrg.users.created", { name: values.name }),
      done: (reply) => {
        setCreating(false);
        createForm.resetFields();
        // Show the new user, wherever the list would page them.
        setSearch(reply.user.email ?? reply.user.name);
        setStatus("all");
        if (reply.password) setShown({ user: reply.user.name, password: reply.password });
        directory.reload();
      },
    });
  };

  const saveEdit = async (user: OrgUser, values: UserEdit) => {
    await write.run(
      async () => {
        const patch: Record<string, unknown> = {};
        if (values.name !== user.name) patch.name = values.name;
        if (values.locale && values.locale !== user.locale) patch.locale = values.locale;
        if (Object.keys(patch).length > 0) await api.patch(`/api/v1/users/${user.id}`, patch);
        if (values.role !== user.role) {
          const { items } = await api.get<{ items: Membership[] }>(
            `/api/v1/memberships?userId=${encodeURIComponent(user.id)}`,
          );
          const plan = planRoleChange(items, values.role);
          if (plan.grant)
            await api.post("/api/v1/memberships", { userId: user.id, role: values.role });
          for (const id of plan.revoke) await api.delete(`/api/v1/memberships/${id}`);
        }
      },
      {
        success: t("adminOrg.users.saved", { name: values.name }),
        done: () => {
          setEditing(undefined);
          directory.reload();
        },
      },
    );
    // A partly applied change (renamed, role refused) still shows what is stored now.
    directory.reload();
  };

  const setUserStatus = (user: OrgUser, next: UserStatus) =>
    write.run(() => api.patch(`/api/v1/users/${user.id}`, { status: next }), {
      success: t(`adminOrg.users.statusChanged.${next}`, { name: user.name }),
      done: directory.reload,
    });

  const resetPassword = (user: OrgUser) =>
    write.run(() => api.post<{ password: string }>(`/api/v1/users/${user.id}/reset-password`), {
      done: (reply) => setShown({ user: user.name, password: reply.password }),
    });

  const openEdit = (user: OrgUser) => {
    write.clear();
    setEditing(user);
    editForm.setFieldsValue({
      name: user.name,
      locale: (user.locale as UserEdit["locale"]) ?? null,
      role: user.role ?? "member",
    });
  };

  const actions = (user: OrgUser) => (
    <Space size={4} wrap>
      <Button size="small" onClick={() => openEdit(user)} data-testid="user-edit">
        {t("adminOrg.edit")}
      </Button>
      {user.status === "active" ? (
        <Popconfirm
          title={t("adminOrg.users.disableConfirm", { name: user.name })}
          onConfirm={() => setUserStatus(user, "disabled")}
          okText={t("adminOrg.users.disable")}
          cancelText={t("adminOrg.cancel")}
        >
          <Button size="small" danger data-testid="user-disable">
            {t("adminOrg.users.disable")}
          </Button>
        </Popconfirm>
      ) : (
        <Button
          size="small"
          onClick={() => setUserStatus(user, "active")}
          data-testid="user-reactivate"
        >
          {t("adminOrg.users.reactivate")}
        </Button>
      )}
      {user.status !== "departed" && (
        <Popconfirm
          title={t("adminOrg.users.departConfirm", { name: user.name })}
          onConfirm={() => setUserStatus(user, "departed")}
          okText={t("adminOrg.users.depart")}
          cancelText={t("adminOrg.cancel")}
        >
          <Button size="small" data-testid="user-depart">
            {t("adminOrg.users.depart")}
          </Button>
        </Popconfirm>
      )}
      <Popconfirm
        title={t("adminOrg.users.resetConfirm", { name: user.name })}
        onConfirm={() => resetPassword(user)}
        okText={t("adminOrg.users.reset")}
        cancelText={t("adminOrg.cancel")}
      >
        <Button size="small" icon={<KeyOutlined />} data-testid="user-reset-password">
          {t("adminOrg.users.reset")}
        </Button>
      </Popconfirm>
    </Space>
  );

  const full = access.canReadAll;
  return (
    <div data-testid="admin-users">
      <Flex gap={8} wrap className="admin-org-toolbar" align="center">
        <Input.Search
          allowClear
          placeholder={t("adminOrg.users.search")}
          aria-label={t("adminOrg.users.search")}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          style={{ maxWidth: 280 }}
        />
        {full && (
          <Select
            aria-label={t("adminOrg.users.statusFilter")}
            value={status}
            onChange={setStatus}
            style={{ minWidth: 140 }}
            options={[
              { value: "all", label: t("adminOrg.users.allStatuses") },
              ...(["active", "disabled", "departed"] as const).map((s) => ({
                value: s,
                label: t(`adminOrg.status.${s}`),
              })),
            ]}
          />
        )}
        <div style={{ flex: 1 }} />
        {access.canWrite && (
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => {
              write.clear();
              setCreating(true);
            }}
            data-testid="user-create"
          >
            {t("adminOrg.users.create")}
          </Button>
        )}
      </Flex>
      {!full && (
        <Alert
          type="info"
          showIcon
          title={t("adminOrg.users.namesOnly")}
          className="admin-org-notice"
        />
      )}
      {write.problem && !creating && !editing && (
        <div className="admin-org-notice">
          <ProblemAlert problem={write.problem} />
        </div>
      )}
      <QueryState
        query={directory.users}
        isEmpty={(d) => d.items.length === 0}
        empty={t("adminOrg.users.empty")}
      >
        {(data) => (
          <Table<OrgUser>
            rowKey="id"
            size="middle"
            scroll={{ x: "max-content" }}
            pagination={{ pageSize: 20, hideOnSinglePage: true }}
            dataSource={data.items.filter(
              (u) => matchesUser(u, search) && (status === "all" || u.status === status),
            )}
            columns={[
              {
                title: t("adminOrg.users.name"),
                dataIndex: "name",
                sorter: (a, b) => a.name.localeCompare(b.name),
              },
              ...(full
                ? [
                    { title: t("adminOrg.users.email"), dataIndex: "email" },
                    {
                      title: t("adminOrg.users.role"),
                      key: "role",
                      render: (_: unknown, u: OrgUser) => <RoleTag role={u.role} />,
                    },
                    {
                      title: t("adminOrg.users.status"),
                      key: "status",
                      render: (_: unknown, u: OrgUser) => <StatusTag status={u.status} />,
                    },
                  ]
                : []),
              {
                title: t("adminOrg.users.teams"),
                key: "teams",
                render: (_: unknown, u: OrgUser) => (
                  <Space size={[0, 4]} wrap>
                    {(teams.get(u.id) ?? []).map((team) => (
                      <Tag key={team.id} color={team.manages ? "gold" : undefined}>
                        {team.manages
                          ? t("adminOrg.users.manages", { team: team.name })
                          : team.name}
                      </Tag>
                    ))}
                  </Space>
                ),
              },
              ...(access.canWrite
                ? [
                    {
                      title: t("adminOrg.actions"),
                      key: "actions",
                      render: (_: unknown, u: OrgUser) => actions(u),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>

      <Modal
        open={creating}
        title={t("adminOrg.users.createTitle")}
        okText={t("adminOrg.users.createOk")}
        cancelText={t("adminOrg.cancel")}
        onOk={() => createForm.submit()}
        onCancel={() => setCreating(false)}
        confirmLoading={write.busy}
        okButtonProps={testIdProps("user-create-ok")}
        forceRender
      >
        <Form<NewUser>
          form={createForm}
          layout="vertical"
          onFinish={create}
          initialValues={{ role: "member", passwordMode: "generate", locale: "zh-CN" }}
        >
          <Form.Item
            name="name"
            label={t("adminOrg.users.name")}
            rules={[{ required: true, message: t("adminOrg.required") }]}
            {...fieldStatus(write.problem, "/name")}
          >
            <Input data-testid="user-form-name" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="email"
            label={t("adminOrg.users.email")}
            rules={[{ required: true, message: t("adminOrg.required") }]}
            {...fieldStatus(write.problem, "/email")}
          >
            <Input data-testid="user-form-email" type="email" autoComplete="off" />
          </Form.Item>
          <Flex gap={12} wrap>
            <Form.Item
              name="role"
              label={t("adminOrg.users.role")}
              style={{ minWidth: 180, flex: 1 }}
              {...fieldStatus(write.problem, "/role")}
            >
              <Select options={roleOptions} data-testid="user-form-role" />
            </Form.Item>
            <Form.Item
              name="locale"
              label={t("adminOrg.users.locale")}
              style={{ minWidth: 180, flex: 1 }}
              {...fieldStatus(write.problem, "/locale")}
            >
              <Select options={localeOptions} />
            </Form.Item>
          </Flex>
          <Form.Item name="passwordMode" label={t("adminOrg.users.password")}>
            <Radio.Group>
              <Radio value="generate">{t("adminOrg.users.generate")}</Radio>
              <Radio value="set">{t("adminOrg.users.setPassword")}</Radio>
            </Radio.Group>
          </Form.Item>
          <Form.Item noStyle dependencies={["passwordMode"]}>
            {({ getFieldValue }) =>
              getFieldValue("passwordMode") === "set" && (
                <Form.Item
                  name="password"
                  label={t("adminOrg.users.newPassword")}
                  extra={t("adminOrg.users.passwordHint")}
                  rules={[{ required: true, min: 10, message: t("adminOrg.users.passwordHint") }]}
                  {...fieldStatus(write.problem, "/password")}
                >
                  <Input.Password autoComplete="new-password" />
                </Form.Item>
              )
            }
          </Form.Item>
        </Form>
        {write.problem && creating && (
          <ProblemAlert
            problem={withIssues(write.problem, issuesElsewhere(write.problem, CREATE_FIELDS))}
          />
        )}
      </Modal>

      <Modal
        open={editing !== undefined}
        title={t("adminOrg.users.editTitle", { name: editing?.name ?? "" })}
        okText={t("adminOrg.save")}
        cancelText={t("adminOrg.cancel")}
        onOk={() => editForm.submit()}
        onCancel={() => setEditing(undefined)}
        confirmLoading={write.busy}
        okButtonProps={testIdProps("user-edit-ok")}
        forceRender
      >
        <Form<UserEdit>
          form={editForm}
          layout="vertical"
          onFinish={(values) => editing && saveEdit(editing, values)}
        >
          <Form.Item
            name="name"
            label={t("adminOrg.users.name")}
            rules={[{ required: true, message: t("adminOrg.required") }]}
            {...fieldStatus(write.problem, "/name")}
          >
            <Input data-testid="user-edit-name" />
          </Form.Item>
          <Form.Item
            name="locale"
            label={t("adminOrg.users.locale")}
            {...fieldStatus(write.problem, "/locale")}
          >
            <Select options={localeOptions} allowClear />
          </Form.Item>
          <Form.Item
            name="role"
            label={t("adminOrg.users.role")}
            extra={t("adminOrg.users.roleHint")}
            {...fieldStatus(write.problem, "/role")}
          >
            <Select options={roleOptions} data-testid="user-edit-role" />
          </Form.Item>
        </Form>
        {write.problem && editing && (
          <ProblemAlert
            problem={withIssues(
              write.problem,
              issuesElsewhere(write.problem, ["/name", "/locale", "/role"]),
            )}
          />
        )}
      </Modal>

      <Modal
        open={shown !== undefined}
        title={t("adminOrg.users.passwordTitle", { name: shown?.user ?? "" })}
        onCancel={() => setShown(undefined)}
        footer={
          <Button type="primary" onClick={() => setShown(undefined)} data-testid="password-done">
            {t("adminOrg.users.passwordDone")}
          </Button>
        }
      >
        <Alert type="warning" showIcon title={t("adminOrg.users.passwordOnce")} />
        <Typography.Paragraph
          copyable={{ text: shown?.password ?? "" }}
          className="admin-org-password"
          style={{ marginTop: 16 }}
        >
          <code data-testid="generated-password">{shown?.password}</code>
        </Typography.Paragraph>
      </Modal>
    </div>
  );
}
