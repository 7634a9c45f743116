import { describe, expect, it } from "vitest";
import { catalog, DefinitionError, type Issue } from "../errors/index.ts";
import {
  accountDataSchema,
  accountTierTable,
  healthScoreModel,
  rfmModels,
  t,
  valuePotentialMatrix,
  valuePotentialModels,
  valueScoreModel,
} from "./fixtures/index.ts";
import {
  compileTierModel,
  type DecisionTableModel,
  type MatrixModel,
  type ScorecardModel,
  type TierModel,
  type ValidateTierOptions,
  validateTierModel,
} from "./index.ts";

/** Errors and warnings as [code, pointer] pairs. */
function found(model: unknown, options?: ValidateTierOptions): [string, string][] {
  const result = validateTierModel(model, options);
  const issues: readonly Issue[] = result.ok ? result.warnings : result.issues;
  return issues.map((i) => [i.code, i.pointer]);
}

const health: ScorecardModel = { ...healthScoreModel, examples: [] };
const table: DecisionTableModel = { ...accountTierTable, examples: [] };

describe("validateTierModel", () => {
  it("accepts every source-material fixture", () => {
    const models = [...rfmModels, ...valuePotentialModels];
    for (const model of [healthScoreModel, accountTierTable, ...models]) {
      const result = validateTierModel(model, { models, dataSchema: accountDataSchema });
      expect(result).toMatchObject({ ok: true, warnings: [] });
    }
  });

  it("never throws, whatever it is given", () => {
    expect(found(null)).toEqual([["SHAPE_TYPE_MISMATCH", ""]]);
    expect(found("tier")).toEqual([["SHAPE_TYPE_MISMATCH", ""]]);
    expect(found({ ...health, modelKind: "pyramid" })).toEqual([
      ["SHAPE_VARIANT_UNKNOWN", "/modelKind"],
    ]);
  });

  it("reports schema violations inside the chosen kind only, by pointer", () => {
    const measures = [{ ...health.measures[0]!, weight: 0 }, ...health.measures.slice(1)];
    expect(found({ ...health, measures })).toEqual([["SHAPE_OUT_OF_RANGE", "/measures/0/weight"]]);
    const { bands: _bands, ...withoutBands } = health;
    expect(found(withoutBands)).toEqual([["SHAPE_PROPERTY_MISSING", "/bands"]]);
    expect(found({ ...health, extra: 1 })).toEqual([["SHAPE_PROPERTY_UNKNOWN", "/extra"]]);
    const scale = { kind: "linear", min: 0 };
    expect(found({ ...health, measures: [{ ...health.measures[0]!, scale }] })).toEqual([
      ["SHAPE_PROPERTY_MISSING", "/measures/0/scale/max"],
    ]);
    const cube = { ...health.measures[0]!, scale: { kind: "cube" } };
    expect(found({ ...health, measures: [cube] })).toEqual([
      ["SHAPE_VARIANT_UNKNOWN", "/measures/0/scale/kind"],
    ]);
  });

  it("gives readable codes for durations, keys and missing translations", () => {
    const manual = { ...health.measures[0]!, manual: { validFor: "90 days" } };
    expect(found({ ...health, measures: [manual] })).toEqual([
      ["SHAPE_DURATION_INVALID", "/measures/0/manual/validFor"],
    ]);
    expect(found({ ...health, key: "Health Score" })).toEqual([["SHAPE_KEY_INVALID", "/key"]]);
    expect(found({ ...health, name: { en: "Health" } })).toEqual([
      ["SHAPE_I18N_LOCALE_MISSING", "/name/zh-CN"],
    ]);
  });

  it("reports rules that do not compile at the rule's pointer", () => {
    const measures = health.measures.map((m, i) => (i === 2 ? { ...m, value: { nope: [1] } } : m));
    expect(found({ ...health, measures })).toEqual([
      ["RULE_UNKNOWN_OPERATOR", "/measures/2/value/nope"],
    ]);
    expect(found({ ...health, appliesWhen: { nope: [] } })).toEqual([
      ["RULE_UNKNOWN_OPERATOR", "/appliesWhen/nope"],
    ]);
  });

  it("checks var paths against the form's data schema", () => {
    const dataSchema = {
      type: "object",
      properties: {
        featureUsage: { type: "number" },
        meetingHours: { type: "number" },
        openIssues: { type: "integer" },
      },
    };
    expect(found(health, { dataSchema })).toEqual([
      ["RULE_UNKNOWN_FIELD", "/measures/3/value/var"],
    ]);
  });

  it("checks band tiers, order, overlaps and gaps", () => {
    const bands = (b: ScorecardModel["bands"]) => found({ ...health, bands: b });
    expect(
      bands([
        { tier: "healthy", min: 80 },
        { tier: "gold", max: 80 },
      ]),
    ).toEqual([
      ["TIER_UNKNOWN", "/bands/1/tier"],
      ["TIER_NEVER_ASSIGNED", "/tiers/1"],
      ["TIER_NEVER_ASSIGNED", "/tiers/2"],
    ]);
    const edges = [
      { tier: "healthy", min: 80, includes: "min" as const },
      { tier: "watch", min: 60, max: 80, includes: "both" as const },
      { tier: "at-risk", max: 60, includes: "neither" as const },
    ];
    expect(bands(edges)).toEqual([["TIER_BANDS_OVERLAP", "/bands/0"]]);
    expect(bands([edges[0]!, { ...edges[1]!, max: 75 }, edges[2]!])).toEqual([
      ["TIER_BANDS_GAP", "/bands/0"],
    ]);
    // (60, 80): 60 itself belongs to no band; 80 still belongs to healthy.
    expect(bands([edges[0]!, { ...edges[1]!, includes: "neither" }, edges[2]!])).toEqual([
      ["TIER_BANDS_GAP", "/bands/1"],
    ]);
    expect(bands([edges[0]!, { ...edges[1]!, min: 90 }, edges[2]!])).toEqual([
      ["TIER_BAND_EMPTY", "/bands/1"],
      ["TIER_BANDS_GAP", "/bands/0"],
    ]);
  });

  it("checks scales, keys and groups", () => {
    const [usage, meetings, issues, nps] = health.measures as [
      ScorecardModel["measures"][number],
      ScorecardModel["measures"][number],
      ScorecardModel["measures"][number],
      ScorecardModel["measures"][number],
    ];
    const reversedRange = { ...usage, scale: { kind: "linear" as const, min: 100, max: 0 } };
    expect(found({ ...health, measures: [reversedRange, meetings] })).toEqual([
      ["TIER_SCALE_RANGE", "/measures/0/scale"],
    ]);
    expect(found({ ...health, measures: [usage, { ...meetings, key: "featureUsage" }] })).toEqual([
      ["TIER_DUPLICATE_KEY", "/measures/1/key"],
    ]);
    const groups = [
      { key: "adoption", label: t("采用", "Adoption"), weight: 1 },
      { key: "spare", label: t("备用", "Spare"), weight: 1 },
    ];
    const measures = [
      { ...usage, group: "adoption" },
      { ...meetings, group: "relationship" },
      issues,
      { ...nps, group: "adoption" },
    ];
    expect(found({ ...health, groups, measures })).toEqual([
      ["TIER_GROUP_UNKNOWN", "/measures/1/group"],
      ["TIER_GROUP_REQUIRED", "/measures/2"],
      ["TIER_GROUP_EMPTY", "/groups/1"],
    ]);
  });

  it("checks decision-table rows, inputs, aggregation and default output", () => {
    const rows = [
      { when: { annualPurchase: { op: ">" as const, value: 1 }, region: { op: "any" as const } } },
      ...table.rows.slice(1),
    ];
    expect(found({ ...table, rows })).toEqual([
      ["TIER_ROW_TIER_REQUIRED", "/rows/0"],
      ["TIER_INPUT_UNKNOWN", "/rows/0/when/region"],
      ["TIER_NEVER_ASSIGNED", "/tiers/0"],
    ]);
    expect(found({ ...table, aggregation: "sum" })).toEqual([
      ["TIER_AGGREGATION_WITHOUT_COLLECT", "/aggregation"],
    ]);
    expect(found({ ...table, hitPolicy: "collect", aggregation: "max" })).toEqual([
      ["TIER_BANDS_REQUIRED", "/aggregation"],
      ["TIER_ROW_SCORE_REQUIRED", "/rows/0"],
      ["TIER_ROW_SCORE_REQUIRED", "/rows/1"],
      ["TIER_ROW_SCORE_REQUIRED", "/rows/2"],
    ]);
    expect(found({ ...table, bands: [{ tier: "key" }] })).toEqual([
      ["TIER_BANDS_UNUSED", "/bands"],
    ]);
    expect(found({ ...table, otherwise: { tier: "vip" } })).toEqual([
      ["TIER_UNKNOWN", "/otherwise/tier"],
    ]);
    const inputs = [table.inputs[0]!, { ...table.inputs[1]!, key: "annualPurchase" }];
    expect(found({ ...table, inputs })[0]).toEqual(["TIER_DUPLICATE_KEY", "/inputs/1/key"]);
  });

  it("checks matrix quadrants and that read models are declared in uses", () => {
    const quadrants = { ...valuePotentialMatrix.quadrants, highHigh: "champion" };
    expect(found({ ...valuePotentialMatrix, quadrants })).toEqual([
      ["TIER_UNKNOWN", "/quadrants/highHigh"],
      ["TIER_NEVER_ASSIGNED", "/tiers/0"],
    ]);
    expect(found({ ...valuePotentialMatrix, uses: ["account-value"] })).toEqual([
      ["TIER_USES_UNDECLARED", "/y/model"],
    ]);
  });
});

