/**
 * @module schemas/template-pack
 * The manifest of an industry template pack (`templates/<pack>/pack.json`): identity, version,
 * engine compatibility and the list of what the pack installs. The listed files are validated
 * against their own schemas when the pack is loaded.
 */
import { definitionHeaderProperties, keySchema } from "./common/definition-header.ts";
import { i18nStringRef } from "./common/i18n-string.schema.ts";
import { SCHEMA_BASE } from "./common/ids.ts";
import { httpUrlSchema } from "./flow/parts.ts";
import type { Infer } from "./infer.ts";

/** Semantic Versioning 2.0.0 (semver.org's own pattern, which RE2 runs as is). */
export const SEMVER_PATTERN =
  "^(0|[1-9]\\d*)\\.(0|[1-9]\\d*)\\.(0|[1-9]\\d*)" +
  "(?:-((?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\\.(?:0|[1-9]\\d*|\\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?" +
  "(?:\\+([0-9a-zA-Z-]+(?:\\.[0-9a-zA-Z-]+)*))?$";

const PARTIAL =
  "v?(?:0|[1-9]\\d*|[xX*])(?:\\.(?:0|[1-9]\\d*|[xX*])){0,2}(?:-[0-9A-Za-z.-]+)?(?:\\+[0-9A-Za-z.-]+)?";
const COMPARATOR = `(?:(?:>=|<=|>|<|=|~|\\^)\\s*)?${PARTIAL}`;
const RANGE_SET = `(?:${PARTIAL}\\s+-\\s+${PARTIAL}|${COMPARATOR}(?:\\s+${COMPARATOR})*)`;

/** An npm-style semver range: `^0.1.0`, `>=0.1.0 <1.0.0`, `1.x || 2.x`, `1.2.3 - 2.0.0`. */
export const SEMVER_RANGE_PATTERN = `^\\s*${RANGE_SET}(?:\\s*\\|\\|\\s*${RANGE_SET})*\\s*$`;

/** A path relative to the pack folder: '/'-separated names; no '..', no leading '/', no '\\'. */
export const RELATIVE_PATH_PATTERN = "^[A-Za-z0-9_][A-Za-z0-9._-]*(/[A-Za-z0-9_][A-Za-z0-9._-]*)*$";

const relativePath = (title: string, description: string) =>
  ({
    type: "string",
    title,
    description: `${description} Relative to the pack folder, '/'-separated, without '..'.`,
    minLength: 1,
    maxLength: 255,
    pattern: RELATIVE_PATH_PATTERN,
  }) as const;

const url = (title: string, description: string) =>
  ({ ...httpUrlSchema, title, description: `${description} An http:// or https:// URL.` }) as const;

/** A list of definitions the pack ships, each by file path or by key. */
const contentList = (title: string, description: string) =>
  ({
    type: "array",
    title,
    description,
    maxItems: 200,
    items: {
      type: "object",
      title: "Content entry",
      description:
        "Either { path } of a file in the pack folder, or { key } of a definition embedded in " +
        "the exported single-file pack.",
      additionalProperties: false,
      minProperties: 1,
      maxProperties: 1,
      properties: {
        path: relativePath("Path", "File of the definition."),
        key: { ...keySchema, title: "Key", description: "Key of the embedded definition." },
      },
    },
  }) as const;

/** Definition documents embedded in a single-file pack; each kind's schema checks them. */
const embeddedList = (title: string, description: string) =>
  ({
    type: "array",
    title,
    description,
    maxItems: 200,
    items: { type: "object", title: "Definition", description: "A definition document." },
  }) as const;

/**
 * JSON Schema of a template pack manifest (`pack.json`).
 * @example validatorFor(templatePackSchema.$id)(JSON.parse(packJson))
 */
