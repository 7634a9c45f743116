import { describe, expect, it } from "vitest";
import { catalog } from "../codes.ts";
import { calendarsCatalog } from "./calendars.ts";
import { commonCatalog } from "./common.ts";
import { flowsCatalog } from "./flows.ts";
import { formsCatalog } from "./forms.ts";
import { httpCatalog } from "./http.ts";
import { rulesCatalog } from "./rules.ts";
import { runtimeCatalog } from "./runtime.ts";
import { shapeCatalog } from "./shape.ts";
import { storeCatalog } from "./store.ts";
import { templatesCatalog } from "./templates.ts";
import { tiersCatalog } from "./tiers.ts";
import { webhooksCatalog } from "./webhooks.ts";

const catalogs = {
  commonCatalog,
  shapeCatalog,
  rulesCatalog,
  formsCatalog,
  tiersCatalog,
  flowsCatalog,
  storeCatalog,
  runtimeCatalog,
  calendarsCatalog,
  httpCatalog,
  webhooksCatalog,
  templatesCatalog,
};
const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("error catalogs", () => {
  it("share no code (a repeated key would silently override another domain's message)", () => {
    const all = Object.values(catalogs).flatMap((c) => Object.keys(c));
    expect(all.length).toBe(new Set(all).size);
    expect(Object.keys(catalog).length).toBe(all.length);
  });

  it("have every message in zh-CN and en with the same placeholders", () => {
    for (const [code, entry] of Object.entries(catalog)) {
      expect(entry.en.trim().length, code).toBeGreaterThan(0);
      expect(entry["zh-CN"].trim().length, code).toBeGreaterThan(0);
      expect(placeholders(entry["zh-CN"]), code).toEqual(placeholders(entry.en));
    }
  });

  it("use upper-case codes", () => {
    for (const code of Object.keys(catalog)) expect(code).toMatch(/^[A-Z][A-Z0-9_]+$/);
  });
});
