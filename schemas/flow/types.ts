/**
 * @module schemas/flow/types
 * Types of the flow parts that `infer.ts` resolves by `$ref` (kept apart from their schema
 * modules so that `infer.ts` → schema → `infer.ts` is no import cycle, not even a type-only one).
 */
import type { Infer } from "../infer.ts";
import type { approverSpecSchema } from "./approver-spec.schema.ts";
import type { slaSchema } from "./sla.schema.ts";
import type { triggerSchema } from "./trigger.schema.ts";

/** An approver spec, discriminated by `kind`. */
export type ApproverSpec = Infer<typeof approverSpecSchema>;

/** An SLA ladder of a task or approval node. */
export type Sla = Infer<typeof slaSchema>;

/** A flow trigger, discriminated by `type`. */
export type FlowTrigger = Infer<typeof triggerSchema>;
