/**
 * @module designer/accounts/TierHistoryChart
 * A model's tier over time for one account: the score of each change as a step line (when the
 * model scores) and each change's tier as the point's label. Canvas renderer and no HTML
 * tooltip, so it stays within the strict CSP.
 */
import { LineChart } from "echarts/charts";
import { AriaComponent, GridComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useMemo } from "react";
import { EChart } from "../components/EChart.tsx";

echarts.use([LineChart, GridComponent, AriaComponent, CanvasRenderer]);

export interface TierPoint {
  readonly at: number;
  /** The score, or the tier's rank (best = highest) when the model does not score. */
  readonly value: number;
  readonly label: string;
}

export function TierHistoryChart({
  points,
  language,
}: {
  points: readonly TierPoint[];
  language: string;
}) {
  const option = useMemo(
    () => ({
      aria: { enabled: true },
      animationDuration: 300,
      grid: { left: 48, right: 24, top: 24, bottom: 32 },
      xAxis: { type: "time", axisLabel: { hideOverlap: true } },
      yAxis: { type: "value", scale: true },
      series: [
        {
          type: "line",
          step: "end",
          data: points.map((p) => [p.at, p.value]),
          label: {
            show: true,
            formatter: (params: { dataIndex: number }) => points[params.dataIndex]?.label ?? "",
          },
          lineStyle: { width: 2 },
        },
      ],
    }),
    [points],
  );
  return (
    <div data-testid="tier-history-chart" lang={language}>
      <EChart option={option} className="kam-tier-history" />
    </div>
  );
}
