/**
 * @module designer/tiers/DistributionChart
 * The tier distribution before and after, as grouped bars. Only the echarts parts it uses are
 * bundled (core, bar chart, grid, legend, aria, canvas renderer); the canvas renderer and no
 * HTML tooltip keep it within the strict CSP (no inline style attributes).
 *
 * Drawn through a few lines of our own rather than echarts-for-react: its ES build imports
 * `tslib` without declaring it as a dependency, and this install has no top-level tslib, so the
 * bundle kept a bare `import "tslib"` that the browser cannot resolve.
 */
import { BarChart } from "echarts/charts";
import { AriaComponent, GridComponent, LegendComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useMemo } from "react";
import { EChart } from "../components/EChart.tsx";

echarts.use([BarChart, GridComponent, LegendComponent, AriaComponent, CanvasRenderer]);

export interface DistributionChartProps {
  readonly categories: readonly string[];
  readonly before: readonly number[];
  readonly after: readonly number[];
  readonly beforeLabel: string;
  readonly afterLabel: string;
}

export function DistributionChart({
  categories,
  before,
  after,
  beforeLabel,
  afterLabel,
}: DistributionChartProps) {
  const option = useMemo(
    () => ({
      aria: { enabled: true },
      animationDuration: 300,
      grid: { left: 40, right: 16, top: 36, bottom: 28 },
      legend: { top: 0 },
      xAxis: { type: "category", data: [...categories] },
      yAxis: { type: "value", minInterval: 1 },
      series: [
        {
          name: beforeLabel,
          type: "bar",
          data: [...before],
          itemStyle: { color: "#bfbfbf" },
          label: { show: true, position: "top" },
        },
        {
          name: afterLabel,
          type: "bar",
          data: [...after],
          itemStyle: { color: "#1677ff" },
          label: { show: true, position: "top" },
        },
      ],
    }),
    [categories, before, after, beforeLabel, afterLabel],
  );
  return (
    <div data-testid="distribution-chart">
      <EChart option={option} className="kam-tier-chart" />
    </div>
  );
}
