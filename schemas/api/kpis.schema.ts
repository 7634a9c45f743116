/**
 * @module schemas/api/kpis
 * Bodies of the KPI routes of the HTTP API: the workspace's KPI configuration (which form and
 * field holds NPS, LTV, the contract end and the churned flag; which tiers count as high value;
 * what counts as upsell/cross-sell revenue; which flows are tickets), and the KPI report.
 */
import { SCHEMA_BASE } from "../common/ids.ts";
import { FORBIDDEN_MEMBERS, KEY_PATTERN } from "../flow/parts.ts";

/** A top-level field of a form's data. */
const FIELD_PATTERN = "^[A-Za-z_][A-Za-z0-9_]{0,63}$";

const key = (title: string, description: string) =>
  ({ type: "string", pattern: KEY_PATTERN, title, description }) as const;

const field = (title: string, description: string) =>
  ({
    type: "string",
    pattern: FIELD_PATTERN,
    not: { enum: FORBIDDEN_MEMBERS },
    title,
    description,
  }) as const;

const optionalField = (title: string, description: string) =>
  ({
    type: ["string", "null"],
    pattern: FIELD_PATTERN,
    not: { enum: FORBIDDEN_MEMBERS },
    title,
    description,
  }) as const;

const tierList = (description: string) =>
  ({
    type: "array",
    minItems: 1,
    maxItems: 50,
    uniqueItems: true,
    items: { type: "string", minLength: 1, maxLength: 100 },
    title: "Tiers",
    description,
  }) as const;

/** GET/PUT /kpis/config: the KPI configuration of a workspace (stored in its settings). */
export const kpiConfigSchema = {
  $id: `${SCHEMA_BASE}api/kpi-config.json`,
  title: "KPI configuration",
  description:
    "Where the workspace's KPIs read their data. A PUT replaces the whole configuration; a workspace without one uses defaults that fit the demo forms.",
  type: "object",
  additionalProperties: false,
  required: ["accounts", "highValue", "tierModel", "revenue", "resolution"],
  properties: {
    accounts: {
      type: "object",
      additionalProperties: false,
      required: ["form", "npsField", "ltvField", "contractEndField", "churnedField"],
      title: "Accounts",
      description: "The account form and the fields NPS, LTV and churn are read from.",
      properties: {
        form: key("Account form", "Key of the form whose records are the accounts."),
        npsField: optionalField(
          "NPS field",
          "A 0–10 score per account: 9–10 promoters, 7–8 passives, 0–6 detractors (null: no NPS).",
        ),
        ltvField: optionalField(
          "LTV field",
          "A number per account, its lifetime value (null: no LTV change).",
        ),
        contractEndField: optionalField(
          "Contract end field",
          "A date per account: an account churns on the day its contract ends (null: no churn rate).",
        ),
        churnedField: optionalField(
          "Churned flag",
          "A boolean per account: when set, only flagged accounts whose contract ended churned; when null, every contract that ended and was not extended is churn.",
        ),
      },
    },
    highValue: {
      type: "object",
      additionalProperties: false,
      required: ["source", "key", "tiers"],
      title: "High-value accounts",
      description:
        "Which accounts the churn rate is about: those whose tier is one of `tiers`, read from an account field or from a tier model.",
      properties: {
        source: {
          type: "string",
          enum: ["field", "model"],
          title: "Source",
          description: "field: an account field holds the tier; model: a tier model assigns it.",
        },
        key: {
          type: "string",
          minLength: 1,
          maxLength: 100,
          pattern: "^[A-Za-z_][A-Za-z0-9_-]*$",
          not: { enum: FORBIDDEN_MEMBERS },
          title: "Field or model",
          description: "The account field (source field) or the tier model's key (source model).",
        },
        tiers: tierList("The tiers that count as high value."),
      },
    },
    tierModel: {
      anyOf: [key("Tier model", "Key of the model."), { type: "null" }],
      title: "Tier model",
      description: "The tier model whose distribution and movement are reported (null: none).",
    },
    revenue: {
      type: "object",
      additionalProperties: false,
      required: ["form", "amountField", "match", "approval"],
      title: "Upsell/cross-sell revenue",
      description:
        "Records of `form` whose fields match `match` add their `amountField` to the revenue; with `approval`, when a flow on them ends with that outcome, otherwise when they are created.",
      properties: {
        form: key("Revenue form", "Key of the form of orders or opportunities."),
        amountField: field("Amount field", "The number to add up."),
        match: {
          type: "object",
          maxProperties: 10,
          propertyNames: { pattern: FIELD_PATTERN, not: { enum: FORBIDDEN_MEMBERS } },
          additionalProperties: {
            type: "array",
            minItems: 1,
            maxItems: 50,
            items: { type: ["string", "number", "boolean"] },
          },
          title: "Match",
          description: "Field → the values it must hold (one of them); empty: every record.",
        },
        approval: {
          anyOf: [
            {
              type: "object",
              additionalProperties: false,
              required: ["flow", "outcome"],
              properties: {
                flow: key("Flow", "Key of the approval flow."),
                outcome: {
                  type: "string",
                  minLength: 1,
                  maxLength: 100,
                  title: "Outcome",
                  description: "The end outcome that books the revenue, e.g. approved.",
                },
              },
            },
            { type: "null" },
          ],
          title: "Approval",
          description:
            "Book the revenue when this flow on the record completes with this outcome (null: when the record is created).",
        },
      },
    },
    resolution: {
      type: "object",
      additionalProperties: false,
      required: ["flows"],
      title: "Ticket resolution",
      description: "The flows whose instances are tickets: resolution time is start → completion.",
      properties: {
        flows: {
          type: "array",
          maxItems: 50,
          uniqueItems: true,
          items: key("Flow", "Key of a ticket flow."),
          title: "Flows",
          description: "Keys of the ticket flows (empty: no resolution time).",
        },
      },
    },
  },
} as const;

