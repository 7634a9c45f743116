import { describe, expect, it } from "vitest";
import type { ScorecardModel } from "../../../engine/tiers/index.ts";
import { getIn, insertIn, moveIn, removeIn, setIn } from "./model-edit.ts";
import { packTierModels } from "./pack-models.test-support.ts";
import { formatInterval, moveThreshold, thresholdsOf } from "./thresholds.ts";
import { createTierEditorStore } from "./tier-editor-store.ts";
import { scorecardWeights, summariseWeights } from "./weights.ts";

const packs = packTierModels();
/** The document as JSON, key order included (a reformatted file compares equal). */
const canonical = (text: string) => JSON.stringify(JSON.parse(text));

const health: ScorecardModel = {
  kind: "tier-model",
  key: "health",
  name: { "zh-CN": "健康度", en: "Health" },
  form: "account",
  modelKind: "scorecard",
  tiers: [
    { key: "healthy", label: { "zh-CN": "健康", en: "Healthy" } },
    { key: "watch", label: { "zh-CN": "关注", en: "Watch" } },
    { key: "risk", label: { "zh-CN": "风险", en: "At risk" } },
  ],
  measures: [
    {
      key: "usage",
      label: "usage",
      weight: 40,
      value: { var: "usage" },
      scale: { kind: "linear", min: 0, max: 100 },
    },
    {
      key: "nps",
      label: "nps",
      weight: 60,
      value: { var: "nps" },
      scale: { kind: "linear", min: -100, max: 100 },
    },
  ],
  bands: [
    { tier: "healthy", min: 80 },
    { tier: "watch", min: 60, max: 80 },
    { tier: "risk", max: 60, includes: "neither" },
  ],
} as unknown as ScorecardModel;

describe("model-edit", () => {
  it("sets, deletes, inserts, removes and moves without touching other branches", () => {
    const doc = { a: { b: 1 }, list: [1, 2, 3], other: { x: 1 } };
    const set = setIn(doc, ["a", "b"], 2);
    expect(set).toEqual({ a: { b: 2 }, list: [1, 2, 3], other: { x: 1 } });
    expect(set.other).toBe(doc.other);
    expect(doc.a.b).toBe(1);
    expect(setIn(doc, ["a", "b"], undefined)).toEqual({ a: {}, list: [1, 2, 3], other: { x: 1 } });
    expect(setIn(doc, ["new", "deep"], 5)).toMatchObject({ new: { deep: 5 } });
    expect(insertIn(doc, ["list"], 9, 1).list).toEqual([1, 9, 2, 3]);
    expect(insertIn(doc, ["missing"], 9)).toMatchObject({ missing: [9] });
    expect(removeIn(doc, ["list"], 0).list).toEqual([2, 3]);
    expect(moveIn(doc, ["list"], 0, 2).list).toEqual([2, 3, 1]);
    expect(moveIn(doc, ["list"], 0, 5)).toBe(doc);
    expect(getIn(doc, ["list", 1])).toBe(2);
  });
});

