// @vitest-environment jsdom
/**
 * The decision-table grid in a DOM: the engine's analysis warnings land on the rows they
 * concern, a cell's text edits the model, and adding a row that the rows above cover shows the
 * shadowing warning on that new row.
 */
import { act, cleanup, fireEvent, render, screen, within } from "@testing-library/react";
import { App } from "antd";
import { createElement, type ReactNode } from "react";
import { I18nextProvider } from "react-i18next";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { localizeIssue } from "../../../engine/errors/index.ts";
import { type TierModel, validateTierModel } from "../../../engine/tiers/index.ts";
import { createI18n } from "../i18n/index.ts";
import { DecisionTableEditor } from "./DecisionTableEditor.tsx";
import { ExamplesEditor } from "./ExamplesEditor.tsx";
import { TierEditorContext } from "./editor-context.ts";
import { MatrixEditor } from "./MatrixEditor.tsx";
import { packTierModels, table } from "./pack-models.test-support.ts";
import { ScorecardEditor } from "./ScorecardEditor.tsx";
import { TiersEditor } from "./TiersEditor.tsx";
import { createTierEditorStore, type TierEditorStore } from "./tier-editor-store.ts";

beforeAll(() => {
  // antd's responsive helpers ask for matchMedia, which jsdom lacks.
  Object.defineProperty(window, "matchMedia", {
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => {},
      removeListener: () => {},
      addEventListener: () => {},
      removeEventListener: () => {},
      dispatchEvent: () => false,
    }),
  });
  // …and ResizeObserver, which antd's tables and inputs observe.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  localStorage.setItem("kamflow.language", "en");
});
afterEach(cleanup);

function validate(store: TierEditorStore) {
  const model = store.getState().model!;
  const result = validateTierModel(model);
  const issues = result.ok ? result.warnings : result.issues;
  store.getState().setIssues(
    issues.map((i) => localizeIssue(i, "en")),
    model,
  );
}

function mount(model: TierModel, component: () => ReactNode = DecisionTableEditor) {
  const store = createTierEditorStore();
  store.getState().load(model);
  validate(store);
  const wrap = (children: ReactNode) =>
    createElement(
      I18nextProvider,
      { i18n: createI18n() },
      createElement(
        App,
        null,
        createElement(TierEditorContext.Provider, { value: store }, children),
      ),
    );
  render(wrap(createElement(component)));
  return store;
}

describe("decision-table grid", () => {
  it("shows the shadowed row's warning on that row only", () => {
    mount(table);
    expect(screen.getByTestId("table-row-2").getAttribute("data-issues")).toBe("1");
    expect(screen.getByTestId("table-row-0").getAttribute("data-issues")).toBe("0");
    const marks = within(screen.getByTestId("row-issues-2")).getAllByTestId("tier-issue-mark");
    expect(marks.map((m) => m.getAttribute("data-code"))).toEqual(["TIER_TABLE_ROW_SHADOWED"]);
    expect(marks[0]!.textContent).toContain("Row 3 can never be selected");
    expect(within(screen.getByTestId("row-issues-1")).queryAllByTestId("tier-issue-mark")).toEqual(
      [],
    );
  });

  it("edits a cell through its text and flags text it cannot read", () => {
    const store = mount(table);
    const cell = screen.getByTestId("cell-2-purchase") as HTMLInputElement;
    expect(cell.value).toBe("> 5000");
    fireEvent.change(cell, { target: { value: "[10..20]" } });
    expect(store.getState().model).toMatchObject({
      rows: [{}, {}, { when: { purchase: { op: "range", min: 10, max: 20, includes: "both" } } }],
    });
    fireEvent.change(cell, { target: { value: "[10..x]" } });
    expect(cell.className).toContain("status-error");
    fireEvent.change(cell, { target: { value: "-" } });
    expect((store.getState().model as { rows: { when: object }[] }).rows[2]!.when).toEqual({});
    // Typing into one cell is one undo step: undo gives the cell's text from before.
    act(() => store.getState().undo());
    expect((screen.getByTestId("cell-2-purchase") as HTMLInputElement).value).toBe("> 5000");
    expect(store.getState().model).toBe(table);
  });

  it("shows the warning of a new catch-all row added below a catch-all", () => {
    const store = mount({ ...table, rows: table.rows.slice(0, 2) } as TierModel);
    expect(screen.queryByTestId("table-row-2")).toBeNull();
    fireEvent.click(screen.getByTestId("add-row"));
    act(() => validate(store));
    const row = screen.getByTestId("table-row-2");
    expect(row.getAttribute("data-issues")).toBe("1");
    expect(
      within(screen.getByTestId("row-issues-2")).getByTestId("tier-issue-mark").dataset.code,
    ).toBe("TIER_TABLE_ROW_SHADOWED");
  });
});

describe("every bundled tier model", () => {
  const editors = {
    scorecard: ScorecardEditor,
    "decision-table": DecisionTableEditor,
    matrix: MatrixEditor,
  } as const;
  for (const { file, model } of packTierModels()) {
    it(`renders ${file} in its kind's editor, its tiers and examples, without edits`, () => {
      const store = mount(model, () =>
        createElement("div", null, [
          createElement(editors[model.modelKind], { key: "kind" }),
          createElement(TiersEditor, { key: "tiers" }),
          createElement(ExamplesEditor, { key: "examples" }),
        ]),
      );
      expect(store.getState().model).toBe(model);
      expect(store.getState().past).toHaveLength(0);
      const summary = screen.queryByTestId("examples-summary");
      if (model.modelKind !== "matrix") expect(summary?.textContent).toMatch(/^(\d+) of \1 pass$/);
    });
  }
});
