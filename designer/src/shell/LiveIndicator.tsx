/**
 * @module designer/shell/LiveIndicator
 * A dot in the header telling whether live updates are flowing (green), connecting (amber) or
 * down (red, EventSource keeps retrying); the label is there for screen readers and on hover.
 */
import { Badge, Tooltip } from "antd";
import { useTranslation } from "react-i18next";
import { useLive } from "../app-context.tsx";
import type { LiveStatus } from "../live/live-store.ts";

const COLOR: Record<LiveStatus, "success" | "warning" | "error"> = {
  open: "success",
  connecting: "warning",
  closed: "error",
};

export function LiveIndicator() {
  const { t } = useTranslation();
  const status = useLive((s) => s.status);
  const label = t(`live.${status}`);
  return (
    <Tooltip title={label}>
      <span role="status" aria-label={label} data-testid="live-indicator" data-status={status}>
        <Badge status={COLOR[status]} />
      </span>
    </Tooltip>
  );
}
