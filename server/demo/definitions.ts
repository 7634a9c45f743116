/**
 * @module server/demo/definitions
 * The demo workspace's definitions, from the source material: the account form (客户档案) with a
 * computed contract tier, the service-ticket form (服务工单), an account-health scorecard, and
 * two flows started when a ticket is created —
 * - `strategic-ticket`: the service desk claims the ticket; unclaimed after 15 minutes for a
 *   strategic customer (2 hours otherwise) it escalates to the department director; the KAM who
 *   owns the ticket is notified when it is handled;
 * - `order-approval` (green channel): an order ticket goes to the KAT manager of the account it
 *   names, who is reminded after 2 working hours (then every 2 working hours, twice); urgent
 *   orders skip the VP step.
 */

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
const at = (x: number, y: number) => ({ x, y });

/** Account industries, with their labels. */
export const INDUSTRIES = {
  manufacturing: t("装备制造", "Manufacturing"),
  automotive: t("汽车及零部件", "Automotive"),
  electronics: t("电子信息", "Electronics"),
  energy: t("能源化工", "Energy & chemicals"),
  pharma: t("医药健康", "Pharma & health"),
  retail: t("零售快消", "Retail & FMCG"),
  logistics: t("物流供应链", "Logistics"),
  software: t("软件与信息服务", "Software & IT services"),
} as const;

export type Industry = keyof typeof INDUSTRIES;

/** Sales regions, with their labels. */
export const REGIONS = {
  east: t("华东", "East China"),
  north: t("华北", "North China"),
  south: t("华南", "South China"),
  central: t("华中", "Central China"),
  southwest: t("西南", "Southwest China"),
  northeast: t("东北", "Northeast China"),
  northwest: t("西北", "Northwest China"),
} as const;

export type Region = keyof typeof REGIONS;

const TIERS = {
  strategic: t("战略客户", "Strategic"),
  key: t("重点客户", "Key"),
  growth: t("成长客户", "Growth"),
  regular: t("普通客户", "Regular"),
} as const;

/** 客户档案: a key account with its commercials; `tier` is computed from them. */
export const accountForm = {
  kind: "form",
  key: "account",
  name: t("客户档案", "Account"),
  description: t(
    "重点客户的基本信息与商务数据；客户等级按年采购额与毛利率自动计算。",
    "Key account facts and commercials; the tier follows from annual purchase and margin.",
  ),
  dataSchema: {
    type: "object",
    required: ["name", "industry"],
    properties: {
      name: { "x-kam-field": "text", type: "string", minLength: 2, maxLength: 100 },
      industry: { "x-kam-field": "select", type: "string", enum: Object.keys(INDUSTRIES) },
      region: { "x-kam-field": "select", type: "string", enum: Object.keys(REGIONS) },
      annualPurchase: {
        "x-kam-field": "money",
        type: "number",
        "x-kam-currency": "CNY",
        minimum: 0,
      },
      margin: { "x-kam-field": "percent", type: "number", minimum: -100, maximum: 100 },
      growthPotential: { "x-kam-field": "select", type: "string", enum: ["high", "medium", "low"] },
      tier: { "x-kam-field": "select", type: "string", enum: Object.keys(TIERS) },
      owner: { "x-kam-field": "user", type: "string" },
      phone: { "x-kam-field": "phone", type: "string" },
      nps: { "x-kam-field": "nps", type: "integer" },
      contractEnd: { "x-kam-field": "date", type: "string" },
    },
  },
  uiSchema: {
    columns: 2,
    sections: [
      {
        key: "basic",
        title: t("基本信息", "Basics"),
        fields: ["name", "industry", "region", "owner", "phone"],
      },
      {
        key: "commercial",
        title: t("商务数据", "Commercials"),
        fields: ["annualPurchase", "margin", "tier", "growthPotential", "nps", "contractEnd"],
      },
    ],
    fields: {
      name: { label: t("客户名称", "Account name") },
      industry: { label: t("行业", "Industry"), widget: "select", options: INDUSTRIES },
      region: { label: t("区域", "Region"), widget: "select", options: REGIONS },
      annualPurchase: { label: t("年采购额", "Annual purchase"), widget: "money" },
      margin: { label: t("毛利率", "Gross margin"), help: t("单位：%", "In percent") },
      growthPotential: {
        label: t("增长潜力", "Growth potential"),
        widget: "select",
        options: { high: t("高", "High"), medium: t("中", "Medium"), low: t("低", "Low") },
      },
      tier: { label: t("客户等级", "Tier"), widget: "select", options: TIERS },
      owner: { label: t("客户经理（KAM）", "Key account manager"), widget: "user-picker" },
      phone: { label: t("联系电话", "Phone"), widget: "phone" },
      nps: { label: t("NPS 评分", "NPS") },
      contractEnd: { label: t("合同到期日", "Contract end") },
    },
  },
  rules: {
    computed: {
      tier: {
        if: [
          {
            and: [
              { ">=": [{ var: "annualPurchase" }, 10_000_000] },
              { ">=": [{ var: "margin" }, 15] },
            ],
          },
          "strategic",
          { ">=": [{ var: "annualPurchase" }, 3_000_000] },
          "key",
          { ">=": [{ var: "annualPurchase" }, 1_000_000] },
          "growth",
          "regular",
        ],
      },
    },
  },
} as const;

