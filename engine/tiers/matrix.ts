/**
 * @module tiers/matrix
 * 2×2 matrices: two axes (a rule or another model's score), each split at a threshold whose side
 * is declared, give four quadrant tiers — e.g. current value × future potential into 战略核心,
 * 高潜力增长, 稳定贡献 and 常规维持.
 */
import { ptr } from "../errors/index.ts";
import { roundDecimal } from "../rules/index.ts";
import { type BuildContext, checkTierRef, compileOperand, type Evaluate } from "./build-context.ts";
import {
  DEFAULT_PRECISION,
  type MatrixAxis,
  type MatrixModel,
  type Quadrant,
} from "./model-types.ts";
import type { AxisBreakdown, MatrixBreakdown } from "./result.ts";

const QUADRANTS = [
  "highHigh",
  "highLow",
  "lowHigh",
  "lowLow",
] as const satisfies readonly Quadrant[];

/** Checks the matrix's own parts and compiles its evaluator. */
export function buildMatrix(ctx: BuildContext, model: MatrixModel): Evaluate {
  const precision = model.precision ?? DEFAULT_PRECISION;
  const x = compileAxis(ctx, model.x, "x", precision);
  const y = compileAxis(ctx, model.y, "y", precision);
  for (const q of QUADRANTS) checkTierRef(ctx, model.quadrants[q], ptr("quadrants", q));
  const { highHigh, highLow, lowHigh, lowLow } = model.quadrants;
  const key = model.key;

  return (record, context) => {
    const xa = x(record, context);
    const ya = y(record, context);
    if (xa.side === null || ya.side === null) {
      const breakdown: MatrixBreakdown = { kind: "matrix", x: xa, y: ya, quadrant: null };
      return { model: key, score: null, tier: null, unassigned: "missing-input", breakdown };
    }
    const quadrant: Quadrant =
      xa.side === "high"
        ? ya.side === "high"
          ? "highHigh"
          : "highLow"
        : ya.side === "high"
          ? "lowHigh"
          : "lowLow";
    const tier =
      quadrant === "highHigh"
        ? highHigh
        : quadrant === "highLow"
          ? highLow
          : quadrant === "lowHigh"
            ? lowHigh
            : lowLow;
    const breakdown: MatrixBreakdown = { kind: "matrix", x: xa, y: ya, quadrant };
    return { model: key, score: null, tier, unassigned: null, breakdown };
  };
}

function compileAxis(
  ctx: BuildContext,
  axis: MatrixAxis,
  name: "x" | "y",
  precision: number,
): (record: unknown, context: Parameters<Evaluate>[1]) => AxisBreakdown {
  const operand = compileOperand(ctx, axis, ptr(name));
  const threshold = axis.threshold;
  const equalIsHigh = (axis.includes ?? "high") === "high";
  return (record, context) => {
    const raw = operand(record, context);
    if (typeof raw !== "number" || !Number.isFinite(raw)) return MISSING;
    // Rounded like scores, so an axis that is exactly the threshold in decimal sits on it.
    const value = roundDecimal(raw, precision);
    const high = equalIsHigh ? value >= threshold : value > threshold;
    return { value, side: high ? "high" : "low" };
  };
}

const MISSING: AxisBreakdown = Object.freeze({ value: null, side: null });
