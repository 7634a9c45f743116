import { approverListSchema } from "../approver-spec.schema.ts";
import { durationSchema, fieldPermissionsSchema, nodeIdSchema } from "../parts.ts";
import { slaRef } from "../sla.schema.ts";

/**
 * Config of the `approval` node: approvers decide approve / reject (or return, transfer, add a
 * signer), according to a mode (或签 any, 会签 all, 依次 sequential, vote percentage).
 */
export const approvalConfigSchema = {
  type: "object",
  title: "Approval",
  description:
    "People approve or reject the record; the flow continues on the 'approved' or 'rejected' handle.",
  additionalProperties: false,
  required: ["approvers"],
  properties: {
    approvers: approverListSchema(
      "Approvers",
      "Who approves; in sequential mode, in this order. A person resolved twice approves once.",
    ),
    mode: {
      type: "string",
      title: "Mode",
      description:
        "'any' (或签): the first decision counts; 'all' (会签): everyone must approve; " +
        "'sequential' (依次): one after another in list order; 'vote': approved when the " +
        "share of approvals reaches `votePercent`.",
      enum: ["any", "all", "sequential", "vote"],
      default: "any",
    },
    votePercent: {
      type: "number",
      title: "Vote threshold (%)",
      description: "Share of approvers (percent) that must approve in 'vote' mode.",
      exclusiveMinimum: 0,
      maximum: 100,
      default: 50,
    },
    selfApproval: {
      type: "string",
      title: "Self-approval",
      description:
        "When the initiator is among the approvers: 'forbid' removes them, 'skip' counts their " +
        "step as approved, 'allow' lets them approve their own request.",
      enum: ["forbid", "skip", "allow"],
      default: "forbid",
    },
    emptyApprovers: {
      type: "string",
      title: "No approver found",
      description:
        "When the specs resolve to nobody: approve automatically, route to the workspace's " +
        "approval admin, or stop the instance as an incident.",
      enum: ["auto-approve", "route-to-admin", "incident"],
      default: "route-to-admin",
    },
    actions: {
      type: "object",
      title: "Actions",
      description: "What approvers and the initiator may do besides approving.",
      additionalProperties: false,
      properties: {
        reject: {
          type: "boolean",
          title: "Reject",
          description: "Approvers may reject.",
          default: true,
        },
        return: {
          type: "object",
          title: "Return",
          description: "Approvers may return the record to an earlier node (退回).",
          additionalProperties: false,
          required: ["targets"],
          properties: {
            targets: {
              type: "array",
              title: "Targets",
              description:
                "Ids of earlier nodes it may be returned to; the start node's id returns it to the initiator.",
              minItems: 1,
              maxItems: 50,
              uniqueItems: true,
              items: nodeIdSchema,
            },
          },
        },
        transfer: {
          type: "boolean",
          title: "Transfer",
          description: "An approver may hand their decision to another person (转交).",
          default: false,
        },
        addSigner: {
          type: "array",
          title: "Add signer",
          description: "Approvers may add a signer before or after themselves (加签).",
          maxItems: 2,
          uniqueItems: true,
          items: {
            type: "string",
            title: "Position",
            description: "Where the added signer goes.",
            enum: ["before", "after"],
          },
        },
        commentRequired: {
          type: "array",
          title: "Comment required on",
          description: "Decisions that must carry a comment.",
          maxItems: 3,
          uniqueItems: true,
          items: {
            type: "string",
            title: "Decision",
            description: "A decision.",
            enum: ["approve", "reject", "return"],
          },
        },
        withdraw: {
          type: "boolean",
          title: "Withdraw",
          description:
            "The initiator may withdraw the request until the first approver acts (撤回).",
          default: true,
        },
        remind: {
          type: "object",
          title: "Remind",
          description: "The initiator may remind pending approvers (催办).",
          additionalProperties: false,
          required: ["minInterval"],
          properties: {
            minInterval: {
              ...durationSchema,
              title: "Minimum interval",
              description: "At most one reminder per this interval.",
            },
          },
        },
      },
    },
    cc: {
      type: "object",
      title: "CC",
      description: "People informed of the decision without deciding (抄送).",
      additionalProperties: false,
      required: ["to"],
      properties: {
        to: approverListSchema("To", "Who is copied."),
        on: {
          type: "array",
          title: "On",
          description: "When they are informed.",
          minItems: 1,
          maxItems: 4,
          uniqueItems: true,
          items: {
            type: "string",
            title: "Event",
            description: "An event of the approval.",
            enum: ["activated", "approved", "rejected", "returned"],
          },
          default: ["approved", "rejected"],
        },
      },
    },
    fields: fieldPermissionsSchema,
    sla: {
      ...slaRef,
      title: "SLA",
      description: "Deadline and escalation ladder of the approval.",
    },
  },
} as const;
