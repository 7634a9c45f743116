/**
 * @module schemas/flow/sla
 * An SLA ladder on a task or approval node: a target deadline and escalation levels, each
 * firing a fixed time after the node activated. Completing the node cancels its pending levels.
 */
import { i18nStringRef } from "../common/i18n-string.schema.ts";
import { SCHEMA_BASE } from "../common/ids.ts";
import { ruleRef } from "../common/json-logic-rule.schema.ts";
import { approverListSchema } from "./approver-spec.schema.ts";
import { calendarSchema, durationOrRuleSchema, durationSchema } from "./parts.ts";

/** Properties every level has, whatever its action. */
const levelBase = {
  after: {
    ...durationOrRuleSchema,
    title: "After",
    description:
      "When the level fires, counted from the node's activation (not from the previous level): " +
      "an ISO-8601 duration or { rule } returning one, e.g. a shorter time for strategic accounts.",
  },
  calendar: {
    ...calendarSchema,
    description: `${calendarSchema.description} Defaults to the ladder's calendar.`,
  },
  repeat: {
    type: "object",
    title: "Repeat",
    description: "Fire again every `every` after the first firing, at most `times` more times.",
    additionalProperties: false,
    required: ["every"],
    properties: {
      every: { ...durationSchema, title: "Every", description: "Interval between repetitions." },
      times: {
        type: "integer",
        title: "Times",
        description: "How many repetitions after the first firing.",
        minimum: 1,
        maximum: 100,
        default: 3,
      },
    },
  },
  warning: {
    type: "boolean",
    title: "Warning level",
    description:
      "Marks the task as at risk in inboxes and dashboards when this level fires (a warning " +
      "before the deadline); it does not count as a breach.",
    default: false,
  },
  message: {
    ...i18nStringRef,
    title: "Message",
    description: "Text of the reminder or notification this level sends.",
  },
} as const;

const actionOf = <A extends string>(action: A, description: string) =>
  ({ type: "string", const: action, title: "Action", description }) as const;

const target = approverListSchema("To", "Who the level escalates, reassigns or notifies to.");

/** JSON Schema of an SLA ladder (`$ref`'d by task and approval configs). */
export const slaSchema = {
  $id: `${SCHEMA_BASE}sla.json`,
  title: "SLA",
  description:
    "Service-level agreement of a task or approval node: an optional target deadline (met or " +
    "breached is recorded, as Salesforce milestones do) and a ladder of escalation levels.",
  type: "object",
  additionalProperties: false,
  required: ["levels"],
  properties: {
    target: {
      ...durationOrRuleSchema,
      title: "Target",
      description:
        "The deadline the node is measured against; completing before it records the SLA as met.",
    },
    calendar: { ...calendarSchema, default: "natural" },
    levels: {
      type: "array",
      title: "Levels",
      description: "Escalation levels; each fires once (or repeatedly) unless the node completes.",
      minItems: 1,
      maxItems: 20,
      items: {
        type: "object",
        title: "Level",
        description: "One escalation level, selected by its `action`.",
        discriminator: { propertyName: "action" },
        oneOf: [
          {
            type: "object",
            title: "Remind",
            description: "Remind the current assignees.",
            additionalProperties: false,
            required: ["action", "after"],
            properties: { action: actionOf("remind", "Remind the assignees."), ...levelBase },
          },
          {
            type: "object",
            title: "Escalate",
            description: "Add the target as an assignee or approver; current ones keep the task.",
            additionalProperties: false,
            required: ["action", "after", "to"],
            properties: {
              action: actionOf("escalate", "Add the target."),
              to: target,
              ...levelBase,
            },
          },
          {
            type: "object",
            title: "Reassign",
            description: "Move the task from the current assignees to the target.",
            additionalProperties: false,
            required: ["action", "after", "to"],
            properties: {
              action: actionOf("reassign", "Move the task to the target."),
              to: target,
              ...levelBase,
            },
          },
          {
            type: "object",
            title: "Notify",
            description: "Notify the target without changing who holds the task.",
            additionalProperties: false,
            required: ["action", "after", "to"],
            properties: {
              action: actionOf("notify", "Notify the target."),
              to: target,
              ...levelBase,
            },
          },
          {
            type: "object",
            title: "Auto-approve",
            description: "Approve on behalf of the pending approvers (approval nodes).",
            additionalProperties: false,
            required: ["action", "after"],
            properties: {
              action: actionOf("auto-approve", "Approve automatically."),
              ...levelBase,
            },
          },
          {
            type: "object",
            title: "Auto-reject",
            description: "Reject on behalf of the pending approvers (approval nodes).",
            additionalProperties: false,
            required: ["action", "after"],
            properties: { action: actionOf("auto-reject", "Reject automatically."), ...levelBase },
          },
        ],
      },
    },
    allowPause: {
      type: "boolean",
      title: "Allow pause",
      description:
        "Assignees may mark the task 'waiting for customer', which pauses the clock; it resumes " +
        "with the time that was left.",
      default: false,
    },
    pauseWhen: {
      ...ruleRef,
      title: "Pause when",
      description: "The clock is paused while this rule over the record is true.",
    },
  },
} as const;

/** `$ref` to the SLA schema, for task and approval nodes. */
export const slaRef = { $ref: slaSchema.$id } as const;
