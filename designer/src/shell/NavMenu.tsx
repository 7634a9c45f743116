/**
 * @module designer/shell/NavMenu
 * The side navigation, grouped into building and working; the current route is selected.
 */
import { Menu } from "antd";
import { useTranslation } from "react-i18next";
import { useLocation, useNavigate } from "react-router";
import { NAV_ITEMS } from "./nav-items.tsx";

export function NavMenu({ onNavigate }: { onNavigate?: () => void }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const selected = pathname.split("/")[1] ?? "";
  const group = (key: "build" | "work", label: string) => ({
    type: "group" as const,
    key,
    label,
    children: NAV_ITEMS.filter((item) => item.group === key).map((item) => ({
      key: item.path,
      icon: item.icon,
      label: t(item.label),
    })),
  });
  return (
    <nav aria-label={t("nav.label")}>
      <Menu
        mode="inline"
        data-testid="nav"
        selectedKeys={[selected]}
        items={[group("build", t("nav.groupBuild")), group("work", t("nav.groupWork"))]}
        onClick={({ key }) => {
          navigate(`/${key}`);
          onNavigate?.();
        }}
      />
    </nav>
  );
}
