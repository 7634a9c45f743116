/**
 * @module designer/forms/form-doc
 * The form builder's document: a form definition (DESIGN §3.1) held as plain JSON and edited by
 * pure operations (`(doc, …) → doc`), so the store only keeps history and every edit is unit
 * tested in node. An opened definition is kept as it is: saving with no edit writes the same JSON.
 *
 * Layout: fields outside any section come first, in `uiSchema.order` then schema order; then
 * each section with its own field list. Moving a field rewrites only the lists it leaves and
 * enters.
 */
import type { FormDefinition, I18nString } from "../../../schemas/index.ts";

export type { I18nString };

/** Every field type of the form schema (`x-kam-field`), in palette order. */
export const FIELD_TYPES = [
  "text",
  "textarea",
  "number",
  "money",
  "percent",
  "date",
  "datetime",
  "select",
  "multi-select",
  "boolean",
  "user",
  "team",
  "reference",
  "sub-table",
  "rating",
  "nps",
  "email",
  "phone",
  "attachment",
] as const;
export type FieldType = (typeof FIELD_TYPES)[number];

/** Column types of a sub-table: every type but sub-table. */
export const COLUMN_TYPES = FIELD_TYPES.filter((t) => t !== "sub-table") as Exclude<
  FieldType,
  "sub-table"
>[];

export type Json = unknown;

/** One field (or sub-table column) schema, as JSON. */
export interface FieldSchema {
  "x-kam-field": FieldType;
  type: string;
  [keyword: string]: unknown;
}

export interface ColumnUiDoc {
  label?: I18nString;
  help?: I18nString;
  placeholder?: I18nString;
  widget?: string;
  span?: number;
  options?: Record<string, I18nString>;
}

export interface FieldUiDoc extends ColumnUiDoc {
  columns?: Record<string, ColumnUiDoc>;
  columnOrder?: string[];
}

export interface SectionDoc {
  key: string;
  title: I18nString;
  description?: I18nString;
  columns?: number;
  collapsed?: boolean;
  fields: string[];
}

export interface ValidationDoc {
  key: string;
  rule: Json;
  message: I18nString;
  fields: string[];
}

export interface RulesDoc {
  hiddenValues?: "drop" | "keep";
  visibility?: { fields?: Record<string, Json>; sections?: Record<string, Json> };
  requiredIf?: Record<string, Json>;
  computed?: Record<string, Json>;
  validations?: ValidationDoc[];
}

export interface UiDoc {
  columns?: number;
  order?: string[];
  sections?: SectionDoc[];
  fields?: Record<string, FieldUiDoc>;
}

/** A form definition as the builder edits it (the schema's shape, mutable and loosely typed). */
export interface FormDoc {
  kind: "form";
  key: string;
  name: I18nString;
  description?: I18nString;
  version?: number;
  dataSchema: {
    type: "object";
    title?: string;
    description?: string;
    properties: Record<string, FieldSchema>;
    required?: string[];
    additionalProperties?: false;
  };
  uiSchema?: UiDoc;
  rules?: RulesDoc;
}

/** A rule kind the builder edits per field. */
export type FieldRuleKind = "visibility" | "requiredIf" | "computed";

/** A place in the layout: a section key, or null for the fields outside sections. */
export type GroupKey = string | null;

export interface LayoutGroup {
  readonly key: GroupKey;
  readonly fields: readonly string[];
}

export const asDefinition = (doc: FormDoc): FormDefinition => doc as unknown as FormDefinition;
export const asDoc = (def: FormDefinition): FormDoc => def as unknown as FormDoc;

/** A deep copy to mutate; documents are small JSON (at most 200 fields). */
function draft(doc: FormDoc): FormDoc {
  return structuredClone(doc);
}

/** A new, empty form (invalid until it has a field). */
export function emptyForm(key: string, name: I18nString): FormDoc {
  return {
    kind: "form",
    key,
    name,
    dataSchema: { type: "object", properties: {} },
    uiSchema: { columns: 2, fields: {} },
  };
}

/** Names of the fields in their section, or undefined outside sections. */
export function sectionOf(doc: FormDoc, field: string): string | undefined {
  return doc.uiSchema?.sections?.find((s) => s.fields.includes(field))?.key;
}

