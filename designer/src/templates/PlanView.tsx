/**
 * @module designer/templates/PlanView
 * The dry run of an install: how many definitions each action touches, then per definition its
 * action as a badge with the versions, and for an update or a conflict what changed, as JSON
 * pointers (expand the row); the business roles nobody holds yet; what happens to the KPI
 * configuration.
 */
import { Alert, Space, Table, Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { type Language, localized } from "../i18n/language.ts";
import {
  ACTION_COLOR,
  changeLists,
  type InstallPlan,
  type PackDetail,
  PLAN_ACTIONS,
  type PlanItem,
} from "./template-model.ts";

/** Most pointers shown per list; the rest are counted. */
const SHOWN = 40;

function PointerDiff({ item }: { item: PlanItem }) {
  const { t } = useTranslation();
  const lists = changeLists(item);
  if (lists.length === 0)
    return <Typography.Text type="secondary">{t("adminOps.templates.noChanges")}</Typography.Text>;
  return (
    <div data-testid="plan-diff">
      {lists.map(([kind, pointers]) => (
        <div key={kind}>
          <Typography.Text strong>
            {t(`adminOps.templates.diff.${kind}`, { count: pointers.length })}
          </Typography.Text>
          <ul style={{ margin: "4px 0 8px", paddingInlineStart: 20 }}>
            {pointers.slice(0, SHOWN).map((pointer) => (
              <li key={pointer}>
                <Typography.Text code>{pointer}</Typography.Text>
              </li>
            ))}
            {pointers.length > SHOWN && (
              <li>{t("adminOps.templates.diffMore", { count: pointers.length - SHOWN })}</li>
            )}
          </ul>
        </div>
      ))}
    </div>
  );
}

/** "v1 → v2" for a change, "v1" for what stays, "→ v1" for what is created. */
export function versionText(item: PlanItem): string {
  const v = (n: number | null) => (n === null ? "" : `v${n}`);
  if (item.newVersion === null) return v(item.currentVersion) || "—";
  return item.currentVersion === null
    ? `→ ${v(item.newVersion)}`
    : `${v(item.currentVersion)} → ${v(item.newVersion)}`;
}

export function PlanView({ plan, pack }: { plan: InstallPlan; pack: PackDetail | undefined }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language as Language;
  const nameOf = (item: PlanItem) => {
    const list =
      item.kind === "form"
        ? pack?.embedded.forms
        : item.kind === "tier-model"
          ? pack?.embedded.tierModels
          : pack?.embedded.flows;
    return localized(list?.find((d) => d.key === item.key)?.name, language);
  };
  const roleName = (key: string) =>
    localized(pack?.roles?.find((r) => r.key === key)?.label, language) || key;
  const conflicts = plan.counts.conflict > 0 && plan.policy === "fail";

  return (
    <div data-testid="template-plan" data-policy={plan.policy}>
      <Space wrap size={[8, 8]} data-testid="plan-counts" style={{ marginBottom: 12 }}>
        {PLAN_ACTIONS.filter((action) => plan.counts[action] > 0).map((action) => (
          <Tag key={action} color={ACTION_COLOR[action]} data-action={action}>
            {t(`adminOps.templates.action.${action}`)} · {plan.counts[action]}
          </Tag>
        ))}
        <Tag>
          {t("adminOps.templates.kpiConfig", {
            state: t(`adminOps.templates.kpiConfigState.${plan.kpiConfig ?? "none"}`),
          })}
        </Tag>
      </Space>
      {conflicts && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t("adminOps.templates.conflictWarning", { count: plan.counts.conflict })}
        />
      )}
      {plan.unheldRoles.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="plan-unheld-roles"
          title={t("adminOps.templates.unheldRoles")}
          description={
            <Space wrap size={[4, 4]}>
              {plan.unheldRoles.map((role) => (
                <Tag key={role} color="orange">
                  {roleName(role)}
                </Tag>
              ))}
            </Space>
          }
        />
      )}
      <Table<PlanItem>
        size="small"
        rowKey={(item) => `${item.kind}|${item.key}`}
        dataSource={[...plan.items]}
        pagination={false}
        onRow={(item) =>
          ({
            "data-testid": "plan-item",
            "data-action": item.action,
          }) as React.HTMLAttributes<HTMLElement>
        }
        expandable={{
          rowExpandable: (item) => item.changes !== null,
          expandedRowRender: (item) => <PointerDiff item={item} />,
        }}
        columns={[
          {
            key: "kind",
            title: t("adminOps.templates.kind"),
            render: (_, item) =>
              t(`adminOps.templates.kinds.${item.kind}`, { defaultValue: item.kind }),
          },
          {
            key: "definition",
            title: t("adminOps.templates.definition"),
            render: (_, item) => (
              <Space size={4} wrap>
                {nameOf(item) && <span>{nameOf(item)}</span>}
                <Typography.Text code>{item.key}</Typography.Text>
              </Space>
            ),
          },
          {
            key: "action",
            title: t("adminOps.templates.actionTitle"),
            render: (_, item) => (
              <Space size={4} wrap>
                <Tag color={ACTION_COLOR[item.action]}>
                  {t(`adminOps.templates.action.${item.action}`)}
                </Tag>
                {item.customized && <Tag color="volcano">{t("adminOps.templates.customized")}</Tag>}
              </Space>
            ),
          },
          {
            key: "version",
            title: t("adminOps.templates.versions"),
            render: (_, item) => versionText(item),
          },
        ]}
      />
    </div>
  );
}
