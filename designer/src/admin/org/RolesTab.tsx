/**
 * @module designer/admin/org/RolesTab
 * The admin screen's roles: access roles (memberships: admin, designer, manager, member, viewer,
 * workspace-wide or within a team; a user's role is the most privileged they hold) and business
 * roles (kam, service-desk, department-director… that approver specs name, optionally within a
 * team). Admins grant and revoke; managers read; others get the "not allowed" state (403).
 */
import { SafetyCertificateOutlined, TeamOutlined } from "@ant-design/icons";
import {
  AutoComplete,
  Button,
  Card,
  Flex,
  Popconfirm,
  Select,
  Space,
  Table,
  Tag,
  TreeSelect,
} from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { ApiProblem } from "../../api/problem.ts";
import type { Role } from "../../api/types.ts";
import { useApiQuery } from "../../api/useApiQuery.ts";
import { useApi } from "../../app-context.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import { type BusinessRoleGrant, type Membership, ROLES, teamTree } from "./org-model.ts";
import { NotAllowed, ReadOnlyNotice, RoleTag, useOrgAccess, useWrite } from "./org-ui.tsx";
import { type Directory, useDirectory } from "./useDirectory.ts";
import "./admin-org.css";

/** Business roles the demo and the bundled packs' approver specs name. */
const KNOWN_BUSINESS_ROLES = [
  "kam",
  "sales-director",
  "department-director",
  "service-desk",
  "vp",
  "executive-sponsor",
];

/** Grants newest first, so what was just granted shows on the first page. */
const newestFirst = <T extends { createdAt: number }>(items: readonly T[]) =>
  [...items].sort((a, b) => b.createdAt - a.createdAt);

const forbidden = (problem: ApiProblem | undefined) => problem?.status === 403;

export function RolesTab() {
  const { t } = useTranslation();
  const access = useOrgAccess();
  const directory = useDirectory();
  const memberships = useApiQuery<{ items: Membership[] }>("/api/v1/memberships");
  const grants = useApiQuery<{ items: BusinessRoleGrant[] }>("/api/v1/business-roles");
  const [userFilter, setUserFilter] = useState<string>();

  if (forbidden(memberships.error) || forbidden(grants.error) || !access.canReadAll)
    return <NotAllowed what={t("adminOrg.roles.notAllowed")} />;

  return (
    <div data-testid="admin-roles">
      {!access.canWrite && <ReadOnlyNotice />}
      <Flex gap={8} wrap className="admin-org-toolbar" align="center">
        <Select
          allowClear
          showSearch={{ optionFilterProp: "label" }}
          aria-label={t("adminOrg.roles.filterUser")}
          placeholder={t("adminOrg.roles.filterUser")}
          value={userFilter}
          onChange={setUserFilter}
          options={directory.userList.map((u) => ({ value: u.id, label: u.name }))}
          style={{ minWidth: 240 }}
        />
      </Flex>
      <Space orientation="vertical" size={16} style={{ width: "100%" }}>
        <Card
          size="small"
          title={
            <span>
              <SafetyCertificateOutlined /> {t("adminOrg.roles.access")}
            </span>
          }
          data-testid="access-roles"
        >
          <AccessRoles
            directory={directory}
            items={memberships}
            userFilter={userFilter}
            canWrite={access.canWrite}
          />
        </Card>
        <Card
          size="small"
          title={
            <span>
              <TeamOutlined /> {t("adminOrg.roles.business")}
            </span>
          }
          data-testid="business-roles"
        >
          <BusinessRoles
            directory={directory}
            items={grants}
            userFilter={userFilter}
            canWrite={access.canWrite}
          />
        </Card>
      </Space>
    </div>
  );
}

type ListQuery<T> = ReturnType<typeof useApiQuery<{ items: T[] }>>;

function scopeOf(directory: Directory, teamId: string | null, t: (key: string) => string) {
  return teamId ? <Tag>{directory.teamNameOf(teamId)}</Tag> : t("adminOrg.roles.workspace");
}

