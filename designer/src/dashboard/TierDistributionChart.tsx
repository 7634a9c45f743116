/**
 * @module designer/dashboard/TierDistributionChart
 * Accounts per tier at the end of the period as bars in the tier's colour, and — when comparing
 * — at the end of the previous period in grey beside them. Canvas renderer, rich-text tooltip
 * (no HTML, strict CSP).
 */
import { BarChart } from "echarts/charts";
import {
  AriaComponent,
  GridComponent,
  LegendComponent,
  TooltipComponent,
} from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useMemo } from "react";
import { EChart } from "../components/EChart.tsx";
import type { TierLook } from "./tier-flow.ts";

echarts.use([
  BarChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  AriaComponent,
  CanvasRenderer,
]);

export interface TierCount {
  readonly tier: string;
  readonly count: number;
}

export function TierDistributionChart({
  current,
  previous,
  look,
  currentLabel,
  previousLabel,
  language,
}: {
  current: readonly TierCount[];
  previous: readonly TierCount[] | undefined;
  look: (tier: string) => TierLook;
  currentLabel: string;
  previousLabel: string;
  language: string;
}) {
  const option = useMemo(() => {
    const tiers = [
      ...current.map((c) => c.tier),
      ...(previous ?? []).map((p) => p.tier).filter((t) => !current.some((c) => c.tier === t)),
    ];
    const countIn = (list: readonly TierCount[], tier: string) =>
      list.find((c) => c.tier === tier)?.count ?? 0;
    return {
      aria: { enabled: true },
      animationDuration: 300,
      tooltip: { trigger: "axis", renderMode: "richText" },
      grid: { left: 40, right: 16, top: previous ? 36 : 16, bottom: 28 },
      ...(previous ? { legend: { top: 0 } } : {}),
      xAxis: {
        type: "category",
        data: tiers.map((t) => look(t).label),
        axisLabel: { interval: 0, hideOverlap: true },
      },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        ...(previous
          ? [
              {
                name: previousLabel,
                type: "bar",
                data: tiers.map((t) => countIn(previous, t)),
                itemStyle: { color: "#d9d9d9" },
                label: { show: true, position: "top" },
              },
            ]
          : []),
        {
          name: currentLabel,
          type: "bar",
          data: tiers.map((t) => {
            const color = look(t).color;
            return { value: countIn(current, t), ...(color ? { itemStyle: { color } } : {}) };
          }),
          itemStyle: { color: "#1677ff" },
          label: { show: true, position: "top" },
        },
      ],
    };
  }, [current, previous, look, currentLabel, previousLabel]);
  return (
    <div data-testid="tier-distribution-chart" lang={language}>
      <EChart option={option} className="kam-dash-chart" />
    </div>
  );
}