/** Fields outside sections, in display order. */
export function loose(doc: FormDoc): string[] {
  const inSection = new Set((doc.uiSchema?.sections ?? []).flatMap((s) => s.fields));
  const names = Object.keys(doc.dataSchema.properties).filter((n) => !inSection.has(n));
  const order = (doc.uiSchema?.order ?? []).filter((n) => names.includes(n));
  return [...order, ...names.filter((n) => !order.includes(n))];
}

/** The layout: fields outside sections, then each section. */
export function layoutOf(doc: FormDoc): LayoutGroup[] {
  return [
    { key: null, fields: loose(doc) },
    ...(doc.uiSchema?.sections ?? []).map((s) => ({ key: s.key, fields: s.fields })),
  ];
}

/** A name not yet taken: `base` followed by the first free number. */
export function freshName(base: string, taken: ReadonlySet<string>): string {
  for (let i = 1; ; i++) if (!taken.has(`${base}${i}`)) return `${base}${i}`;
}

/** The identifier stem of a field type: `multi-select` → `multiSelect`. */
export const nameStem = (type: FieldType) =>
  type.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());

/** The schema a new field of `type` starts with: the least that is valid. */
export function defaultFieldSchema(
  type: FieldType,
  context: { formKey: string; columnLabel?: I18nString } = { formKey: "account" },
): FieldSchema {
  const field = (jsonType: string, extra: Record<string, unknown> = {}): FieldSchema => ({
    "x-kam-field": type,
    type: jsonType,
    ...extra,
  });
  switch (type) {
    case "number":
    case "percent":
      return field("number");
    case "money":
      return field("number", { "x-kam-currency": "CNY" });
    case "select":
      return field("string", { enum: ["option1", "option2"] });
    case "multi-select":
      return field("array", { items: { type: "string", enum: ["option1", "option2"] } });
    case "boolean":
      return field("boolean");
    case "reference":
      return field("string", { "x-kam-form": context.formKey });
    case "rating":
    case "nps":
      return field("integer");
    case "attachment":
      return field("object");
    case "sub-table":
      return field("array", {
        items: { type: "object", properties: { item: { "x-kam-field": "text", type: "string" } } },
      });
    default:
      return field("string");
  }
}

/** Option values of a select or multi-select field. */
export function optionsOf(field: FieldSchema): string[] | undefined {
  if (field["x-kam-field"] === "select") return field.enum as string[];
  if (field["x-kam-field"] === "multi-select") return (field.items as { enum: string[] }).enum;
  return undefined;
}

function removeFrom(list: string[] | undefined, name: string): string[] | undefined {
  return list?.filter((n) => n !== name);
}

/** Removes empty containers so a document does not fill with `{}`. */
function prune(doc: FormDoc): FormDoc {
  const rules = doc.rules;
  if (rules) {
    const vis = rules.visibility;
    if (vis?.fields && Object.keys(vis.fields).length === 0) delete vis.fields;
    if (vis?.sections && Object.keys(vis.sections).length === 0) delete vis.sections;
    if (vis && Object.keys(vis).length === 0) delete rules.visibility;
    for (const k of ["requiredIf", "computed"] as const) {
      const map = rules[k];
      if (map && Object.keys(map).length === 0) delete rules[k];
    }
    if (rules.validations?.length === 0) delete rules.validations;
    if (Object.keys(rules).length === 0) delete doc.rules;
  }
  return doc;
}

/** Adds a field of `type` at `index` of `group` (the end by default). Returns its name. */
export function addField(
  doc: FormDoc,
  type: FieldType,
  label: I18nString,
  target: { group?: GroupKey; index?: number } = {},
): { doc: FormDoc; name: string } {
  const next = draft(doc);
  const name = freshName(nameStem(type), new Set(Object.keys(next.dataSchema.properties)));
  next.dataSchema.properties[name] = defaultFieldSchema(type, { formKey: next.key });
  next.uiSchema ??= {};
  next.uiSchema.fields ??= {};
  const ui: FieldUiDoc = { label };
  if (type === "select" || type === "multi-select") {
    ui.options = {
      option1: { "zh-CN": "选项 1", en: "Option 1" },
      option2: { "zh-CN": "选项 2", en: "Option 2" },
    };
  }
  next.uiSchema.fields[name] = ui;
  const group = target.group ?? null;
  return { doc: place(next, name, group, target.index), name };
}

