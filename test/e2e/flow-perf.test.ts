/**
 * How the flow editor copes with a large flow: a 200-node flow (start → 198 waits → end, laid
 * out as a snake so all of it fits the first view) is published through the API and opened in
 * the editor; then the canvas is panned (mouse drag on the pane) and zoomed (wheel) for a few
 * seconds while the page records every animation frame. The figures are printed, not asserted
 * (speed is measured, not asserted: a loaded CI machine must not fail the build); the test only
 * checks that every node rendered and that frames were measured.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, type DesignerWorld, startDesignerWorld } from "./harness.ts";

const run = chromiumAvailable();
const KEY = "perf-200-nodes";
const NODES = 200;
const COLUMNS = 20;

/** start → wait1 … wait198 → end, row by row, each row running the other way (a snake). */
function bigFlow() {
  const t = (en: string) => ({ "zh-CN": en, en });
  const at = (i: number) => {
    const row = Math.floor(i / COLUMNS);
    const col = i % COLUMNS;
    return { x: (row % 2 === 0 ? col : COLUMNS - 1 - col) * 220, y: row * 140 };
  };
  const ids = Array.from({ length: NODES }, (_, i) =>
    i === 0 ? "start" : i === NODES - 1 ? "end" : `wait${i}`,
  );
  const nodes = ids.map((id, i) => ({
    id,
    type: i === 0 ? "start" : i === NODES - 1 ? "end" : "wait",
    label: t(i === 0 ? "Start" : i === NODES - 1 ? "End" : `Wait ${i}`),
    position: at(i),
    config:
      i === 0 ? {} : i === NODES - 1 ? { outcome: "done" } : { kind: "duration", duration: "PT1H" },
  }));
  const edges = ids.slice(1).map((id, i) => ({ id: `e${i + 1}`, source: ids[i], target: id }));
  return {
    kind: "flow",
    key: KEY,
    name: t("200 nodes"),
    trigger: { type: "manual" },
    nodes,
    edges,
  };
}

describe.runIf(run)("flow editor performance (Chromium)", () => {
  let world: DesignerWorld;

  beforeAll(async () => {
    world = await startDesignerWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it("opens a 200-node flow, pans and zooms it, and prints the frame times", async () => {
    const watched = await world.open({ locale: "en-US" });
    const { page } = watched;
    await world.signIn(watched);
    const created = await page.evaluate(async (document) => {
      const me = (await (await fetch("/api/v1/auth/me")).json()) as { csrfToken: string };
      const res = await fetch("/api/v1/definitions", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
        body: JSON.stringify({ document, note: "performance test" }),
      });
      return { status: res.status, body: await res.text() };
    }, bigFlow());
    expect(created.status, created.body).toBe(201);

    const opening = Date.now();
    await page.goto(`/flows/${KEY}`);
    await page.getByTestId("flow-node-end").waitFor();
    const cards = page.locator('.react-flow__node [data-testid^="flow-node-"]');
    await expect.poll(() => cards.count()).toBe(NODES);
    // Drawn, measured and fitted: every edge path is on the page too.
    await expect.poll(() => page.locator(".react-flow__edge").count()).toBe(NODES - 1);
    const openMs = Date.now() - opening;

    // Frame times as the page sees them, from requestAnimationFrame.
    await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __measuring: boolean };
      w.__frames = [];
      w.__measuring = true;
      const tick = (now: number) => {
        w.__frames.push(now);
        if (w.__measuring) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const pane = page.getByTestId("flow-canvas").locator(".react-flow__pane");
    const box = await pane.boundingBox();
    if (!box) throw new Error("no canvas");
    const started = Date.now();
    // Pan: drag the pane around from near its top-left corner (clear of the nodes).
    for (let round = 0; round < 2; round++) {
      await page.mouse.move(box.x + 12, box.y + 12);
      await page.mouse.down();
      for (let step = 1; step <= 20; step++)
        await page.mouse.move(box.x + 12 + step * 15, box.y + 12 + step * 9);
      for (let step = 19; step >= 0; step--)
        await page.mouse.move(box.x + 12 + step * 15, box.y + 12 + step * 9);
      await page.mouse.up();
    }
    // Zoom: wheel in towards the middle, then out again.
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    for (const delta of [-120, 120])
      for (let step = 0; step < 12; step++) {
        await page.mouse.wheel(0, delta);
        await page.waitForTimeout(16);
      }
    const interactMs = Date.now() - started;
    const frames = await page.evaluate(() => {
      const w = window as unknown as { __frames: number[]; __measuring: boolean };
      w.__measuring = false;
      return w.__frames;
    });
    const gaps = frames
      .slice(1)
      .map((t, i) => t - (frames[i] as number))
      .sort((a, b) => a - b);
    const pct = (p: number) =>
      gaps[Math.min(gaps.length - 1, Math.floor((p / 100) * gaps.length))] ?? 0;
    const figures = {
      nodes: NODES,
      openMs,
      interactMs,
      frames: gaps.length,
      p50: pct(50),
      p95: pct(95),
      p99: pct(99),
      max: gaps.at(-1) ?? 0,
    };
    console.log(
      `flow-perf: ${figures.nodes} nodes, open ${figures.openMs} ms; pan+zoom ${figures.interactMs} ms, ` +
        `${figures.frames} frames, frame ms p50 ${figures.p50.toFixed(1)}, p95 ${figures.p95.toFixed(1)}, ` +
        `p99 ${figures.p99.toFixed(1)}, max ${figures.max.toFixed(1)}`,
    );
    expect(figures.frames).toBeGreaterThan(10);
    await world.screenshot(page, "flow-perf");

    expect(watched.cspViolations).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
