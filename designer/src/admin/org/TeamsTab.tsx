/**
 * @module designer/admin/org/TeamsTab
 * The admin screen's teams and managers: the org chart as a tree (manager-chain approvers walk it
 * up) and the selected team's details and members. Admins create teams (parent, manager), rename
 * or move one (never below itself), set or clear its manager, add members with an access role in
 * the team and take them out. Everyone else reads the chart.
 */
import { ApartmentOutlined, PlusOutlined, UserAddOutlined } from "@ant-design/icons";
import {
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tree,
  TreeSelect,
  Typography,
} from "antd";
import { useMemo, useState } from "react";
import { useTranslation } from "react-i18next";
import type { Role } from "../../api/types.ts";
import { useApi } from "../../app-context.tsx";
import { ProblemAlert } from "../../components/ProblemAlert.tsx";
import { QueryState } from "../../components/QueryState.tsx";
import {
  findTeam,
  issuesElsewhere,
  ROLES,
  subtreeIds,
  type TeamNode,
  teamTree,
} from "./org-model.ts";
import {
  fieldStatus,
  ReadOnlyNotice,
  RoleTag,
  testIdProps,
  useOrgAccess,
  useWrite,
  withIssues,
} from "./org-ui.tsx";
import { type Directory, useDirectory } from "./useDirectory.ts";
import "./admin-org.css";

interface TeamForm {
  key?: string;
  name: string;
  parentId?: string | null;
  managerId?: string | null;
}

const TEAM_FIELDS = ["/key", "/name", "/parentId", "/managerId"];

