/**
 * The benchmark's decision table as a kamflow tier model: what the product actually runs to tier
 * an account (with the matched row in a breakdown). The health score uses the fixture
 * `healthScoreModel` itself.
 */
import type { DecisionTableModel } from "../engine/tiers/index.ts";
import { DECISION_ROWS } from "./rules-under-test.ts";

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });

export const purchaseTable: DecisionTableModel = {
  kind: "tier-model",
  key: "bench-table",
  name: t("分级表", "Tier table"),
  form: "account",
  modelKind: "decision-table",
  tiers: ["strategic", "key", "growth", "nurture", "regular", "unclassified"].map((key) => ({
    key,
    label: t(key, key),
  })),
  inputs: [
    { key: "purchase", label: t("采购额", "Purchase"), rule: { var: "annualPurchase" } },
    { key: "margin", label: t("毛利率", "Margin"), rule: { var: "margin" } },
    { key: "influence", label: t("影响力", "Influence"), rule: { var: "strategicInfluence" } },
    { key: "industry", label: t("行业", "Industry"), rule: { var: "industry" } },
  ],
  hitPolicy: "first",
  rows: [
    ...DECISION_ROWS.map(([purchase, margin, influence, industry, tier], i) => ({
      id: `row-${i + 1}`,
      when: {
        purchase: { op: ">=" as const, value: purchase },
        margin: { op: ">=" as const, value: margin },
        influence: { op: ">=" as const, value: influence },
        ...(industry ? { industry: { op: "==" as const, value: industry } } : {}),
      },
      tier,
    })),
    { id: "else", when: {}, tier: "unclassified" },
  ],
};
