/**
 * @module forms/account-profile.fixture
 * A realistic KAM form for tests: the account profile of a key account (客户档案), with a
 * contacts sub-table (stakeholder map), computed value tier and gross profit, a required-if, a
 * field and a section visibility rule, and cross-field validations.
 */
import type { FormDefinition } from "../../schemas/index.ts";

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });

export const accountProfile = {
  kind: "form",
  key: "account-profile",
  version: 1,
  name: t("客户档案", "Account profile"),
  description: t(
    "重点客户的基本信息、商务数据与关键联系人",
    "Key account facts, commercials and stakeholders",
  ),
  dataSchema: {
    type: "object",
    required: ["name", "industry", "owner", "industryOther", "churnReason"],
    properties: {
      name: { "x-kam-field": "text", type: "string", minLength: 2, maxLength: 100 },
      industry: {
        "x-kam-field": "select",
        type: "string",
        enum: ["manufacturing", "saas", "retail", "energy", "other"],
      },
      industryOther: { "x-kam-field": "text", type: "string", maxLength: 50 },
      annualPurchase: {
        "x-kam-field": "money",
        type: "number",
        "x-kam-currency": "CNY",
        minimum: 0,
      },
      margin: { "x-kam-field": "percent", type: "number", minimum: -100, maximum: 100 },
      lowMarginReason: { "x-kam-field": "textarea", type: "string", maxLength: 2000 },
      // Declared before valueTier on purpose: computed fields run in dependency order.
      isStrategic: { "x-kam-field": "boolean", type: "boolean" },
      valueTier: {
        "x-kam-field": "select",
        type: "string",
        enum: ["key", "growth", "regular"],
      },
      grossProfit: { "x-kam-field": "money", type: "number", "x-kam-currency": "CNY" },
      phone: { "x-kam-field": "phone", type: "string" },
      owner: { "x-kam-field": "user", type: "string" },
      team: { "x-kam-field": "team", type: "string" },
      parent: { "x-kam-field": "reference", type: "string", "x-kam-form": "account-profile" },
      tags: {
        "x-kam-field": "multi-select",
        type: "array",
        items: { type: "string", enum: ["vip", "public-sector", "overseas"] },
        maxItems: 3,
      },
      nps: { "x-kam-field": "nps", type: "integer" },
      contractStart: { "x-kam-field": "date", type: "string" },
      contractEnd: { "x-kam-field": "date", type: "string" },
      businessLicense: { "x-kam-field": "attachment", type: "object" },
      contacts: {
        "x-kam-field": "sub-table",
        type: "array",
        maxItems: 50,
        items: {
          type: "object",
          required: ["name", "role"],
          properties: {
            name: { "x-kam-field": "text", type: "string", maxLength: 50 },
            role: {
              "x-kam-field": "select",
              type: "string",
              enum: ["decision-maker", "influencer", "supporter", "opponent"],
            },
            phone: { "x-kam-field": "phone", type: "string" },
            email: { "x-kam-field": "email", type: "string" },
          },
        },
      },
      atRisk: { "x-kam-field": "boolean", type: "boolean" },
      churnReason: { "x-kam-field": "textarea", type: "string" },
    },
  },
  uiSchema: {
    columns: 2,
    sections: [
      {
        key: "basic",
        title: t("基本信息", "Basics"),
        fields: ["name", "industry", "industryOther", "owner", "team", "parent", "tags", "phone"],
      },
      {
        key: "commercial",
        title: t("商务数据", "Commercials"),
        fields: [
          "annualPurchase",
          "margin",
          "grossProfit",
          "valueTier",
          "isStrategic",
          "lowMarginReason",
          "contractStart",
          "contractEnd",
          "nps",
          "businessLicense",
        ],
      },
      {
        key: "stakeholders",
        title: t("关键联系人", "Stakeholders"),
        columns: 1,
        fields: ["contacts"],
      },
      { key: "risk", title: t("流失风险", "Churn risk"), fields: ["churnReason"] },
    ],
    order: ["atRisk"],
    fields: {
      name: { label: t("客户名称", "Account name") },
      industry: {
        label: t("行业", "Industry"),
        widget: "select",
        options: {
          manufacturing: t("制造业", "Manufacturing"),
          saas: t("软件服务", "SaaS"),
          other: t("其他", "Other"),
        },
      },
      annualPurchase: { label: t("年采购额", "Annual purchase"), widget: "money" },
      margin: { label: t("毛利率", "Margin"), help: t("单位：%", "In percent") },
      grossProfit: { label: t("毛利", "Gross profit") },
      owner: { label: t("客户负责人", "Account owner"), widget: "user-picker" },
      contacts: {
        label: t("联系人", "Contacts"),
        widget: "table",
        columnOrder: ["name", "role", "phone", "email"],
        columns: {
          role: {
            label: t("角色", "Role"),
            widget: "select",
            options: { "decision-maker": t("决策者", "Decision maker") },
          },
          phone: { label: t("手机", "Mobile"), widget: "phone" },
        },
      },
    },
  },
  rules: {
    visibility: {
      fields: { industryOther: { "==": [{ var: "industry" }, "other"] } },
      sections: { risk: { "==": [{ var: "atRisk" }, true] } },
    },
    requiredIf: { lowMarginReason: { "<": [{ var: "margin" }, 10] } },
    computed: {
      isStrategic: {
        and: [{ "==": [{ var: "valueTier" }, "key"] }, { ">": [{ var: "margin" }, 20] }],
      },
      valueTier: {
        if: [
          { ">": [{ var: "annualPurchase" }, 1_000_000] },
          "key",
          { ">=": [{ var: "annualPurchase" }, 300_000] },
          "growth",
          "regular",
        ],
      },
      grossProfit: {
        if: [
          { missing: ["annualPurchase", "margin"] },
          null,
          { "*": [{ var: "annualPurchase" }, { "/": [{ var: "margin" }, 100] }] },
        ],
      },
    },
    validations: [
      {
        key: "contract-dates",
        rule: { "<": [{ var: "contractStart" }, { var: "contractEnd" }] },
        message: t("合同结束日期必须晚于开始日期", "The contract must end after it starts"),
        fields: ["contractEnd", "contractStart"],
      },
      {
        key: "key-account-decision-maker",
        rule: {
          or: [
            { "!=": [{ var: "valueTier" }, "key"] },
            { some: [{ var: "contacts" }, { "==": [{ var: "role" }, "decision-maker"] }] },
          ],
        },
        message: t(
          "重点客户至少需要一位决策者联系人",
          "A key account needs a decision-maker contact",
        ),
        fields: ["contacts"],
      },
    ],
  },
} as const satisfies FormDefinition;

/** A deep, mutable copy to derive broken variants from. */
export function cloneProfile(): Record<string, unknown> & typeof accountProfile {
  return structuredClone(accountProfile) as Record<string, unknown> & typeof accountProfile;
}

/** A good record of the account profile. */
export function goodAccount(): Record<string, unknown> {
  return {
    name: "华东重工集团",
    industry: "manufacturing",
    annualPurchase: 1_200_000,
    margin: 22,
    owner: "u-0001",
    team: "t-east",
    phone: "13812345678",
    tags: ["vip"],
    nps: 9,
    contractStart: "2026-01-01",
    contractEnd: "2026-12-31",
    businessLicense: {
      name: "license.pdf",
      size: 120_000,
      mimeType: "application/pdf",
      url: "https://files.example.com/license.pdf",
    },
    contacts: [
      { name: "王总", role: "decision-maker", phone: "13900001111" },
      { name: "李工", role: "influencer", email: "li@example.com" },
    ],
    atRisk: false,
  };
}
