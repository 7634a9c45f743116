/**
 * @module server/demo/demo-workspace
 * The demo workspace `npm start` creates on first run (when the database holds no workspace):
 * an admin with a generated password, demo people for the KAM, sales manager, department
 * director, designer and service desk sharing one generated password, their business roles and
 * teams; the b2b-key-accounts and saas-customer-success packs with their sample people (same
 * password) and a few hundred sample accounts; the service desk's ticket flows; five named
 * accounts and four tickets (whose flows start on creation).
 * A second run finds a workspace and creates nothing; the passwords are only ever shown once.
 */
import { randomBytes } from "node:crypto";
import type { Engine } from "../../engine/runtime/index.ts";
import { applySamplePeople, applySampleRecords } from "../../engine/runtime/template-sample.ts";
import type { Role } from "../../engine/store/index.ts";
import { loadBundledPack } from "../../engine/templates/bundled.ts";
import type { PackDocument } from "../../engine/templates/pack-document.ts";
import { planSampleData } from "../../engine/templates/sample-data.ts";
import { engineVersion } from "../../engine/version.ts";
import { hashPassword } from "../auth/password.ts";
import { DEMO_KPI_CONFIG, demoTicketDefinitions } from "./definitions.ts";

export const DEMO_WORKSPACE_NAME = "演示工作区 / Demo workspace";

type Team = "division" | "east";

interface DemoPersonSpec {
  readonly key: "kam" | "salesManager" | "director" | "designer" | "desk";
  readonly email: string;
  readonly name: string;
  readonly title: string;
  readonly role: Role;
  readonly businessRoles: readonly string[];
  readonly team: Team;
}

/** The demo people besides the admin. */
export const DEMO_PEOPLE: readonly DemoPersonSpec[] = [
  {
    key: "kam",
    email: "wang.lei@example.com",
    name: "王磊",
    title: "客户经理 KAM",
    role: "member",
    businessRoles: ["kam"],
    team: "east",
  },
  {
    key: "salesManager",
    email: "li.na@example.com",
    name: "李娜",
    title: "销售经理 Sales manager",
    role: "manager",
    businessRoles: ["sales-director"],
    team: "east",
  },
  {
    key: "director",
    email: "zhang.wei@example.com",
    name: "张伟",
    title: "部门总监 Department director",
    role: "manager",
    // The demo has no separate VP: the director also takes the order flow's VP step.
    businessRoles: ["department-director", "vp"],
    team: "division",
  },
  {
    key: "designer",
    email: "chen.jing@example.com",
    name: "陈静",
    title: "流程设计师 Designer",
    role: "designer",
    businessRoles: [],
    team: "division",
  },
  {
    key: "desk",
    email: "liu.yang@example.com",
    name: "刘洋",
    title: "服务台 Service desk",
    role: "member",
    businessRoles: ["service-desk"],
    team: "division",
  },
];

export const DEMO_ADMIN_EMAIL = "admin@example.com";

/** What was created, with the passwords to show once. */
export interface DemoWorkspace {
  readonly workspaceId: string;
  readonly name: string;
  readonly admin: { readonly email: string; readonly password: string };
  /** The password every demo person shares. */
  readonly demoPassword: string;
  readonly people: ReadonlyArray<{
    readonly id: string;
    readonly email: string;
    readonly name: string;
    readonly title: string;
    readonly role: Role;
  }>;
  readonly accounts: readonly string[];
  readonly tickets: readonly string[];
  /** Records the packs' sample data created (accounts and what hangs off them). */
  readonly sampleRecords: number;
}

/** The packs the demo workspace installs, with how many sample accounts each generates. */
export const DEMO_PACKS = ["b2b-key-accounts", "saas-customer-success"] as const;
export const DEMO_SAMPLE_ACCOUNTS: Readonly<Record<(typeof DEMO_PACKS)[number], number>> = {
  "b2b-key-accounts": 200,
  "saas-customer-success": 100,
};

