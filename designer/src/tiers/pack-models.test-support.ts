/**
 * @module designer/tiers/pack-models.test-support
 * For the editor's unit tests: every tier model of every bundled pack, as its file's text and
 * parsed; and a small decision table with a shadowed row. Test support only (it reads files), never imported by the app.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { DecisionTableModel, TierModel } from "../../../engine/tiers/index.ts";

const ROOT = join(import.meta.dirname, "../../..");

/** Every tier model of every bundled pack, as its file's text and parsed. */
export function packTierModels(): { file: string; text: string; model: TierModel }[] {
  const templates = join(ROOT, "templates");
  return readdirSync(templates, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .flatMap((d) => {
      const dir = join(templates, d.name, "tier-models");
      let files: string[] = [];
      try {
        files = readdirSync(dir).filter((f) => f.endsWith(".json"));
      } catch {
        return [];
      }
      return files.map((f) => {
        const text = readFileSync(join(dir, f), "utf8");
        return { file: `${d.name}/${f}`, text, model: JSON.parse(text) as TierModel };
      });
    });
}

/** A first-hit table whose third row the catch-all second row shadows. */
const label = (text: string) => ({ "zh-CN": text, en: text });

export const table: DecisionTableModel = {
  kind: "tier-model",
  key: "table",
  name: label("Table"),
  form: "account",
  modelKind: "decision-table",
  tiers: [
    { key: "key", label: label("Key") },
    { key: "regular", label: label("Regular") },
  ],
  inputs: [
    { key: "purchase", label: label("Purchase"), rule: { var: "purchase" }, domain: { min: 0 } },
  ],
  hitPolicy: "first",
  rows: [
    { when: { purchase: { op: ">", value: 1000 } }, tier: "key" },
    { when: {}, tier: "regular" },
    { when: { purchase: { op: ">", value: 5000 } }, tier: "key" },
  ],
} as DecisionTableModel;
