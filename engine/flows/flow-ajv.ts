/**
 * @module flows/flow-ajv
 * The validators of flow definitions and pack manifests, and the copy of the input they run on.
 * They apply schema defaults (`useDefaults`), so the validated value carries every defaulted
 * property its derived type promises; they do so on a copy, never on the caller's object.
 */
import { defaultingValidatorFor, type ValidateFunction } from "../../schemas/index.ts";
import type { Validation } from "../errors/kam-error.ts";
import { issue } from "../errors/kam-error.ts";

/** The default-applying validator of a registered schema (precompiled, or compiled once). */
export function flowValidator(id: string): ValidateFunction {
  return defaultingValidatorFor(id);
}

/**
 * A plain-JSON copy of the input: what would be stored. Non-JSON values (functions, cycles,
 * BigInt) make the document invalid rather than reaching the validator.
 */
export function prepareDocument(input: unknown): Validation<unknown> {
  try {
    const text = JSON.stringify(input);
    if (text === undefined) return { ok: false, issues: [issue("SHAPE_NOT_JSON", "")] };
    return { ok: true, value: JSON.parse(text) as unknown, warnings: [] };
  } catch {
    // JSON.stringify throws only on cycles and BigInt: a caller's data, not a bug of ours.
    return { ok: false, issues: [issue("SHAPE_NOT_JSON", "")] };
  }
}
