/**
 * `npm run bench:rules`: evaluates a weighted health score with tiering and a 12-row first-hit
 * decision table over 200,000 generated accounts with json-logic-js, json-logic-engine (compiled),
 * kamflow's compiler and hand-written JavaScript, in one run, and prints records/second and ratios.
 */

import { LogicEngine } from "json-logic-engine";
import jsonLogic from "json-logic-js";
import { compileRule, roundDecimal } from "../engine/rules/index.ts";
import { healthScoreModel } from "../engine/tiers/fixtures/health-score.ts";
import { compileTierModel, type TierModel } from "../engine/tiers/index.ts";
import { generateAccounts } from "./accounts.ts";
import { type Measurement, measure } from "./measure.ts";
import {
  decisionTableByHand,
  decisionTableRule,
  healthScoreByHand,
  healthTierByHand,
  healthTierRule,
} from "./rules-under-test.ts";
import { purchaseTable } from "./tier-models-under-test.ts";

const COUNT = Number(process.env.BENCH_ACCOUNTS ?? 200_000);
const accounts = generateAccounts(COUNT);
const logicEngine = new LogicEngine();

type Account = (typeof accounts)[number];

function scenario(
  title: string,
  rule: object,
  byHand: (a: Account) => string,
  model: TierModel,
  byHandRounded: (a: Account) => string,
) {
  const kamflow = compileRule(rule);
  const engineCompiled = logicEngine.build(rule) as (data: unknown) => unknown;
  const results: Measurement[] = [
    measure("json-logic-js", accounts, (a) => jsonLogic.apply(rule as never, a as never)),
    measure("json-logic-engine (compiled)", accounts, (a) => engineCompiled(a)),
    measure("kamflow compileRule", accounts, (a) => kamflow(a)),
    measure("hand-written JS", accounts, byHand),
  ];
  const find = (name: string) => results.find((r) => r.name.startsWith(name)) as Measurement;
  const baseline = find("json-logic-js").recordsPerSecond;
  const ours = find("kamflow").recordsPerSecond;
  console.log(`\n${title} — ${COUNT.toLocaleString("en")} accounts`);
  console.log("| engine | records/s | × json-logic-js | same results |");
  console.log("| --- | ---: | ---: | --- |");
  const reference = find("json-logic-js").checksum;
  for (const r of results) {
    const rate = Math.round(r.recordsPerSecond).toLocaleString("en");
    const ratio = (r.recordsPerSecond / baseline).toFixed(1);
    console.log(`| ${r.name} | ${rate} | ${ratio}× | ${r.checksum === reference ? "yes" : "NO"} |`);
  }
  const vsEngine = ours / find("json-logic-engine").recordsPerSecond;
  const vsHand = find("hand-written").recordsPerSecond / ours;
  console.log(
    `kamflow = ${vsEngine.toFixed(2)}× json-logic-engine compiled (target ≥ 1×); ` +
      `hand-written JS = ${vsHand.toFixed(2)}× kamflow (target ≤ 3×)`,
  );
  for (const r of results) {
    if (r.checksum !== reference)
      console.log(`  ${r.name} tier counts: ${r.checksum}\n  reference: ${reference}`);
  }

  // The product path: the same logic as a tier model, with a breakdown per record and the
  // score rounded to 2 decimals before banding (so its reference is hand-written JS that rounds).
  const tierModel = compileTierModel(model);
  const modelRun = measure("kamflow compileTierModel", accounts, (a) => tierModel(a).tier);
  const roundedHand = measure("hand-written JS, rounded", accounts, byHandRounded);
  const rate = Math.round(modelRun.recordsPerSecond).toLocaleString("en");
  const same = modelRun.checksum === roundedHand.checksum ? "yes" : "NO";
  console.log(
    `kamflow compileTierModel (with breakdown): ${rate} records/s, ` +
      `${(modelRun.recordsPerSecond / baseline).toFixed(1)}× json-logic-js; same tiers: ${same}`,
  );
}

console.log(`node ${process.version}, ${COUNT.toLocaleString("en")} accounts, median of 5 passes`);
scenario(
  "(a) weighted health score with tiering",
  healthTierRule,
  healthTierByHand,
  healthScoreModel,
  (a) => {
    const score = roundDecimal(healthScoreByHand(a), 2);
    return score >= 80 ? "healthy" : score >= 60 ? "watch" : "at-risk";
  },
);
scenario(
  "(b) 12-row first-hit decision table",
  decisionTableRule,
  decisionTableByHand,
  purchaseTable,
  decisionTableByHand,
);
