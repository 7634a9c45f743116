/**
 * @module rules/operators/round
 * Decimal-correct rounding, half away from zero, for the `round` operator and for tier scores
 * before banding. Binary floating point turns sums that are exactly 60 in decimal into
 * 59.99999999999999 and 1.005 * 100 into 100.49999999999999; rounding on the shortest decimal
 * the value stands for gives what a person computing with decimals expects.
 */

const POWERS = [1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000] as const;

/**
 * Rounds `value` to `precision` decimals, half away from zero, treating `value` as the shortest
 * decimal (≤ 15 significant digits) that it stands for: 59.99999999999999 → 60, 1.005 → 1.01,
 * 2.675 → 2.68 (where `toFixed` gives 2.67).
 * @example roundDecimal(0.1 * 3, 2) // 0.3
 */
export function roundDecimal(value: number, precision = 0): number {
  if (!Number.isFinite(value)) return value;
  const factor = POWERS[precision] ?? 10 ** precision;
  const scaled = value * factor;
  // Fast path: unless the scaled value is within a hair of a .5 tie, float noise (a few ulps,
  // far below 1e-6 for |scaled| < 1e9) cannot change the nearest integer.
  if (scaled < 1e9 && scaled > -1e9) {
    const fraction = scaled - Math.floor(scaled);
    // `+ 0` turns -0 (from e.g. Math.round(-0.1)) into 0.
    if (fraction < 0.499999 || fraction > 0.500001) return Math.round(scaled) / factor + 0;
  }
  return roundViaDecimalString(value, precision);
}

/** Slow path near ties: shift the decimal point in the shortest decimal string, not in binary. */
function roundViaDecimalString(value: number, precision: number): number {
  const clean = Number(value.toPrecision(15));
  const sign = clean < 0 ? -1 : 1;
  const [mantissa, exponent] = Math.abs(clean).toExponential().split("e");
  const shifted = Number(`${mantissa}e${Number(exponent) + precision}`);
  const rounded = Math.round(shifted);
  const [m2, e2] = rounded.toExponential().split("e");
  const result = sign * Number(`${m2}e${Number(e2) - precision}`);
  return result === 0 ? 0 : result;
}
