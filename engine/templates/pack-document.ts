/**
 * @module templates/pack-document
 * The one in-memory shape of a template pack: the manifest with its definitions embedded, which
 * is also the single file `kamflow export` writes. A pack folder is read into this shape first
 * (templates/load-folder), so validation, install and export see one format, and every issue's
 * pointer is a pointer into it (e.g. `/embedded/flows/2/nodes/3/config`).
 */
import type { TemplatePackManifest } from "../../schemas/index.ts";
import type { TemplateSampleData } from "../../schemas/template-sample-data.schema.ts";

/** Where each definition kind sits in a pack: its contents list and embedded list. */
export const packLists = [
  { list: "forms", kind: "form" },
  { list: "tierModels", kind: "tier-model" },
  { list: "flows", kind: "flow" },
] as const;

export type PackList = (typeof packLists)[number]["list"];
export type PackDefinitionKind = (typeof packLists)[number]["kind"];

/** A definition document as a pack carries it (validated by its kind's own schema). */
export type PackDefinition = Readonly<Record<string, unknown>> & {
  readonly kind: string;
  readonly key: string;
};

/** A validated pack. */
export interface PackDocument extends Omit<TemplatePackManifest, "embedded"> {
  readonly embedded: {
    readonly forms: readonly PackDefinition[];
    readonly tierModels: readonly PackDefinition[];
    readonly flows: readonly PackDefinition[];
    readonly sampleData?: TemplateSampleData;
  };
}

/** The KPI keys a pack's dashboard may list (runtime/kpis computes each). */
export const knownKpis = [
  "nps",
  "high-value-churn-rate",
  "upsell-revenue",
  "ltv-change",
  "resolution-time",
  "sla-breach-rate",
  "tier-distribution",
  "tier-movement",
] as const;

/** The definitions of a pack in install order: forms, then tier models, then flows. */
export function packDefinitions(pack: PackDocument): PackDefinition[] {
  return packLists.flatMap(({ list }) => [...pack.embedded[list]]);
}
