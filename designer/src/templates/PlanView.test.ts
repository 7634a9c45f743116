// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen } from "@testing-library/react";
import { createElement as h } from "react";
import { I18nextProvider } from "react-i18next";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createI18n } from "../i18n/index.ts";
import { PlanView, versionText } from "./PlanView.tsx";
import type { InstallPlan, PlanItem } from "./template-model.ts";

beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  Object.defineProperty(window, "matchMedia", {
    configurable: true,
    value: (query: string) => ({
      matches: false,
      media: query,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    }),
  });
});
afterEach(cleanup);

const item = (over: Partial<PlanItem>): PlanItem => ({
  kind: "form",
  key: "account",
  action: "create",
  currentVersion: null,
  newVersion: 1,
  customized: false,
  changes: null,
  ...over,
});

const plan: InstallPlan = {
  pack: { key: "p", version: "1.0.0", name: { en: "P", "zh-CN": "P" } },
  installedVersion: null,
  policy: "fail",
  items: [
    item({}),
    item({
      kind: "flow",
      key: "approval",
      action: "conflict",
      currentVersion: 2,
      newVersion: null,
      customized: true,
      changes: { added: ["/nodes/3"], removed: [], changed: ["/name/en"] },
    }),
  ],
  counts: { create: 1, update: 0, unchanged: 0, skip: 0, conflict: 1 },
  unheldRoles: ["vp"],
  kpiConfig: "set",
};

async function mount() {
  const i18n = createI18n();
  await i18n.changeLanguage("en");
  return render(h(I18nextProvider, { i18n }, h(PlanView, { plan, pack: undefined })));
}

describe("PlanView", () => {
  it("shows each definition's action, the counts, the unheld roles and the conflict warning", async () => {
    await mount();
    const rows = document.querySelectorAll('[data-testid="plan-item"]');
    expect([...rows].map((r) => r.getAttribute("data-action"))).toEqual(["create", "conflict"]);
    expect(screen.getByText("Create · 1")).toBeTruthy();
    expect(screen.getByText("Conflict · 1")).toBeTruthy();
    expect(screen.getByText(/1 definitions conflict/)).toBeTruthy();
    expect(screen.getByTestId("plan-unheld-roles").textContent).toContain("vp");
  });

  it("expands a conflict to its JSON pointer diff", async () => {
    await mount();
    const expand = document.querySelectorAll(
      ".ant-table-row-expand-icon:not(.ant-table-row-expand-icon-spaced)",
    );
    expect(expand).toHaveLength(1);
    fireEvent.click(expand[0] as Element);
    const diff = screen.getByTestId("plan-diff");
    expect(diff.textContent).toContain("/nodes/3");
    expect(diff.textContent).toContain("/name/en");
    expect(diff.textContent).toContain("Changed (1)");
  });

  it("writes versions as a change, a kept one or a new one", () => {
    expect(versionText(item({}))).toBe("→ v1");
    expect(versionText(item({ currentVersion: 1, newVersion: 2 }))).toBe("v1 → v2");
    expect(versionText(item({ currentVersion: 3, newVersion: null }))).toBe("v3");
    expect(versionText(item({ newVersion: null }))).toBe("—");
  });
});
