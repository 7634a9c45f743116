/**
 * @module designer/dashboard/TierMovementChart
 * The tier movement between the period's start and end as a Sankey: tiers at the start on the
 * left, at the end on the right, each band the accounts going from one to the other (those that
 * kept their tier included). Canvas renderer and a rich-text tooltip drawn on the canvas, so
 * nothing injects inline styles (strict CSP).
 */
import { SankeyChart } from "echarts/charts";
import { AriaComponent, TooltipComponent } from "echarts/components";
import * as echarts from "echarts/core";
import { CanvasRenderer } from "echarts/renderers";
import { useMemo } from "react";
import { EChart } from "../components/EChart.tsx";
import type { TierFlow } from "./tier-flow.ts";

echarts.use([SankeyChart, TooltipComponent, AriaComponent, CanvasRenderer]);

interface SankeyParams {
  readonly dataType?: "node" | "edge";
  readonly name?: string;
  readonly value?: unknown;
  readonly data?: { readonly source?: string; readonly target?: string };
}

export function TierMovementChart({ flow, language }: { flow: TierFlow; language: string }) {
  const option = useMemo(() => {
    const labels = new Map(flow.nodes.map((n) => [n.name, n.label]));
    const label = (name: string | undefined) => labels.get(name ?? "") ?? "";
    return {
      aria: { enabled: true },
      animationDuration: 300,
      tooltip: {
        trigger: "item",
        renderMode: "richText",
        formatter: (p: SankeyParams) =>
          p.dataType === "edge"
            ? `${label(p.data?.source)} → ${label(p.data?.target)}: ${String(p.value)}`
            : `${label(p.name)}: ${String(p.value)}`,
      },
      series: [
        {
          type: "sankey",
          left: 16,
          right: 16,
          top: 12,
          bottom: 12,
          nodeWidth: 14,
          nodeGap: 10,
          layoutIterations: 0,
          emphasis: { focus: "adjacency" },
          data: flow.nodes.map((n) => ({
            name: n.name,
            depth: n.side === "from" ? 0 : 1,
            ...(n.color ? { itemStyle: { color: n.color } } : {}),
            label: { position: n.side === "from" ? "right" : "left" },
          })),
          links: flow.links.map((l) => ({ ...l })),
          label: {
            formatter: (p: SankeyParams) => `${label(p.name)}  ${String(p.value)}`,
          },
          lineStyle: { color: "gradient", opacity: 0.35, curveness: 0.5 },
        },
      ],
    };
  }, [flow]);
  return (
    <div data-testid="tier-movement-chart" lang={language}>
      <EChart option={option} className="kam-dash-chart" />
    </div>
  );
}
