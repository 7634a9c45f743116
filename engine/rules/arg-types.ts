/**
 * @module rules/arg-types
 * Which JSON types an operator argument accepts when it is a field read by `var`, so a rule
 * that sums a text field or maps over a number is rejected on save with the field's pointer.
 * Comparisons and `cat` accept anything, as JSON Logic coerces there on purpose.
 */

export const ArgKind = {
  number: ["number", "integer", "null"],
  array: ["array", "null"],
  date: ["string", "null"],
  arrayOrString: ["array", "string", "null"],
} as const;
export type ArgKind = keyof typeof ArgKind;

/** Expected kinds by position; `rest` applies to positions past the list. */
export interface ArgKinds {
  readonly at?: readonly (ArgKind | undefined)[];
  readonly rest?: ArgKind;
}

export function argKindAt(kinds: ArgKinds | undefined, index: number): ArgKind | undefined {
  if (!kinds) return undefined;
  if (kinds.at && index < kinds.at.length) return kinds.at[index];
  return kinds.rest;
}
