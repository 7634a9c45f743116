import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Store } from "../engine/store/index.ts";
import { testDatabases } from "../engine/store/testing/databases.ts";
import { type DatabaseClock, startDatabaseClock } from "./database-clock.ts";
import { createLogger } from "./logging.ts";

const MIN = 60_000;
/**
 * The test process and the database share this machine's clock, so the true offset of a clock
 * skewed by `skew` is `-skew`; a measurement may be off by half a round trip (and PostgreSQL's
 * whole milliseconds), which even a loaded machine keeps well under this.
 */
const TOLERANCE_MS = 1_000;

for (const database of testDatabases()) {
  describe(`database clock (${database.name})`, () => {
    let store: Store;
    let clock: DatabaseClock | undefined;
    beforeEach(async () => {
      store = await database.open();
    });
    afterEach(async () => {
      clock?.stop();
      await store.close();
    });

    it.each([
      ["5 minutes behind", -5 * MIN],
      ["5 minutes ahead", 5 * MIN],
      ["exact", 0],
    ])("tells database time on a machine whose clock is %s", async (_, skew) => {
      clock = await startDatabaseClock(store, { systemNow: () => Date.now() + skew });
      expect(Math.abs(clock.offsetMs + skew)).toBeLessThan(TOLERANCE_MS);
      expect(Math.abs(clock.now() - Date.now())).toBeLessThan(TOLERANCE_MS);
    });

    it("follows the machine's clock when it is corrected, without running backwards", async () => {
      let skew = 5 * MIN;
      clock = await startDatabaseClock(store, { systemNow: () => Date.now() + skew });
      const before = clock.now();
      skew = 0; // the time service steps the machine's clock back 5 minutes
      expect(clock.now()).toBeGreaterThanOrEqual(before); // uncorrected offset: 5 min behind
      await clock.sync();
      expect(Math.abs(clock.offsetMs)).toBeLessThan(TOLERANCE_MS);
      const after = clock.now();
      expect(after).toBeGreaterThanOrEqual(before);
      expect(Math.abs(after - Date.now())).toBeLessThan(TOLERANCE_MS);
    });

    it("warns when the machine's clock is off by more than a second, once per change", async () => {
      const lines: string[] = [];
      const logger = createLogger({ level: "warn", write: (line) => lines.push(line) });
      let skew = -5 * MIN;
      clock = await startDatabaseClock(store, { systemNow: () => Date.now() + skew, logger });
      await clock.sync();
      skew = 0;
      await clock.sync();
      const warnings = lines.map((line) => JSON.parse(line) as { msg: string; offsetMs?: number });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]?.msg).toMatch(/clock differs from the database/);
      expect(Math.abs((warnings[0]?.offsetMs ?? 0) - 5 * MIN)).toBeLessThan(TOLERANCE_MS);
    });
  });
}