export const templatePackSchema = {
  $id: `${SCHEMA_BASE}template-pack.json`,
  title: "Template pack manifest",
  description:
    "An industry template pack: forms, tier models, flows, sample data, dashboard KPIs and " +
    "scenario tests that install together, all or nothing.",
  type: "object",
  additionalProperties: false,
  required: ["kind", "key", "name", "version", "industry", "engine", "contents"],
  properties: {
    $schema: {
      type: "string",
      title: "Schema",
      description: "URL of this schema, for editors; ignored by kamflow.",
      format: "uri",
    },
    kind: {
      type: "string",
      const: "template-pack",
      title: "Kind",
      description: "Always 'template-pack'.",
    },
    ...definitionHeaderProperties,
    version: {
      type: "string",
      title: "Version",
      description: "Semantic version of the pack (semver.org), e.g. '1.2.0'.",
      maxLength: 64,
      pattern: SEMVER_PATTERN,
    },
    industry: {
      ...keySchema,
      title: "Industry",
      description:
        "Industry the pack is for, e.g. 'general-b2b', 'saas', 'manufacturing', 'retail'.",
    },
    engine: {
      type: "string",
      title: "Engine compatibility",
      description: "Semver range of kamflow versions the pack works with, e.g. '>=0.1.0 <1.0.0'.",
      maxLength: 256,
      pattern: SEMVER_RANGE_PATTERN,
    },
    author: {
      type: "object",
      title: "Author",
      description: "Who made and maintains the pack.",
      additionalProperties: false,
      required: ["name"],
      properties: {
        name: {
          type: "string",
          title: "Name",
          description: "Person or company.",
          minLength: 1,
          maxLength: 200,
        },
        email: {
          type: "string",
          title: "E-mail",
          description: "Contact address.",
          format: "email",
          maxLength: 254,
        },
        url: url("URL", "Web site of the author."),
      },
    },
    homepage: url("Homepage", "Documentation of the pack."),
    license: {
      type: "string",
      title: "License",
      description: "SPDX license expression, e.g. 'Apache-2.0'.",
      maxLength: 100,
      pattern: "^[A-Za-z0-9.+() -]+$",
    },
    roles: {
      type: "array",
      title: "Business roles",
      description:
        "Business roles the pack's flows address (e.g. 'kam', 'sales-director'), with labels; " +
        "install reports the ones nobody in the workspace holds yet.",
      maxItems: 100,
      items: {
        type: "object",
        title: "Business role",
        description: "A business role key and its label.",
        additionalProperties: false,
        required: ["key", "label"],
        properties: {
          key: { ...keySchema, title: "Key", description: "Key of the business role." },
          label: { ...i18nStringRef, title: "Label", description: "Name in zh-CN and en." },
        },
      },
    },
    embedded: {
      type: "object",
      title: "Embedded definitions",
      description:
        "The definitions of a single-file pack (what `kamflow export` writes): each is " +
        "validated against its own schema when the pack loads.",
      additionalProperties: false,
      properties: {
        forms: embeddedList("Forms", "Form definitions."),
        tierModels: embeddedList("Tier models", "Tier model definitions."),
        flows: embeddedList("Flows", "Flow definitions."),
        sampleData: {
          type: "object",
          title: "Sample data spec",
          description: "The sample-data generator spec (template-sample-data.json).",
        },
      },
    },
    contents: {
      type: "object",
      title: "Contents",
      description: "What the pack installs.",
      additionalProperties: false,
      properties: {
        forms: contentList("Forms", "Form definitions."),
        tierModels: contentList("Tier models", "Tier model definitions."),
        flows: contentList("Flows", "Flow definitions."),
        sampleData: {
          type: "object",
          title: "Sample data",
          description:
            "Generator spec of demo records, so a new workspace shows a living dashboard.",
          additionalProperties: false,
          required: ["spec"],
          properties: {
            spec: relativePath("Spec", "Sample-data generator spec file."),
            seed: {
              type: "integer",
              title: "Seed",
              description: "Seed of the generator, so every install creates the same records.",
              minimum: 0,
            },
            counts: {
              type: "object",
              title: "Counts",
              description: "How many records to generate, by form key.",
              maxProperties: 50,
              propertyNames: keySchema,
              additionalProperties: {
                type: "integer",
                title: "Count",
                description: "Number of records.",
                minimum: 0,
                maximum: 100000,
              },
            },
          },
        },
        dashboard: {
          type: "object",
          title: "Dashboard",
          description: "KPIs the pack's dashboard shows, in order.",
          additionalProperties: false,
          required: ["kpis"],
          properties: {
            config: {
              $ref: `${SCHEMA_BASE}api/kpi-config.json`,
              title: "KPI configuration",
              description:
                "Which of the pack's forms, fields, tier model and flows each KPI reads; set " +
                "as the workspace's KPI configuration on install.",
            },
            kpis: {
              type: "array",
              title: "KPIs",
              description:
                "KPI keys, e.g. 'nps', 'upsell-revenue', 'high-value-churn-rate', 'ltv-change', " +
                "'resolution-time', 'sla-breach-rate', 'tier-distribution', 'tier-movement'.",
              minItems: 1,
              maxItems: 30,
              uniqueItems: true,
              items: { ...keySchema, title: "KPI", description: "Key of a KPI." },
            },
          },
        },
        scenarios: {
          type: "array",
          title: "Scenario tests",
          description: "Scenario test files that run the pack with a simulated clock.",
          maxItems: 500,
          items: relativePath("Scenario", "Scenario test file."),
        },
      },
    },
  },
} as const;

/** A template pack manifest. */
export type TemplatePackManifest = Infer<typeof templatePackSchema>;