export function TeamsTab() {
  const { t } = useTranslation();
  const api = useApi();
  const access = useOrgAccess();
  const directory = useDirectory();
  const write = useWrite();
  const [selected, setSelected] = useState<string>();
  const [modal, setModal] = useState<"create" | "edit">();
  const [form] = Form.useForm<TeamForm>();
  const roots = directory.roots;
  const team = findTeam(roots, selected) ?? roots[0];

  const openCreate = () => {
    write.clear();
    form.resetFields();
    form.setFieldsValue({ parentId: team?.id ?? null, managerId: null });
    setModal("create");
  };
  const openEdit = (current: TeamNode) => {
    write.clear();
    form.resetFields();
    form.setFieldsValue({
      name: current.name,
      parentId: current.parentId,
      managerId: current.managerId,
    });
    setModal("edit");
  };

  const submit = async (values: TeamForm) => {
    if (modal === "create") {
      const body = {
        key: values.key,
        name: values.name,
        ...(values.parentId ? { parentId: values.parentId } : {}),
        ...(values.managerId ? { managerId: values.managerId } : {}),
      };
      await write.run(() => api.post<{ team: TeamNode }>("/api/v1/teams", body), {
        success: t("adminOrg.teams.created", { name: values.name }),
        done: (reply) => {
          setModal(undefined);
          setSelected(reply.team.id);
          directory.reload();
        },
      });
    } else if (team) {
      const patch: Record<string, unknown> = {};
      if (values.name !== team.name) patch.name = values.name;
      if ((values.parentId ?? null) !== team.parentId) patch.parentId = values.parentId ?? null;
      if ((values.managerId ?? null) !== team.managerId) patch.managerId = values.managerId ?? null;
      if (Object.keys(patch).length === 0) {
        setModal(undefined);
        return;
      }
      await write.run(() => api.patch(`/api/v1/teams/${team.id}`, patch), {
        success: t("adminOrg.teams.saved", { name: values.name }),
        done: () => {
          setModal(undefined);
          directory.reload();
        },
      });
    }
  };

  const treeData = useMemo(() => {
    const title = (node: TeamNode) => (
      <span className="admin-org-tree-title">
        {node.name}
        {node.managerId && <small>{directory.nameOf(node.managerId)}</small>}
      </span>
    );
    const convert = (
      node: TeamNode,
    ): { key: string; title: React.ReactNode; children: unknown[] } => ({
      key: node.id,
      title: title(node),
      children: node.children.map(convert),
    });
    return roots.map(convert);
  }, [roots, directory.nameOf]);

  const parentChoices = useMemo(
    () => teamTree(roots, modal === "edit" && team ? subtreeIds(team) : new Set()),
    [roots, modal, team],
  );

  return (
    <div data-testid="admin-teams">
      {!access.canWrite && <ReadOnlyNotice />}
      {write.problem && !modal && (
        <div className="admin-org-notice">
          <ProblemAlert problem={write.problem} />
        </div>
      )}
      <QueryState query={directory.teams} isEmpty={() => false} empty={t("adminOrg.teams.empty")}>
        {() => (
          <div className="admin-org-teams">
            <Card
              size="small"
              title={
                <span>
                  <ApartmentOutlined /> {t("adminOrg.teams.chart")}
                </span>
              }
              extra={
                access.canWrite && (
                  <Button
                    size="small"
                    type="primary"
                    icon={<PlusOutlined />}
                    onClick={openCreate}
                    data-testid="team-create"
                  >
                    {t("adminOrg.teams.create")}
                  </Button>
                )
              }
            >
              {roots.length === 0 ? (
                <Empty description={t("adminOrg.teams.empty")} />
              ) : (
                <Tree
                  blockNode
                  defaultExpandAll
                  aria-label={t("adminOrg.teams.chart")}
                  selectedKeys={team ? [team.id] : []}
                  onSelect={(keys) => keys[0] !== undefined && setSelected(String(keys[0]))}
                  treeData={treeData as never}
                  data-testid="team-tree"
                />
              )}
            </Card>
            {team ? (
              <TeamDetails
                key={team.id}
                team={team}
                directory={directory}
                canWrite={access.canWrite}
                onEdit={() => openEdit(team)}
              />
            ) : (
              <Empty description={t("adminOrg.teams.select")} />
            )}
          </div>
        )}
      </QueryState>

      <Modal
        open={modal !== undefined}
        title={
          modal === "create"
            ? t("adminOrg.teams.createTitle")
            : t("adminOrg.teams.editTitle", { name: team?.name ?? "" })
        }
        okText={modal === "create" ? t("adminOrg.teams.createOk") : t("adminOrg.save")}
        cancelText={t("adminOrg.cancel")}
        onOk={() => form.submit()}
        onCancel={() => setModal(undefined)}
        confirmLoading={write.busy}
        okButtonProps={testIdProps("team-form-ok")}
        forceRender
      >
        <Form<TeamForm> form={form} layout="vertical" onFinish={submit}>
          {modal === "create" && (
            <Form.Item
              name="key"
              label={t("adminOrg.teams.key")}
              extra={t("adminOrg.teams.keyHint")}
              rules={[{ required: true, message: t("adminOrg.required") }]}
              {...fieldStatus(write.problem, "/key")}
            >
              <Input data-testid="team-form-key" autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item
            name="name"
            label={t("adminOrg.teams.name")}
            rules={[{ required: true, message: t("adminOrg.required") }]}
            {...fieldStatus(write.problem, "/name")}
          >
            <Input data-testid="team-form-name" autoComplete="off" />
          </Form.Item>
          <Form.Item
            name="parentId"
            label={t("adminOrg.teams.parent")}
            extra={t("adminOrg.teams.parentHint")}
            {...fieldStatus(write.problem, "/parentId")}
          >
            <TreeSelect
              allowClear
              treeDefaultExpandAll
              treeData={parentChoices}
              placeholder={t("adminOrg.teams.topLevel")}
              data-testid="team-form-parent"
            />
          </Form.Item>
          <Form.Item
            name="managerId"
            label={t("adminOrg.teams.manager")}
            {...fieldStatus(write.problem, "/managerId")}
          >
            <Select
              allowClear
              showSearch={{ optionFilterProp: "label" }}
              options={directory.userOptions}
              placeholder={t("adminOrg.teams.noManager")}
              data-testid="team-form-manager"
            />
          </Form.Item>
        </Form>
        {write.problem && modal && (
          <ProblemAlert
            problem={withIssues(write.problem, issuesElsewhere(write.problem, TEAM_FIELDS))}
          />
        )}
      </Modal>
    </div>
  );
}

/** The selected team: its manager, parent and members, with the member controls for admins. */
function TeamDetails({
  team,
  directory,
  canWrite,
  onEdit,
}: {
  team: TeamNode;
  directory: Directory;
  canWrite: boolean;
  onEdit(): void;
}) {
  const { t } = useTranslation();
  const api = useApi();
  const write = useWrite();
  const [userId, setUserId] = useState<string>();
  const [role, setRole] = useState<Role>("member");
  const memberIds = new Set(team.members.map((m) => m.userId));

  const add = () =>
    userId &&
    write.run(() => api.post(`/api/v1/teams/${team.id}/members`, { userId, role }), {
      success: t("adminOrg.teams.memberAdded", { name: directory.nameOf(userId) }),
      done: () => {
        setUserId(undefined);
        directory.reload();
      },
    });
  const remove = (memberId: string) =>
    write.run(() => api.delete(`/api/v1/teams/${team.id}/members/${memberId}`), {
      success: t("adminOrg.teams.memberRemoved", { name: directory.nameOf(memberId) }),
      done: directory.reload,
    });

  return (
    <Card
      size="small"
      title={team.name}
      data-testid="team-details"
      extra={
        canWrite && (
          <Button size="small" onClick={onEdit} data-testid="team-edit">
            {t("adminOrg.teams.edit")}
          </Button>
        )
      }
    >
      <Descriptions
        size="small"
        column={{ xs: 1, sm: 1, md: 2, lg: 3 }}
        items={[
          { key: "key", label: t("adminOrg.teams.key"), children: team.key ?? "—" },
          {
            key: "manager",
            label: t("adminOrg.teams.manager"),
            children: <span data-testid="team-manager">{directory.nameOf(team.managerId)}</span>,
          },
          {
            key: "parent",
            label: t("adminOrg.teams.parent"),
            children: team.parentId
              ? directory.teamNameOf(team.parentId)
              : t("adminOrg.teams.topLevel"),
          },
        ]}
      />
      <Typography.Title level={5}>
        {t("adminOrg.teams.members", { count: team.members.length })}
      </Typography.Title>
      {write.problem && (
        <div className="admin-org-notice">
          <ProblemAlert problem={write.problem} />
        </div>
      )}
      {canWrite && (
        <Flex gap={8} wrap className="admin-org-toolbar">
          <Select
            aria-label={t("adminOrg.teams.member")}
            placeholder={t("adminOrg.teams.member")}
            showSearch={{ optionFilterProp: "label" }}
            value={userId}
            onChange={setUserId}
            options={directory.userOptions.filter((o) => !memberIds.has(o.value))}
            style={{ minWidth: 240, flex: 1 }}
            status={fieldStatus(write.problem, "/userId").validateStatus}
            data-testid="team-member-user"
          />
          <Select
            aria-label={t("adminOrg.teams.memberRole")}
            value={role}
            onChange={setRole}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            style={{ minWidth: 120 }}
            status={fieldStatus(write.problem, "/role").validateStatus}
          />
          <Button
            icon={<UserAddOutlined />}
            onClick={add}
            disabled={!userId}
            loading={write.busy}
            data-testid="team-member-add"
          >
            {t("adminOrg.teams.addMember")}
          </Button>
        </Flex>
      )}
      <Table
        rowKey="membershipId"
        size="small"
        pagination={false}
        dataSource={[...team.members]}
        locale={{ emptyText: t("adminOrg.teams.noMembers") }}
        columns={[
          {
            title: t("adminOrg.users.name"),
            key: "name",
            render: (_, m) => directory.nameOf(m.userId),
          },
          {
            title: t("adminOrg.teams.memberRole"),
            key: "role",
            render: (_, m) => <RoleTag role={m.role} />,
          },
          ...(canWrite
            ? [
                {
                  title: t("adminOrg.actions"),
                  key: "actions",
                  render: (_: unknown, m: { userId: string }) => (
                    <Popconfirm
                      title={t("adminOrg.teams.removeConfirm", {
                        name: directory.nameOf(m.userId),
                      })}
                      onConfirm={() => remove(m.userId)}
                      okText={t("adminOrg.remove")}
                      cancelText={t("adminOrg.cancel")}
                    >
                      <Button size="small" danger data-testid="team-member-remove">
                        {t("adminOrg.remove")}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
    </Card>
  );
}
