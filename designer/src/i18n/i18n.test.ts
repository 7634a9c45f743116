import { describe, expect, it } from "vitest";
import { initialLanguage, localized } from "./language.ts";
import { messages } from "./messages.ts";

const { en, "zh-CN": zhCN } = messages;

/** Every leaf key of a message tree, dotted. */
function keysOf(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === "object" && value !== null
      ? keysOf(value, `${prefix}${key}.`)
      : [`${prefix}${key}`],
  );
}

describe("designer messages", () => {
  it("have the same keys in zh-CN and en", () => {
    expect(keysOf(zhCN).sort()).toEqual(keysOf(en).sort());
  });

  it("have no empty message and the same placeholders in both languages", () => {
    const lookup = (tree: object, key: string) =>
      key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);
    const vars = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    for (const key of keysOf(en)) {
      const [a, b] = [lookup(zhCN, key), lookup(en, key)] as string[];
      expect(a, key).not.toBe("");
      expect(vars(a ?? ""), key).toEqual(vars(b ?? ""));
    }
  });
});

describe("initialLanguage", () => {
  it("keeps a stored choice", () => {
    expect(initialLanguage("en", "zh-CN")).toBe("en");
  });
  it("picks zh-CN for a Chinese browser and en otherwise", () => {
    expect(initialLanguage(null, "zh-TW")).toBe("zh-CN");
    expect(initialLanguage("fr", "de-DE")).toBe("en");
    expect(initialLanguage(null, undefined)).toBe("en");
  });
});

describe("localized", () => {
  it("reads an i18n map in the language, falling back to zh-CN", () => {
    expect(localized({ "zh-CN": "流程", en: "Flow" }, "en")).toBe("Flow");
    expect(localized({ "zh-CN": "流程" }, "en")).toBe("流程");
    expect(localized("plain", "en")).toBe("plain");
    expect(localized(null, "en")).toBe("");
  });
});
