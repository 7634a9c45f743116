/**
 * @module schemas/template-sample-data
 * The sample-data generator spec of a template pack (`templates/<pack>/sample-data.json`): the
 * demo people and teams, and for each form how many records to make and how to fill each field.
 * The generator is seeded, so one spec and one seed always make the same workspace.
 */
import { definitionHeaderProperties, keySchema } from "./common/definition-header.ts";
import { i18nStringRef } from "./common/i18n-string.schema.ts";
import { SCHEMA_BASE } from "./common/ids.ts";
import type { Infer } from "./infer.ts";

const fieldName = {
  type: "string",
  title: "Field",
  description: "A field of the form's data schema.",
  pattern: "^[A-Za-z_][A-Za-z0-9_]{0,63}$",
} as const;

/** Common to every generator: how often the field is filled at all. */
const present = {
  type: "number",
  title: "Presence",
  description: "Probability (0–1) that the field gets a value; absent otherwise. Default 1.",
  minimum: 0,
  maximum: 1,
} as const;

const tag = (value: string, description: string) =>
  ({ type: "string", const: value, title: "Generator", description }) as const;

const num = (title: string, description: string) =>
  ({ type: "number", title, description }) as const;

/** A generator variant: its `gen` tag's description is the variant's description. */
function variant<
  const R extends readonly string[],
  const P extends { readonly gen: { readonly description: string } },
>(title: string, required: R, properties: P) {
  return {
    type: "object",
    title,
    description: properties.gen.description,
    additionalProperties: false,
    required,
    properties: { ...properties, present },
  } as const;
}