/** 服务工单: a service request, complaint or order of an account. */
export const serviceTicketForm = {
  kind: "form",
  key: "service-ticket",
  name: t("服务工单", "Service ticket"),
  description: t(
    "客户的故障报修、咨询、投诉与订单；创建后自动进入对应流程。",
    "A customer's fault report, question, complaint or order; creating one starts its flow.",
  ),
  dataSchema: {
    type: "object",
    required: ["title", "category"],
    properties: {
      title: { "x-kam-field": "text", type: "string", minLength: 2, maxLength: 200 },
      account: { "x-kam-field": "reference", type: "string", "x-kam-form": "account" },
      category: {
        "x-kam-field": "select",
        type: "string",
        enum: ["fault", "question", "complaint", "order"],
      },
      customerTier: { "x-kam-field": "select", type: "string", enum: Object.keys(TIERS) },
      urgent: { "x-kam-field": "boolean", type: "boolean" },
      amount: { "x-kam-field": "money", type: "number", "x-kam-currency": "CNY", minimum: 0 },
      description: { "x-kam-field": "textarea", type: "string", maxLength: 4000 },
      resolution: { "x-kam-field": "textarea", type: "string", maxLength: 4000 },
    },
  },
  uiSchema: {
    fields: {
      title: { label: t("标题", "Title") },
      account: { label: t("客户", "Account") },
      category: {
        label: t("类型", "Category"),
        widget: "select",
        options: {
          fault: t("故障报修", "Fault"),
          question: t("咨询", "Question"),
          complaint: t("投诉", "Complaint"),
          order: t("订单", "Order"),
        },
      },
      customerTier: { label: t("客户等级", "Customer tier"), widget: "select", options: TIERS },
      urgent: { label: t("紧急", "Urgent") },
      amount: { label: t("订单金额", "Order amount"), widget: "money" },
      description: { label: t("问题描述", "Description") },
      resolution: { label: t("处理结果", "Resolution") },
    },
  },
  rules: {},
} as const;

/** 客户健康度: NPS, margin and growth potential weighed into healthy / watch / at risk. */
export const accountHealthModel = {
  kind: "tier-model",
  key: "account-health",
  name: t("客户健康度", "Account health"),
  form: "account",
  modelKind: "scorecard",
  precision: 1,
  missing: "renormalise",
  tiers: [
    { key: "healthy", label: t("健康", "Healthy"), color: "#2e7d32" },
    { key: "watch", label: t("关注", "Watch"), color: "#f9a825" },
    { key: "at-risk", label: t("风险", "At risk"), color: "#c62828" },
  ],
  measures: [
    {
      key: "nps",
      label: t("NPS 评分", "NPS"),
      weight: 40,
      value: { var: "nps" },
      scale: { kind: "linear", min: 0, max: 10 },
    },
    {
      key: "margin",
      label: t("毛利率", "Gross margin"),
      weight: 30,
      value: { var: "margin" },
      scale: { kind: "linear", min: 0, max: 40 },
    },
    {
      key: "growthPotential",
      label: t("增长潜力", "Growth potential"),
      weight: 30,
      value: { var: "growthPotential" },
      scale: {
        kind: "lookup",
        entries: [
          { value: "high", score: 100 },
          { value: "medium", score: 60 },
          { value: "low", score: 20 },
        ],
      },
    },
  ],
  bands: [
    { tier: "healthy", min: 75, includes: "min" },
    { tier: "watch", min: 50, max: 75, includes: "min" },
    { tier: "at-risk", max: 50, includes: "neither" },
  ],
} as const;

/** 15 minutes for strategic customers, 2 hours for everyone else. */
const byTier = {
  rule: { if: [{ "==": [{ var: "record.customerTier" }, "strategic"] }, "PT15M", "PT2H"] },
};

