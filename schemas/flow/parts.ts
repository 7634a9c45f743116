/**
 * @module schemas/flow/parts
 * Small property schemas that several flow schemas share: ids, keys of other definitions, field
 * paths, variable names, durations, http(s) URLs, field permissions and rule maps. They are spread
 * into their users (no `$id`), so every pointer Ajv reports stays inside the flow document.
 */
import { keySchema } from "../common/definition-header.ts";
import { ruleRef } from "../common/json-logic-rule.schema.ts";

/** Names that must never become object keys or path segments (prototype pollution). */
export const FORBIDDEN_MEMBERS = ["__proto__", "constructor", "prototype"] as const;

/**
 * Pattern of an http(s) URL. Checked in addition to `format`, because `javascript:`, `data:` and
 * `file:` are well-formed URIs too. The host part admits no user info (`@`): credentials belong in
 * workspace secrets, and `https://trusted.example@evil.example` must not pass an allow-list by
 * eye. Exported so validators can give this failure its own code.
 */
export const HTTP_URL_PATTERN = "^[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#{}@]+([/?#][^\\s]*)?$";

/** Pattern of a record field path: dotted identifiers, array indices allowed after the first. */
export const FIELD_PATH_PATTERN = "^[A-Za-z_][A-Za-z0-9_]*(\\.([A-Za-z_][A-Za-z0-9_]*|[0-9]+))*$";

/** Pattern of a node id (React Flow node id). */
export const NODE_ID_PATTERN = "^[A-Za-z][A-Za-z0-9_-]{0,63}$";

/** Pattern of a flow variable name. */
export const VARIABLE_NAME_PATTERN = "^[A-Za-z_][A-Za-z0-9_]{0,63}$";

/** Pattern of a five-field cron expression (the fields' syntax is checked by the scheduler). */
export const CRON_PATTERN = "^[0-9A-Za-z*/,?#-]+( [0-9A-Za-z*/,?#-]+){4}$";

/** Pattern of a definition key (the shared header's), re-exported for error classification. */
export const KEY_PATTERN: string = keySchema.pattern;

/** A path segment naming a forbidden member, anywhere in a dotted path. */
const FORBIDDEN_SEGMENT_PATTERN = "(^|\\.)(__proto__|constructor|prototype)(\\.|$)";

/** Key of another definition (form, tier model, flow) or of a role, team, tier or outcome. */
export const refKey = (title: string, description: string) =>
  ({ ...keySchema, title, description }) as const;

/** A node id: what React Flow uses as the node's `id`, stable while the flow is edited. */
export const nodeIdSchema = {
  type: "string",
  title: "Node id",
  description:
    "Identifier of a node, unique in the flow and stable while it is edited (React Flow node id).",
  pattern: NODE_ID_PATTERN,
} as const;

/** A dotted path to a field of the record, e.g. `contact.email` or `lines.0.sku`. */
export const fieldPathSchema = {
  type: "string",
  title: "Field path",
  description:
    "Dotted path to a field of the record's data, e.g. 'owner' or 'contact.email'; " +
    "'__proto__', 'constructor' and 'prototype' are not allowed as segments.",
  minLength: 1,
  maxLength: 200,
  pattern: FIELD_PATH_PATTERN,
  not: { type: "string", pattern: FORBIDDEN_SEGMENT_PATTERN },
} as const;

/** A flow variable name. */
export const variableNameSchema = {
  type: "string",
  title: "Variable name",
  description:
    "Name of a flow variable: letters, digits and '_', starting with a letter or '_', at most 64 characters.",
  pattern: VARIABLE_NAME_PATTERN,
  not: { enum: FORBIDDEN_MEMBERS },
} as const;

/** An ISO-8601 duration such as `PT15M`, `P3D` or `P1W`. */
export const durationSchema = {
  type: "string",
  title: "Duration",
  description: "An ISO-8601 duration, e.g. 'PT15M' (15 minutes), 'PT2H', 'P3D' or 'P1W'.",
  format: "duration",
  maxLength: 64,
} as const;

/**
 * A duration, or a rule that returns one (e.g. a shorter deadline for strategic accounts). A
 * rule is wrapped in `{ "rule": … }` because a bare JSON Logic rule may itself be a string.
 */
export const durationOrRuleSchema = {
  title: "Duration or rule",
  description:
    "Either an ISO-8601 duration ('PT15M') or { rule } whose JSON Logic rule returns one, " +
    "evaluated against the record and the flow variables when the timer is set.",
  anyOf: [
    durationSchema,
    {
      type: "object",
      title: "Duration rule",
      description: "A JSON Logic rule that returns an ISO-8601 duration.",
      additionalProperties: false,
      required: ["rule"],
      properties: {
        rule: { ...ruleRef, title: "Rule", description: "Returns an ISO-8601 duration string." },
      },
    },
  ],
} as const;

/** An absolute http(s) URL. */
export const httpUrlSchema = {
  type: "string",
  title: "URL",
  description: "An absolute http:// or https:// URL.",
  format: "uri",
  maxLength: 2048,
  pattern: HTTP_URL_PATTERN,
} as const;

/** Calendar on which a duration is counted. */
export const calendarSchema = {
  type: "string",
  title: "Calendar",
  description:
    "'natural' counts every minute; 'business' counts only the working hours of the workspace " +
    "calendar (time zone, working hours, holidays and make-up working days).",
  enum: ["natural", "business"],
} as const;

/** How a person working on a node may see each field of the record. */
export const fieldPermissionsSchema = {
  type: "object",
  title: "Field permissions",
  description:
    "Per-field access for the people working on this node, keyed by field path: 'hidden', " +
    "'read-only', 'editable', or 'required' (editable and must be filled to complete). " +
    "Fields not listed are read-only.",
  maxProperties: 500,
  propertyNames: fieldPathSchema,
  additionalProperties: {
    type: "string",
    title: "Permission",
    description: "Access to this field on this node.",
    enum: ["hidden", "read-only", "editable", "required"],
  },
} as const;

/** Values computed by rules, keyed by a field path: `{ "priority": { "var": "…" } }`. */
export const fieldRulesSchema = {
  type: "object",
  title: "Field values",
  description: "JSON Logic rules keyed by field path; each rule computes that field's value.",
  minProperties: 1,
  maxProperties: 200,
  propertyNames: fieldPathSchema,
  additionalProperties: { ...ruleRef, title: "Value rule", description: "Computes the value." },
} as const;

/** Values computed by rules, keyed by a variable name. */
export const variableRulesSchema = {
  type: "object",
  title: "Variable values",
  description: "JSON Logic rules keyed by flow variable name; each computes that variable's value.",
  minProperties: 1,
  maxProperties: 200,
  propertyNames: variableNameSchema,
  additionalProperties: { ...ruleRef, title: "Value rule", description: "Computes the value." },
} as const;
