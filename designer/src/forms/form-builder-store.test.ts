import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { validateFormDefinition } from "../../../engine/forms/index.ts";
import { createFormBuilderStore } from "./form-builder-store.ts";
import {
  asDefinition,
  emptyForm,
  type FormDoc,
  issueTarget,
  layoutOf,
  renameVar,
} from "./form-doc.ts";

const ROOT = join(import.meta.dirname, "../../../templates");
const packForms = readdirSync(ROOT, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .flatMap((d) => {
    const dir = join(ROOT, d.name, "forms");
    try {
      return readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .map((f) => ({ name: `${d.name}/${f}`, text: readFileSync(join(dir, f), "utf8") }));
    } catch {
      return [];
    }
  });

const label = (en: string) => ({ "zh-CN": en, en });

function fresh() {
  let clock = 0;
  const store = createFormBuilderStore(() => (clock += 5000));
  store.getState().load(emptyForm("deal", label("Deal")));
  return store;
}

describe("form builder store", () => {
  it("adds fields of every kind of group and selects the new one", () => {
    const store = fresh();
    const s = () => store.getState();
    expect(s().addField("text", label("Name"))).toBe("text1");
    expect(s().addField("select", label("Stage"))).toBe("select1");
    expect(s().addField("text", label("Code"), { group: null, index: 0 })).toBe("text2");
    expect(s().selection).toEqual({ kind: "field", name: "text2" });
    expect(layoutOf(s().doc as FormDoc)[0]?.fields).toEqual(["text2", "text1", "select1"]);
    expect(s().doc?.uiSchema?.fields?.select1?.options).toBeDefined();
    expect(validateFormDefinition(s().doc).ok).toBe(true);
  });

  it("adds, renames, moves into and removes sections", () => {
    const store = fresh();
    const s = () => store.getState();
    s().addField("text", label("Name"));
    s().addField("money", label("Value"));
    s().addField("date", label("Close"));
    const key = s().addSection(label("Money"));
    expect(key).toBe("section-1");
    // An empty section is reported by the engine, on the section.
    const invalid = validateFormDefinition(s().doc);
    expect(invalid.ok).toBe(false);
    if (!invalid.ok)
      expect(invalid.issues.map((i) => issueTarget(s().doc as FormDoc, i.pointer))).toContainEqual({
        section: "section-1",
      });
    s().moveField("money1", key, 0);
    s().moveField("date1", key, 0);
    expect(layoutOf(s().doc as FormDoc)).toEqual([
      { key: null, fields: ["text1"] },
      { key: "section-1", fields: ["date1", "money1"] },
    ]);
    expect(validateFormDefinition(s().doc).ok).toBe(true);
    // Reorder inside the section, then back out of it.
    s().moveField("money1", key, 0);
    expect(s().doc?.uiSchema?.sections?.[0]?.fields).toEqual(["money1", "date1"]);
    s().moveField("date1", null, 0);
    expect(layoutOf(s().doc as FormDoc)[0]?.fields).toEqual(["date1", "text1"]);
    expect(s().renameSection(key, "value")).toBe(true);
    expect(s().renameSection("value", "Bad Key")).toBe(false);
    s().removeSection("value");
    expect(s().doc?.uiSchema?.sections).toBeUndefined();
    expect(layoutOf(s().doc as FormDoc)[0]?.fields).toEqual(["date1", "text1", "money1"]);
    expect(validateFormDefinition(s().doc).ok).toBe(true);
  });

  it("removes a field with its presentation, rules and validations", () => {
    const store = fresh();
    const s = () => store.getState();
    s().addField("boolean", label("Risky"));
    s().addField("textarea", label("Why"));
    s().change((d) => ({
      ...d,
      dataSchema: { ...d.dataSchema, required: ["textarea1"] },
      rules: {
        visibility: { fields: { textarea1: { var: "boolean1" } } },
        requiredIf: { textarea1: { var: "boolean1" } },
        validations: [{ key: "why", rule: true, message: label("Say why"), fields: ["textarea1"] }],
      },
    }));
    s().removeField("textarea1");
    const doc = s().doc as FormDoc;
    expect(Object.keys(doc.dataSchema.properties)).toEqual(["boolean1"]);
    expect(doc.dataSchema.required).toBeUndefined();
    expect(doc.uiSchema?.fields?.textarea1).toBeUndefined();
    expect(doc.rules).toBeUndefined();
    expect(s().selection).toEqual({ kind: "form" });
  });

  it("renames a field everywhere, rules' vars included", () => {
    const store = fresh();
    const s = () => store.getState();
    s().addField("number", label("Margin"));
    s().addField("text", label("Reason"));
    s().change((d) => ({
      ...d,
      rules: { requiredIf: { text1: { "<": [{ var: "number1" }, 10] } } },
    }));
    expect(s().renameField("number1", "margin")).toBe(true);
    expect(s().renameField("text1", "margin")).toBe(false);
    expect(s().doc?.rules?.requiredIf).toEqual({ text1: { "<": [{ var: "margin" }, 10] } });
    expect(validateFormDefinition(s().doc).ok).toBe(true);
    expect(renameVar({ var: ["a.b", 0] }, "a", "c")).toEqual({ var: ["c.b", 0] });
  });

  it("undoes and redoes, merging typing into one step", () => {
    let clock = 0;
    const store = createFormBuilderStore(() => clock);
    const s = () => store.getState();
    s().load(emptyForm("deal", label("Deal")));
    s().addField("text", label("Name"));
    const afterAdd = s().doc;
    for (const text of ["A", "Ac", "Acme"]) {
      clock += 100;
      s().change((d) => ({ ...d, name: label(text) }), "form:name");
    }
    expect(s().past).toHaveLength(2);
    s().undo();
    expect(s().doc).toBe(afterAdd);
    s().undo();
    expect(Object.keys(s().doc?.dataSchema.properties ?? {})).toEqual([]);
    expect(s().selection).toEqual({ kind: "form" });
    s().redo();
    s().redo();
    expect(s().doc?.name).toEqual(label("Acme"));
    expect(s().future).toHaveLength(0);
    expect(s().dirty).toBe(true);
    s().markSaved();
    expect(s().dirty).toBe(false);
  });
});

describe("bundled pack forms", () => {
  it("are found", () => {
    expect(packForms.length).toBeGreaterThan(10);
  });

  for (const { name, text } of packForms) {
    it(`${name} round-trips unchanged and stays valid through edits and undo`, () => {
      const store = createFormBuilderStore();
      const s = () => store.getState();
      s().load(JSON.parse(text) as FormDoc);
      // Opened and saved with no edit: the same document.
      expect(JSON.stringify(asDefinition(s().doc as FormDoc))).toBe(
        JSON.stringify(JSON.parse(text)),
      );
      expect(validateFormDefinition(s().doc).ok).toBe(true);
      // Rename each field and back, move the first field to the end of its group, undo it all.
      const doc = s().doc as FormDoc;
      const first = Object.keys(doc.dataSchema.properties)[0] ?? "";
      expect(s().renameField(first, `${first}Renamed`)).toBe(true);
      expect(validateFormDefinition(s().doc).ok).toBe(true);
      const group = layoutOf(s().doc as FormDoc).find((g) => g.fields.includes(`${first}Renamed`));
      s().moveField(`${first}Renamed`, group?.key ?? null, (group?.fields.length ?? 1) - 1);
      expect(validateFormDefinition(s().doc).ok).toBe(true);
      s().undo();
      s().undo();
      expect(JSON.stringify(s().doc)).toBe(JSON.stringify(JSON.parse(text)));
    });
  }
});