/** One generator per variant, discriminated by `gen`. */
const generators = [
  variant("Company name", ["gen"], {
    gen: tag("company", "A realistic Chinese company name (city, brand, trade, legal form)."),
    trade: {
      type: "object",
      title: "Trade by field",
      description:
        "Chooses the trade word from another field's value (e.g. industry → '精密机械').",
      additionalProperties: false,
      required: ["field", "words"],
      properties: {
        field: fieldName,
        words: {
          type: "object",
          title: "Words",
          description: "Trade words by the other field's value.",
          maxProperties: 100,
          additionalProperties: {
            type: "array",
            title: "Trade words",
            description: "Candidates, e.g. ['精密机械', '重工'].",
            minItems: 1,
            maxItems: 50,
            items: { type: "string", minLength: 1, maxLength: 20 },
          },
        },
      },
    },
  }),
  variant("Person name", ["gen"], {
    gen: tag("person-name", "A Chinese personal name (surname and given name)."),
  }),
  variant("Pick", ["gen", "values"], {
    gen: tag("pick", "One of the values, optionally weighted."),
    values: {
      type: "array",
      title: "Values",
      description: "The candidates (any JSON values).",
      minItems: 1,
      maxItems: 200,
    },
    weights: {
      type: "array",
      title: "Weights",
      description: "Relative weight of each value, same length as values.",
      minItems: 1,
      maxItems: 200,
      items: { type: "number", minimum: 0 },
    },
  }),
  variant("Pick several", ["gen", "values"], {
    gen: tag("pick-some", "A few distinct values (for multi-select fields)."),
    values: {
      type: "array",
      title: "Values",
      description: "The candidates.",
      minItems: 1,
      maxItems: 200,
    },
    min: { type: "integer", title: "Min", description: "Fewest values. Default 1.", minimum: 0 },
    max: { type: "integer", title: "Max", description: "Most values. Default 3.", minimum: 1 },
  }),
  variant("Integer", ["gen", "min", "max"], {
    gen: tag("int", "A uniform integer in [min, max]."),
    min: num("Min", "Smallest value."),
    max: num("Max", "Largest value."),
  }),
  variant("Number", ["gen", "min", "max"], {
    gen: tag("number", "A uniform number in [min, max]."),
    min: num("Min", "Smallest value."),
    max: num("Max", "Largest value."),
    decimals: {
      type: "integer",
      title: "Decimals",
      description: "Digits after the point. Default 2.",
      minimum: 0,
      maximum: 6,
    },
  }),
  variant("Long tail", ["gen", "min", "median", "max"], {
    gen: tag(
      "long-tail",
      "A log-normal amount: most values near the median, a few far above (revenue, purchases).",
    ),
    min: num("Min", "Smallest value."),
    median: num("Median", "Typical value."),
    max: num("Max", "Largest value."),
    spread: num("Spread", "Sigma of the underlying normal. Default 1.1."),
    round: num("Round to", "Rounds to a multiple of this. Default 1000."),
  }),
  variant("Date", ["gen", "fromDays", "toDays"], {
    gen: tag("date", "A calendar date (YYYY-MM-DD) between two offsets from today."),
    fromDays: num("From", "Days from today (negative: past)."),
    toDays: num("To", "Days from today."),
  }),
  variant("Date and time", ["gen", "fromDays", "toDays"], {
    gen: tag("datetime", "An instant (ISO 8601, UTC) between two offsets from now."),
    fromDays: num("From", "Days from now (negative: past)."),
    toDays: num("To", "Days from now."),
  }),
  variant("Boolean", ["gen"], {
    gen: tag("bool", "True with probability p."),
    p: { ...present, title: "p", description: "Probability of true. Default 0.5." },
  }),
  variant("Constant", ["gen", "value"], {
    gen: tag("const", "Always the same value."),
    value: { title: "Value", description: "The value." },
  }),
  variant("Mobile phone", ["gen"], {
    gen: tag("phone", "A mainland China mobile number (11 digits)."),
  }),
  variant("E-mail", ["gen"], {
    gen: tag("email", "A made-up address at example.com (never a real domain)."),
  }),
  variant("Sequence", ["gen"], {
    gen: tag("sequence", "prefix + running number, e.g. 'T-0001'."),
    prefix: {
      type: "string",
      title: "Prefix",
      description: "Text before the number.",
      maxLength: 20,
    },
  }),
  variant("Text", ["gen", "pattern"], {
    gen: tag(
      "text",
      "Text from a pattern: '{field}' inserts another field of the same record, " +
        "'{parent.field}' one of the parent record; '{n}' the record's running number.",
    ),
    pattern: {
      type: "string",
      title: "Pattern",
      description: "e.g. '{company} 年度框架协议'.",
      maxLength: 500,
    },
  }),
  variant("Person", ["gen"], {
    gen: tag("person", "The user id of a sample person, round-robin among those matching."),
    role: { ...keySchema, title: "Business role", description: "Only people holding it." },
    person: { ...keySchema, title: "Person", description: "Exactly this person (by key)." },
  }),
  variant("Parent", ["gen"], { gen: tag("parent", "The id of the parent record (see `per`).") }),
  variant("Earlier sibling", ["gen"], {
    gen: tag(
      "earlier-sibling",
      "The id of an earlier record of the same parent (e.g. a contact's reports-to); absent " +
        "for the first.",
    ),
  }),
] as const;

