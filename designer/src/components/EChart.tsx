/**
 * @module designer/components/EChart
 * One echarts chart in a div: created on mount with the canvas renderer, its option set on every
 * change (notMerge), resized with its box, disposed on unmount. Screens register the echarts
 * parts they use (`echarts.use([...])`) so each chunk carries only those.
 *
 * Why not echarts-for-react: its ESM build imports `tslib` without declaring it, which breaks
 * the build; this is the 40 lines of it that we use. The canvas renderer and no HTML tooltip
 * keep charts inside the strict CSP (no inline style attributes).
 */
import type { EChartsCoreOption, EChartsType } from "echarts/core";
import * as echarts from "echarts/core";
import { useEffect, useRef } from "react";

export interface EChartProps {
  readonly option: EChartsCoreOption;
  readonly className?: string;
  /** Called with each click on a data item (series index, data index, value). */
  readonly onClick?: (params: {
    seriesIndex?: number;
    dataIndex: number;
    value: unknown;
    name?: string;
  }) => void;
  readonly "data-testid"?: string;
}

export function EChart({ option, className, onClick, "data-testid": testId }: EChartProps) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | undefined>(undefined);
  const click = useRef(onClick);
  click.current = onClick;

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const instance = echarts.init(element, undefined, { renderer: "canvas" });
    chart.current = instance;
    instance.on("click", (params) =>
      click.current?.(params as Parameters<NonNullable<EChartProps["onClick"]>>[0]),
    );
    const observer = new ResizeObserver(() => instance.resize());
    observer.observe(element);
    return () => {
      observer.disconnect();
      instance.dispose();
      chart.current = undefined;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, { notMerge: true });
  }, [option]);

  return <div ref={box} className={className} data-testid={testId} />;
}
