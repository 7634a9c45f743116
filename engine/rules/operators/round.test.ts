import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { roundDecimal } from "./round.ts";

describe("roundDecimal", () => {
  it("rounds binary noise back to the decimal it stands for", () => {
    expect(roundDecimal(59.99999999999999, 2)).toBe(60);
    expect(roundDecimal(0.1 + 0.2, 2)).toBe(0.3);
    expect(roundDecimal(79.99999999999999, 0)).toBe(80);
  });

  it("rounds decimal ties half away from zero, where toFixed does not", () => {
    expect(roundDecimal(1.005, 2)).toBe(1.01);
    expect(roundDecimal(2.675, 2)).toBe(2.68);
    expect((2.675).toFixed(2)).toBe("2.67");
    expect(roundDecimal(-2.5, 0)).toBe(-3);
    expect(roundDecimal(59.995, 2)).toBe(60);
    expect(roundDecimal(59.994, 2)).toBe(59.99);
  });

  it("leaves non-finite values alone and never returns -0", () => {
    expect(roundDecimal(Number.NaN, 2)).toBeNaN();
    expect(roundDecimal(Number.POSITIVE_INFINITY, 2)).toBe(Number.POSITIVE_INFINITY);
    expect(Object.is(roundDecimal(-0.001, 2), 0)).toBe(true);
    expect(Object.is(roundDecimal(-0.005, 2), -0.01)).toBe(true);
  });

  it("is the identity on decimals that already have at most `precision` places", () => {
    fc.assert(
      fc.property(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 6 }), (n, p) => {
        const x = n / 10 ** p;
        expect(roundDecimal(x, p)).toBe(x);
      }),
    );
  });

  it("recovers the decimal from sums and products carrying float noise", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 10_000 }), { minLength: 1, maxLength: 6 }),
        (cents) => {
          // Σ (c / 100) in binary vs the exact decimal Σc / 100.
          const sum = cents.reduce((s, c) => s + c / 100, 0);
          expect(roundDecimal(sum, 2)).toBe(cents.reduce((s, c) => s + c, 0) / 100);
        },
      ),
    );
  });
});
