import { fieldPathSchema, refKey, variableRulesSchema } from "../parts.ts";

/** Config of the `subflow` node: starts another flow and (by default) waits for its outcome. */
export const subflowConfigSchema = {
  type: "object",
  title: "Subflow",
  description:
    "Starts an instance of another flow, pinned to its latest published version, and waits for " +
    "its outcome; outgoing edges may pick a handle per outcome.",
  additionalProperties: false,
  required: ["flow"],
  properties: {
    flow: refKey("Flow", "Key of the flow to start."),
    record: {
      ...fieldPathSchema,
      title: "Record",
      description:
        "Reference field holding the record the child runs on; the same record when absent.",
    },
    input: {
      ...variableRulesSchema,
      title: "Input",
      description:
        "Variables of the child, computed by rules over this instance's record and variables.",
    },
    output: {
      ...variableRulesSchema,
      title: "Output",
      description:
        "Variables of this instance set from the child's { outcome, variables } when it ends.",
    },
    waitForCompletion: {
      type: "boolean",
      title: "Wait for completion",
      description: "Wait for the child's outcome; when false, continue at once (fire and forget).",
      default: true,
    },
  },
} as const;
