/**
 * @module designer/shell/WorkspaceSwitcher
 * The workspace in the header. A session belongs to one workspace, so when the same e-mail has
 * accounts in several, choosing another signs out and opens the login for that workspace.
 */
import { ApartmentOutlined } from "@ant-design/icons";
import { Select, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { useNavigate } from "react-router";
import { useSession } from "../app-context.tsx";

export function WorkspaceSwitcher() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const me = useSession((s) => s.me);
  const logout = useSession((s) => s.logout);
  if (!me) return null;
  const current = me.workspace ?? { id: me.workspaceId, name: me.workspaceId };
  const all = me.workspaces ?? [];
  if (all.length <= 1)
    return (
      <Typography.Text data-testid="workspace-name" ellipsis title={t("header.workspace")}>
        <ApartmentOutlined aria-hidden /> {current.name}
      </Typography.Text>
    );
  const choose = async (id: string) => {
    if (id === current.id) return;
    await logout();
    const query = new URLSearchParams({ workspace: id, email: me.user.email ?? "" });
    navigate(`/login?${query}`);
  };
  return (
    <Select
      aria-label={t("header.switchWorkspace")}
      data-testid="workspace-name"
      value={current.id}
      onChange={choose}
      options={all.map((w) => ({ value: w.id, label: w.name }))}
      prefix={<ApartmentOutlined aria-hidden />}
      popupMatchSelectWidth={false}
    />
  );
}