describe("references between models", () => {
  const models = valuePotentialModels;

  it("resolves used models when the other models are given", () => {
    expect(found(valuePotentialMatrix, { models })).toEqual([]);
    expect(found(valuePotentialMatrix, { models: [valueScoreModel] })).toEqual([
      ["TIER_USES_UNKNOWN", "/uses/1"],
    ]);
  });

  it("rejects a model that reads its own score, directly or through others", () => {
    const self: MatrixModel = {
      ...valuePotentialMatrix,
      uses: ["value-potential", "account-potential"],
      x: { ...valuePotentialMatrix.x, model: "value-potential" },
    };
    expect(found(self, { models })).toEqual([["TIER_USES_CYCLE", "/uses/0"]]);
    const a: MatrixModel = {
      ...valuePotentialMatrix,
      key: "a",
      uses: ["b", "account-potential"],
      x: { ...valuePotentialMatrix.x, model: "b" },
    };
    const b: MatrixModel = {
      ...a,
      key: "b",
      uses: ["a", "account-potential"],
      x: { ...a.x, model: "a" },
    };
    const result = validateTierModel(a, { models: [b, ...models] });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.issues.map((i) => [i.code, i.pointer, i.params?.cycle])).toEqual(
      [["TIER_USES_CYCLE", "/uses/0", "a → b → a"]],
    );
  });

  it("reports a used model that is itself invalid", () => {
    const broken: ScorecardModel = { ...valueScoreModel, bands: [{ tier: "nope" }] };
    expect(found(valuePotentialMatrix, { models: [broken, ...models] })).toEqual([
      ["TIER_USES_INVALID", "/uses/0"],
    ]);
  });
});

