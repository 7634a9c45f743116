/**
 * @module forms/form-model
 * The compiled rules of a form arranged for evaluation: lookups by field and section, computed
 * fields in dependency order. Built once per compiled form.
 */
import type { I18nString } from "../../schemas/index.ts";
import type { LocalizedParam } from "../errors/index.ts";
import type { FormArtifacts } from "./analyze.ts";
import type { CompiledFormRule } from "./compile-rules.ts";

export interface FormValidationRule {
  readonly key: string;
  readonly fields: readonly string[];
  readonly message: I18nString;
  readonly compiled: CompiledFormRule;
}

export interface FormModel {
  readonly fieldNames: readonly string[];
  readonly sectionKeys: readonly string[];
  readonly sectionOf: ReadonlyMap<string, string>;
  readonly staticRequired: ReadonlySet<string>;
  readonly computed: readonly CompiledFormRule[];
  readonly computedFields: ReadonlySet<string>;
  readonly fieldVisibility: ReadonlyMap<string, CompiledFormRule>;
  readonly sectionVisibility: ReadonlyMap<string, CompiledFormRule>;
  readonly requiredIf: ReadonlyMap<string, CompiledFormRule>;
  readonly validations: readonly FormValidationRule[];
  /** uiSchema labels by field name, and by sub-table field name then column name. */
  readonly labels: ReadonlyMap<string, I18nString>;
  readonly columnLabels: ReadonlyMap<string, ReadonlyMap<string, I18nString>>;
  /** Policy for values of hidden fields; see the `hiddenValues` property of form rules. */
  readonly hiddenValues: "drop" | "keep";
}

function byTarget(rules: readonly CompiledFormRule[], kind: CompiledFormRule["kind"]) {
  return new Map(rules.filter((r) => r.kind === kind).map((r) => [r.target, r] as const));
}

/** Arranges the artifacts of a valid form for evaluation. */
export function buildFormModel(artifacts: FormArtifacts): FormModel {
  const { definition, rules } = artifacts;
  const sectionOf = new Map<string, string>();
  for (const section of definition.uiSchema?.sections ?? []) {
    for (const field of section.fields) sectionOf.set(field, section.key);
  }
  const computedByField = byTarget(rules, "computed");
  const computed = artifacts.computedOrder
    .map((field) => computedByField.get(field))
    .filter((r): r is CompiledFormRule => r !== undefined);
  const validationRules = rules.filter((r) => r.kind === "validation");
  const validations = (definition.rules?.validations ?? []).map((v, i) => {
    const compiled = validationRules[i];
    if (!compiled) throw new Error(`Validation ${v.key} was not compiled`);
    return { key: v.key, fields: v.fields, message: v.message, compiled };
  });
  const labels = new Map<string, I18nString>();
  const columnLabels = new Map<string, Map<string, I18nString>>();
  for (const [field, ui] of Object.entries(definition.uiSchema?.fields ?? {})) {
    if (ui.label) labels.set(field, ui.label);
    const columns = new Map<string, I18nString>();
    for (const [column, columnUi] of Object.entries(ui.columns ?? {})) {
      if (columnUi.label) columns.set(column, columnUi.label);
    }
    columnLabels.set(field, columns);
  }
  return {
    labels,
    columnLabels,
    fieldNames: Object.keys(definition.dataSchema.properties),
    sectionKeys: (definition.uiSchema?.sections ?? []).map((s) => s.key),
    sectionOf,
    staticRequired: new Set(definition.dataSchema.required ?? []),
    computed,
    computedFields: new Set(computedByField.keys()),
    fieldVisibility: byTarget(rules, "visibility"),
    sectionVisibility: byTarget(rules, "sectionVisibility"),
    requiredIf: byTarget(rules, "requiredIf"),
    validations,
    hiddenValues: definition.rules?.hiddenValues ?? "drop",
  };
}

/**
 * The label of the field or column a record pointer names (`/contacts/2/phone` → the phone
 * column's label), falling back to its name, in both locales.
 */
export function labelAt(model: FormModel, tokens: readonly string[]): { label: LocalizedParam } {
  const [field = "", index, column] = tokens;
  const byColumn = column !== undefined && index !== undefined && /^\d+$/.test(index);
  const name = byColumn ? column : field;
  const label = byColumn ? model.columnLabels.get(field)?.get(column) : model.labels.get(field);
  return { label: { en: label?.en ?? name, "zh-CN": label?.["zh-CN"] ?? name } };
}
