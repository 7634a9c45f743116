/**
 * @module cli/seed-pack
 * Demo data of a template pack (`kamflow seed --pack`, `kamflow install --sample-data`): the
 * pack's people and teams — new people share one generated password, printed once — then its
 * records, generated from the pack's seeded spec with a progress bar.
 */
import type { Engine } from "../../engine/runtime/index.ts";
import { applySamplePeople, applySampleRecords } from "../../engine/runtime/template-sample.ts";
import type { PackDocument } from "../../engine/templates/pack-document.ts";
import { planSampleData } from "../../engine/templates/sample-data.ts";
import { hashPassword } from "../auth/password.ts";
import { generatePassword } from "../demo/demo-workspace.ts";
import type { CliIo } from "./command.ts";
import { createProgress } from "./terminal.ts";

export interface SeedPackOptions {
  /** How many accounts (the spec's default when absent). */
  readonly accounts?: number | undefined;
  /** Seed of the generator (the spec's when absent). */
  readonly seed?: number | undefined;
}

/** Creates the pack's sample people and records in `ws`; returns how many records. */
export async function seedPack(
  engine: Engine,
  ws: string,
  pack: PackDocument,
  io: CliIo,
  options: SeedPackOptions = {},
): Promise<number> {
  const spec = pack.embedded.sampleData;
  if (spec === undefined) {
    io.out(`${pack.key} has no sample data`);
    return 0;
  }
  const password = generatePassword();
  const before = await engine.store.db
    .selectFrom("users")
    .select("id")
    .where("workspace_id", "=", ws)
    .execute();
  const people = await applySamplePeople(engine, ws, spec, {
    passwordHash: await hashPassword(password),
  });
  const known = new Set(before.map((u) => u.id));
  const added = spec.people.filter((p) => !known.has(people.people[p.key] as string));
  if (added.length > 0) {
    io.out(`sample people (shared password, shown only this once: ${password})`);
    for (const p of added) io.out(`  ${p.email.padEnd(32)} ${p.role.padEnd(9)} ${p.name}`);
  }
  const plan = planSampleData(spec, {
    now: Date.now(),
    ...(options.accounts !== undefined ? { accounts: options.accounts } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  });
  const progress = createProgress(io, { total: plan.records.length, label: "records" });
  const started = performance.now();
  await applySampleRecords(engine, ws, plan, people, {
    onProgress: (done) => progress.update(done),
  });
  progress.finish();
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  io.out(`created ${plan.records.length} sample records of ${pack.key} in ${seconds} s`);
  return plan.records.length;
}