/** Puts `name` (already in the schema, in no list) into `group` at `index`. */
function place(doc: FormDoc, name: string, group: GroupKey, index?: number): FormDoc {
  if (group === null) {
    const list = loose(doc).filter((n) => n !== name);
    const at = index === undefined ? list.length : Math.max(0, Math.min(index, list.length));
    list.splice(at, 0, name);
    // Rewrite the order only when it exists or the field is not simply last.
    if (doc.uiSchema?.order || at !== list.length - 1) {
      doc.uiSchema ??= {};
      doc.uiSchema.order = list;
    }
    return doc;
  }
  const section = doc.uiSchema?.sections?.find((s) => s.key === group);
  if (!section) throw new Error(`no section ${group}`);
  const at =
    index === undefined
      ? section.fields.length
      : Math.max(0, Math.min(index, section.fields.length));
  section.fields.splice(at, 0, name);
  return doc;
}

/** Moves a field to `index` of `group` (index counted in the target list without the field). */
export function moveField(doc: FormDoc, name: string, group: GroupKey, index: number): FormDoc {
  if (!Object.hasOwn(doc.dataSchema.properties, name)) return doc;
  const next = draft(doc);
  const from = sectionOf(next, name) ?? null;
  if (from !== null) {
    const section = next.uiSchema?.sections?.find((s) => s.key === from);
    if (section) section.fields = section.fields.filter((n) => n !== name);
  } else if (group !== null && next.uiSchema?.order) {
    next.uiSchema.order = removeFrom(next.uiSchema.order, name);
  }
  return place(next, name, group, index);
}

/** Removes a field and everything that names it (layout, presentation, its own rules). */
export function removeField(doc: FormDoc, name: string): FormDoc {
  const next = draft(doc);
  delete next.dataSchema.properties[name];
  if (next.dataSchema.required) {
    next.dataSchema.required = removeFrom(next.dataSchema.required, name) ?? [];
    if (next.dataSchema.required.length === 0) delete next.dataSchema.required;
  }
  const ui = next.uiSchema;
  if (ui) {
    if (ui.order) ui.order = removeFrom(ui.order, name);
    for (const s of ui.sections ?? []) s.fields = s.fields.filter((n) => n !== name);
    if (ui.fields) delete ui.fields[name];
  }
  const rules = next.rules;
  if (rules) {
    if (rules.visibility?.fields) delete rules.visibility.fields[name];
    if (rules.requiredIf) delete rules.requiredIf[name];
    if (rules.computed) delete rules.computed[name];
    if (rules.validations) {
      rules.validations = rules.validations
        .map((v) => ({ ...v, fields: v.fields.filter((f) => f !== name) }))
        .filter((v) => v.fields.length > 0);
    }
  }
  return prune(next);
}

/** `{"var": old…}` → `{"var": new…}` everywhere in a rule. */
export function renameVar(rule: Json, from: string, to: string): Json {
  if (Array.isArray(rule)) return rule.map((r) => renameVar(r, from, to));
  if (rule === null || typeof rule !== "object") return rule;
  const out: Record<string, Json> = {};
  for (const [op, args] of Object.entries(rule)) {
    if (op === "var") {
      const rename = (path: Json) =>
        typeof path === "string" && (path === from || path.startsWith(`${from}.`))
          ? to + path.slice(from.length)
          : path;
      out[op] = Array.isArray(args)
        ? args.map((a, i) => (i === 0 ? rename(a) : renameVar(a, from, to)))
        : rename(args);
    } else out[op] = renameVar(args, from, to);
  }
  return out;
}

function renameKey<T>(map: Record<string, T> | undefined, from: string, to: string) {
  if (!map || !Object.hasOwn(map, from)) return map;
  return Object.fromEntries(Object.entries(map).map(([k, v]) => [k === from ? to : k, v]));
}

const FIELD_NAME = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;

