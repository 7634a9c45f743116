/**
 * @module tiers/tier-error
 * The typed error of tier-model evaluation. Validation never throws (it returns issues);
 * compiling an invalid model throws `DefinitionError`; evaluation throws `TierError` when a rule
 * fails for a reason that is not already a `KamError` (those propagate unchanged).
 */
import { KamError } from "../errors/index.ts";

/**
 * Evaluating a tier model failed; `pointer` locates the rule in the model.
 * @example
 * try { evaluate(record) } catch (e) { if (e instanceof TierError) log(e.code, e.pointer) }
 */
export class TierError extends KamError {
  override readonly name = "TierError";
}
