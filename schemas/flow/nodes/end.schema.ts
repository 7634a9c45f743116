import { refKey } from "../parts.ts";

/** Config of the `end` node: finishes the instance (or its branch) with an outcome. */
export const endConfigSchema = {
  type: "object",
  title: "End",
  description:
    "Finishes the instance with an outcome, which parent flows (subflow) and flow.completed triggers read.",
  additionalProperties: false,
  required: ["outcome"],
  properties: {
    outcome: refKey(
      "Outcome",
      "Outcome of the instance, e.g. 'approved', 'rejected' or 'resolved'.",
    ),
    terminate: {
      type: "boolean",
      title: "Terminate",
      description:
        "End the whole instance, cancelling other branches still running; otherwise only this " +
        "branch ends and the instance ends when no branch is left.",
      default: true,
    },
  },
} as const;