/** Whether `name` can name a new field (identifier, not reserved, not taken). */
export function fieldNameProblem(doc: FormDoc, name: string): "invalid" | "taken" | undefined {
  if (!FIELD_NAME.test(name) || name === "constructor" || name === "prototype") return "invalid";
  if (Object.hasOwn(doc.dataSchema.properties, name)) return "taken";
  return undefined;
}

/** Renames a field everywhere, rules' `var`s included, keeping its place in every list. */
export function renameField(doc: FormDoc, from: string, to: string): FormDoc {
  if (from === to || fieldNameProblem(doc, to)) return doc;
  const next = draft(doc);
  const swap = (n: string) => (n === from ? to : n);
  next.dataSchema.properties = renameKey(next.dataSchema.properties, from, to) ?? {};
  if (next.dataSchema.required) next.dataSchema.required = next.dataSchema.required.map(swap);
  const ui = next.uiSchema;
  if (ui) {
    if (ui.order) ui.order = ui.order.map(swap);
    for (const s of ui.sections ?? []) s.fields = s.fields.map(swap);
    if (ui.fields) ui.fields = renameKey(ui.fields, from, to);
  }
  const rules = next.rules;
  if (rules) {
    const all = (map: Record<string, Json> | undefined) =>
      map
        ? Object.fromEntries(
            Object.entries(renameKey(map, from, to) ?? {}).map(([k, r]) => [
              k,
              renameVar(r, from, to),
            ]),
          )
        : undefined;
    if (rules.visibility?.fields) rules.visibility.fields = all(rules.visibility.fields);
    if (rules.visibility?.sections) rules.visibility.sections = all(rules.visibility.sections);
    if (rules.requiredIf) rules.requiredIf = all(rules.requiredIf);
    if (rules.computed) rules.computed = all(rules.computed);
    if (rules.validations) {
      rules.validations = rules.validations.map((v) => ({
        ...v,
        rule: renameVar(v.rule, from, to),
        fields: v.fields.map(swap),
      }));
    }
  }
  return next;
}

/** Replaces a field's schema (its name, layout and presentation stay). */
export function setFieldSchema(doc: FormDoc, name: string, schema: FieldSchema): FormDoc {
  const next = draft(doc);
  next.dataSchema.properties[name] = schema;
  return next;
}

/** Replaces a field's presentation; an empty one is removed. */
export function setFieldUi(doc: FormDoc, name: string, ui: FieldUiDoc): FormDoc {
  const next = draft(doc);
  next.uiSchema ??= {};
  next.uiSchema.fields ??= {};
  const clean = Object.fromEntries(Object.entries(ui).filter(([, v]) => v !== undefined));
  if (Object.keys(clean).length === 0) delete next.uiSchema.fields[name];
  else next.uiSchema.fields[name] = clean;
  return next;
}

/** Changes a field's type: a fresh schema of the new type, keeping title and description. */
export function changeFieldType(doc: FormDoc, name: string, type: FieldType): FormDoc {
  const old = doc.dataSchema.properties[name];
  if (!old || old["x-kam-field"] === type) return doc;
  const schema = defaultFieldSchema(type, { formKey: doc.key });
  if (typeof old.title === "string") schema.title = old.title;
  if (typeof old.description === "string") schema.description = old.description;
  let next = setFieldSchema(doc, name, schema);
  const ui = { ...(next.uiSchema?.fields?.[name] ?? {}) };
  delete ui.widget;
  delete ui.options;
  delete ui.columns;
  delete ui.columnOrder;
  if (type === "select" || type === "multi-select") {
    ui.options = {
      option1: { "zh-CN": "选项 1", en: "Option 1" },
      option2: { "zh-CN": "选项 2", en: "Option 2" },
    };
  }
  next = setFieldUi(next, name, ui);
  return next;
}

/** Makes a field always required, or not. */
export function setRequired(doc: FormDoc, name: string, required: boolean): FormDoc {
  const has = doc.dataSchema.required?.includes(name) ?? false;
  if (has === required) return doc;
  const next = draft(doc);
  const list = (next.dataSchema.required ?? []).filter((n) => n !== name);
  if (required) list.push(name);
  if (list.length > 0) next.dataSchema.required = list;
  else delete next.dataSchema.required;
  return next;
}

