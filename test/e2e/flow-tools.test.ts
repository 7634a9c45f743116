/**
 * The flow editor's tools in a real Chromium against a real server: copy and paste a node
 * (without any clipboard permission), paste it into another flow in another tab through the
 * system clipboard, duplicate and undo it, nudge and delete nodes, see the draft saved by
 * autosave (read back from the API), open the shortcuts help with `?`, open the version history
 * and see the diff of the published version and the draft mark the pasted node as added — all
 * without a CSP violation or a console error.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, type DesignerWorld, startDesignerWorld } from "./harness.ts";

const run = chromiumAvailable();
const FLOW = "strategic-ticket";

describe.runIf(run)("flow editor tools (Chromium)", () => {
  let world: DesignerWorld;

  beforeAll(async () => {
    world = await startDesignerWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it("copies, pastes, autosaves, shows shortcuts, history and the diff", async () => {
    // No clipboard permission: the editor answers the copy and paste events.
    const watched = await world.open({ locale: "en-US" });
    const { page } = watched;
    await world.signIn(watched);
    const published = await page.evaluate(async (key) => {
      const res = await fetch(`/api/v1/definitions/flow/${key}/export`);
      return (await res.json()) as { nodes: Array<{ id: string; type: string }> };
    }, FLOW);
    const known = new Set(published.nodes.map((n) => n.id));
    const source = published.nodes.find((n) => n.type === "task") ?? published.nodes[1];
    if (!source) throw new Error("the demo flow has no node to copy");

    await page.getByTestId(`edit-flow-${FLOW}`).click();
    await page.waitForURL(`**/flows/${FLOW}`);
    for (const node of published.nodes) await page.getByTestId(`flow-node-${node.id}`).waitFor();
    const cards = page.locator('.react-flow__node [data-testid^="flow-node-"]');
    const ids = async () =>
      (await cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-testid")))).map((id) =>
        String(id).replace("flow-node-", ""),
      );

    // Copy one node and paste it.
    await page.getByTestId(`flow-node-${source.id}`).click();
    await page.keyboard.press("Control+c");
    await page.getByText("Copied 1 node(s)").waitFor();
    await page.keyboard.press("Control+v");
    await expect.poll(async () => (await ids()).length).toBe(known.size + 1);
    const pasted = (await ids()).find((id) => !known.has(id)) as string;
    expect(pasted.startsWith(source.type)).toBe(true);
    // The pasted copy is the selection.
    await page.locator(`.react-flow__node.selected [data-testid="flow-node-${pasted}"]`).waitFor();

    // Ctrl+D duplicates the selection; one Ctrl+Z takes the duplicate away again.
    await page.keyboard.press("Control+d");
    await expect.poll(async () => (await ids()).length).toBe(known.size + 2);
    await page.keyboard.press("Control+z");
    await expect.poll(async () => (await ids()).length).toBe(known.size + 1);

    // Autosave: after a quiet period the draft holds the pasted node, without pressing Save.
    const status = page.getByTestId("draft-status");
    await page.locator('[data-testid="draft-status"][data-state="saved"]').waitFor({
      timeout: 15_000,
    });
    await expect(status.textContent()).resolves.toMatch(/Saved at/);
    await page.getByTestId("flow-version").getByText("Draft").waitFor();
    const draft = await page.evaluate(async (key) => {
      const res = await fetch(`/api/v1/definitions/flow/${key}/draft`);
      return (await res.json()) as {
        definition: { version: number; body: { nodes: Array<{ id: string }> } };
      };
    }, FLOW);
    expect(draft.definition.body.nodes.map((n) => n.id)).toEqual([
      ...published.nodes.map((n) => n.id),
      pasted,
    ]);

    // The arrows nudge a node (one undo step per burst); Delete removes the end and its edges.
    const moved = published.nodes.find(
      (n) => n.id !== source.id && n.type !== "start" && n.type !== "end",
    );
    const removed = published.nodes.find((n) => n.type === "end");
    if (!moved || !removed) throw new Error("the demo flow has no node to move or remove");
    const saves = Number(await status.getAttribute("data-saves"));
    await page.getByTestId(`flow-node-${moved.id}`).click();
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowRight");
    await page.getByTestId(`flow-node-${removed.id}`).click();
    await page.keyboard.press("Delete");
    await page.getByTestId(`flow-node-${removed.id}`).waitFor({ state: "detached" });
    await expect
      .poll(async () => Number(await status.getAttribute("data-saves")), { timeout: 15_000 })
      .toBeGreaterThan(saves);

    // `?` opens the shortcuts help; Escape closes it.
    await page
      .getByTestId("flow-canvas")
      .locator(".react-flow__pane")
      .click({
        position: { x: 5, y: 5 },
      });
    await page.keyboard.press("Shift+?");
    const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
    await help.getByText("Duplicate the selected nodes").waitFor();
    await page.keyboard.press("Escape");
    await help.waitFor({ state: "hidden" });

    // History: the published version and the draft; their diff shows the pasted node added, the
    // nudged one moved and the deleted one removed (with its edges).
    await page.getByTestId("flow-history").click();
    const drawer = page.getByTestId("history-drawer");
    await drawer.getByTestId(`history-version-${draft.definition.version}`).waitFor();
    await drawer.getByTestId("history-version-1").waitFor();
    await drawer.getByTestId("diff-to").click();
    await page
      .locator(".ant-select-item-option", { hasText: `v${draft.definition.version} · Draft` })
      .click();
    await drawer.getByText(`Changes from v1 to v${draft.definition.version}`).waitFor();
    await drawer.locator(`[data-testid="diff-node-${pasted}"][data-status="added"]`).waitFor();
    await drawer
      .locator(`[data-testid="diff-change"][data-id="${pasted}"][data-status="added"]`)
      .waitFor();
    const statusOf = (id: string) =>
      drawer.locator(`[data-testid="diff-node-${id}"]`).getAttribute("data-status");
    await expect(statusOf(source.id)).resolves.toBe("same");
    await expect(statusOf(moved.id)).resolves.toBe("moved");
    await expect(statusOf(removed.id)).resolves.toBe("removed");
    await expect(drawer.getByTestId("diff-summary").textContent()).resolves.toMatch(
      /^1 added, 1 removed, 0 changed, 1 moved/,
    );
    await drawer
      .locator('[data-testid="diff-change"][data-kind="edge"][data-status="removed"]')
      .first()
      .waitFor();
    await page.waitForTimeout(400); // the drawer's slide-in, for the screenshot only
    await world.screenshot(page, "flow-diff", { docs: true });

    // Restore v1 into the editor: the published graph, one undo away from the edited one.
    await drawer.getByTestId("restore-1").click();
    await page.locator(".ant-modal-confirm").getByRole("button", { name: "Restore" }).click();
    await drawer.waitFor({ state: "detached" });
    await expect.poll(async () => (await ids()).sort()).toEqual([...known].sort());
    await page
      .getByTestId("flow-canvas")
      .locator(".react-flow__pane")
      .click({
        position: { x: 5, y: 5 },
      });
    await page.keyboard.press("Control+z");
    await expect.poll(async () => (await ids()).includes(pasted)).toBe(true);
    // Ctrl+S saves the draft at once (a manual save says so; autosave stays quiet).
    await page.keyboard.press("Control+s");
    await page.getByText(/^Draft saved/).waitFor();

    // Another flow in another tab pastes the copy through the system clipboard (its memory is
    // empty: a page of its own).
    const flows = await page.evaluate(async () => {
      const res = await fetch("/api/v1/definitions?kind=flow");
      return ((await res.json()) as { items: Array<{ key: string }> }).items.map((i) => i.key);
    });
    const other = flows.find((key) => key !== FLOW) as string;
    const tab = await page.context().newPage();
    await tab.goto(`/flows/${other}`);
    await tab.locator(".react-flow__node").first().waitFor();
    const before = await tab.locator(".react-flow__node").count();
    await tab
      .getByTestId("flow-canvas")
      .locator(".react-flow__pane")
      .click({
        position: { x: 5, y: 5 },
      });
    await tab.keyboard.press("Control+v");
    await expect.poll(() => tab.locator(".react-flow__node").count()).toBe(before + 1);
    await tab
      .locator(`.react-flow__node.selected [data-testid^="flow-node-${source.type}"]`)
      .waitFor();
    await tab.close({ runBeforeUnload: false });

    expect(watched.cspViolations).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
