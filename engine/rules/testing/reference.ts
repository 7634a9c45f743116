/**
 * @module rules/testing/reference
 * json-logic-js set up as the reference for differential tests: kamflow's custom operators
 * registered with the same implementation and clock, `log` silenced. Test-only.
 */
import jsonLogic from "json-logic-js";
import { manualClock } from "../../ports.ts";
import { customOperators } from "../operators/custom.ts";

/** The instant both engines see as "now" in differential tests: 2026-11-23T04:00:00Z. */
export const REFERENCE_NOW = Date.UTC(2026, 10, 23, 4, 0, 0);
export const referenceClock = manualClock(REFERENCE_NOW);

let registered = false;

/** json-logic-js with kamflow's custom operators; registration happens once per process. */
export function referenceLogic(): typeof jsonLogic {
  if (!registered) {
    for (const [name, spec] of Object.entries(
      customOperators({ clock: referenceClock, timeZone: "Asia/Shanghai" }),
    )) {
      jsonLogic.add_operation(name, spec.fn as (...args: unknown[]) => unknown);
    }
    jsonLogic.add_operation("log", (a: unknown) => a);
    registered = true;
  }
  return jsonLogic;
}

/** Outcome of one evaluation, comparable across engines: a value or "threw". */
export type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false };

export function outcome(run: () => unknown): Outcome {
  try {
    return { ok: true, value: run() };
  } catch {
    return { ok: false };
  }
}
