/**
 * @module designer/shell/UserMenu
 * Who is signed in (name and workspace role) and the sign-out action.
 */
import { LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { Button, Dropdown } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useSession } from "../app-context.tsx";

export function UserMenu() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useSession((s) => s.me);
  const logout = useSession((s) => s.logout);
  if (!me) return null;
  const items = [
    { key: "role", label: t(`role.${me.role}`), disabled: true },
    { type: "divider" as const },
    { key: "logout", label: t("header.logout"), icon: <LogoutOutlined /> },
  ];
  const onClick = async ({ key }: { key: string }) => {
    if (key !== "logout") return;
    await logout().catch(() => undefined);
    navigate("/login");
  };
  return (
    <Dropdown menu={{ items, onClick }} trigger={["click"]}>
      <Button
        type="text"
        icon={<UserOutlined />}
        aria-label={t("header.userMenu")}
        data-testid="user-menu"
      >
        {me.user.name ?? me.user.email}
      </Button>
    </Dropdown>
  );
}