/** 战略客户工单升级: claim within the SLA, or the department director is brought in. */
export const strategicTicketFlow = {
  kind: "flow",
  key: "strategic-ticket",
  name: t("战略客户工单升级", "Strategic ticket escalation"),
  description: t(
    "服务台认领工单；战略客户 15 分钟（其他客户 2 小时）内未认领则升级至部门总监。",
    "The service desk claims the ticket; unclaimed after 15 minutes for a strategic customer " +
      "(2 hours otherwise) it escalates to the department director.",
  ),
  form: "service-ticket",
  trigger: {
    type: "record.created",
    form: "service-ticket",
    // Trigger conditions read the new record's fields at the root.
    condition: { "!=": [{ var: "category" }, "order"] },
  },
  nodes: [
    { id: "start", type: "start", label: t("开始", "Start"), position: at(0, 0), config: {} },
    {
      id: "claim",
      type: "task",
      label: t("服务台认领处理", "Service desk claims"),
      position: at(0, 120),
      config: {
        assignees: [{ kind: "role", role: "service-desk" }],
        assignment: "claim",
        fields: { resolution: "editable" },
        sla: {
          target: byTier,
          allowPause: true,
          levels: [
            {
              action: "escalate",
              after: byTier,
              to: [{ kind: "role", role: "department-director" }],
              message: t("战略客户工单超时未受理", "Strategic ticket not claimed in time"),
            },
          ],
        },
      },
    },
    {
      id: "notify-owner",
      type: "notify",
      label: t("通知客户经理", "Notify the KAM"),
      position: at(0, 240),
      config: {
        channels: ["in-app"],
        to: [{ kind: "record-owner" }],
        subject: t("工单已处理", "Ticket handled"),
        body: t("工单「{title}」已处理。", 'The ticket "{title}" was handled.'),
        params: { title: { var: "record.title" } },
        link: "record",
      },
    },
    {
      id: "done",
      type: "end",
      label: t("结束", "Done"),
      position: at(0, 360),
      config: { outcome: "resolved" },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "claim" },
    { id: "e2", source: "claim", target: "notify-owner" },
    { id: "e3", source: "notify-owner", target: "done" },
  ],
} as const;

/** 订单审批（绿色通道）: the KAT manager approves; urgent orders skip the VP step. */
export const orderApprovalFlow = {
  kind: "flow",
  key: "order-approval",
  name: t("订单审批（绿色通道）", "Order approval (green channel)"),
  description: t(
    "客户 KAT 经理审批订单，2 个工作小时未处理则提醒；紧急订单走绿色通道，跳过副总裁审批。",
    "The account's KAT manager approves, reminded after 2 working hours; urgent orders take " +
      "the green channel and skip the VP.",
  ),
  form: "service-ticket",
  trigger: {
    type: "record.created",
    form: "service-ticket",
    condition: { "==": [{ var: "category" }, "order"] },
  },
  nodes: [
    { id: "start", type: "start", label: t("开始", "Start"), position: at(0, 0), config: {} },
    {
      id: "kat",
      type: "approval",
      label: t("KAT 经理审批", "KAT manager approves"),
      position: at(0, 120),
      config: {
        approvers: [{ kind: "account-team", role: "kat-manager", accountField: "account" }],
        actions: { transfer: true },
        sla: {
          calendar: "business",
          levels: [{ action: "remind", after: "PT2H", repeat: { every: "PT2H", times: 2 } }],
        },
      },
    },
    {
      id: "channel",
      type: "condition",
      label: t("绿色通道？", "Green channel?"),
      position: at(0, 240),
      config: {},
    },
    {
      id: "vp",
      type: "approval",
      label: t("副总裁审批", "VP approves"),
      position: at(200, 360),
      config: { approvers: [{ kind: "role", role: "vp" }] },
    },
    {
      id: "approved",
      type: "end",
      label: t("已批准", "Approved"),
      position: at(0, 480),
      config: { outcome: "approved" },
    },
    {
      id: "rejected",
      type: "end",
      label: t("已驳回", "Rejected"),
      position: at(400, 480),
      config: { outcome: "rejected" },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "kat" },
    { id: "e2", source: "kat", sourceHandle: "approved", target: "channel" },
    { id: "e3", source: "kat", sourceHandle: "rejected", target: "rejected" },
    {
      id: "e4",
      source: "channel",
      target: "approved",
      condition: { "==": [{ var: "record.urgent" }, true] },
      label: t("紧急订单", "Urgent"),
    },
    { id: "e5", source: "channel", target: "vp", default: true },
    { id: "e6", source: "vp", sourceHandle: "approved", target: "approved" },
    { id: "e7", source: "vp", sourceHandle: "rejected", target: "rejected" },
  ],
} as const;

/** Every demo definition, in publishing order (forms before what reads them). */
/**
 * What the demo workspace publishes besides its packs (b2b-key-accounts and
 * saas-customer-success, whose account form the ticket refers to): the service desk's ticket and
 * its two flows.
 */
export const demoTicketDefinitions = [
  serviceTicketForm,
  strategicTicketFlow,
  orderApprovalFlow,
] as const;

/** The demo's KPI configuration: the b2b pack's accounts and tiers, the service desk's tickets. */
export const DEMO_KPI_CONFIG = {
  accounts: {
    form: "account",
    npsField: null,
    ltvField: "annualPurchase",
    contractEndField: null,
    churnedField: null,
  },
  highValue: { source: "model", key: "account-tier", tiers: ["key"] },
  tierModel: "value-potential",
  revenue: {
    form: "service-ticket",
    amountField: "amount",
    match: { category: ["order"] },
    approval: { flow: "order-approval", outcome: "approved" },
  },
  resolution: { flows: ["strategic-ticket"] },
};

/** The definitions of the demo as the API tests use them (a self-contained set). */
export const demoDefinitions = [
  accountForm,
  serviceTicketForm,
  accountHealthModel,
  strategicTicketFlow,
  orderApprovalFlow,
] as const;
