/**
 * @module designer/shell/AppShell
 * The signed-in frame: a side navigation that folds away below the `lg` breakpoint (tablets),
 * a header with the workspace, live-update indicator, language switch and user menu, and the
 * routed screen. It connects live updates for as long as it is shown.
 */
import { Flex, Layout, Space, Typography } from "antd";
import { Suspense, useEffect, useState } from "react";
import { useTranslation } from "react-i18next";
import { Outlet } from "react-router";
import { useLive } from "../app-context.tsx";
import { PageLoading } from "../components/PageLoading.tsx";
import { LanguageSwitch } from "./LanguageSwitch.tsx";
import { LiveIndicator } from "./LiveIndicator.tsx";
import { NavMenu } from "./NavMenu.tsx";
import { UserMenu } from "./UserMenu.tsx";
import { WorkspaceSwitcher } from "./WorkspaceSwitcher.tsx";

export function AppShell() {
  const { t } = useTranslation();
  const connect = useLive((s) => s.connect);
  const disconnect = useLive((s) => s.disconnect);
  const [narrow, setNarrow] = useState(false);
  const [collapsed, setCollapsed] = useState(false);

  useEffect(() => {
    connect();
    return disconnect;
  }, [connect, disconnect]);

  return (
    <Layout className="kam-shell">
      <Layout.Sider
        breakpoint="lg"
        collapsedWidth={narrow ? 0 : 64}
        collapsible
        collapsed={collapsed}
        onCollapse={setCollapsed}
        onBreakpoint={(broken) => {
          setNarrow(broken);
          setCollapsed(broken);
        }}
        theme="light"
        width={220}
        className="kam-sider"
      >
        <div className="kam-brand">
          <Typography.Title level={4}>{collapsed ? "k" : t("app.name")}</Typography.Title>
        </div>
        <NavMenu onNavigate={() => narrow && setCollapsed(true)} />
      </Layout.Sider>
      <Layout>
        <Layout.Header className="kam-header">
          <Flex justify="space-between" align="center" gap={12}>
            <WorkspaceSwitcher />
            <Space size="middle" wrap={false}>
              <LiveIndicator />
              <LanguageSwitch />
              <UserMenu />
            </Space>
          </Flex>
        </Layout.Header>
        <Layout.Content className="kam-content">
          <main>
            <Suspense fallback={<PageLoading />}>
              <Outlet />
            </Suspense>
          </main>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
