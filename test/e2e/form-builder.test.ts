/**
 * The form builder in a real Chromium against a real server: open a key no form has and create
 * the form there, add fields from the palette (click and drag), give one a visible-if rule, type
 * in the live preview and see that field hide and show (the engine's own rules, in the browser
 * under the strict CSP), save the draft, publish it with a note and read it back from the API;
 * then open a bundled pack form and see its sections — all without a CSP violation.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumAvailable, type DesignerWorld, startDesignerWorld } from "./harness.ts";

const run = chromiumAvailable();
const KEY = "e2e-lead";

describe.runIf(run)("form builder (Chromium)", () => {
  let world: DesignerWorld;

  beforeAll(async () => {
    world = await startDesignerWorld();
  });
  afterAll(async () => {
    await world?.close();
  });

  it("builds a small form and sees its preview hide a field by a rule", async () => {
    const watched = await world.open({ locale: "en-US" });
    const { page } = watched;
    await world.signIn(watched);

    // A key no form has: the builder offers to create it.
    await page.goto(`/forms/${KEY}`);
    await page.getByTestId("create-name-zh").fill("线索");
    await page.getByTestId("create-name-en").fill("Lead");
    await page.getByTestId("create-form").click();
    await page.getByTestId("form-version").getByText("New form").waitFor();
    await page.getByTestId("preview-empty").waitFor();

    // A text field by click, a select and a textarea by drag and drop onto the layout.
    await page.getByTestId("palette-text").click();
    await page.getByTestId("fb-field-text1").waitFor();
    await page.getByTestId("palette-select").dragTo(page.getByTestId("fb-drop-loose"));
    await page.getByTestId("fb-field-select1").waitFor();
    await page.getByTestId("palette-textarea").dragTo(page.getByTestId("fb-drop-loose"));
    await page.getByTestId("fb-field-textarea1").waitFor();
    // Drag the textarea above the text field: the layout's order changes.
    await page
      .getByTestId("fb-field-textarea1")
      .dragTo(page.getByTestId("fb-field-text1"), { targetPosition: { x: 20, y: 4 } });
    await expect
      .poll(() =>
        page
          .locator('[data-testid="fb-loose"] [data-testid^="fb-field-"]')
          .evaluateAll((els) => els.map((e) => e.getAttribute("data-testid"))),
      )
      .toEqual(["fb-field-textarea1", "fb-field-text1", "fb-field-select1"]);

    // The textarea: rename its key, label it, show it only while the text field says "yes".
    await page.getByTestId("fb-field-textarea1").getByRole("button").first().click();
    const props = page.getByTestId("field-properties");
    await props.getByTestId("field-key").fill("reason");
    await props.getByTestId("field-key").press("Enter");
    await page.getByTestId("fb-field-reason").waitFor();
    await props.getByTestId("field-label-en").fill("Reason");
    await props
      .getByTestId("rule-visible-if")
      .locator("textarea")
      .fill('{"==": [{"var": "text1"}, "yes"]}');
    await page.getByTestId("fb-field-reason").getByText("visible if").waitFor();
    await expect.poll(() => page.getByTestId("form-issue-count").innerText()).toBe("0");

    // The live preview: hidden until the rule holds, hidden again when it does not.
    const preview = page.getByTestId("fb-preview");
    await preview.getByTestId("form-field-text1").waitFor();
    await expect(preview.getByTestId("form-field-reason").count()).resolves.toBe(0);
    await preview.getByTestId("form-field-text1").locator("input").fill("yes");
    await preview.getByTestId("form-field-reason").waitFor();
    await preview.getByTestId("form-field-reason").getByText("Reason").waitFor();
    await world.screenshot(page, "form-builder", { docs: true });
    await preview.getByTestId("form-field-text1").locator("input").fill("no");
    await preview.getByTestId("form-field-reason").waitFor({ state: "detached" });

    // Undo the rule, redo it.
    await page.getByTestId("undo").click();
    await expect
      .poll(() => page.getByTestId("fb-field-reason").getByText("visible if").count())
      .toBe(0);
    await page.getByTestId("redo").click();
    await page.getByTestId("fb-field-reason").getByText("visible if").waitFor();

    // The same rule in the visual condition builder (react-querybuilder, antd controls).
    const visibleIf = props.getByTestId("rule-visible-if");
    await visibleIf.getByText("Builder").click();
    await expect.poll(() => visibleIf.locator(".rule").count()).toBe(1);
    await visibleIf.getByText("JSON").click();
    await expect(visibleIf.locator("textarea").inputValue()).resolves.toBe(
      '{"==":[{"var":"text1"},"yes"]}',
    );

    await page.getByTestId("save-draft").click();
    await page.getByTestId("form-version").getByText("Draft").waitFor();
    await page.getByTestId("publish").click();
    const dialog = page.getByRole("dialog");
    await dialog.getByRole("textbox").fill("First version from the e2e test");
    await dialog.getByRole("button", { name: "Publish" }).click();
    await dialog.waitFor({ state: "hidden" });
    await page.getByTestId("form-version").getByText("Published v1").waitFor();

    const stored = await page.evaluate(async (key) => {
      const versions = await (await fetch(`/api/v1/definitions/form/${key}`)).json();
      const exported = await (await fetch(`/api/v1/definitions/form/${key}/export`)).json();
      return { versions, exported } as {
        versions: { versions: Array<{ status: string; note: string | null }> };
        exported: {
          name: unknown;
          dataSchema: { properties: Record<string, { "x-kam-field": string }> };
          uiSchema: { order?: string[]; fields: Record<string, { label?: { en: string } }> };
          rules: unknown;
        };
      };
    }, KEY);
    expect(stored.versions.versions.at(-1)).toMatchObject({
      status: "published",
      note: "First version from the e2e test",
    });
    expect(stored.exported.name).toEqual({ "zh-CN": "线索", en: "Lead" });
    expect(
      Object.entries(stored.exported.dataSchema.properties).map(([k, f]) => [k, f["x-kam-field"]]),
    ).toEqual([
      ["text1", "text"],
      ["select1", "select"],
      ["reason", "textarea"],
    ]);
    expect(stored.exported.uiSchema.order).toEqual(["reason", "text1", "select1"]);
    expect(stored.exported.uiSchema.fields.reason?.label?.en).toBe("Reason");
    expect(stored.exported.rules).toEqual({
      visibility: { fields: { reason: { "==": [{ var: "text1" }, "yes"] } } },
    });

    expect(watched.cspViolations).toEqual([]);
    // Chromium logs every failed response; the lookup of the new key (404) is expected.
    expect(watched.errors.filter((e) => !/status of 404/.test(e))).toEqual([]);
  });

  it("opens a bundled pack form with its sections and field permissions", async () => {
    const watched = await world.open({ locale: "en-US" });
    const { page } = watched;
    await world.signIn(watched);
    await page.goto("/forms");
    await page.getByTestId("edit-form-account").click();
    await page.waitForURL("**/forms/account");
    const exported = await page.evaluate(async () => {
      const res = await fetch("/api/v1/definitions/form/account/export");
      return (await res.json()) as { uiSchema: { sections: Array<{ key: string }> } };
    });
    expect(exported.uiSchema.sections.length).toBeGreaterThan(0);
    for (const section of exported.uiSchema.sections) {
      await page.getByTestId(`fb-section-${section.key}`).waitFor();
      await page.getByTestId("fb-preview").getByTestId(`form-section-${section.key}`).waitFor();
    }
    await expect.poll(() => page.getByTestId("form-issue-count").innerText()).toBe("0");

    // The flows' task and approval nodes on this form, field by field.
    await world.screenshot(page, "form-builder-pack");
    await page.getByTestId("open-permissions").click();
    await page.getByTestId("perm-matrix").waitFor();
    // follow-up-reminder's task shows the account's name read-only; hide it there instead.
    const cell = page.getByTestId("perm-follow-up-reminder-follow-up-name");
    await cell.click();
    await page.locator('.ant-select-item-option[title="Hidden"]').last().click();
    await page.getByTestId("perm-save").click();
    await page.getByText("Field permissions saved to the flow drafts").waitFor();
    const flowDraft = await page.evaluate(async () => {
      const res = await fetch("/api/v1/definitions/flow/follow-up-reminder/draft");
      return (await res.json()) as {
        definition: { body: { nodes: Array<{ id: string; config: { fields?: unknown } }> } };
      };
    });
    expect(
      flowDraft.definition.body.nodes.find((n) => n.id === "follow-up")?.config.fields,
    ).toMatchObject({ name: "hidden", owner: "read-only", lastFollowUpDate: "required" });
    await page.getByRole("dialog").getByRole("button", { name: "Close" }).first().click();

    expect(watched.cspViolations).toEqual([]);
    expect(watched.errors).toEqual([]);
  });
});
