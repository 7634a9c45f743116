/** Config of the `join` node: waits for all, any or N of its incoming branches. */
export const joinConfigSchema = {
  type: "object",
  title: "Join",
  description: "Waits for its incoming branches, then continues once.",
  additionalProperties: false,
  properties: {
    waitFor: {
      title: "Wait for",
      description: "'all' incoming branches, 'any' one of them, or a number N of them.",
      default: "all",
      anyOf: [
        { type: "string", title: "All or any", description: "All or any.", enum: ["all", "any"] },
        {
          type: "integer",
          title: "N",
          description: "This many branches.",
          minimum: 1,
          maximum: 100,
        },
      ],
    },
    cancelRemaining: {
      type: "boolean",
      title: "Cancel remaining",
      description:
        "When the join continues before every branch arrived ('any' or N), cancel the branches still running.",
      default: true,
    },
  },
} as const;
