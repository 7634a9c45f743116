/**
 * @module designer/router
 * The routes. Every screen is its own chunk (React.lazy), so the first load carries only the
 * shell and the login, and the heavy editors (flow canvas, charts) load when opened.
 */
import { lazy } from "react";
import { createBrowserRouter, Navigate } from "react-router";
import { RequireSession } from "./session/RequireSession.tsx";
import { NAV_ITEMS, type NavPath } from "./shell/nav-items.tsx";

const LoginPage = lazy(() => import("./pages/LoginPage.tsx"));
const FlowsPage = lazy(() => import("./pages/FlowsPage.tsx"));
const FlowEditorPage = lazy(() => import("./flows/FlowEditorPage.tsx"));
const FormBuilderPage = lazy(() => import("./forms/FormBuilderPage.tsx"));
const TierModelEditorPage = lazy(() => import("./tiers/TierModelEditorPage.tsx"));
const AccountsPage = lazy(() => import("./accounts/AccountsPage.tsx"));
const Account360Page = lazy(() => import("./accounts/Account360Page.tsx"));
const InboxPage = lazy(() => import("./inbox/InboxPage.tsx"));
const InstancePage = lazy(() => import("./instances/InstancePage.tsx"));
const AdminPage = lazy(() => import("./admin/AdminPage.tsx"));
const DashboardPage = lazy(() => import("./dashboard/DashboardPage.tsx"));
const FormsPage = lazy(() => import("./pages/FormsPage.tsx"));
const TierModelsPage = lazy(() => import("./pages/TierModelsPage.tsx"));
const TemplatesPage = lazy(() => import("./pages/TemplatesPage.tsx"));
const NotFoundPage = lazy(() => import("./pages/NotFoundPage.tsx"));

/** The screen of each navigation entry (typed by the entries, so none can lack one). */
const SCREENS: Record<NavPath, React.ComponentType> = {
  flows: FlowsPage,
  forms: FormsPage,
  "tier-models": TierModelsPage,
  templates: TemplatesPage,
  accounts: AccountsPage,
  inbox: InboxPage,
  dashboard: DashboardPage,
  admin: AdminPage,
};

export function createRouter() {
  return createBrowserRouter([
    { path: "/login", element: <LoginPage /> },
    {
      path: "/",
      element: <RequireSession />,
      children: [
        { index: true, element: <Navigate to="/flows" replace /> },
        ...NAV_ITEMS.map((item) => {
          const Screen = SCREENS[item.path];
          return {
            path: item.path,
            element: <Screen />,
          };
        }),
        { path: "flows/:key", element: <FlowEditorPage /> },
        { path: "forms/:key", element: <FormBuilderPage /> },
        { path: "accounts/:id", element: <Account360Page /> },
        { path: "instances/:id", element: <InstancePage /> },
        { path: "tier-models/:key", element: <TierModelEditorPage /> },
        { path: "*", element: <NotFoundPage /> },
      ],
    },
  ]);
}
