/**
 * @module tiers/model-types
 * Names for the parts of a tier model, all derived from the schema's `TierModel` type (never
 * written twice by hand).
 */
import type { TierModel } from "../../schemas/index.ts";

export type { TierModel };
export type ScorecardModel = Extract<TierModel, { modelKind: "scorecard" }>;
export type DecisionTableModel = Extract<TierModel, { modelKind: "decision-table" }>;
export type MatrixModel = Extract<TierModel, { modelKind: "matrix" }>;
export type ModelKind = TierModel["modelKind"];

export type Measure = ScorecardModel["measures"][number];
export type Scale = Measure["scale"];
export type MeasureGroup = NonNullable<ScorecardModel["groups"]>[number];
export type MissingPolicy = NonNullable<ScorecardModel["missing"]>;
export type TierBand = ScorecardModel["bands"][number];
export type Hysteresis = NonNullable<ScorecardModel["hysteresis"]>;
export type Includes = NonNullable<TierBand["includes"]>;

export type TableInput = DecisionTableModel["inputs"][number];
export type TableRow = DecisionTableModel["rows"][number];
export type Condition = TableRow["when"][string];
export type HitPolicy = DecisionTableModel["hitPolicy"];
export type Aggregation = NonNullable<DecisionTableModel["aggregation"]>;

export type MatrixAxis = MatrixModel["x"];
export type Quadrant = keyof MatrixModel["quadrants"];

export type TierExample = NonNullable<TierModel["examples"]>[number];

/** An operand: a rule over the record or another model's score. */
export type Operand = { readonly rule?: unknown; readonly model?: string };

/** Decimals scores are rounded to when a model does not declare `precision`. */
export const DEFAULT_PRECISION = 2;
