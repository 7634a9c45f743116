/**
 * @module designer/admin/AdminPage
 * The route `/admin`: the workspace's administration in tabs — users, teams and managers,
 * roles, delegations, business calendars, webhooks with their delivery log, and the audit log
 * with its chain verification. (Template packs install from the template gallery.)
 */
import { Tabs, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useSearchParams } from "react-router";
import { AuditTab } from "./ops/AuditTab.tsx";
import { WebhooksTab } from "./ops/WebhooksTab.tsx";
import { CalendarsTab } from "./org/CalendarsTab.tsx";
import { DelegationsTab } from "./org/DelegationsTab.tsx";
import { RolesTab } from "./org/RolesTab.tsx";
import { TeamsTab } from "./org/TeamsTab.tsx";
import { UsersTab } from "./org/UsersTab.tsx";

const TABS = [
  ["users", UsersTab],
  ["teams", TeamsTab],
  ["roles", RolesTab],
  ["delegations", DelegationsTab],
  ["calendars", CalendarsTab],
  ["webhooks", WebhooksTab],
  ["audit", AuditTab],
] as const;

export default function AdminPage() {
  const { t } = useTranslation();
  const [params, setParams] = useSearchParams();
  const active = params.get("tab") ?? "users";
  return (
    <section data-testid="admin">
      <Typography.Title level={2}>{t("nav.admin")}</Typography.Title>
      <Tabs
        activeKey={active}
        onChange={(tab) => setParams({ tab }, { replace: true })}
        destroyOnHidden
        items={TABS.map(([key, Tab]) => ({
          key,
          label: t(`adminTabs.${key}`),
          children: <Tab />,
        }))}
      />
    </section>
  );
}