export interface DemoOptions {
  /** @default 18 random characters (base64url) */
  readonly generatePassword?: () => string;
  /** Sample accounts per pack (tests make fewer). @default DEMO_SAMPLE_ACCOUNTS */
  readonly sampleAccounts?: Partial<Record<(typeof DEMO_PACKS)[number], number>>;
}

async function bundledPack(key: string): Promise<PackDocument> {
  const loaded = await loadBundledPack(key, { engineVersion });
  if (!loaded?.ok) throw new Error(`the bundled pack ${key} is missing or invalid`);
  return loaded.value;
}

/**
 * A random password: 18 base64url characters, 108 bits.
 * @example generatePassword() // "x0SEldv25oSnD-E9Oz"
 */
export function generatePassword(): string {
  return randomBytes(27).toString("base64url").slice(0, 18);
}

/** The five named accounts of the story, in the b2b-key-accounts pack's account form. */
const ACCOUNTS = [
  {
    name: "上海浦江重工集团有限公司",
    industry: "manufacturing",
    size: "large",
    region: "east",
    annualPurchase: 18_600_000,
    margin: 22,
    strategicInfluence: "high",
    cooperationYears: 8,
    demandMaturity: "retention",
    followUpDaysAgo: 6,
  },
  {
    name: "苏州恒瑞精密机械有限公司",
    industry: "manufacturing",
    size: "medium",
    region: "east",
    annualPurchase: 4_200_000,
    margin: 18,
    strategicInfluence: "medium",
    cooperationYears: 4,
    demandMaturity: "retention",
    followUpDaysAgo: 12,
  },
  {
    name: "杭州云栖数据科技有限公司",
    industry: "software",
    size: "medium",
    region: "east",
    annualPurchase: 1_500_000,
    margin: 35,
    strategicInfluence: "high",
    cooperationYears: 2,
    demandMaturity: "decision",
    followUpDaysAgo: 3,
  },
  {
    name: "宁波海川国际物流有限公司",
    industry: "logistics",
    size: "large",
    region: "east",
    annualPurchase: 12_000_000,
    margin: 9,
    strategicInfluence: "low",
    cooperationYears: 6,
    demandMaturity: "retention",
    // Six days before the 30-day follow-up reminder (the generated accounts include overdue ones).
    followUpDaysAgo: 24,
  },
  {
    name: "合肥星辰新能源汽车股份有限公司",
    industry: "automotive",
    size: "large",
    region: "east",
    annualPurchase: 26_000_000,
    margin: 16,
    strategicInfluence: "high",
    cooperationYears: 3,
    demandMaturity: "retention",
    followUpDaysAgo: 9,
  },
] as const;

/** Tickets by the index of their account; the flows start when each is created. */
const TICKETS = [
  {
    account: 0,
    data: {
      customerTier: "strategic",
      title: "压铸产线主控 PLC 故障停机",
      category: "fault",
      description: "3 号压铸线主控 PLC 报警停机，影响当班产能，需要现场支持。",
    },
  },
  {
    account: 2,
    data: {
      customerTier: "growth",
      title: "季度对账单金额疑问",
      category: "question",
      description: "客户财务对第三季度对账单中的服务费金额有疑问。",
    },
  },
  {
    account: 4,
    data: {
      customerTier: "strategic",
      title: "紧急追加 200 套液压阀组订单",
      category: "order",
      urgent: true,
      amount: 1_280_000,
      description: "新车型试产提前，需在两周内交付。",
    },
  },
  {
    account: 1,
    data: {
      customerTier: "key",
      title: "年度框架协议补充订单",
      category: "order",
      urgent: false,
      amount: 560_000,
    },
  },
] as const;

