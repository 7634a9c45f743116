/**
 * JSON Logic truthiness (jsonlogic.com/truthy): JavaScript's, except that an empty array is false.
 * So `[]` is false while `"0"` and `{}` are true.
 */
export function truthy(value: unknown): boolean {
  if (Array.isArray(value) && value.length === 0) return false;
  return !!value;
}