/** The rule of `kind` governing a field, if any. */
export function fieldRule(doc: FormDoc, kind: FieldRuleKind, name: string): Json | undefined {
  const rules = doc.rules;
  const map = kind === "visibility" ? rules?.visibility?.fields : rules?.[kind];
  return map && Object.hasOwn(map, name) ? map[name] : undefined;
}

/** Sets (or with undefined, removes) the rule of `kind` governing a field. */
export function setFieldRule(
  doc: FormDoc,
  kind: FieldRuleKind,
  name: string,
  rule: Json | undefined,
): FormDoc {
  const next = draft(doc);
  next.rules ??= {};
  let map: Record<string, Json>;
  if (kind === "visibility") {
    next.rules.visibility ??= {};
    next.rules.visibility.fields ??= {};
    map = next.rules.visibility.fields;
  } else {
    next.rules[kind] ??= {};
    map = next.rules[kind] as Record<string, Json>;
  }
  if (rule === undefined) delete map[name];
  else map[name] = rule;
  return prune(next);
}

/** Sets (or removes) a section's visibility rule. */
export function setSectionRule(doc: FormDoc, key: string, rule: Json | undefined): FormDoc {
  const next = draft(doc);
  next.rules ??= {};
  next.rules.visibility ??= {};
  next.rules.visibility.sections ??= {};
  if (rule === undefined) delete next.rules.visibility.sections[key];
  else next.rules.visibility.sections[key] = rule;
  return prune(next);
}

/** The cross-field validations whose first field is `name` (they show on that field). */
export function validationsOf(doc: FormDoc, name: string): { index: number; v: ValidationDoc }[] {
  return (doc.rules?.validations ?? [])
    .map((v, index) => ({ index, v }))
    .filter(({ v }) => v.fields[0] === name);
}

/** Replaces the validation at `index`, removes it (undefined), or appends one (index -1). */
export function setValidation(
  doc: FormDoc,
  index: number,
  validation: ValidationDoc | undefined,
): FormDoc {
  const next = draft(doc);
  next.rules ??= {};
  const list = next.rules.validations ?? [];
  if (index < 0) {
    if (validation) list.push(validation);
  } else if (validation) list[index] = validation;
  else list.splice(index, 1);
  next.rules.validations = list;
  return prune(next);
}

/** A fresh section key. */
export function freshSectionKey(doc: FormDoc): string {
  return freshName("section-", new Set((doc.uiSchema?.sections ?? []).map((s) => s.key)));
}

/** Appends an (empty) section. */
export function addSection(doc: FormDoc, title: I18nString): { doc: FormDoc; key: string } {
  const next = draft(doc);
  const key = freshSectionKey(next);
  next.uiSchema ??= {};
  next.uiSchema.sections ??= [];
  next.uiSchema.sections.push({ key, title, fields: [] });
  return { doc: next, key };
}

/** Changes a section's title, description, columns or collapsed flag. */
export function updateSection(
  doc: FormDoc,
  key: string,
  patch: Partial<Omit<SectionDoc, "key" | "fields">>,
): FormDoc {
  const next = draft(doc);
  const section = next.uiSchema?.sections?.find((s) => s.key === key);
  if (!section) return doc;
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete (section as unknown as Record<string, unknown>)[k];
    else (section as unknown as Record<string, unknown>)[k] = v;
  }
  return next;
}

const SECTION_KEY = /^[a-z][a-z0-9_-]{0,63}$/;

/** Whether `key` can name a section of the form. */
export function sectionKeyProblem(doc: FormDoc, key: string): "invalid" | "taken" | undefined {
  if (!SECTION_KEY.test(key)) return "invalid";
  if (doc.uiSchema?.sections?.some((s) => s.key === key)) return "taken";
  return undefined;
}

/** Renames a section (its visibility rule follows). */
export function renameSection(doc: FormDoc, from: string, to: string): FormDoc {
  if (from === to || sectionKeyProblem(doc, to)) return doc;
  const next = draft(doc);
  const section = next.uiSchema?.sections?.find((s) => s.key === from);
  if (!section) return doc;
  section.key = to;
  const vis = next.rules?.visibility;
  if (vis?.sections) vis.sections = renameKey(vis.sections, from, to);
  return next;
}

