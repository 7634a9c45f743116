/**
 * @module designer/shell/nav-items
 * The navigation: the builders (flows, forms, tier models, template gallery) and the work
 * screens (inbox, accounts, dashboard, admin). One list feeds both the menu and the router, so a
 * screen cannot be reachable without a menu entry.
 */
import {
  AppstoreOutlined,
  BranchesOutlined,
  DashboardOutlined,
  FormOutlined,
  InboxOutlined,
  RiseOutlined,
  SettingOutlined,
  TeamOutlined,
} from "@ant-design/icons";
import type { ReactNode } from "react";

/** The screens the navigation leads to. */
export type NavPath =
  | "flows"
  | "forms"
  | "tier-models"
  | "templates"
  | "inbox"
  | "accounts"
  | "dashboard"
  | "admin";

export interface NavItem {
  /** The route path, without the leading slash. */
  readonly path: NavPath;
  /** The i18n key of the label. */
  readonly label: string;
  readonly icon: ReactNode;
  readonly group: "build" | "work";
}

export const NAV_ITEMS: readonly NavItem[] = [
  { path: "flows", label: "nav.flows", icon: <BranchesOutlined />, group: "build" },
  { path: "forms", label: "nav.forms", icon: <FormOutlined />, group: "build" },
  { path: "tier-models", label: "nav.tierModels", icon: <RiseOutlined />, group: "build" },
  { path: "templates", label: "nav.templates", icon: <AppstoreOutlined />, group: "build" },
  { path: "inbox", label: "nav.inbox", icon: <InboxOutlined />, group: "work" },
  { path: "accounts", label: "nav.accounts", icon: <TeamOutlined />, group: "work" },
  { path: "dashboard", label: "nav.dashboard", icon: <DashboardOutlined />, group: "work" },
  { path: "admin", label: "nav.admin", icon: <SettingOutlined />, group: "work" },
];