const num = { type: "number" } as const;
const int = { type: "integer", minimum: 0 } as const;
const nullableNum = { type: ["number", "null"] } as const;

const nps = {
  type: "object",
  required: ["score", "responses", "promoters", "passives", "detractors"],
  properties: {
    score: nullableNum,
    responses: int,
    promoters: int,
    passives: int,
    detractors: int,
  },
} as const;

/** GET /kpis: the KPI report of a period. */
export const kpiReportSchema = {
  $id: `${SCHEMA_BASE}api/kpis.json`,
  title: "KPI report",
  description:
    "The workspace's KPIs over a period [from, to), counting only records the caller may see (and, with a team, that team's).",
  type: "object",
  required: [
    "period",
    "team",
    "configured",
    "unmeasured",
    "nps",
    "churn",
    "revenue",
    "ltv",
    "resolution",
    "sla",
    "tiers",
  ],
  properties: {
    period: {
      type: "object",
      required: ["from", "to", "timeZone"],
      properties: { from: int, to: int, timeZone: { type: "string" } },
      title: "Period",
      description: "Start (inclusive) and end (exclusive), epoch ms; dates are read in timeZone.",
    },
    team: {
      type: ["string", "null"],
      title: "Team",
      description: "The team filter (with its sub-teams), or null.",
    },
    configured: {
      type: "boolean",
      title: "Configured",
      description:
        "Whether the workspace saved a KPI configuration (false: the defaults, fitted to the demo forms, apply).",
    },
    unmeasured: {
      type: "array",
      uniqueItems: true,
      items: {
        type: "string",
        enum: ["nps", "churn", "revenue", "ltv", "resolution", "sla", "tiers"],
      },
      title: "Not measured",
      description:
        "Figures the configuration in force cannot measure here: a field it leaves null, or a form, tier model or flow it names that is not published (sla: no flow is). Such a figure reads as empty, not as zero.",
    },
    nps: {
      type: "object",
      required: ["score", "responses", "promoters", "passives", "detractors", "start", "change"],
      properties: { ...nps.properties, start: nps, change: nullableNum },
      title: "NPS",
      description:
        "% promoters − % detractors over the accounts' scores in force at the end; start: the same at the start; change: end − start.",
    },
    churn: {
      type: "object",
      required: ["highValueAtStart", "churned", "rate"],
      properties: { highValueAtStart: int, churned: int, rate: nullableNum },
      title: "High-value churn",
      description: "High-value accounts at the start, those of them that churned in the period.",
    },
    revenue: {
      type: "object",
      required: ["total", "count"],
      properties: { total: num, count: int },
      title: "Upsell/cross-sell revenue",
      description: "Sum and number of the matching records booked in the period.",
    },
    ltv: {
      type: "object",
      required: ["start", "end", "change", "changeRate"],
      properties: { start: num, end: num, change: num, changeRate: nullableNum },
      title: "LTV change",
      description: "Sum of the accounts' LTV at the start and at the end.",
    },
    resolution: {
      type: "object",
      required: ["count", "averageMs", "medianMs"],
      properties: { count: int, averageMs: nullableNum, medianMs: nullableNum },
      title: "Resolution time",
      description: "Tickets completed in the period: start → completion.",
    },
    sla: {
      type: "object",
      required: ["met", "breached", "breachRate"],
      properties: { met: int, breached: int, breachRate: nullableNum },
      title: "SLA",
      description: "SLA targets met and breached in the period (from the flows' history).",
    },
    tiers: {
      type: "object",
      required: ["model", "distribution", "movement"],
      properties: {
        model: { type: ["string", "null"] },
        distribution: {
          type: "array",
          items: {
            type: "object",
            required: ["tier", "count"],
            properties: { tier: { type: "string" }, count: int },
          },
        },
        movement: {
          type: "array",
          items: {
            type: "object",
            required: ["from", "to", "count"],
            properties: { from: { type: ["string", "null"] }, to: { type: "string" }, count: int },
          },
        },
      },
      title: "Tiers",
      description:
        "Accounts per tier at the end of the period, and the accounts whose tier differs between start and end (from null: no tier at the start).",
    },
  },
} as const;

/** Every schema of this module, registered in schemas/schema-list. */
export const kpisApiSchemas = [kpiConfigSchema, kpiReportSchema] as const;
