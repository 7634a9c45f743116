/**
 * The tier-model editor in a real Chromium against a real server: open a demo scorecard, run the
 * what-if, move a band threshold so some accounts change tier, see the transition matrix follow
 * (a diagonal count drops, an off-diagonal cell appears), click that cell and see the accounts;
 * then, in the demo decision table, add a row the rows above cover and see the engine's
 * shadowed-row warning on it — all without a CSP violation or a console error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, type DesignerWorld, startDesignerWorld } from "./harness.ts";

const run = chromiumAvailable();
const SCORECARD = "account-value";
const TABLE = "account-tier";

interface Band {
  tier: string;
  min?: number;
  max?: number;
}

describe.runIf(run)("tier-model editor (Chromium)", () => {
  let world: DesignerWorld;

  beforeAll(async () => {
    world = await startDesignerWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it("changes a tier threshold and sees the what-if matrix change", async () => {
    const watched = await world.open({ locale: "en-US" });
    const { page } = watched;
    await world.signIn(watched);

    // The demo's tier models, and a threshold of the scorecard that moves at least one account
    // (asked of the same preview endpoint the editor uses).
    const probe = await page.evaluate(async (key) => {
      const me = (await (await fetch("/api/v1/auth/me")).json()) as { csrfToken: string };
      const list = (await (await fetch("/api/v1/definitions?kind=tier-model")).json()) as {
        items: { key: string }[];
      };
      const model = (await (
        await fetch(`/api/v1/definitions/tier-model/${key}/export`)
      ).json()) as {
        bands: Band[];
        examples?: unknown;
      };
      const high = model.bands.find((b) => b.min !== undefined)!;
      for (const value of [50, 40, 30, 20, 10, 0]) {
        const bands = model.bands.map((b) =>
          b === high ? { ...b, min: value } : b.max === high.min ? { ...b, max: value } : b,
        );
        const { examples: _examples, ...rest } = model;
        const res = await fetch("/api/v1/definitions/tier-preview", {
          method: "POST",
          headers: { "content-type": "application/json", "x-csrf-token": me.csrfToken },
          body: JSON.stringify({ model: { ...rest, bands } }),
        });
        const { preview } = (await res.json()) as { preview: { changed: number } };
        if (preview.changed > 0) return { keys: list.items.map((i) => i.key), value };
      }
      return { keys: list.items.map((i) => i.key), value: undefined };
    }, SCORECARD);
    expect(probe.keys).toEqual(expect.arrayContaining([SCORECARD, TABLE]));
    expect(probe.value).toBeDefined();

    await page.goto("/tier-models");
    await page.getByTestId(`edit-tier-model-${SCORECARD}`).click();
    await page.waitForURL(`**/tier-models/${SCORECARD}`);
    await page.getByTestId("scorecard-editor").waitFor();
    await expect(page.getByTestId("measure-weight-sum").getAttribute("data-ok")).resolves.toBe(
      "true",
    );

    // The what-if runs when its tab opens: only the diagonal is filled.
    await page.getByTestId("tab-what-if").click();
    const matrix = page.getByTestId("transition-matrix");
    await matrix.waitFor();
    const count = async (from: string, to: string) =>
      Number(await page.getByTestId(`transition-${from}-${to}`).getAttribute("data-count"));
    const lowBefore = await count("low", "low");
    const highBefore = await count("high", "high");
    expect(lowBefore).toBeGreaterThan(0);
    expect(await count("low", "high")).toBe(0);
    await page.getByTestId("distribution-chart").locator("canvas").first().waitFor();

    // Lower the high/low threshold on the scorecard: both band edges move.
    await page.getByRole("tab", { name: "Scorecard" }).click();
    const threshold = page.getByTestId("threshold-0");
    await expect(threshold.inputValue()).resolves.toBe("60");
    await threshold.fill(String(probe.value));
    await expect(page.getByTestId("band-0-min").inputValue()).resolves.toBe(String(probe.value));
    await expect(page.getByTestId("band-1-max").inputValue()).resolves.toBe(String(probe.value));

    // The what-if follows the edit (debounced): low→low drops, low→high appears.
    await page.getByTestId("tab-what-if").click();
    await expect.poll(() => count("low", "high"), { timeout: 15_000 }).toBeGreaterThan(0);
    const moved = await count("low", "high");
    expect(await count("low", "low")).toBe(lowBefore - moved);
    expect(await count("high", "high")).toBe(highBefore);
    await page
      .getByTestId("what-if-summary")
      .getByText(`${moved} of ${lowBefore + highBefore} accounts would change tier`)
      .waitFor();

    await page.getByTestId("transition-low-high").getByRole("button").click();
    const accounts = page.getByTestId("cell-accounts").getByTestId("cell-account");
    await expect.poll(() => accounts.count()).toBe(Math.min(moved, 50));
    const names = await accounts.allTextContents();
    expect(names.every((n) => n.trim().length > 0 && !/^[0-9a-f-]{36}$/.test(n))).toBe(true);
    await world.screenshot(page, "tier-what-if", { docs: true });

    // A golden example of the scorecard now fails, and says so.
    await page.getByRole("tab", { name: /Golden examples/ }).click();
    await page.getByTestId("examples-summary").waitFor();
    await expect(page.getByTestId("examples-summary").textContent()).resolves.not.toBe(
      "2 of 2 pass",
    );

    // Undo puts the threshold back.
    await page.getByTestId("tier-undo").click();
    await page.getByRole("tab", { name: "Scorecard" }).click();
    await expect(page.getByTestId("threshold-0").inputValue()).resolves.toBe("60");

    // The decision table: a catch-all row below the catch-all is shadowed, on that row.
    await page.goto(`/tier-models/${TABLE}`);
    await page.getByTestId("decision-table-editor").waitFor();
    const rows = page.locator('[data-testid^="table-row-"]');
    const before = await rows.count();
    await expect(
      page.locator('[data-testid^="row-issues-"] [data-testid="tier-issue-mark"]').count(),
    ).resolves.toBe(0);
    await page.getByTestId("add-row").click();
    await page
      .getByTestId(`row-issues-${before}`)
      .locator('[data-testid="tier-issue-mark"][data-code="TIER_TABLE_ROW_SHADOWED"]')
      .waitFor();
    await expect(page.getByTestId(`table-row-${before}`).getAttribute("data-issues")).resolves.toBe(
      "1",
    );
    await page.getByTestId(`table-row-${before}`).scrollIntoViewIfNeeded();
    await world.screenshot(page, "tier-decision-table", { docs: true });

    expect(watched.cspViolations).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
