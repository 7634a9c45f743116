import { describe, expect, it } from "vitest";
import { DefinitionError } from "../errors/index.ts";
import { manualClock } from "../ports.ts";
import { createRuleEngine } from "../rules/index.ts";
import { accountProfile, cloneProfile, goodAccount } from "./account-profile.fixture.ts";
import { compileForm, createFormCompiler, formReferences } from "./index.ts";

const version = (v: number) => ({ ...accountProfile, version: v });

describe("createFormCompiler", () => {
  it("returns the same compiled form for the same key and version", () => {
    const forms = createFormCompiler();
    const first = forms.compile(version(1));
    expect(forms.compile(version(1))).toBe(first);
    expect(forms.compile(structuredClone(version(1)))).toBe(first);
    expect(forms.size).toBe(1);
  });

  it("compiles a new form for a new version", () => {
    const forms = createFormCompiler();
    const v1 = forms.compile(version(1));
    const v2 = forms.compile(version(2));
    expect(v2).not.toBe(v1);
    expect([v1.version, v2.version]).toEqual([1, 2]);
    expect(forms.compile(version(1))).toBe(v1);
  });

  it("recompiles when a cached key and version arrive with different content", () => {
    const forms = createFormCompiler();
    const original = forms.compile(version(1));
    const edited = cloneProfile();
    Object.assign(edited.dataSchema.properties.name, { maxLength: 10 });
    const recompiled = forms.compile(edited);
    expect(recompiled).not.toBe(original);
    expect(
      recompiled.validateRecord({ ...goodAccount(), name: "很长很长很长很长很长的客户名称" }).ok,
    ).toBe(false);
    expect(forms.size).toBe(1);
  });

  it("keeps at most maxEntries versions, dropping the least recently used", () => {
    const forms = createFormCompiler({ maxEntries: 2 });
    const v1 = forms.compile(version(1));
    const v2 = forms.compile(version(2));
    expect(forms.compile(version(1))).toBe(v1); // v1 is now the most recently used
    forms.compile(version(3)); // evicts v2
    expect(forms.size).toBe(2);
    expect(forms.compile(version(1))).toBe(v1);
    expect(forms.compile(version(2))).not.toBe(v2);
  });

  it("does not cache drafts (no version)", () => {
    const forms = createFormCompiler();
    const { version: _v, ...draft } = accountProfile;
    expect(forms.compile(draft)).not.toBe(forms.compile(draft));
    expect(forms.size).toBe(0);
  });

  it("is not affected by later changes to the caller's definition object", () => {
    const forms = createFormCompiler();
    const def = cloneProfile();
    const form = forms.compile(def);
    Object.assign(def.dataSchema.properties.name, { maxLength: 3 });
    expect(form.definition.dataSchema.properties.name).toMatchObject({ maxLength: 100 });
    expect(Object.isFrozen(form.definition)).toBe(true);
  });

  it("throws a DefinitionError with pointers for an invalid definition", () => {
    const forms = createFormCompiler();
    const def = cloneProfile();
    Object.assign(def.rules, { computed: { ghost: 1 } });
    expect(() => forms.compile(def)).toThrow(DefinitionError);
    try {
      forms.compile(def);
    } catch (error) {
      expect((error as DefinitionError).issues.map((i) => [i.code, i.pointer])).toEqual([
        ["FORM_UNKNOWN_FIELD", "/rules/computed/ghost"],
      ]);
    }
    expect(() => forms.compile(undefined)).toThrow(DefinitionError);
  });

  it("evaluates rules with the host's rule engine and clock", () => {
    const clock = manualClock(Date.UTC(2026, 5, 1));
    const forms = createFormCompiler({ ruleEngine: createRuleEngine({ clock }) });
    const def = cloneProfile();
    Object.assign(def.dataSchema.properties, {
      daysSinceStart: { "x-kam-field": "number", type: "integer" },
    });
    Object.assign(def.rules, {
      computed: {
        ...def.rules.computed,
        daysSinceStart: { days_since: [{ var: "contractStart" }] },
      },
    });
    const form = forms.compile(def);
    expect(form.evaluateFormState({ contractStart: "2026-05-01" }).computed.daysSinceStart).toBe(
      31,
    );
    clock.advance(86_400_000);
    expect(form.evaluateFormState({ contractStart: "2026-05-01" }).computed.daysSinceStart).toBe(
      32,
    );
  });
});

describe("computed fields that are no number", () => {
  it("leave the field empty instead of storing NaN or Infinity (which fails validation)", () => {
    const forms = createFormCompiler();
    const def = cloneProfile();
    Object.assign(def.dataSchema.properties, {
      perMonth: { "x-kam-field": "number", type: "number" },
    });
    Object.assign(def.rules, {
      computed: { ...def.rules.computed, perMonth: { "/": [{ var: "annualPurchase" }, 0] } },
    });
    const form = forms.compile(def);
    const state = form.evaluateFormState({ ...goodAccount(), annualPurchase: 1200 });
    expect(state.computed.perMonth).toBeNull();
    const checked = form.validateRecord({ ...goodAccount(), annualPurchase: 1200 });
    expect(checked.ok ? [] : checked.issues).toEqual([]);
    expect(checked.ok && "perMonth" in checked.value).toBe(false);
  });
});

describe("compileForm", () => {
  it("caches on the process-wide compiler", () => {
    expect(compileForm(version(7))).toBe(compileForm(version(7)));
  });
});

describe("formReferences", () => {
  it("lists reference fields with the form key they name, sub-table columns included", () => {
    const def = cloneProfile();
    Object.assign(def.dataSchema.properties.contacts.items.properties, {
      contract: { "x-kam-field": "reference", type: "string", "x-kam-form": "contract" },
    });
    expect(formReferences(def)).toEqual([
      { pointer: "/dataSchema/properties/parent/x-kam-form", formKey: "account-profile" },
      {
        pointer: "/dataSchema/properties/contacts/items/properties/contract/x-kam-form",
        formKey: "contract",
      },
    ]);
  });
});
