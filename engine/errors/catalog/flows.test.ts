import { describe, expect, it } from "vitest";
import { commonCatalog } from "./common.ts";
import { flowsCatalog } from "./flows.ts";
import { formsCatalog } from "./forms.ts";
import { rulesCatalog } from "./rules.ts";
import { tiersCatalog } from "./tiers.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("flowsCatalog", () => {
  it("shares no code with another catalog (a repeated key would silently override)", () => {
    const others = [commonCatalog, rulesCatalog, formsCatalog, tiersCatalog].flatMap(Object.keys);
    expect(Object.keys(flowsCatalog).filter((code) => others.includes(code))).toEqual([]);
  });

  it("has every message in both locales with the same placeholders", () => {
    for (const [code, entry] of Object.entries(flowsCatalog)) {
      expect(entry.en.length, code).toBeGreaterThan(0);
      expect(entry["zh-CN"].length, code).toBeGreaterThan(0);
      expect(placeholders(entry["zh-CN"]), code).toEqual(placeholders(entry.en));
    }
  });
});
