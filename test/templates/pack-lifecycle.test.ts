/**
 * The life of a template pack in a workspace, on SQLite and PostgreSQL: the dry-run plan, an
 * all-or-nothing install, re-installing (nothing changes), upgrading (new versions published,
 * running instances stay on theirs), conflicts with an admin's own changes under each policy, a
 * refused downgrade, and the round trip — a workspace exported and installed into an empty one
 * reproduces its definitions exactly.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DefinitionError, KamError } from "../../engine/errors/index.ts";
import { manualClock } from "../../engine/ports.ts";
import { createEngine, type Engine } from "../../engine/runtime/create-engine.ts";
import { listDefinitions, type Store } from "../../engine/store/index.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import type { PackDocument } from "../../engine/templates/pack-document.ts";
import { validatePack } from "../../engine/templates/validate-pack.ts";
import { engineVersion } from "../../engine/version.ts";
import {
  accountForm,
  accountHealthModel,
  orderApprovalFlow,
  serviceTicketForm,
  strategicTicketFlow,
} from "../../server/demo/definitions.ts";

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The demo definitions as a pack, validated as any pack is. */
function demoPack(version = "1.0.0", edit?: (pack: Record<string, unknown>) => void): PackDocument {
  const forms = clone([accountForm, serviceTicketForm]);
  const tierModels = clone([accountHealthModel]);
  const flows = clone([strategicTicketFlow, orderApprovalFlow]);
  const document: Record<string, unknown> = {
    kind: "template-pack",
    key: "demo-kam",
    name: t("演示大客户包", "Demo KAM pack"),
    version,
    industry: "general-b2b",
    engine: ">=0.1.0 <1.0.0",
    roles: [
      { key: "service-desk", label: t("服务台", "Service desk") },
      { key: "department-director", label: t("部门总监", "Department director") },
      { key: "vp", label: t("副总裁", "VP") },
    ],
    contents: {
      forms: forms.map((d) => ({ key: d.key })),
      tierModels: tierModels.map((d) => ({ key: d.key })),
      flows: flows.map((d) => ({ key: d.key })),
      dashboard: { kpis: ["resolution-time", "sla-breach-rate"] },
    },
    embedded: { forms, tierModels, flows },
  };
  edit?.(document);
  const result = validatePack(document, { engineVersion });
  if (!result.ok) throw new Error(JSON.stringify(result.issues, null, 2));
  return result.value;
}

const embedded = (pack: Record<string, unknown>) =>
  pack.embedded as Record<string, Array<Record<string, unknown>>>;

async function published(engine: Engine, ws: string) {
  const rows = await listDefinitions(engine.store.db, { workspaceId: ws, status: "published" });
  return rows.map((d) => ({ kind: d.kind, key: d.key, version: d.version, checksum: d.checksum }));
}