function AccessRoles({
  directory,
  items,
  userFilter,
  canWrite,
}: {
  directory: Directory;
  items: ListQuery<Membership>;
  userFilter: string | undefined;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const write = useWrite();
  const [userId, setUserId] = useState<string>();
  const [role, setRole] = useState<Role>("member");
  const [teamId, setTeamId] = useState<string>();
  const refresh = () => {
    items.reload();
    directory.reload();
  };

  const grant = () =>
    userId &&
    write.run(
      () => api.post("/api/v1/memberships", { userId, role, ...(teamId ? { teamId } : {}) }),
      {
        success: t("adminOrg.roles.granted", { name: directory.nameOf(userId) }),
        done: refresh,
      },
    );
  const revoke = (m: Membership) =>
    write.run(() => api.delete(`/api/v1/memberships/${m.id}`), {
      success: t("adminOrg.roles.revoked", { name: directory.nameOf(m.userId) }),
      done: refresh,
    });

  return (
    <>
      {write.problem && (
        <div className="admin-org-notice">
          <ProblemAlert problem={write.problem} />
        </div>
      )}
      {canWrite && (
        <Flex gap={8} wrap className="admin-org-toolbar">
          <Select
            showSearch={{ optionFilterProp: "label" }}
            aria-label={t("adminOrg.roles.user")}
            placeholder={t("adminOrg.roles.user")}
            value={userId}
            onChange={setUserId}
            options={directory.userOptions}
            style={{ minWidth: 220, flex: 1 }}
            data-testid="membership-user"
          />
          <Select
            aria-label={t("adminOrg.roles.role")}
            value={role}
            onChange={setRole}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            style={{ minWidth: 120 }}
            data-testid="membership-role"
          />
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            aria-label={t("adminOrg.roles.team")}
            placeholder={t("adminOrg.roles.workspace")}
            value={teamId}
            onChange={setTeamId}
            treeData={teamTree(directory.roots)}
            style={{ minWidth: 180 }}
          />
          <Button
            type="primary"
            onClick={grant}
            disabled={!userId}
            loading={write.busy}
            data-testid="membership-grant"
          >
            {t("adminOrg.roles.grant")}
          </Button>
        </Flex>
      )}
      <QueryState query={items} isEmpty={() => false} empty="">
        {(data) => (
          <Table<Membership>
            rowKey="id"
            size="small"
            scroll={{ x: "max-content" }}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={newestFirst(data.items).filter(
              (m) => !userFilter || m.userId === userFilter,
            )}
            columns={[
              {
                title: t("adminOrg.roles.user"),
                key: "user",
                render: (_, m) => directory.nameOf(m.userId),
                sorter: (a, b) =>
                  directory.nameOf(a.userId).localeCompare(directory.nameOf(b.userId)),
              },
              {
                title: t("adminOrg.roles.role"),
                key: "role",
                render: (_, m) => <RoleTag role={m.role} />,
              },
              {
                title: t("adminOrg.roles.scope"),
                key: "scope",
                render: (_, m) => scopeOf(directory, m.teamId, t),
              },
              ...(canWrite
                ? [
                    {
                      title: t("adminOrg.actions"),
                      key: "actions",
                      render: (_: unknown, m: Membership) => (
                        <Popconfirm
                          title={t("adminOrg.roles.revokeConfirm", {
                            name: directory.nameOf(m.userId),
                            role: t(`role.${m.role}`),
                          })}
                          onConfirm={() => revoke(m)}
                          okText={t("adminOrg.roles.revoke")}
                          cancelText={t("adminOrg.cancel")}
                        >
                          <Button size="small" danger data-testid="membership-revoke">
                            {t("adminOrg.roles.revoke")}
                          </Button>
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>
    </>
  );
}

function BusinessRoles({
  directory,
  items,
  userFilter,
  canWrite,
}: {
  directory: Directory;
  items: ListQuery<BusinessRoleGrant>;
  userFilter: string | undefined;
  canWrite: boolean;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const write = useWrite();
  const [userId, setUserId] = useState<string>();
  const [role, setRole] = useState("");
  const [teamId, setTeamId] = useState<string>();
  const held = items.data?.items;
  const known = useMemo(
    () => [...new Set([...KNOWN_BUSINESS_ROLES, ...(held ?? []).map((g) => g.role)])].sort(),
    [held],
  );

  const grant = () =>
    userId &&
    write.run(
      () =>
        api.post("/api/v1/business-roles", {
          userId,
          role: role.trim(),
          ...(teamId ? { teamId } : {}),
        }),
      {
        success: t("adminOrg.roles.granted", { name: directory.nameOf(userId) }),
        done: () => {
          setRole("");
          items.reload();
        },
      },
    );
  const revoke = (g: BusinessRoleGrant) =>
    write.run(() => api.delete(`/api/v1/business-roles/${g.id}`), {
      success: t("adminOrg.roles.revoked", { name: directory.nameOf(g.userId) }),
      done: items.reload,
    });
  const roleIssue = write.problem?.issues.some((i) => i.pointer.startsWith("/role"));

  return (
    <>
      {write.problem && (
        <div className="admin-org-notice">
          <ProblemAlert problem={write.problem} />
        </div>
      )}
      {canWrite && (
        <Flex gap={8} wrap className="admin-org-toolbar">
          <Select
            showSearch={{ optionFilterProp: "label" }}
            aria-label={t("adminOrg.roles.user")}
            placeholder={t("adminOrg.roles.user")}
            value={userId}
            onChange={setUserId}
            options={directory.userOptions}
            style={{ minWidth: 220, flex: 1 }}
            data-testid="business-role-user"
          />
          <AutoComplete
            aria-label={t("adminOrg.roles.businessRole")}
            placeholder={t("adminOrg.roles.businessRoleHint")}
            value={role}
            onChange={setRole}
            options={known.map((k) => ({ value: k }))}
            filterOption={(input, option) => String(option?.value ?? "").includes(input)}
            status={roleIssue ? "error" : undefined}
            style={{ minWidth: 200 }}
            data-testid="business-role-key"
          />
          <TreeSelect
            allowClear
            treeDefaultExpandAll
            aria-label={t("adminOrg.roles.team")}
            placeholder={t("adminOrg.roles.workspace")}
            value={teamId}
            onChange={setTeamId}
            treeData={teamTree(directory.roots)}
            style={{ minWidth: 180 }}
          />
          <Button
            type="primary"
            onClick={grant}
            disabled={!userId || !role.trim()}
            loading={write.busy}
            data-testid="business-role-grant"
          >
            {t("adminOrg.roles.grant")}
          </Button>
        </Flex>
      )}
      <QueryState query={items} isEmpty={() => false} empty="">
        {(data) => (
          <Table<BusinessRoleGrant>
            rowKey="id"
            size="small"
            scroll={{ x: "max-content" }}
            pagination={{ pageSize: 10, hideOnSinglePage: true }}
            dataSource={newestFirst(data.items).filter(
              (g) => !userFilter || g.userId === userFilter,
            )}
            columns={[
              {
                title: t("adminOrg.roles.user"),
                key: "user",
                render: (_, g) => directory.nameOf(g.userId),
                sorter: (a, b) =>
                  directory.nameOf(a.userId).localeCompare(directory.nameOf(b.userId)),
              },
              {
                title: t("adminOrg.roles.businessRole"),
                key: "role",
                render: (_, g) => <Tag color="geekblue">{g.role}</Tag>,
                sorter: (a, b) => a.role.localeCompare(b.role),
              },
              {
                title: t("adminOrg.roles.scope"),
                key: "scope",
                render: (_, g) => scopeOf(directory, g.teamId, t),
              },
              ...(canWrite
                ? [
                    {
                      title: t("adminOrg.actions"),
                      key: "actions",
                      render: (_: unknown, g: BusinessRoleGrant) => (
                        <Popconfirm
                          title={t("adminOrg.roles.revokeConfirm", {
                            name: directory.nameOf(g.userId),
                            role: g.role,
                          })}
                          onConfirm={() => revoke(g)}
                          okText={t("adminOrg.roles.revoke")}
                          cancelText={t("adminOrg.cancel")}
                        >
                          <Button size="small" danger data-testid="business-role-revoke">
                            {t("adminOrg.roles.revoke")}
                          </Button>
                        </Popconfirm>
                      ),
                    },
                  ]
                : []),
            ]}
          />
        )}
      </QueryState>
    </>
  );
}
