/** Config of the `parallel` node: a fork into every outgoing edge. */
export const parallelConfigSchema = {
  type: "object",
  title: "Parallel",
  description: "Fork: every outgoing branch runs; a join node brings them back together.",
  additionalProperties: false,
  properties: {},
} as const;