for (const database of testDatabases()) {
  describe(`template packs on ${database.name}`, () => {
    let store: Store;
    let engine: Engine;
    let ws: string;
    beforeEach(async () => {
      store = await database.open();
      engine = createEngine({ store, clock: manualClock(Date.UTC(2026, 10, 23, 1)) });
      ws = await engine.workspaces.create("ACME");
    });
    afterEach(() => store.close());

    it("plans without saving, installs all five definitions, and records the pack", async () => {
      const pack = demoPack();
      const plan = await engine.templates.plan(ws, pack);
      expect(plan.items.map((i) => [i.kind, i.key, i.action, i.newVersion])).toEqual([
        ["form", "account", "create", 1],
        ["form", "service-ticket", "create", 1],
        ["tier-model", "account-health", "create", 1],
        ["flow", "strategic-ticket", "create", 1],
        ["flow", "order-approval", "create", 1],
      ]);
      expect(plan.unheldRoles).toEqual(["service-desk", "department-director", "vp"]);
      expect(await published(engine, ws)).toEqual([]);

      const result = await engine.templates.install(ws, pack);
      expect(result.counts).toMatchObject({ create: 5, update: 0, conflict: 0 });
      expect((await published(engine, ws)).map((d) => `${d.kind}/${d.key}@${d.version}`)).toEqual([
        "flow/order-approval@1",
        "flow/strategic-ticket@1",
        "form/account@1",
        "form/service-ticket@1",
        "tier-model/account-health@1",
      ]);
      const [installed] = await engine.templates.installed(ws);
      expect(installed).toMatchObject({ key: "demo-kam", version: "1.0.0" });
      expect(installed?.items).toHaveLength(5);

      const again = await engine.templates.install(ws, pack);
      expect(again.counts).toMatchObject({ create: 0, update: 0, unchanged: 5 });
      expect(await published(engine, ws)).toHaveLength(5);
    });

    it("upgrades what the pack owns; running instances keep their version", async () => {
      await engine.templates.install(ws, demoPack());
      const desk = await engine.users.create(ws, { email: "desk@acme.cn", name: "客服" });
      await engine.roles.grant(ws, { userId: desk, role: "service-desk" });
      const ticket = await engine.records.create(ws, "service-ticket", {
        title: "设备故障",
        category: "fault",
      });
      const [running] = await store.db
        .selectFrom("flow_instances")
        .select(["id", "flow_version"])
        .where("record_id", "=", ticket.id)
        .execute();
      expect(running?.flow_version).toBe(1);

      const upgraded = demoPack("1.1.0", (p) => {
        const flow = embedded(p).flows?.[0] as { name: unknown };
        flow.name = t("战略客户工单（新）", "Strategic ticket (new)");
      });
      const plan = await engine.templates.plan(ws, upgraded);
      const item = plan.items.find((i) => i.key === "strategic-ticket");
      expect(item).toMatchObject({ action: "update", customized: false, newVersion: 2 });
      expect(item?.changes?.changed).toContain("/name/zh-CN");
      await engine.templates.install(ws, upgraded);

      const after = await store.db
        .selectFrom("flow_instances")
        .select("flow_version")
        .where("id", "=", running?.id as string)
        .executeTakeFirstOrThrow();
      expect(after.flow_version).toBe(1);
      const latest = await engine.definitions.latest(ws, "flow", "strategic-ticket");
      expect(latest?.version).toBe(2);
      const [installed] = await engine.templates.installed(ws);
      expect(installed?.version).toBe("1.1.0");
    });

    it("settles an admin's own change by the policy: fail refuses all, skip keeps it, new-version replaces it", async () => {
      await engine.templates.install(ws, demoPack());
      const customized = { ...clone(serviceTicketForm), name: t("我们的工单", "Our ticket") };
      await engine.definitions.publish(ws, customized);
      const upgraded = demoPack("1.1.0", (p) => {
        const flow = embedded(p).flows?.[1] as { name: unknown };
        flow.name = t("订单审批（新）", "Order approval (new)");
      });
      const before = await published(engine, ws);

      const failed = await engine.templates.install(ws, upgraded).catch((e: unknown) => e);
      expect(failed).toBeInstanceOf(KamError);
      expect((failed as KamError).code).toBe("PACK_CONFLICT");
      expect((failed as KamError).params.keys).toEqual(["form/service-ticket"]);
      expect(await published(engine, ws)).toEqual(before);

      const skipped = await engine.templates.install(ws, upgraded, { policy: "skip" });
      expect(skipped.items.find((i) => i.key === "service-ticket")).toMatchObject({
        action: "skip",
        customized: true,
      });
      expect((await engine.definitions.latest(ws, "form", "service-ticket"))?.body).toEqual(
        customized,
      );
      expect((await engine.definitions.latest(ws, "flow", "order-approval"))?.version).toBe(2);

      const replaced = await engine.templates.install(ws, upgraded, { policy: "new-version" });
      expect(replaced.items.find((i) => i.key === "service-ticket")).toMatchObject({
        action: "update",
        newVersion: 3,
      });
      expect((await engine.definitions.latest(ws, "form", "service-ticket"))?.body).toEqual(
        serviceTicketForm,
      );
    });

    it("adopts definitions that already equal the pack's, so its next version upgrades them", async () => {
      // The same definitions arrive by hand first (e.g. an export installed under another key).
      for (const d of [accountForm, serviceTicketForm, accountHealthModel])
        await engine.definitions.publish(ws, clone(d));
      const first = await engine.templates.install(ws, demoPack());
      expect(first.counts).toMatchObject({ unchanged: 3, create: 2 });
      const upgraded = demoPack("1.1.0", (p) => {
        const form = embedded(p).forms?.[0] as { description: unknown };
        form.description = t("新版客户档案", "New account form");
      });
      const plan = await engine.templates.plan(ws, upgraded);
      expect(plan.items.find((i) => i.key === "account")).toMatchObject({
        action: "update",
        customized: false,
      });
    });

    it("refuses a downgrade and saves nothing of a pack that fails midway", async () => {
      await engine.templates.install(ws, demoPack("1.2.0"));
      const downgrade = await engine.templates.install(ws, demoPack("1.0.0")).catch((e) => e);
      expect((downgrade as KamError).code).toBe("PACK_DOWNGRADE");

      const other = await engine.workspaces.create("Empty");
      const pack = demoPack();
      // Not validated as a pack: the second flow names a node type that does not exist, so
      // publishing it fails after the forms, the model and the first flow were written.
      const broken = clone(pack) as unknown as Record<string, unknown>;
      const flows = embedded(broken).flows as Array<{ nodes: Array<{ type: string }> }>;
      (flows[1]?.nodes[1] as { type: string }).type = "teleport";
      const error = await engine.templates
        .install(other, broken as unknown as PackDocument)
        .catch((e) => e);
      expect(error).toBeInstanceOf(DefinitionError);
      expect(await published(engine, other)).toEqual([]);
      expect(await engine.templates.installed(other)).toEqual([]);
    });

    it("sets the pack's KPI configuration, and a pack's config must name its own definitions", async () => {
      const config = {
        accounts: {
          form: "account",
          npsField: "nps",
          ltvField: "annualPurchase",
          contractEndField: "contractEnd",
          churnedField: null,
        },
        highValue: { source: "model", key: "account-health", tiers: ["healthy"] },
        tierModel: "account-health",
        revenue: {
          form: "service-ticket",
          amountField: "amount",
          match: { category: ["order"] },
          approval: { flow: "order-approval", outcome: "approved" },
        },
        resolution: { flows: ["strategic-ticket", "order-approval"] },
      };
      const withConfig = (p: Record<string, unknown>) => {
        (p.contents as { dashboard: object }).dashboard = { kpis: ["nps"], config };
      };
      const plan = await engine.templates.plan(ws, demoPack("1.0.0", withConfig));
      expect(plan.kpiConfig).toBe("set");
      await engine.templates.install(ws, demoPack("1.0.0", withConfig));
      expect(await engine.kpis.config(ws)).toEqual(config);
      expect((await engine.templates.plan(ws, demoPack("1.0.0", withConfig))).kpiConfig).toBe(
        "unchanged",
      );

      const broken = () =>
        demoPack("1.0.0", (p) => {
          withConfig(p);
          config.resolution.flows = ["no-such-flow"];
        });
      expect(broken).toThrow(
        /PACK_REFERENCE_UNRESOLVED[\s\S]*contents\/dashboard\/config\/resolution\/flows\/0/,
      );
    });

    it("round-trips: an exported workspace installs into an empty one as the same definitions", async () => {
      await engine.templates.install(ws, demoPack());
      await engine.definitions.publish(ws, {
        ...clone(accountForm),
        description: t("改过的客户档案", "An edited account form"),
      });
      const exported = await engine.templates.export(ws, { key: "acme-export", version: "2.0.0" });
      const checked = validatePack(JSON.parse(JSON.stringify(exported)), { engineVersion });
      expect(checked.ok).toBe(true);

      const fresh = await engine.workspaces.create("Fresh");
      await engine.templates.install(fresh, exported);
      const source = await Promise.all(
        (await published(engine, ws)).map(async (d) => ({
          kind: d.kind,
          key: d.key,
          body: (await engine.definitions.latest(ws, d.kind, d.key))?.body,
        })),
      );
      const latestOf = new Map(source.map((d) => [`${d.kind}/${d.key}`, d.body]));
      const target = await published(engine, fresh);
      expect(target).toHaveLength(latestOf.size);
      for (const d of target) {
        const body = (await engine.definitions.latest(fresh, d.kind, d.key))?.body;
        expect(body).toEqual(latestOf.get(`${d.kind}/${d.key}`));
      }
      const sourceChecksums = (await published(engine, ws))
        .filter((d) => !(d.key === "account" && d.version === 1))
        .map((d) => `${d.kind}/${d.key}:${d.checksum}`)
        .sort();
      expect(target.map((d) => `${d.kind}/${d.key}:${d.checksum}`).sort()).toEqual(sourceChecksums);
    });
  });
}
