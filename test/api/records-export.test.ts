/**
 * `GET /records/export` against a real server, on SQLite and PostgreSQL: the CSV has the form's
 * fields as its header and every record the caller may see (across the export's internal pages),
 * filtered and sorted like the list; text a spreadsheet would run is escaped, and the file reads
 * back through the import's own parser to the same data. Other workspaces' and invisible records
 * never appear; bad queries are 4xx with pointers.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../engine/csv/parse.ts";
import { csvColumns, csvRecord } from "../../engine/csv/records.ts";
import { expandDataSchema } from "../../engine/forms/index.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { type ApiWorld, type Client, signIn, startApi } from "./harness.ts";

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
const dataSchema = {
  type: "object",
  required: ["name"],
  properties: {
    name: { "x-kam-field": "text", type: "string", minLength: 1, maxLength: 200 },
    rank: { "x-kam-field": "number", type: "integer" },
    note: { "x-kam-field": "text", type: "string" },
    strategic: { "x-kam-field": "boolean", type: "boolean" },
  },
};
const accountForm = {
  kind: "form",
  key: "account",
  name: t("客户", "Account"),
  dataSchema,
  uiSchema: { order: ["name", "rank", "note", "strategic"] },
  rules: {},
};
/** More than one export page (500), so the paging is exercised. */
const BULK = 620;
const base = "/api/v1/records/export";

/** The export's rows as record data, read with the import's parser and converter. */
function readBack(text: string): Array<Record<string, unknown>> {
  const parsed = parseCsv(text);
  if (!parsed.ok) throw new Error(`unparsable CSV: ${JSON.stringify(parsed.issue)}`);
  const [header, ...rows] = parsed.rows;
  const columns = csvColumns(header?.cells ?? [], expandDataSchema(dataSchema as never));
  if (!columns.ok) throw new Error(`bad header: ${JSON.stringify(columns.issues)}`);
  return rows.map((row) => {
    const record = csvRecord(columns.columns, row.cells);
    if (!record.ok) throw new Error("bad row");
    return record.data;
  });
}

for (const database of testDatabases()) {
  describe(`records export on ${database.name}`, () => {
    let world: ApiWorld;
    let admin: Client;
    let kam: Client;

    beforeAll(async () => {
      world = await startApi(database);
      const { engine, ws } = world;
      await engine.definitions.publish(ws, accountForm);
      for (let i = 0; i < BULK; i++)
        await engine.records.create(ws, "account", {
          name: `客户${i}`,
          rank: i,
          strategic: i % 2 === 0,
        });
      admin = await world.client("admin");
      kam = await world.client("kam");
      const hostile = [
        { name: '=HYPERLINK("http://evil.example","点我")', rank: -5, note: "+86 138" },
        { name: "@SUM(A1:A9)", note: '-2+3, "quoted"\nsecond line' },
      ];
      for (const data of hostile)
        expect((await kam.post("/api/v1/records", { form: "account", data })).status).toBe(201);
      const other = await engine.workspaces.create("Other");
      await engine.definitions.publish(other, accountForm);
      await engine.records.create(other, "account", { name: "外部客户" });
    });
    afterAll(() => world.close());

    it("is a CSV download of every record the caller sees, the same data read back", async () => {
      const res = await admin.open(`${base}?form=account&sort=rank`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
      expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="account-/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      // A UTF-8 BOM, so Excel reads the Chinese right (fetch's text() would drop it).
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const text = new TextDecoder().decode(bytes);
      expect(text.split("\r\n")[0]).toBe("name,rank,note,strategic");
      const rows = readBack(text);
      expect(rows).toHaveLength(BULK + 2);
      expect(rows.some((r) => r.name === "外部客户")).toBe(false);
      // Sorted by rank (records without a rank last or first, but the bulk in order).
      const ranks = rows.map((r) => r.rank).filter((r): r is number => typeof r === "number");
      expect(ranks).toEqual([...ranks].sort((a, b) => a - b));
      expect(rows.filter((r) => typeof r.rank === "number" && r.rank >= 0)).toHaveLength(BULK);
      expect(rows.find((r) => r.rank === 7)).toEqual({ name: "客户7", rank: 7, strategic: false });
    });

    it("escapes formulas: no text cell starts as one, and they read back unchanged", async () => {
      const text = await (await kam.open(`${base}?form=account`)).text();
      const lines = text.split("\r\n").slice(1, -1);
      expect(lines).toHaveLength(2); // a member sees only their own records
      for (const line of text.split(/\r\n|,/)) expect(line).not.toMatch(/^"?[=+@]/);
      expect(text).toContain(`"'=HYPERLINK(""http://evil.example"",""点我"")",-5,'+86 138,`);
      expect(readBack(text)).toEqual([
        { name: '=HYPERLINK("http://evil.example","点我")', rank: -5, note: "+86 138" },
        { name: "@SUM(A1:A9)", note: '-2+3, "quoted"\nsecond line' },
      ]);
    });

    it("narrows to the caller's own records with ownerId=me, like the list", async () => {
      const mine = await (await kam.open(`${base}?form=account&ownerId=me`)).text();
      expect(readBack(mine)).toHaveLength(2);
      const adminMine = await (await admin.open(`${base}?form=account&ownerId=me`)).text();
      expect(readBack(adminMine)).toHaveLength(0);
    });

    it("filters like the list", async () => {
      const text = await (
        await admin.open(`${base}?form=account&filter[rank][gte]=600&filter[strategic]=true`)
      ).text();
      expect(readBack(text).map((r) => r.rank)).toEqual([
        600, 602, 604, 606, 608, 610, 612, 614, 616, 618,
      ]);
    });

    it("refuses what it cannot do, with pointers", async () => {
      expect((await world.anonymous().get(`${base}?form=account`)).status).toBe(401);
      const missing = await admin.get(base);
      expect(missing.status).toBe(400);
      expect(missing.body.issues[0]).toMatchObject({ pointer: "/form" });
      const unknown = await admin.get(`${base}?form=nope`);
      expect(unknown.status).toBeGreaterThanOrEqual(400);
      expect(unknown.body.issues[0]).toMatchObject({ pointer: "/form" });
      const badFilter = await admin.get(`${base}?form=account&filter[nope]=1`);
      expect(badFilter.status).toBe(400);
      const outsider = await signIn(
        world.url,
        (await world.addPerson("outsider", "admin", await world.engine.workspaces.create("X")))
          .email,
      );
      const theirs = await outsider.get(`${base}?form=account`);
      expect(theirs.status).toBeGreaterThanOrEqual(400);
    });
  });
}