/** Removes a section; its fields move to the end of the fields outside sections. */
export function removeSection(doc: FormDoc, key: string): FormDoc {
  const next = draft(doc);
  const ui = next.uiSchema;
  const section = ui?.sections?.find((s) => s.key === key);
  if (!ui?.sections || !section) return doc;
  ui.sections = ui.sections.filter((s) => s.key !== key);
  if (ui.sections.length === 0) delete ui.sections;
  if (ui.order) ui.order = [...ui.order, ...section.fields];
  if (next.rules?.visibility?.sections) delete next.rules.visibility.sections[key];
  return prune(next);
}

/** Moves a section to `index` among the sections. */
export function moveSection(doc: FormDoc, key: string, index: number): FormDoc {
  const next = draft(doc);
  const list = next.uiSchema?.sections;
  const from = list?.findIndex((s) => s.key === key) ?? -1;
  if (!list || from < 0) return doc;
  const [section] = list.splice(from, 1);
  if (section) list.splice(Math.max(0, Math.min(index, list.length)), 0, section);
  return next;
}

/** Changes the form's header (name, description) or its grid columns / hidden-values policy. */
export function updateForm(
  doc: FormDoc,
  patch: {
    name?: I18nString;
    description?: I18nString | undefined;
    columns?: number | undefined;
    hiddenValues?: "drop" | "keep" | undefined;
  },
): FormDoc {
  const next = draft(doc);
  if (patch.name) next.name = patch.name;
  if ("description" in patch) {
    if (patch.description) next.description = patch.description;
    else delete next.description;
  }
  if ("columns" in patch) {
    next.uiSchema ??= {};
    if (patch.columns) next.uiSchema.columns = patch.columns;
    else delete next.uiSchema.columns;
  }
  if ("hiddenValues" in patch) {
    next.rules ??= {};
    if (patch.hiddenValues) next.rules.hiddenValues = patch.hiddenValues;
    else delete next.rules.hiddenValues;
  }
  return prune(next);
}

/** What an issue's pointer points at in the builder: a field, a section, or the form. */
export interface IssueTarget {
  readonly field?: string;
  readonly section?: string;
}

function unescapeToken(token: string): string {
  return token.replace(/~1/g, "/").replace(/~0/g, "~");
}

/**
 * Locates an issue of `validateFormDefinition` (its pointer into the definition) on the field or
 * section it is about, so the builder can show it there.
 * @example issueTarget(doc, "/rules/requiredIf/reason") // { field: "reason" }
 */
export function issueTarget(doc: FormDoc, pointer: string): IssueTarget {
  const t = pointer.split("/").slice(1).map(unescapeToken);
  const [a, b, c, d, e] = t;
  if (a === "dataSchema" && b === "properties" && c !== undefined) return { field: c };
  if (a === "dataSchema" && b === "required" && c !== undefined) {
    const name = doc.dataSchema.required?.[Number(c)];
    return name ? { field: name } : {};
  }
  if (a === "uiSchema" && b === "fields" && c !== undefined) return { field: c };
  if (a === "uiSchema" && b === "order" && c !== undefined) {
    const name = doc.uiSchema?.order?.[Number(c)];
    return name ? { field: name } : {};
  }
  if (a === "uiSchema" && b === "sections" && c !== undefined) {
    const section = doc.uiSchema?.sections?.[Number(c)];
    if (!section) return {};
    if (d === "fields" && e !== undefined) {
      const name = section.fields[Number(e)];
      if (name && Object.hasOwn(doc.dataSchema.properties, name)) return { field: name };
    }
    return { section: section.key };
  }
  if (a === "rules") {
    if (b === "visibility" && c === "fields" && d !== undefined) return { field: d };
    if (b === "visibility" && c === "sections" && d !== undefined) return { section: d };
    if ((b === "requiredIf" || b === "computed") && c !== undefined) return { field: c };
    if (b === "validations" && c !== undefined) {
      const name = doc.rules?.validations?.[Number(c)]?.fields[0];
      return name ? { field: name } : {};
    }
  }
  return {};
}
