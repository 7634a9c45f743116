import { nodeIdSchema } from "../parts.ts";

/**
 * Config of the `condition` node: an exclusive branch. The conditions live on the outgoing
 * edges (JSON Logic); the first edge whose condition holds is taken, else the default edge.
 */
export const conditionConfigSchema = {
  type: "object",
  title: "Condition",
  description:
    "Exclusive branch: the outgoing edges carry JSON Logic conditions; the first that holds is " +
    "taken, otherwise the one default edge.",
  additionalProperties: false,
  properties: {
    order: {
      type: "array",
      title: "Evaluation order",
      description:
        "Ids of the outgoing edges in the order their conditions are tried; the order of the " +
        "flow's edge list when absent.",
      maxItems: 100,
      uniqueItems: true,
      items: { ...nodeIdSchema, title: "Edge id", description: "Id of an outgoing edge." },
    },
  },
} as const;
