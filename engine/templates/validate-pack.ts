/**
 * @module templates/validate-pack
 * Validates a template pack in full, without a database: the manifest against its schema; each
 * embedded definition against its kind's own validator, with the forms and tier models it reads
 * taken from the pack itself (a pack is self-contained: every reference inside it resolves);
 * the contents list against what is embedded; the engine range against this kamflow; the
 * dashboard's KPIs; and the sample-data spec against the pack's forms. Every issue carries a
 * pointer into the single-file pack. Never throws for bad input.
 */
import semver from "semver";
import { validatorFor } from "../../schemas/ajv.ts";
import type { kpiConfigSchema } from "../../schemas/api/kpis.schema.ts";
import type { Infer } from "../../schemas/index.ts";
import { templateSampleDataSchema } from "../../schemas/template-sample-data.schema.ts";
import {
  ajvErrorsToIssues,
  classifyCommon,
  type Issue,
  issue,
  ptr,
  type Validation,
} from "../errors/index.ts";
import { validateFlow, validateTemplatePackManifest } from "../flows/index.ts";
import { oversizedLists } from "../flows/validate-flow-shape.ts";
import { expandDataSchema, type FormDataSchema, validateFormDefinition } from "../forms/index.ts";
import { type TierModel, validateTierModel } from "../tiers/index.ts";
import {
  knownKpis,
  type PackDefinition,
  type PackDocument,
  type PackList,
  packLists,
} from "./pack-document.ts";
import { flowReferences, flowRoles, formReferences } from "./pack-references.ts";
import { checkSampleData } from "./sample-data-check.ts";

type KpiConfig = Infer<typeof kpiConfigSchema>;

export interface ValidatePackOptions {
  /** The running kamflow's version, checked against the pack's `engine` range. */
  readonly engineVersion: string;
}

const at = (base: string, issues: readonly Issue[]): Issue[] =>
  issues.map((i) => ({ ...i, pointer: `${base}${i.pointer}` }));

const kindLabel: Readonly<Record<string, string>> = {
  form: "form",
  "tier-model": "tier model",
  flow: "flow",
};

/** Record schemas of the pack's valid forms, by key. */
function formSchemas(forms: readonly PackDefinition[]): Map<string, object> {
  const schemas = new Map<string, object>();
  for (const form of forms) {
    const checked = validateFormDefinition(form);
    if (checked.ok)
      schemas.set(form.key, expandDataSchema(checked.value.dataSchema as FormDataSchema));
  }
  return schemas;
}

/** The embedded lists: kinds match, keys are unique, contents and embedded agree. */
function checkLists(pack: PackDocument): Issue[] {
  const issues: Issue[] = [];
  for (const { list, kind } of packLists) {
    const embedded = pack.embedded[list];
    const seen = new Set<string>();
    embedded.forEach((definition, index) => {
      const base = ptr("embedded", list, index);
      if (definition.kind !== kind) {
        issues.push(
          issue("PACK_KIND_MISMATCH", `${base}/kind`, {
            list,
            expected: kind,
            actual: String(definition.kind),
          }),
        );
      }
      if (typeof definition.key !== "string") return;
      if (seen.has(definition.key))
        issues.push(issue("PACK_DUPLICATE_KEY", `${base}/key`, { kind, key: definition.key }));
      seen.add(definition.key);
    });
    const listed = (pack.contents[list] ?? []).map((entry) => entry.key);
    listed.forEach((key, index) => {
      if (key !== undefined && !seen.has(key))
        issues.push(issue("PACK_CONTENT_MISSING", ptr("contents", list, index), { kind, key }));
    });
    embedded.forEach((definition, index) => {
      if (typeof definition.key === "string" && !listed.includes(definition.key))
        issues.push(
          issue("PACK_CONTENT_UNLISTED", ptr("embedded", list, index), {
            kind,
            key: definition.key,
          }),
        );
    });
  }
  return issues;
}

/** Every definition by its own validator, against the pack's own forms and tier models. */
function checkDefinitions(pack: PackDocument): { issues: Issue[]; warnings: Issue[] } {
  const issues: Issue[] = [];
  const warnings: Issue[] = [];
  const keys = {
    form: new Set(pack.embedded.forms.map((d) => d.key)),
    "tier-model": new Set(pack.embedded.tierModels.map((d) => d.key)),
    flow: new Set(pack.embedded.flows.map((d) => d.key)),
  };
  const schemas = formSchemas(pack.embedded.forms);
  const models = pack.embedded.tierModels as unknown as TierModel[];
  const declaredRoles = new Set((pack.roles ?? []).map((r) => r.key));

  const collect = (base: string, result: Validation<unknown>) => {
    if (result.ok) warnings.push(...at(base, result.warnings));
    else issues.push(...at(base, result.issues));
  };
  const unresolved = (base: string, refs: ReturnType<typeof flowReferences>) => {
    for (const ref of refs) {
      if (!keys[ref.kind].has(ref.key))
        issues.push(
          issue("PACK_REFERENCE_UNRESOLVED", `${base}${ref.pointer}`, {
            kind: kindLabel[ref.kind],
            key: ref.key,
          }),
        );
    }
  };

  pack.embedded.forms.forEach((form, index) => {
    const base = ptr("embedded", "forms", index);
    collect(base, validateFormDefinition(form));
    unresolved(base, formReferences(form));
  });
  pack.embedded.tierModels.forEach((model, index) => {
    const base = ptr("embedded", "tierModels", index);
    const form = (model as { form?: unknown }).form;
    if (typeof form === "string" && !keys.form.has(form)) {
      unresolved(base, [{ kind: "form", key: form, pointer: "/form" }]);
      return;
    }
    const dataSchema = typeof form === "string" ? schemas.get(form) : undefined;
    collect(base, validateTierModel(model, { dataSchema, models }));
  });
  pack.embedded.flows.forEach((flow, index) => {
    const base = ptr("embedded", "flows", index);
    const refs = flowReferences(flow);
    unresolved(base, refs);
    const form = (flow as { form?: unknown }).form;
    const dataSchema = typeof form === "string" ? schemas.get(form) : undefined;
    collect(base, validateFlow(flow, dataSchema ? { dataSchema } : {}));
    if (declaredRoles.size === 0) return;
    for (const role of flowRoles(flow)) {
      if (!declaredRoles.has(role.key))
        warnings.push(
          issue(
            "PACK_ROLE_UNDECLARED",
            `${base}${role.pointer}`,
            { role: role.key },
            { severity: "warning" },
          ),
        );
    }
  });
  return { issues, warnings };
}

