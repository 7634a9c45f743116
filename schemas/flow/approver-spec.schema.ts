/**
 * @module schemas/flow/approver-spec
 * An approver spec: a rule that resolves to people when a node activates. Approval nodes use it
 * for approvers and CC, task nodes for assignees, notify nodes for recipients and SLA levels for
 * escalation targets. Resolution (walking the team/manager chain, delegations, departed users)
 * is the runtime's job; this schema fixes the shape.
 */
import { SCHEMA_BASE } from "../common/ids.ts";
import { fieldPathSchema, refKey, variableNameSchema } from "./parts.ts";

const roleKey = refKey("Role", "Key of a workspace role, e.g. 'sales-director'.");
const ofSchema = {
  type: "string",
  title: "Relative to",
  description: "Whose manager chain to walk: the flow's initiator or the record's owner.",
  enum: ["initiator", "record-owner"],
} as const;

/** Builds one variant: `kind` is the discriminator Ajv selects the branch by. */
const kindOf = <K extends string>(kind: K, description: string) =>
  ({ type: "string", const: kind, title: "Kind", description }) as const;

/** JSON Schema of an approver spec (`$ref`'d by task, approval, notify and SLA schemas). */
export const approverSpecSchema = {
  $id: `${SCHEMA_BASE}approver-spec.json`,
  title: "Approver spec",
  description:
    "Who: a rule that resolves to one or more people when the node activates (approvers, " +
    "assignees, CC, notification recipients, escalation targets). Disabled or departed users " +
    "are treated as absent.",
  type: "object",
  discriminator: { propertyName: "kind" },
  oneOf: [
    {
      type: "object",
      title: "User",
      description: "One named user.",
      additionalProperties: false,
      required: ["kind", "userId"],
      properties: {
        kind: kindOf("user", "A named user."),
        userId: {
          type: "string",
          title: "User id",
          description: "Id of the user.",
          minLength: 1,
          maxLength: 128,
        },
      },
    },
    {
      type: "object",
      title: "Role",
      description: "Every holder of a role, optionally within a team.",
      additionalProperties: false,
      required: ["kind", "role"],
      properties: {
        kind: kindOf("role", "Holders of a role."),
        role: roleKey,
        scope: {
          type: "string",
          title: "Scope",
          description:
            "Where to look for holders: the whole workspace, the initiator's team or the record owner's team.",
          enum: ["workspace", "initiator-team", "record-team"],
          default: "workspace",
        },
      },
    },
    {
      type: "object",
      title: "Team",
      description: "The members or the manager of a team.",
      additionalProperties: false,
      required: ["kind", "team"],
      properties: {
        kind: kindOf("team", "Members or manager of a team."),
        team: refKey("Team", "Key of the team."),
        select: {
          type: "string",
          title: "Select",
          description: "Every member of the team, or only its manager.",
          enum: ["members", "manager"],
          default: "members",
        },
      },
    },
    {
      type: "object",
      title: "Manager at level N",
      description:
        "The manager N levels up from the initiator or the record owner (1 = direct manager).",
      additionalProperties: false,
      required: ["kind", "of"],
      properties: {
        kind: kindOf("manager", "A manager at a fixed level."),
        of: ofSchema,
        level: {
          type: "integer",
          title: "Level",
          description: "How many levels up the manager chain: 1 is the direct manager.",
          minimum: 1,
          maximum: 20,
          default: 1,
        },
      },
    },
    {
      type: "object",
      title: "Manager chain",
      description:
        "Managers walking up from the initiator or the record owner, level by level, until the " +
        "first holder of a role (inclusive) or at most `maxLevels` levels.",
      additionalProperties: false,
      required: ["kind", "of"],
      properties: {
        kind: kindOf("manager-chain", "Managers up the chain."),
        of: ofSchema,
        untilRole: {
          ...roleKey,
          title: "Until role",
          description: "Stop at the first manager holding this role (inclusive).",
        },
        maxLevels: {
          type: "integer",
          title: "Maximum levels",
          description: "Never walk further than this many levels.",
          minimum: 1,
          maximum: 20,
          default: 10,
        },
        select: {
          type: "string",
          title: "Select",
          description:
            "'all' resolves to every manager on the way (a chain, for sequential approval); " +
            "'last' only to the one the walk stops at.",
          enum: ["all", "last"],
          default: "all",
        },
      },
    },
    {
      type: "object",
      title: "Account-team role",
      description:
        "The holder of a role in the account team of the record's account, e.g. its KAM or executive sponsor.",
      additionalProperties: false,
      required: ["kind", "role"],
      properties: {
        kind: kindOf("account-team", "A role in the account team."),
        role: refKey("Account-team role", "Key of the role, e.g. 'kam' or 'executive-sponsor'."),
        accountField: {
          ...fieldPathSchema,
          title: "Account field",
          description:
            "Field of the record that references the account; absent when the record is the account itself.",
        },
      },
    },
    {
      type: "object",
      title: "Record field",
      description: "The user or users held in a field of the record.",
      additionalProperties: false,
      required: ["kind", "field"],
      properties: {
        kind: kindOf("record-field", "Users held in a record field."),
        field: { ...fieldPathSchema, description: "A user or multi-user field of the record." },
      },
    },
    {
      type: "object",
      title: "Record owner",
      description: "The owner of the record.",
      additionalProperties: false,
      required: ["kind"],
      properties: { kind: kindOf("record-owner", "The record's owner.") },
    },
    {
      type: "object",
      title: "Initiator",
      description: "The person who started the flow.",
      additionalProperties: false,
      required: ["kind"],
      properties: { kind: kindOf("initiator", "The flow's initiator.") },
    },
    {
      type: "object",
      title: "Initiator's choice",
      description: "People the initiator picks when starting the flow (自选审批人).",
      additionalProperties: false,
      required: ["kind", "key"],
      properties: {
        kind: kindOf("initiator-choice", "Chosen by the initiator at start."),
        key: refKey("Choice key", "Name of the choice on the start form, unique in the flow."),
        multiple: {
          type: "boolean",
          title: "Multiple",
          description: "Whether the initiator may pick more than one person.",
          default: false,
        },
        fromRole: {
          ...roleKey,
          title: "From role",
          description: "Restrict the choice to holders of this role.",
        },
      },
    },
    {
      type: "object",
      title: "Variable",
      description: "The user or users held in a flow variable (e.g. set by an earlier task).",
      additionalProperties: false,
      required: ["kind", "variable"],
      properties: {
        kind: kindOf("variable", "Users held in a flow variable."),
        variable: variableNameSchema,
      },
    },
  ],
} as const;

/** `$ref` to the approver spec, for use inside other schemas. */
export const approverSpecRef = { $ref: approverSpecSchema.$id } as const;

/** A list of approver specs; resolved people are de-duplicated by the runtime. */
export const approverListSchema = (title: string, description: string, minItems = 1) =>
  ({
    type: "array",
    title,
    description,
    minItems,
    maxItems: 50,
    items: { ...approverSpecRef, title: "Person", description: "An approver spec." },
  }) as const;