describe("tier editor store", () => {
  it("edits at paths, undoes and redoes them", () => {
    const store = createTierEditorStore();
    store.getState().load(health);
    expect(store.getState().dirty).toBe(false);
    store.getState().set(["bands", 0, "min"], 85);
    store.getState().insert(["tiers"], { key: "new", label: { "zh-CN": "新", en: "New" } });
    store.getState().move(["measures"], 0, 1);
    store.getState().remove(["tiers"], 3);
    const s = store.getState();
    expect(s.dirty).toBe(true);
    expect((s.model as ScorecardModel).bands[0]!.min).toBe(85);
    expect((s.model as ScorecardModel).measures.map((m) => m.key)).toEqual(["nps", "usage"]);
    expect(s.past).toHaveLength(4);

    store.getState().undo(); // remove
    expect(store.getState().model!.tiers).toHaveLength(4);
    store.getState().undo(); // move
    store.getState().undo(); // insert
    store.getState().undo(); // set
    expect(store.getState().model).toBe(health);
    store.getState().undo(); // nothing left
    expect(store.getState().model).toBe(health);
    store.getState().redo();
    expect((store.getState().model as ScorecardModel).bands[0]!.min).toBe(85);
    store.getState().set(["precision"], 1);
    expect(store.getState().future).toEqual([]);
  });

  it("makes typing into one field one undo step, and another field a new one", () => {
    const store = createTierEditorStore();
    store.getState().load(health);
    for (const v of [7, 75, 750]) store.getState().set(["bands", 0, "min"], v, { coalesce: true });
    store.getState().set(["bands", 1, "min"], 5, { coalesce: true });
    expect(store.getState().past).toHaveLength(2);
    store.getState().undo();
    expect((store.getState().model as ScorecardModel).bands[0]!.min).toBe(750);
    store.getState().undo();
    expect(store.getState().model).toBe(health);
  });

  it("ignores an edit that changes nothing and marks a save", () => {
    const store = createTierEditorStore();
    store.getState().load(health);
    store.getState().move(["measures"], 0, 0);
    expect(store.getState().past).toHaveLength(0);
    store.getState().set(["precision"], 3);
    store.getState().markSaved();
    expect(store.getState().dirty).toBe(false);
  });

  it("finds the bundled packs' tier models", () => {
    expect(packs.length).toBeGreaterThanOrEqual(7);
  });
  for (const { file, text, model } of packs) {
    it(`opens ${file} and gives it back unchanged`, () => {
      const store = createTierEditorStore();
      store.getState().load(model);
      expect(JSON.stringify(store.getState().model)).toBe(canonical(text));
      // An edit and its undo give the same document back too.
      store.getState().set(["precision"], 5);
      store.getState().undo();
      expect(JSON.stringify(store.getState().model)).toBe(canonical(text));
    });
  }
});

describe("weights", () => {
  it("sums weights and flags a sum other than 100 or 1", () => {
    expect(summariseWeights([40, 30, 20, 10])).toMatchObject({ total: 100, normalised: true });
    expect(summariseWeights([0.5, 0.3, 0.2])).toMatchObject({ normalised: true });
    const off = summariseWeights([40, 30, 20]);
    expect(off).toMatchObject({ total: 90, normalised: false });
    expect(off.shares[0]).toBeCloseTo(44.44, 2);
    expect(summariseWeights([])).toMatchObject({ total: 0, normalised: false });
  });

  it("checks groups and the measures within each group", () => {
    const w = scorecardWeights({
      groups: [
        { key: "a", label: { "zh-CN": "a", en: "a" }, weight: 70 },
        { key: "b", label: { "zh-CN": "b", en: "b" }, weight: 30 },
      ],
      measures: [
        { ...health.measures[0]!, group: "a", weight: 1 },
        { ...health.measures[1]!, group: "b", weight: 2 },
        { ...health.measures[1]!, key: "x", group: "b", weight: 2 },
      ],
    });
    expect(w.top.normalised).toBe(true);
    expect(w.byGroup.a!.normalised).toBe(true);
    expect(w.byGroup.b!.total).toBe(4);
    expect(w.measureShares).toEqual([100, 50, 50]);
  });

  it("reads every pack scorecard's weights", () => {
    for (const { model } of packs) {
      if (model.modelKind !== "scorecard") continue;
      expect(scorecardWeights(model).top.normalised, model.key).toBe(true);
    }
  });
});

describe("thresholds", () => {
  it("finds shared band edges and moves both", () => {
    const found = thresholdsOf(health.bands);
    expect(found.map((t) => t.value)).toEqual([80, 60]);
    const moved = moveThreshold(health.bands, found[1]!, 50);
    expect(moved[1]).toMatchObject({ min: 50, max: 80 });
    expect(moved[2]).toMatchObject({ max: 50 });
    expect(moved[0]).toBe(health.bands[0]);
  });

  it("writes intervals with their included edges", () => {
    expect(formatInterval({ min: 60, max: 80 })).toBe("[60, 80)");
    expect(formatInterval({ max: 60, includes: "neither" })).toBe("(−∞, 60)");
    expect(formatInterval({ min: 80, includes: "both" })).toBe("[80, +∞)");
  });
});
