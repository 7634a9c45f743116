/**
 * @module designer/flows/simulate/SimLog
 * The log of a run, newest first: each step's time and text, effects the real engine would have
 * performed marked as listed.
 */
import { Tag, Typography } from "antd";
import { useTranslation } from "react-i18next";
import { logLine, type Namer } from "./log-text.ts";
import type { SimulationView } from "./simulation.ts";

/** The log of `view`, its names and times given by `namer` and `format`. */
export function SimLog({
  view,
  namer,
  format,
}: {
  view: SimulationView;
  namer: Namer;
  format: Intl.DateTimeFormat;
}) {
  const { t } = useTranslation();
  const lines = view.log
    .map((entry) => logLine(entry, namer))
    .filter((line) => line !== undefined)
    .reverse();
  return (
    <div className="kam-sim-log" data-testid="sim-log">
      <Typography.Title level={5}>
        {t("simulate.log.title")}{" "}
        <Typography.Text type="secondary" className="kam-sim-log-note">
          {t("simulate.log.note")}
        </Typography.Text>
      </Typography.Title>
      <ol>
        {lines.map((line) => (
          <li
            key={line.seq}
            data-testid="sim-log-entry"
            data-type={line.type}
            {...(line.nodeId ? { "data-node": line.nodeId } : {})}
            className={`kam-sim-log-line${line.tone ? ` kam-sim-log-line--${line.tone}` : ""}`}
          >
            <span className="kam-sim-log-time">{format.format(line.at)}</span>
            {line.listed && <Tag color="purple">{t("simulate.log.listed")}</Tag>}
            <span>{t(`simulate.log.${line.key}`, line.params)}</span>
          </li>
        ))}
      </ol>
    </div>
  );
}