/** The first named account's stakeholders; `reportsTo` is the index of their manager here. */
const STAKEHOLDERS = [
  {
    name: "赵建国",
    title: "总经理",
    department: "总经办",
    stakeholderRole: "decision-maker",
    influence: "high",
    reportsTo: null,
  },
  {
    name: "孙海涛",
    title: "技术副总",
    department: "技术中心",
    stakeholderRole: "influencer",
    influence: "high",
    reportsTo: 0,
  },
  {
    name: "周敏",
    title: "财务总监",
    department: "财务部",
    stakeholderRole: "opponent",
    influence: "medium",
    reportsTo: 0,
  },
  {
    name: "吴强",
    title: "采购经理",
    department: "采购部",
    stakeholderRole: "supporter",
    influence: "medium",
    reportsTo: 1,
  },
  {
    name: "郑丽",
    title: "设备主管",
    department: "设备部",
    stakeholderRole: "neutral",
    influence: "low",
    reportsTo: 1,
  },
] as const;

/**
 * Whether the database holds any workspace.
 * @example if (!(await hasWorkspace(engine))) await ensureDemoWorkspace(engine);
 */
export async function hasWorkspace(engine: Engine): Promise<boolean> {
  const row = await engine.store.db.selectFrom("workspaces").select("id").limit(1).execute();
  return row.length > 0;
}

/**
 * Creates the demo workspace when the database holds no workspace; returns it with its
 * passwords, or null when there was a workspace already.
 * @example
 * const demo = await ensureDemoWorkspace(engine);
 * if (demo) console.log(formatDemoCredentials(demo, "http://127.0.0.1:8787"));
 */
