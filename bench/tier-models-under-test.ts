/**
 * The benchmark's two rules as kamflow tier models: what the product actually runs to tier an
 * account (with a breakdown per measure or the matched row, and scores rounded before banding).
 */
import type { DecisionTableModel, ScorecardModel } from "../engine/tiers/index.ts";
import { DECISION_ROWS } from "./rules-under-test.ts";

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });

export const healthScorecard: ScorecardModel = {
  kind: "tier-model",
  key: "bench-health",
  name: t("健康度", "Health"),
  form: "account",
  modelKind: "scorecard",
  precision: 2,
  tiers: [
    { key: "healthy", label: t("健康", "Healthy") },
    { key: "watch", label: t("关注", "Watch") },
    { key: "at-risk", label: t("风险", "At risk") },
  ],
  measures: [
    {
      key: "usage",
      label: t("使用", "Usage"),
      weight: 40,
      value: { var: "usage" },
      scale: { kind: "linear", min: 0, max: 100 },
    },
    {
      key: "meeting",
      label: t("会议", "Meetings"),
      weight: 30,
      value: { var: "meetingHours" },
      scale: { kind: "linear", min: 0, max: 10 },
    },
    {
      key: "issues",
      label: t("问题", "Issues"),
      weight: 20,
      value: { var: "issues" },
      scale: { kind: "linear", min: 0, max: 10, reversed: true },
    },
    {
      key: "nps",
      label: t("NPS", "NPS"),
      weight: 10,
      value: { var: "nps" },
      scale: { kind: "linear", min: -100, max: 100 },
    },
  ],
  missing: "renormalise",
  bands: [
    { tier: "healthy", min: 80, includes: "min" },
    { tier: "watch", min: 60, max: 80, includes: "min" },
    { tier: "at-risk", max: 60, includes: "neither" },
  ],
};

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
