/**
 * Every bundled pack, on SQLite and PostgreSQL: it validates with no errors; it installs into an
 * empty workspace with its KPI configuration; its sample data generates the same records from the
 * same seed and applies without incidents; and exporting the workspace and installing the export
 * into another empty workspace reproduces its definitions exactly (the round trip).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { manualClock } from "../../engine/ports.ts";
import { createEngine, type Engine } from "../../engine/runtime/create-engine.ts";
import { applySamplePeople, applySampleRecords } from "../../engine/runtime/template-sample.ts";
import { listDefinitions, type Store } from "../../engine/store/index.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { bundledPackKeys } from "../../engine/templates/bundled.ts";
import { planSampleData } from "../../engine/templates/sample-data.ts";
import { validatePack } from "../../engine/templates/validate-pack.ts";
import { engineVersion } from "../../engine/version.ts";
import { bundledPack } from "../../templates/testing/scenario.ts";

const NOW = Date.UTC(2026, 10, 23, 1);

async function definitionsOf(engine: Engine, ws: string) {
  const rows = await listDefinitions(engine.store.db, { workspaceId: ws, status: "published" });
  return rows.map((d) => ({ kind: d.kind, key: d.key, checksum: d.checksum, body: d.body }));
}

it("ships the five packs of the issue", () => {
  expect(bundledPackKeys()).toEqual([
    "b2b-key-accounts",
    "manufacturing-kat",
    "retail-membership",
    "saas-customer-success",
    "strategic-service-sla",
  ]);
});

describe.each(bundledPackKeys())("bundled pack %s", (key) => {
  it("validates, with every name and label in zh-CN and en", async () => {
    const pack = await bundledPack(key);
    expect(pack.name["zh-CN"]).toMatch(/[\u4e00-\u9fff]/);
    expect(pack.name.en).toMatch(/[A-Za-z]/);
    for (const list of [pack.embedded.forms, pack.embedded.tierModels, pack.embedded.flows]) {
      for (const definition of list) {
        const name = definition.name as Record<string, string>;
        expect(name["zh-CN"], `${definition.key}`).toBeTruthy();
        expect(name.en, `${definition.key}`).toBeTruthy();
      }
    }
  });

  it("plans the same sample data from the same seed, with Chinese company or person names", async () => {
    const pack = await bundledPack(key);
    const spec = pack.embedded.sampleData;
    expect(spec).toBeDefined();
    if (!spec) return;
    const a = planSampleData(spec, { now: NOW, accounts: 25 });
    const b = planSampleData(spec, { now: NOW, accounts: 25 });
    expect(a.records).toEqual(b.records);
    expect(a.records.length).toBeGreaterThanOrEqual(25);
    const text = JSON.stringify(a.records.slice(0, 25).map((r) => r.data));
    expect(text).toMatch(/[\u4e00-\u9fff]{2,}/);
  });
});

for (const database of testDatabases()) {
  describe(`bundled packs install on ${database.name}`, () => {
    let store: Store;
    let engine: Engine;
    beforeEach(async () => {
      store = await database.open();
      engine = createEngine({ store, clock: manualClock(NOW) });
    });
    afterEach(() => store.close());

    it.each(bundledPackKeys())(
      "%s: installs, seeds, and round-trips through export",
      async (key) => {
        const pack = await bundledPack(key);
        const ws = await engine.workspaces.create(key, { timeZone: "Asia/Shanghai" });
        const result = await engine.templates.install(ws, pack);
        const total =
          pack.embedded.forms.length + pack.embedded.tierModels.length + pack.embedded.flows.length;
        expect(result.counts.create).toBe(total);
        if (pack.contents.dashboard && "config" in pack.contents.dashboard)
          expect(await engine.kpis.config(ws)).toEqual(pack.contents.dashboard.config);

        const spec = pack.embedded.sampleData;
        if (spec) {
          const people = await applySamplePeople(engine, ws, spec);
          const plan = planSampleData(spec, { now: NOW, accounts: 4 });
          const ids = await applySampleRecords(engine, ws, plan, people);
          expect(ids).toHaveLength(plan.records.length);
          const incidents = await store.db
            .selectFrom("flow_instances")
            .select("id")
            .where("workspace_id", "=", ws)
            .where("status", "=", "incident")
            .execute();
          expect(incidents).toEqual([]);
        }

        const exported = JSON.parse(JSON.stringify(await engine.templates.export(ws)));
        expect(validatePack(exported, { engineVersion }).ok).toBe(true);
        const copy = await engine.workspaces.create(`${key} copy`, { timeZone: "Asia/Shanghai" });
        await engine.templates.install(copy, exported);
        const sort = (rows: Awaited<ReturnType<typeof definitionsOf>>) =>
          rows.sort((x, y) => `${x.kind}/${x.key}`.localeCompare(`${y.kind}/${y.key}`));
        expect(sort(await definitionsOf(engine, copy))).toEqual(
          sort(await definitionsOf(engine, ws)),
        );
      },
    );
  });
}
