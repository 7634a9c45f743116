/**
 * @module designer/flows/simulate/ChildCard
 * A subflow a run waits for: the simulator does not run it, so the user finishes it with an
 * outcome.
 */
import { Button, Input, Space, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";

/** The pending subflow `flow` started at the node `nodeLabel`. */
export function ChildCard(props: {
  flow: string;
  nodeLabel: string;
  onFinish: (outcome: string) => void;
}) {
  const { t } = useTranslation();
  const [outcome, setOutcome] = useState("completed");
  return (
    <div className="kam-sim-card" data-testid="sim-child">
      <Typography.Text strong>{props.nodeLabel}</Typography.Text>
      <div className="kam-sim-card-line">{t("simulate.childPending", { flow: props.flow })}</div>
      <Space.Compact>
        <Input
          size="small"
          value={outcome}
          onChange={(e) => setOutcome(e.target.value)}
          aria-label={t("simulate.childOutcome")}
        />
        <Button size="small" onClick={() => props.onFinish(outcome)}>
          {t("simulate.childFinish")}
        </Button>
      </Space.Compact>
    </div>
  );
}
