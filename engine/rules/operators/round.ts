/**
 * Decimal rounding, half away from zero, done on the decimal exponent rather than by multiplying
 * in binary floating point: round(1.005, 2) is 1.01 (1.005 * 100 is 100.49999999999999).
 */
export function roundDecimal(value: number, digits = 0): number {
  if (!Number.isFinite(value)) return value;
  const d = Math.max(-15, Math.min(15, Math.trunc(digits) || 0));
  const sign = value < 0 ? -1 : 1;
  const shifted = shiftExponent(Math.abs(value), d);
  const rounded = shiftExponent(Math.round(shifted), -d);
  const result = sign * rounded;
  return result === 0 ? 0 : result;
}

function shiftExponent(value: number, by: number): number {
  const [mantissa, exponent = "0"] = String(value).split("e");
  return Number(`${mantissa}e${Number(exponent) + by}`);
}
