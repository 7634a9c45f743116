import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { KamError } from "../errors/index.ts";
import type { Store } from "./open-store.ts";
import { ensureRecordFieldIndex, recordField } from "./raw-sql.ts";
import { insertRecord } from "./records.repo.ts";
import { testDatabases } from "./testing/databases.ts";
import { explain } from "./testing/explain.ts";
import { type Seeded, seedWorkspace, T0 } from "./testing/fixtures.ts";

for (const database of testDatabases()) {
  describe(`${database.name}: record field indexes`, () => {
    let store: Store;
    let seeded: Seeded;

    beforeEach(async () => {
      store = await database.open();
      seeded = await seedWorkspace(store.db);
    });
    afterEach(() => store.close());

    it("creates an expression index once and filters through it", async () => {
      expect(await ensureRecordFieldIndex(store, "annualPurchase")).toBe(
        "records_f_annualPurchase",
      );
      expect(await ensureRecordFieldIndex(store, "annualPurchase")).toBe(
        "records_f_annualPurchase",
      );
      const { workspaceId } = seeded;
      for (let i = 0; i < 50; i++) {
        await insertRecord(store.db, {
          workspaceId,
          formKey: i % 2 ? "account" : "ticket",
          data: { annualPurchase: i * 100_000, name: `A${i}` },
          now: T0,
        });
      }
      const value = store.dialect === "sqlite" ? 1_200_000 : "1200000";
      const query = store.db
        .selectFrom("records")
        .select("id")
        .where("workspace_id", "=", workspaceId)
        .where("form_key", "=", "account")
        .where(recordField(store.dialect, "annualPurchase"), "=", value);
      expect(await query.execute()).toHaveLength(0);
      const match = store.db
        .selectFrom("records")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("workspace_id", "=", workspaceId)
        .where("form_key", "=", "account")
        .where(
          recordField(store.dialect, "annualPurchase"),
          "=",
          store.dialect === "sqlite" ? 1_300_000 : "1300000",
        );
      expect((await match.executeTakeFirstOrThrow()).n).toBe(1);
      expect(await explain(store, query)).toContain("records_f_annualPurchase");
    });

    it("compares numbers numerically through a number index, ignoring non-numbers", async () => {
      const name = await ensureRecordFieldIndex(store, "nps", "number");
      expect(name).toBe("records_fn_nps");
      const { workspaceId } = seeded;
      for (const nps of [5, 30, 100, "n/a", null]) {
        await insertRecord(store.db, { workspaceId, formKey: "account", data: { nps }, now: T0 });
      }
      const query = store.db
        .selectFrom("records")
        .select("data")
        .where("workspace_id", "=", workspaceId)
        .where("form_key", "=", "account")
        .where(recordField(store.dialect, "nps", "number"), ">=", 30)
        .orderBy("id");
      const found = (await query.execute()).map(
        (row) => (JSON.parse(row.data) as { nps: unknown }).nps,
      );
      expect(found).toEqual([30, 100]);
      expect(await explain(store, query)).toContain(name);
    });

    it("rejects field names that are not plain identifiers", async () => {
      for (const field of ["a'b", "a b", "1a", "data->>'x'", "x".repeat(49), "名字"]) {
        const error = await ensureRecordFieldIndex(store, field).catch((e: unknown) => e);
        expect(error, field).toBeInstanceOf(KamError);
        expect((error as KamError).code).toBe("STORE_IDENTIFIER_INVALID");
      }
    });
  });
}
