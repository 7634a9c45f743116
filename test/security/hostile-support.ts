/**
 * @module test/security/hostile-support
 * What the fuzzing and hostile-input suites check after each attack: the built-in prototypes
 * (own names and descriptors, compared by identity), the database (row counts of every kamflow
 * table), and the shape of a rejection (RFC 9457 problem+json whose issues carry RFC 6901
 * pointers). Also a second server over an `ApiWorld`'s engine with the production body limit,
 * for bodies the test harness's small limit would stop first. Test-only.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { sql } from "kysely";
import {
  approvalFlow,
  ticketForm,
  valueTierModel,
} from "../../engine/runtime/testing/kam-fixture.ts";
import type { Store } from "../../engine/store/index.ts";
import { createApp, DEFAULT_BODY_LIMIT } from "../../server/app.ts";
import { createLoginLimiter } from "../../server/auth/rate-limit.ts";
import type { ApiWorld, Reply } from "../api/harness.ts";

const PROTOTYPES: Readonly<Record<string, object>> = {
  Object: Object.prototype,
  Array: Array.prototype,
  Function: Function.prototype,
  String: String.prototype,
  Number: Number.prototype,
};

type Snapshot = ReadonlyMap<string, ReadonlyMap<string | symbol, PropertyDescriptor>>;

/** The built-in prototypes' own properties now. */
export function prototypeSnapshot(): Snapshot {
  return new Map(
    Object.entries(PROTOTYPES).map(([name, proto]) => [
      name,
      new Map(
        Reflect.ownKeys(proto).map((key) => [
          key,
          Object.getOwnPropertyDescriptor(proto, key) as PropertyDescriptor,
        ]),
      ),
    ]),
  );
}

/** What changed on the built-in prototypes since `before` ("" when nothing did). */
export function prototypeChanges(before: Snapshot): string {
  const now = prototypeSnapshot();
  const changes: string[] = [];
  for (const [name, was] of before) {
    const is = now.get(name) ?? new Map();
    for (const key of is.keys()) if (!was.has(key)) changes.push(`${name}+${String(key)}`);
    for (const [key, d] of was) {
      const n = is.get(key);
      const same =
        n &&
        n.value === d.value &&
        n.get === d.get &&
        n.set === d.set &&
        n.writable === d.writable &&
        n.enumerable === d.enumerable &&
        n.configurable === d.configurable;
      if (!same) changes.push(`${name}~${String(key)}`);
    }
  }
  return changes.join(", ");
}

/** Row counts of every table of the store's own schema, by table name. */
export async function rowCounts(store: Store): Promise<Record<string, number>> {
  const { db } = store;
  let schema: string | undefined;
  if (store.dialect === "postgres") {
    const { rows } = await sql<{ s: string }>`select current_schema() as s`.execute(db);
    schema = rows[0]?.s;
  }
  const tables = (await db.introspection.getTables()).filter(
    (t) => schema === undefined || t.schema === schema,
  );
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const { rows } = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(
      table.name,
    )}`.execute(db);
    counts[table.name] = Number(rows[0]?.n ?? 0);
  }
  return counts;
}

/** The tables whose row count differs between two `rowCounts` ("" when none). */
export function rowChanges(
  before: Record<string, number>,
  after: Record<string, number>,
  ignore: readonly string[] = [],
): string {
  const names = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...names]
    .filter((n) => !ignore.includes(n) && before[n] !== after[n])
    .map((n) => `${n}: ${before[n]} → ${after[n]}`)
    .join(", ");
}

const POINTER = /^(\/([^~/]|~[01])*)*$/;

/**
 * Why `reply` is not a well-formed rejection: a 4xx `application/problem+json` with a code and
 * at least one issue, each with a code, a message and an RFC 6901 pointer. `undefined` when it is.
 */
export function problemDefect(reply: Reply): string | undefined {
  if (reply.status < 400 || reply.status >= 500) return `status ${reply.status}`;
  const type = reply.headers.get("content-type") ?? "";
  if (!type.startsWith("application/problem+json")) return `content-type ${type}`;
  const body = reply.body as {
    status?: unknown;
    code?: unknown;
    issues?: Array<{ code?: unknown; pointer?: unknown; message?: unknown }>;
  } | null;
  if (!body || body.status !== reply.status || typeof body.code !== "string")
    return "no problem document";
  if (!Array.isArray(body.issues) || body.issues.length === 0) return "no issues";
  for (const i of body.issues) {
    if (typeof i.code !== "string" || typeof i.message !== "string") return "issue without code";
    if (typeof i.pointer !== "string" || !POINTER.test(i.pointer))
      return `issue pointer ${JSON.stringify(i.pointer)}`;
  }
  return undefined;
}

/**
 * A second server over `world`'s engine and store, with the production body limit (1 MiB),
 * for bodies the harness's 32 KiB limit would refuse before the code under test saw them.
 */
export async function productionLimitServer(
  world: ApiWorld,
): Promise<{ url: string; close(): Promise<void> }> {
  const app = createApp({
    engine: world.engine,
    store: world.store,
    clock: world.clock,
    limiter: createLoginLimiter(),
    version: "test",
    bodyLimit: DEFAULT_BODY_LIMIT,
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/**
 * A valid, self-contained template pack of the KAM fixture's form, tier model and approval flow:
 * the starting point the fuzz and hostile-pack tests mutate. A fresh copy on each call.
 */
export function fixturePack(key: string, name: { "zh-CN": string; en: string }) {
  const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
  return structuredClone({
    kind: "template-pack",
    key,
    name,
    version: "1.0.0",
    industry: "general",
    engine: ">=0.1.0 <1.0.0",
    roles: [
      { key: "kam", label: t("客户经理", "KAM") },
      { key: "sales-director", label: t("销售总监", "Sales director") },
    ],
    contents: {
      forms: [{ key: "ticket" }],
      tierModels: [{ key: "value-tier" }],
      flows: [{ key: "ticket-approval" }],
    },
    embedded: { forms: [ticketForm], tierModels: [valueTierModel], flows: [approvalFlow()] },
  });
}
