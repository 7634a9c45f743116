// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { createElement as h, useState } from "react";
import { I18nextProvider } from "react-i18next";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { kamflowEngine } from "../../engine-browser/entry.ts";
import { createI18n } from "../../i18n/index.ts";
import { FormView } from "./FormView.tsx";
import { evaluateView, type FieldPermissions } from "./form-runtime.ts";

const label = (en: string, zh = en) => ({ "zh-CN": zh, en });

/** A small form: `reason` shows when code is "show"; `note` is required when code is "req". */
const definition = {
  kind: "form",
  key: "preview-test",
  name: label("Preview test"),
  dataSchema: {
    type: "object",
    properties: {
      code: { "x-kam-field": "text", type: "string" },
      reason: { "x-kam-field": "text", type: "string" },
      note: { "x-kam-field": "textarea", type: "string" },
      qty: { "x-kam-field": "number", type: "integer" },
      double: { "x-kam-field": "number", type: "number" },
    },
  },
  uiSchema: {
    columns: 2,
    sections: [{ key: "main", title: label("Main", "主要"), fields: ["code", "reason", "note"] }],
    fields: {
      code: { label: label("Code", "编码") },
      reason: { label: label("Reason", "原因") },
      note: { label: label("Note", "备注") },
      qty: { label: label("Quantity") },
      double: { label: label("Double") },
    },
  },
  rules: {
    visibility: { fields: { reason: { "==": [{ var: "code" }, "show"] } } },
    requiredIf: { note: { "==": [{ var: "code" }, "req"] } },
    // Guarded: {"*": [null, 2]} is NaN, which the data schema rejects as "not a number".
    computed: { double: { if: [{ var: "qty" }, { "*": [{ var: "qty" }, 2] }, null] } },
  },
};

beforeAll(() => {
  // antd measures with ResizeObserver, which jsdom lacks.
  globalThis.ResizeObserver ??= class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
  // antd reads matchMedia (responsive grid), which jsdom lacks.
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

function Harness({
  showErrors,
  permissions,
}: {
  showErrors?: "all" | "touched";
  permissions?: FieldPermissions;
}) {
  const [value, setValue] = useState<Record<string, unknown>>({});
  const form = kamflowEngine.compileForm(definition);
  return h(FormView, {
    form,
    value,
    onChange: setValue,
    showErrors: showErrors ?? "touched",
    permissions,
  });
}

function mount(props: Parameters<typeof Harness>[0] = {}) {
  const i18n = createI18n();
  void i18n.changeLanguage("en");
  return render(h(I18nextProvider, { i18n }, h(Harness, props)));
}

const input = (name: string) =>
  screen.getByTestId(`form-field-${name}`).querySelector("input, textarea") as HTMLInputElement;

describe("FormView (the builder's live preview and runtime forms)", () => {
  it("hides a field by its visible-if rule and shows it when the rule holds", () => {
    mount();
    expect(screen.getByTestId("form-section-main")).toBeTruthy();
    expect(screen.queryByTestId("form-field-reason")).toBeNull();
    act(() => {
      fireEvent.change(input("code"), { target: { value: "show" } });
    });
    expect(screen.getByTestId("form-field-reason")).toBeTruthy();
    act(() => {
      fireEvent.change(input("code"), { target: { value: "other" } });
    });
    expect(screen.queryByTestId("form-field-reason")).toBeNull();
  });

  it("requires a field by its required-if rule, with the engine's message", () => {
    mount({ showErrors: "all" });
    const requiredMark = () =>
      screen.getByTestId("form-field-note").querySelector(".ant-form-item-required");
    expect(requiredMark()).toBeNull();
    expect(screen.queryByTestId("field-error-note")).toBeNull();
    act(() => {
      fireEvent.change(input("code"), { target: { value: "req" } });
    });
    expect(requiredMark()).not.toBeNull();
    expect(screen.getByTestId("field-error-note").textContent).toBe('"Note" is required.');
    act(() => {
      fireEvent.change(input("note"), { target: { value: "done" } });
    });
    // The message leaves with an animation jsdom never ends; the error state is gone at once.
    expect(
      screen.getByTestId("form-field-note").querySelector(".ant-form-item-has-error"),
    ).toBeNull();
  });

  it("computes a computed field and draws it read-only", () => {
    mount();
    act(() => {
      fireEvent.change(input("qty"), { target: { value: "4" } });
    });
    const double = input("double");
    expect(double.value).toBe("8");
    expect(double.disabled).toBe(true);
  });

  it("applies a node's field permissions: hidden, read-only, required", () => {
    mount({
      showErrors: "all",
      permissions: { code: "editable", note: "required", qty: "hidden" },
    });
    expect(screen.queryByTestId("form-field-qty")).toBeNull();
    expect(input("double").disabled).toBe(true);
    expect(input("code").disabled).toBe(false);
    expect(screen.getByTestId("field-error-note").textContent).toBe('"Note" is required.');
  });
});

describe("evaluateView", () => {
  it("reports messages in the requested language and whether the record can be submitted", () => {
    const form = kamflowEngine.compileForm(definition);
    const zh = evaluateView(form, { code: "req" }, { locale: "zh-CN" });
    expect(zh.ok).toBe(false);
    expect(zh.issues.map((i) => i.message)).toEqual(["“备注”为必填项。"]);
    expect(evaluateView(form, { code: "req", note: "x" }, { locale: "en" }).ok).toBe(true);
    const permitted = evaluateView(form, {}, { locale: "en", permissions: { code: "required" } });
    expect(permitted.fields.code).toMatchObject({ required: true, editable: true });
    expect(permitted.fields.note).toMatchObject({ editable: false, visible: true });
    expect(permitted.ok).toBe(false);
  });
});