function checkEngine(pack: PackDocument, engineVersion: string): Issue[] {
  if (semver.satisfies(engineVersion, pack.engine, { includePrerelease: true })) return [];
  return [
    issue("PACK_ENGINE_INCOMPATIBLE", "/engine", { range: pack.engine, version: engineVersion }),
  ];
}

function checkKpis(pack: PackDocument): Issue[] {
  const kpis = pack.contents.dashboard?.kpis ?? [];
  return kpis.flatMap((key, index) =>
    (knownKpis as readonly string[]).includes(key)
      ? []
      : [
          issue("PACK_KPI_UNKNOWN", ptr("contents", "dashboard", "kpis", index), {
            key,
            kpis: knownKpis,
          }),
        ],
  );
}

/** The KPI configuration names the pack's own forms, tier model and flows. */
function checkKpiConfig(pack: PackDocument): Issue[] {
  const config = (pack.contents.dashboard as { config?: KpiConfig } | undefined)?.config;
  if (config === undefined) return [];
  const base = "/contents/dashboard/config";
  const has = (list: PackList, key: string) => pack.embedded[list].some((d) => d.key === key);
  const refs: Array<[PackList, string, unknown, string]> = [
    ["forms", "form", config.accounts.form, "/accounts/form"],
    ["tierModels", "tier model", config.tierModel, "/tierModel"],
    ["forms", "form", config.revenue?.form, "/revenue/form"],
    ["flows", "flow", config.revenue?.approval?.flow, "/revenue/approval/flow"],
    ...(config.resolution?.flows ?? []).map(
      (flow, i) =>
        ["flows", "flow", flow, `/resolution/flows/${i}`] as [PackList, string, unknown, string],
    ),
  ];
  return refs.flatMap(([list, kind, key, pointer]) =>
    typeof key === "string" && !has(list, key)
      ? [issue("PACK_REFERENCE_UNRESOLVED", `${base}${pointer}`, { kind, key })]
      : [],
  );
}

function checkSampleShape(sample: unknown): Issue[] {
  const validate = validatorFor(templateSampleDataSchema.$id);
  if (validate(sample)) return [];
  return at(
    "/embedded/sampleData",
    ajvErrorsToIssues(validate.errors, { classify: classifyCommon }),
  );
}

/**
 * Embedded flows whose node or edge list is over its limit, found on the raw input before the
 * manifest check copies it: a library caller's 10^6-node pack is refused in milliseconds
 * instead of being copied and walked (20 s, 800 MB).
 */
function oversizedFlows(document: unknown): Issue[] {
  const flows = (document as { embedded?: { flows?: unknown } } | null)?.embedded?.flows;
  if (!Array.isArray(flows)) return [];
  return flows.flatMap((flow, index) => at(ptr("embedded", "flows", index), oversizedLists(flow)));
}

/** The embedded lists a pack must have, defaulted to empty. */
function withLists(manifest: Record<string, unknown>): PackDocument {
  const embedded = (manifest.embedded ?? {}) as Partial<Record<PackList, PackDefinition[]>>;
  return {
    ...(manifest as unknown as PackDocument),
    embedded: {
      ...(manifest.embedded as object),
      forms: embedded.forms ?? [],
      tierModels: embedded.tierModels ?? [],
      flows: embedded.flows ?? [],
    },
  };
}

/**
 * Validates a single-file pack in full.
 * @example
 * const result = validatePack(JSON.parse(text), { engineVersion: "0.1.0" });
 * if (!result.ok) for (const i of result.issues) console.log(i.pointer, i.message);
 */
export function validatePack(
  document: unknown,
  options: ValidatePackOptions,
): Validation<PackDocument> {
  const oversized = oversizedFlows(document);
  if (oversized.length > 0) return { ok: false, issues: oversized };
  const manifest = validateTemplatePackManifest(document);
  if (!manifest.ok) return manifest;
  const pack = withLists(manifest.value as unknown as Record<string, unknown>);
  const lists = checkLists(pack);
  const definitions = checkDefinitions(pack);
  const issues = [
    ...checkEngine(pack, options.engineVersion),
    ...lists,
    ...definitions.issues,
    ...checkKpis(pack),
    ...checkKpiConfig(pack),
  ];
  const sample = pack.embedded.sampleData;
  if (sample !== undefined) {
    const shape = checkSampleShape(sample);
    issues.push(
      ...(shape.length > 0
        ? shape
        : at("/embedded/sampleData", checkSampleData(sample, formSchemas(pack.embedded.forms)))),
    );
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, value: pack, warnings: definitions.warnings };
}
