import { approverListSchema } from "../approver-spec.schema.ts";
import { fieldPermissionsSchema, refKey } from "../parts.ts";
import { slaRef } from "../sla.schema.ts";

/** Config of the `task` node: a person fills a form. */
export const taskConfigSchema = {
  type: "object",
  title: "Task",
  description:
    "A person fills a form or works on the record; the flow waits until the task is done.",
  additionalProperties: false,
  required: ["assignees"],
  properties: {
    assignees: approverListSchema("Assignees", "Who may do the task."),
    assignment: {
      type: "string",
      title: "Assignment",
      description:
        "'claim': the task goes to a pool and the first assignee to claim it does it; " +
        "'each': every assignee gets and must complete a copy.",
      enum: ["claim", "each"],
      default: "claim",
    },
    form: refKey("Form", "Key of the form filled in the task; the record's own form when absent."),
    fields: fieldPermissionsSchema,
    allowTransfer: {
      type: "boolean",
      title: "Allow transfer",
      description: "The assignee may hand the task to another person (转交).",
      default: true,
    },
    sla: { ...slaRef, title: "SLA", description: "Deadline and escalation ladder of the task." },
  },
} as const;
