/**
 * @module designer/flows/simulate/ClockBar
 * The simulated clock above a run: the time and its zone, the run's status, buttons that move the
 * clock (15 minutes, an hour, a day, to the next timer, or a chosen amount), and restart.
 */
import { Button, Flex, InputNumber, Select, Space, Tag, Typography } from "antd";
import { useState } from "react";
import { useTranslation } from "react-i18next";
import { DAY, HOUR, MIN, UNITS } from "./sim-clock.ts";
import type { SimulationView } from "./simulation.ts";

/** The clock bar of `view`; `next` is when the next timer is due, if any. */
export function ClockBar(props: {
  view: SimulationView;
  format: Intl.DateTimeFormat;
  timeZone: string;
  next: number | undefined;
  onAdvance: (ms: number) => void;
  onNext: () => void;
  onRestart: () => void;
}) {
  const { t } = useTranslation();
  const { view, format } = props;
  const [amount, setAmount] = useState<number>(30);
  const [unit, setUnit] = useState<keyof typeof UNITS>("minutes");
  const ended = view.state.status === "completed" || view.state.status === "cancelled";
  return (
    <Flex className="kam-sim-clock" align="center" wrap gap={8} data-testid="sim-clockbar">
      <Typography.Text strong data-testid="sim-clock" data-now={view.now}>
        {format.format(view.now)}
      </Typography.Text>
      <Typography.Text type="secondary">{props.timeZone}</Typography.Text>
      <Tag
        color={ended ? "green" : view.state.status === "incident" ? "red" : "blue"}
        data-testid="sim-status"
      >
        {t(`simulate.status.${view.state.status}`)}
        {view.state.outcome ? ` · ${view.state.outcome}` : ""}
      </Tag>
      <Space.Compact>
        <Button onClick={() => props.onAdvance(15 * MIN)} data-testid="sim-advance-15m">
          {t("simulate.plus15m")}
        </Button>
        <Button onClick={() => props.onAdvance(HOUR)} data-testid="sim-advance-1h">
          {t("simulate.plus1h")}
        </Button>
        <Button onClick={() => props.onAdvance(DAY)} data-testid="sim-advance-1d">
          {t("simulate.plus1d")}
        </Button>
      </Space.Compact>
      <Button
        type="primary"
        ghost
        disabled={props.next === undefined}
        onClick={props.onNext}
        data-testid="sim-next-timer"
      >
        {props.next === undefined
          ? t("simulate.noTimer")
          : t("simulate.toNextTimer", { time: format.format(props.next) })}
      </Button>
      <Space.Compact>
        <InputNumber
          min={1}
          value={amount}
          onChange={(v) => setAmount(v ?? 1)}
          aria-label={t("simulate.customAmount")}
          data-testid="sim-custom-amount"
        />
        <Select
          value={unit}
          onChange={setUnit}
          options={(Object.keys(UNITS) as (keyof typeof UNITS)[]).map((u) => ({
            value: u,
            label: t(`simulate.unit.${u}`),
          }))}
        />
        <Button
          onClick={() => props.onAdvance(amount * UNITS[unit])}
          data-testid="sim-advance-custom"
        >
          {t("simulate.advance")}
        </Button>
      </Space.Compact>
      <Button onClick={props.onRestart} data-testid="sim-restart">
        {t("simulate.restart")}
      </Button>
    </Flex>
  );
}
