/** Config of the `start` node: where every instance begins; a flow has exactly one. */
export const startConfigSchema = {
  type: "object",
  title: "Start",
  description:
    "Where every instance begins. A flow has exactly one start node; the trigger decides when it runs.",
  additionalProperties: false,
  properties: {},
} as const;
