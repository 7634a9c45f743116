/**
 * @module designer/flows/tools/SaveStatus
 * The toolbar's word on saving: autosave on, saving…, saved at hh:mm, autosave failed, or off
 * after a conflict. `data-state`, `data-busy` and `data-saves` let tests wait for a save.
 */
import { CheckCircleOutlined, LoadingOutlined, WarningOutlined } from "@ant-design/icons";
import { Tooltip, Typography } from "antd";
import { useTranslation } from "react-i18next";
import type { DraftActions } from "../useDraftActions.ts";

export function SaveStatus({ draft }: { draft: DraftActions }) {
  const { t, i18n } = useTranslation();
  const { status } = draft;
  const text =
    status.kind === "saved"
      ? t("flowTools.status.saved", {
          time: new Intl.DateTimeFormat(i18n.language, {
            hour: "2-digit",
            minute: "2-digit",
          }).format(status.at),
        })
      : t(`flowTools.status.${status.kind}`);
  const icon =
    status.kind === "saving" ? (
      <LoadingOutlined />
    ) : status.kind === "failed" || status.kind === "off" ? (
      <WarningOutlined />
    ) : status.kind === "saved" ? (
      <CheckCircleOutlined />
    ) : null;
  return (
    <Tooltip title={t("flowTools.status.hint")}>
      <Typography.Text
        type={status.kind === "failed" || status.kind === "off" ? "warning" : "secondary"}
        className="kam-save-status"
        role="status"
        aria-live="polite"
        data-testid="draft-status"
        data-state={status.kind}
        data-busy={String(draft.busy || status.kind === "saving")}
        data-saves={draft.saves}
      >
        {icon} {text}
      </Typography.Text>
    </Tooltip>
  );
}