const sampleRecords = {
  type: "array",
  title: "Records",
  description: "Record generators, run in order (a child after its parent's form).",
  maxItems: 50,
  items: {
    type: "object",
    title: "Record generator",
    description: "How many records of a form to make and how to fill their fields.",
    additionalProperties: false,
    required: ["form", "fields"],
    properties: {
      form: { ...keySchema, title: "Form", description: "Key of the form (in the pack)." },
      count: {
        type: "integer",
        title: "Count",
        description: "How many records (top-level generators). Default 20.",
        minimum: 0,
        maximum: 100000,
      },
      accounts: {
        type: "boolean",
        title: "Accounts",
        description: "These records are the accounts: `seed --accounts N` sets their count.",
      },
      per: {
        type: "object",
        title: "Per parent",
        description: "Makes min–max records for each record of another generator's form.",
        additionalProperties: false,
        required: ["form", "min", "max"],
        properties: {
          form: { ...keySchema, title: "Parent form", description: "Form of the parents." },
          min: { type: "integer", title: "Min", description: "Fewest per parent.", minimum: 0 },
          max: { type: "integer", title: "Max", description: "Most per parent.", minimum: 0 },
        },
      },
      owner: {
        type: "object",
        title: "Owner",
        description: "Who owns each record: a person with this business role (round-robin).",
        additionalProperties: false,
        required: ["role"],
        properties: {
          role: { ...keySchema, title: "Business role", description: "Owners hold it." },
        },
      },
      accountTeam: {
        type: "array",
        title: "Account team",
        description: "Account-team members added to each record.",
        maxItems: 20,
        items: {
          type: "object",
          title: "Account-team member",
          description: "A sample person in an account-team role.",
          additionalProperties: false,
          required: ["role", "person"],
          properties: {
            role: { ...keySchema, title: "Role", description: "Account-team role." },
            person: { ...keySchema, title: "Person", description: "Key of the sample person." },
          },
        },
      },
      fields: {
        type: "object",
        title: "Fields",
        description: "A generator for each field to fill.",
        maxProperties: 200,
        propertyNames: fieldName,
        additionalProperties: { oneOf: generators },
      },
    },
  },
} as const;

/** JSON Schema of a pack's sample-data spec. */
export const templateSampleDataSchema = {
  $id: `${SCHEMA_BASE}template-sample-data.json`,
  title: "Template pack sample data",
  description:
    "Demo people, teams and records a template pack can generate into a workspace, seeded so " +
    "every run makes the same data.",
  type: "object",
  additionalProperties: false,
  required: ["kind", "people", "records"],
  properties: {
    kind: { type: "string", const: "sample-data", title: "Kind", description: "'sample-data'." },
    description: definitionHeaderProperties.description,
    seed: {
      type: "integer",
      title: "Seed",
      description: "Seed of the generator. Default 1.",
      minimum: 0,
    },
    teams: {
      type: "array",
      title: "Teams",
      description: "Teams, parents before children.",
      maxItems: 100,
      items: {
        type: "object",
        title: "Team",
        description: "A team of the sample organisation.",
        additionalProperties: false,
        required: ["key", "name"],
        properties: {
          key: keySchema,
          name: { ...i18nStringRef, title: "Name", description: "Name in zh-CN and en." },
          parent: { ...keySchema, title: "Parent", description: "Key of the parent team." },
          manager: { ...keySchema, title: "Manager", description: "Key of the managing person." },
        },
      },
    },
    people: {
      type: "array",
      title: "People",
      description: "Sample users with their access role, team and business roles.",
      maxItems: 200,
      items: {
        type: "object",
        title: "Person",
        description: "A sample user.",
        additionalProperties: false,
        required: ["key", "name", "email", "role"],
        properties: {
          key: keySchema,
          name: { type: "string", title: "Name", description: "Display name.", maxLength: 100 },
          title: { ...i18nStringRef, title: "Job title", description: "In zh-CN and en." },
          email: {
            type: "string",
            title: "E-mail",
            description: "Sign-in address (use example.com).",
            format: "email",
            maxLength: 254,
          },
          role: {
            type: "string",
            title: "Access role",
            description: "What the person may do in kamflow.",
            enum: ["admin", "designer", "manager", "member", "viewer"],
          },
          team: { ...keySchema, title: "Team", description: "Key of the person's team." },
          businessRoles: {
            type: "array",
            title: "Business roles",
            description: "Roles flows address, e.g. 'kam', 'sales-director'.",
            maxItems: 20,
            uniqueItems: true,
            items: keySchema,
          },
        },
      },
    },
    records: sampleRecords,
  },
} as const;

/** A pack's sample-data spec. */
export type TemplateSampleData = Infer<typeof templateSampleDataSchema>;
