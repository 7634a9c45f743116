/**
 * @module server/demo/companies
 * Demo account data: realistic Chinese company names (city + brand + business + legal form, e.g.
 * 苏州恒瑞精密机械有限公司) with plausible commercials, from a seeded generator so a seed run is
 * reproducible.
 */
import { seededRandom } from "../../engine/templates/seeded-random.ts";
import type { Industry, Region } from "./definitions.ts";

const CITIES: ReadonlyArray<readonly [string, Region]> = [
  ["上海", "east"],
  ["苏州", "east"],
  ["杭州", "east"],
  ["宁波", "east"],
  ["无锡", "east"],
  ["南京", "east"],
  ["合肥", "east"],
  ["青岛", "east"],
  ["厦门", "east"],
  ["北京", "north"],
  ["天津", "north"],
  ["石家庄", "north"],
  ["广州", "south"],
  ["深圳", "south"],
  ["东莞", "south"],
  ["佛山", "south"],
  ["武汉", "central"],
  ["长沙", "central"],
  ["郑州", "central"],
  ["成都", "southwest"],
  ["重庆", "southwest"],
  ["沈阳", "northeast"],
  ["大连", "northeast"],
  ["西安", "northwest"],
];

const BRANDS = [
  "恒瑞",
  "华晟",
  "鼎力",
  "瑞丰",
  "博远",
  "天润",
  "远航",
  "汇通",
  "金桥",
  "新锐",
  "宏达",
  "德胜",
  "凯盛",
  "联创",
  "海川",
  "启明",
  "正泰",
  "华耀",
  "星辰",
  "广源",
  "泰和",
  "安捷",
  "立信",
  "中联",
  "永兴",
  "万嘉",
  "康宁",
  "思远",
] as const;

const BUSINESSES: Readonly<Record<Industry, readonly string[]>> = {
  manufacturing: ["精密机械", "重工", "智能装备", "液压科技"],
  automotive: ["汽车零部件", "新能源汽车", "汽车电子"],
  electronics: ["电子科技", "半导体", "光电科技"],
  energy: ["能源", "新材料", "化工"],
  pharma: ["医药", "生物科技", "医疗器械"],
  retail: ["商贸", "食品", "连锁超市"],
  logistics: ["物流", "供应链管理", "国际货运"],
  software: ["信息技术", "软件", "数据科技"],
};

const FORMS = ["有限公司", "有限公司", "股份有限公司", "集团有限公司"] as const;
const INDUSTRY_KEYS = Object.keys(BUSINESSES) as Industry[];
const POTENTIAL = ["high", "medium", "medium", "low"] as const;

const MATURITY = ["awareness", "evaluation", "decision", "retention", "retention"] as const;

/** The data of one demo account, in the b2b-key-accounts pack's account form (the demo's). */
export interface DemoAccount {
  readonly name: string;
  readonly industry: Industry;
  readonly size: "large" | "medium" | "small";
  readonly region: Region;
  readonly annualPurchase: number;
  readonly margin: number;
  readonly strategicInfluence: (typeof POTENTIAL)[number];
  readonly cooperationYears: number;
  readonly demandMaturity: (typeof MATURITY)[number];
  /** Within the last 40 days: some accounts are due a follow-up reminder. */
  readonly lastFollowUpDate: string;
  readonly poolStatus: "assigned";
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

/**
 * A generator of distinct demo accounts.
 * @example
 * const next = demoAccounts(42, Date.now());
 * next(); // { name: "苏州恒瑞精密机械有限公司", industry: "manufacturing", region: "east", … }
 */
export function demoAccounts(seed: number, now: number): () => DemoAccount {
  const random = seededRandom(seed);
  const used = new Set<string>();
  return () => {
    const industry = pick(random, INDUSTRY_KEYS);
    const [city, region] = pick(random, CITIES);
    let name = "";
    for (let attempt = 0; attempt < 8 && (name === "" || used.has(name)); attempt++) {
      name = `${city}${pick(random, BRANDS)}${pick(random, BUSINESSES[industry])}${pick(random, FORMS)}`;
    }
    // Past the combinations a city offers, a branch keeps names distinct.
    for (let branch = 2; used.has(name); branch++)
      name = `${name.split("（")[0]}（${branch}号分公司）`;
    used.add(name);
    // Log-uniform between 0.2 and 50 million CNY: many small accounts, a few large ones.
    const annualPurchase = Math.round((200_000 * 250 ** random()) / 10_000) * 10_000;
    const daysAgo = Math.floor(random() * 40);
    // Dates are calendar dates in China (UTC+8).
    const followUp = new Date(now - daysAgo * 86_400_000 + 8 * 3_600_000);
    return {
      name,
      industry,
      size:
        annualPurchase >= 10_000_000 ? "large" : annualPurchase >= 1_000_000 ? "medium" : "small",
      region,
      annualPurchase,
      margin: Math.round((5 + random() * 35) * 10) / 10,
      strategicInfluence: pick(random, POTENTIAL),
      cooperationYears: 1 + Math.floor(random() * 12),
      demandMaturity: pick(random, MATURITY),
      lastFollowUpDate: followUp.toISOString().slice(0, 10),
      poolStatus: "assigned",
    };
  };
}