describe("examples", () => {
  it("passes when the model reproduces every example", () => {
    expect(validateTierModel(healthScoreModel).ok).toBe(true);
  });

  it("fails, naming the example, when the model no longer gives the expected tier", () => {
    // Moving the healthy threshold to 85 breaks the "healthy at exactly 80" example.
    const bands = [
      { tier: "healthy", min: 85, includes: "min" as const },
      { tier: "watch", min: 60, max: 85, includes: "min" as const },
      { tier: "at-risk", max: 60, includes: "neither" as const },
    ];
    const result = validateTierModel({ ...healthScoreModel, bands });
    expect(result.ok).toBe(false);
    const issues = result.ok ? [] : result.issues;
    expect(issues.map((i) => [i.code, i.pointer, i.params?.example])).toEqual([
      ["TIER_EXAMPLE_FAILED", "/examples/0/expect/tier", "healthy at exactly 80"],
    ]);
    expect(issues[0]!.params).toMatchObject({ expected: "healthy", actual: "watch" });
  });

  it("checks the expected score too", () => {
    const examples = [
      { name: "score", record: { featureUsage: 90 }, expect: { tier: "healthy", score: 89.99 } },
    ];
    expect(found({ ...health, examples })).toEqual([
      ["TIER_EXAMPLE_FAILED", "/examples/0/expect/score"],
    ]);
  });

  it("evaluates examples with their context: previous tier, scores, manual entries and time", () => {
    const matrixExample = {
      name: "scores from context",
      record: {},
      context: { scores: { "account-value": 70, "account-potential": 20 } },
      expect: { tier: "stable-contributor" },
    };
    expect(found({ ...valuePotentialMatrix, examples: [matrixExample] })).toEqual([]);
    const manual: ScorecardModel = {
      ...health,
      hysteresis: { margin: 5 },
      measures: [
        { ...health.measures[0]!, manual: { validFor: "P7D", whenStale: "missing" } },
        health.measures[1]!,
      ],
      examples: [
        {
          name: "stale usage entry, held in watch",
          record: { featureUsage: 10, meetingHours: 8.4 },
          context: {
            previousTier: "watch",
            now: "2026-07-01T00:00:00Z",
            manual: { featureUsage: { value: 100, enteredAt: "2026-06-01T00:00:00Z" } },
          },
          expect: { tier: "watch", score: 84 },
        },
      ],
    };
    expect(found(manual)).toEqual([]);
  });

  it("reports an example that cannot be evaluated", () => {
    const manual: ScorecardModel = {
      ...health,
      measures: [{ ...health.measures[0]!, manual: { validFor: "P7D" } }],
      examples: [
        {
          name: "no clock",
          record: {},
          context: { manual: { featureUsage: { value: 100, enteredAt: "2026-06-01T00:00:00Z" } } },
          expect: { tier: "healthy" },
        },
      ],
    };
    expect(found(manual)).toEqual([["TIER_EXAMPLE_ERROR", "/examples/0"]]);
  });
});

describe("compileTierModel", () => {
  it("throws a DefinitionError carrying the errors of an invalid model", () => {
    const broken = { ...health, bands: [{ tier: "nope" }] } as TierModel;
    expect(() => compileTierModel(broken)).toThrow(DefinitionError);
    try {
      compileTierModel(broken);
    } catch (error) {
      expect((error as DefinitionError).issues.map((i) => [i.code, i.pointer])).toEqual([
        ["TIER_UNKNOWN", "/bands/0/tier"],
      ]);
    }
  });

  it("exposes the model's key and kind on the evaluator", () => {
    const evaluate = compileTierModel(accountTierTable);
    expect([evaluate.key, evaluate.modelKind]).toEqual(["account-tier", "decision-table"]);
  });
});

describe("tier error catalog", () => {
  it("has both languages with the same parameters for every tier code", () => {
    const params = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [code, entry] of Object.entries(catalog)) {
      if (!code.startsWith("TIER_")) continue;
      expect(params(entry["zh-CN"]), code).toEqual(params(entry.en));
    }
  });
});
