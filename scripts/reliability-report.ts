/**
 * `npm run test:reliability [-- --full] [-- --write] [vitest filters…]`: runs the reliability
 * and security suites (test/reliability, test/security, test/scale and the browser XSS check),
 * collects the figure each test records (test/reliability/figures.ts) and prints them as one
 * table — the table docs/RELIABILITY.md shows. `--full` runs the issue's sizes instead of CI's;
 * `--write` also replaces the table in docs/RELIABILITY.md; `--from <file>` renders the figures
 * an earlier run collected (`KAMFLOW_FIGURES=<file> npm test`) without running anything. The
 * exit code is the suites' own.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import type { Figure } from "../test/reliability/figures.ts";

const SUITES = ["test/reliability", "test/security", "test/scale", "test/e2e/xss.test.ts"];
const DOC = "docs/RELIABILITY.md";
const START = "<!-- figures:start -->";
const END = "<!-- figures:end -->";

const args = process.argv.slice(2);
const full = args.includes("--full");
const write = args.includes("--write");
// `--from <file>`: render figures a run already collected (e.g. `KAMFLOW_FIGURES=<file> npm test`).
const fromAt = args.indexOf("--from");
const from = fromAt >= 0 ? args[fromAt + 1] : undefined;
const filters = args.filter(
  (a, i) => a !== "--full" && a !== "--write" && i !== fromAt && i !== fromAt + 1,
);

const dir = mkdtempSync(join(tmpdir(), "kamflow-figures-"));
const file = from ?? join(dir, "figures.jsonl");
const run = from
  ? { status: 0 }
  : spawnSync("npx", ["vitest", "run", ...(filters.length > 0 ? filters : SUITES)], {
      stdio: "inherit",
      env: {
        ...process.env,
        KAMFLOW_FIGURES: file,
        ...(full ? { KAMFLOW_SCALE: "full" } : {}),
      },
    });
const figures: Figure[] = existsSync(file)
  ? readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => JSON.parse(line) as Figure)
  : [];
rmSync(dir, { recursive: true, force: true });

/** R before S, then by number (R2 before R10), then as recorded. */
function order(id: string): [string, number] {
  const match = /^([A-Z]+)(\d+)/.exec(id);
  return match ? [match[1] ?? id, Number(match[2])] : [id, 0];
}
const sorted = figures
  .map((figure, index) => ({ figure, index }))
  .sort((a, b) => {
    const [pa, na] = order(a.figure.id);
    const [pb, nb] = order(b.figure.id);
    return pa.localeCompare(pb) || na - nb || a.index - b.index;
  })
  .map((x) => x.figure);

const cell = (text: string) => text.replaceAll("|", "\\|").replaceAll("\n", " ");
const rows = sorted.map((f) => {
  const counted = Object.entries(f.figures)
    .map(([name, value]) => `${name} = ${value}`)
    .join("; ");
  return `| ${cell(f.id)} | ${cell(f.test)} | ${cell(f.backend)} | ${cell(f.size)} | ${cell(counted)} |`;
});
const passed = run.status === 0;
const table = [
  `Run ${new Date().toISOString().slice(0, 10)} at ${full ? "full" : "CI"} size on ${cpus().length} cores, Node ${process.version}: ` +
    `${from ? `collected in ${from}` : passed ? "all suites passed" : "**some suites failed**"}, ${sorted.length} figures.`,
  "",
  "| id | test | backend | size | figures |",
  "| --- | --- | --- | --- | --- |",
  ...rows,
].join("\n");

console.log(`\n${table}\n`);

if (write) {
  const doc = readFileSync(DOC, "utf8");
  const from = doc.indexOf(START);
  const to = doc.indexOf(END);
  if (from < 0 || to < from) {
    console.error(`${DOC} lacks the ${START} … ${END} markers`);
    process.exit(1);
  }
  writeFileSync(DOC, `${doc.slice(0, from + START.length)}\n${table}\n${doc.slice(to)}`);
  console.log(`wrote the table into ${DOC}`);
}
process.exit(run.status ?? 1);