export async function ensureDemoWorkspace(
  engine: Engine,
  options: DemoOptions = {},
): Promise<DemoWorkspace | null> {
  if (await hasWorkspace(engine)) return null;
  const newPassword = options.generatePassword ?? generatePassword;
  const ws = await engine.workspaces.create(DEMO_WORKSPACE_NAME, {
    timeZone: "Asia/Shanghai",
    locale: "zh-CN",
    demo: true,
  });

  const adminPassword = newPassword();
  const demoPassword = newPassword();
  const admin = await engine.users.create(ws, {
    email: DEMO_ADMIN_EMAIL,
    name: "系统管理员",
    passwordHash: await hashPassword(adminPassword),
  });
  await engine.memberships.add(ws, { userId: admin, role: "admin" });

  const ids = {} as Record<DemoPersonSpec["key"], string>;
  for (const person of DEMO_PEOPLE) {
    ids[person.key] = await engine.users.create(ws, {
      email: person.email,
      name: person.name,
      passwordHash: await hashPassword(demoPassword),
    });
  }
  const division = await engine.teams.create(ws, {
    key: "key-accounts",
    name: "大客户事业部 / Key accounts division",
    managerId: ids.director,
  });
  const east = await engine.teams.create(ws, {
    key: "kam-east",
    name: "华东大客户组 / East China key accounts",
    parentId: division,
    managerId: ids.salesManager,
  });
  const teams: Record<Team, string> = { division, east };
  for (const person of DEMO_PEOPLE) {
    const userId = ids[person.key];
    await engine.memberships.add(ws, { userId, teamId: teams[person.team], role: person.role });
    for (const role of person.businessRoles) await engine.roles.grant(ws, { userId, role });
  }

  // The packs first (their account form is the demo's), then the service desk's own flows.
  // Each pack is read and validated once, for its install and its sample data.
  const packs = await Promise.all(DEMO_PACKS.map((key) => bundledPack(key)));
  for (const pack of packs) await engine.templates.install(ws, pack, { actor: admin });
  for (const definition of demoTicketDefinitions) {
    await engine.definitions.publish(ws, definition, { actor: admin, note: "demo" });
  }
  await engine.kpis.saveConfig(ws, DEMO_KPI_CONFIG, { actor: admin });

  const acting = { actor: ids.kam, ownerId: ids.kam, teamId: east };
  const accounts: Array<{ id: string }> = [];
  const today = (daysAgo: number) =>
    new Date(engine.clock.now() - daysAgo * 86_400_000 + 8 * 3_600_000).toISOString().slice(0, 10);
  for (const { followUpDaysAgo, ...data } of ACCOUNTS) {
    const record = await engine.records.create(
      ws,
      "account",
      {
        ...data,
        owner: ids.kam,
        poolStatus: "assigned",
        lastFollowUpDate: today(followUpDaysAgo),
      },
      acting,
    );
    await engine.accountTeams.add(ws, { recordId: record.id, userId: ids.kam, role: "kam" });
    await engine.accountTeams.add(ws, {
      recordId: record.id,
      userId: ids.salesManager,
      role: "kat-manager",
    });
    accounts.push({ id: record.id });
  }
  // The first account's buying centre, for its stakeholder map: who reports to whom, and how
  // each stands on the deal.
  const contactIds: string[] = [];
  const firstAccount = accounts[0];
  for (const { reportsTo, ...contact } of STAKEHOLDERS) {
    if (!firstAccount) break;
    const boss = reportsTo === null ? undefined : contactIds[reportsTo];
    const record = await engine.records.create(
      ws,
      "contact",
      { ...contact, account: firstAccount.id, ...(boss ? { reportsTo: boss } : {}) },
      acting,
    );
    contactIds.push(record.id);
  }
  const tickets: string[] = [];
  for (const ticket of TICKETS) {
    const account = accounts[ticket.account];
    const record = await engine.records.create(
      ws,
      "service-ticket",
      { ...ticket.data, account: account?.id },
      acting,
    );
    tickets.push(record.id);
  }

  // The packs' own sample people (sharing the demo password) and a few hundred accounts.
  let sampleRecords = 0;
  const passwordHash = await hashPassword(demoPassword);
  for (const [index, key] of DEMO_PACKS.entries()) {
    const spec = packs[index]?.embedded.sampleData;
    const count = options.sampleAccounts?.[key] ?? DEMO_SAMPLE_ACCOUNTS[key];
    if (!spec || count === 0) continue;
    const people = await applySamplePeople(engine, ws, spec, { passwordHash });
    const plan = planSampleData(spec, { now: engine.clock.now(), accounts: count });
    sampleRecords += (await applySampleRecords(engine, ws, plan, people)).length;
  }

  return {
    workspaceId: ws,
    name: DEMO_WORKSPACE_NAME,
    admin: { email: DEMO_ADMIN_EMAIL, password: adminPassword },
    demoPassword,
    people: DEMO_PEOPLE.map((p) => ({
      id: ids[p.key],
      email: p.email,
      name: p.name,
      title: p.title,
      role: p.role,
    })),
    accounts: accounts.map((a) => a.id),
    tickets,
    sampleRecords,
  };
}

/** The once-only notice of the demo workspace and its passwords, for stdout. */
export function formatDemoCredentials(demo: DemoWorkspace, url?: string): string {
  const width = Math.max(...demo.people.map((p) => p.email.length), demo.admin.email.length);
  const lines = [
    "",
    `Created the demo workspace "${demo.name}" (${demo.workspaceId}).`,
    "These passwords are shown only this once; change them or create your own users.",
    "",
    `  admin      ${demo.admin.email.padEnd(width)}  password: ${demo.admin.password}`,
    "",
    `  demo users (shared password: ${demo.demoPassword})`,
    ...demo.people.map(
      (p) => `    ${p.email.padEnd(width)}  ${p.role.padEnd(8)}  ${p.name} · ${p.title}`,
    ),
    "",
    `  Installed the b2b-key-accounts and saas-customer-success packs with ${demo.sampleRecords} sample`,
    "  records; their sample people share the demo users' password.",
    "",
    ...(url ? [`  Sign in: POST ${url}/api/v1/auth/login {"email","password"}`, ""] : []),
  ];
  return lines.join("\n");
}
