/**
 * The flow editor in a real Chromium against a real server: open a demo flow from the list, see
 * its nodes, drag a task from the palette onto the canvas, see the validation mark it as
 * unconnected, delete it and undo that, save the draft and read it back from the API, and see a
 * save over someone else's draft refused with a clear message — all without a CSP violation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, type DesignerWorld, startDesignerWorld } from "./harness.ts";

const run = chromiumAvailable();
const FLOW = "strategic-ticket";

describe.runIf(run)("flow editor (Chromium)", () => {
  let world: DesignerWorld;

  beforeAll(async () => {
    world = await startDesignerWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it("edits a flow: drop a node, see it marked, delete, undo, save, conflict, publish", async () => {
    const watched = await world.open({ locale: "en-US" });
    const { page } = watched;
    await world.signIn(watched);
    const published = await page.evaluate(async (key) => {
      const res = await fetch(`/api/v1/definitions/flow/${key}/export`);
      return (await res.json()) as { nodes: Array<{ id: string }> };
    }, FLOW);

    await page.getByTestId(`edit-flow-${FLOW}`).click();
    await page.waitForURL(`**/flows/${FLOW}`);
    for (const node of published.nodes) await page.getByTestId(`flow-node-${node.id}`).waitFor();
    await page.getByTestId("flow-issues").waitFor();
    const marked = page.locator('[data-testid^="flow-node-"] [data-testid="node-issue-count"]');
    await expect(marked.count()).resolves.toBe(0);

    // HTML5 drag and drop from the palette; the drop lands where the mouse is released.
    await page
      .getByTestId("palette-task")
      .dragTo(page.getByTestId("flow-canvas"), { targetPosition: { x: 160, y: 120 } });
    const added = page.getByTestId("flow-node-task1");
    await added.waitFor();
    await added.getByTestId("node-issue-count").waitFor();
    await page
      .locator('[data-testid="flow-issue"][data-node="task1"][data-code="FLOW_NODE_UNREACHABLE"]')
      .waitFor();
    await page.getByTestId("inspector").getByText("task1").waitFor();
    // Auto-layout (elkjs, loaded on first use) moves the new node clear of the others.
    const before = await added.boundingBox();
    await page.getByTestId("auto-layout").click();
    await expect
      .poll(async () => JSON.stringify(await added.boundingBox()), { timeout: 10_000 })
      .not.toBe(JSON.stringify(before));
    await page.waitForTimeout(400); // the fitView animation (300 ms), for the screenshot only
    await world.screenshot(page, "flow-editor", { docs: true });

    // "Go to node" selects it; Delete removes it and its issues.
    await page
      .locator('[data-testid="flow-issue"][data-node="task1"]')
      .first()
      .getByRole("button")
      .click();
    await page.locator(".react-flow__node.selected [data-testid='flow-node-task1']").waitFor();
    await page.getByTestId("flow-canvas").locator(".react-flow__pane").hover();
    await page.keyboard.press("Delete");
    await added.waitFor({ state: "detached" });
    await page.locator('[data-testid="flow-issue"][data-node="task1"]').first().waitFor({
      state: "detached",
    });
    await expect(marked.count()).resolves.toBe(0);

    await page.keyboard.press("Control+z");
    await added.getByTestId("node-issue-count").waitFor();

    // Autosave may have written the draft already; writes are queued, so wait for this one.
    const status = page.getByTestId("draft-status");
    const saves = Number(await status.getAttribute("data-saves"));
    await page.getByTestId("save-draft").click();
    await expect
      .poll(
        async () =>
          (await status.getAttribute("data-busy")) === "false" &&
          Number(await status.getAttribute("data-saves")) > saves,
      )
      .toBe(true);
    await page.getByTestId("flow-version").getByText("Draft").waitFor();
    const draft = await page.evaluate(async (key) => {
      const res = await fetch(`/api/v1/definitions/flow/${key}/draft`);
      return {
        status: res.status,
        body: (await res.json()) as { definition: { body: { nodes: Array<{ id: string }> } } },
      };
    }, FLOW);
    expect(draft.status).toBe(200);
    const ids = draft.body.definition.body.nodes.map((n) => n.id);
    expect(ids).toEqual([...published.nodes.map((n) => n.id), "task1"]);

    // Someone else saves the draft meanwhile: the editor's next save is a 409, explained.
    const other = await page.evaluate(async (key) => {
      const me = (await (await fetch("/api/v1/auth/me")).json()) as { csrfToken: string };
      const current = await fetch(`/api/v1/definitions/flow/${key}/draft`);
      const { definition } = (await current.json()) as {
        definition: { body: { nodes: Array<{ position: { x: number } }> } };
      };
      // A real change: the checksum (the ETag) is of the content.
      const moved = definition.body.nodes[0];
      if (moved) moved.position.x += 40;
      const res = await fetch(`/api/v1/definitions/flow/${key}/draft`, {
        method: "PUT",
        headers: {
          "content-type": "application/json",
          "x-csrf-token": me.csrfToken,
          "if-match": current.headers.get("etag") ?? "",
        },
        body: JSON.stringify({ document: definition.body }),
      });
      return res.status;
    }, FLOW);
    expect(other).toBe(200);
    await page.getByTestId("save-draft").click();
    await page.getByTestId("flow-problem").getByText("The draft was changed elsewhere").waitFor();

    // Reloaded, the editor opens the draft (with the unconnected task): publishing is refused
    // with the issues' pointers; without the task it publishes with the note.
    await page.reload();
    await added.waitFor();
    await page.getByTestId("flow-version").getByText("Draft").waitFor();
    const publish = async (note: string) => {
      await page.getByTestId("publish").click();
      const dialog = page.getByRole("dialog");
      await dialog.getByRole("textbox").fill(note);
      await dialog.getByRole("button", { name: "Publish" }).click();
      await dialog.waitFor({ state: "hidden" });
    };
    await publish("refused");
    await page
      .getByTestId("flow-problem")
      .locator("code", { hasText: /^\/nodes\// })
      .first()
      .waitFor();
    await added.click();
    await page.keyboard.press("Delete");
    await added.waitFor({ state: "detached" });
    await publish("Published from the e2e test");
    await page.getByTestId("flow-version").getByText("Published v2").waitFor();
    const versions = await page.evaluate(async (key) => {
      const res = await fetch(`/api/v1/definitions/flow/${key}`);
      return ((await res.json()) as { versions: Array<{ status: string; note: string | null }> })
        .versions;
    }, FLOW);
    expect(versions.at(-1)).toMatchObject({
      status: "published",
      note: "Published from the e2e test",
    });

    expect(watched.cspViolations).toEqual([]);
    // Chromium logs every failed response; the refused save (409) and publish (422) are expected.
    expect(watched.errors.filter((e) => !/status of (409|422)/.test(e))).toEqual([]);
  });
});
