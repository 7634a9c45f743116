/**
 * The operations endpoints against a real server on SQLite and PostgreSQL: /readyz (ready; 503
 * problem+json with migrations pending or the database gone), /metrics in the Prometheus text
 * format (requests by route pattern and status, latency histogram, instances, due-timer lag,
 * outbox) and one structured log line per request carrying its request id.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { afterEach, describe, expect, it } from "vitest";
import { manualClock } from "../../engine/ports.ts";
import { createEngine } from "../../engine/runtime/index.ts";
import type { Store } from "../../engine/store/index.ts";
import { type TestDatabase, testDatabases } from "../../engine/store/testing/databases.ts";
import { createApp } from "../../server/app.ts";
import { createLoginLimiter } from "../../server/auth/rate-limit.ts";
import { ensureDemoWorkspace } from "../../server/demo/demo-workspace.ts";
import { createLogger } from "../../server/logging.ts";
import { opsRouteDocs } from "../../server/ops/routes.ts";

const T0 = Date.UTC(2026, 10, 23, 1, 0, 0);
const MIN = 60_000;

interface OpsWorld {
  readonly url: string;
  readonly store: Store;
  readonly clock: ReturnType<typeof manualClock>;
  readonly engine: ReturnType<typeof createEngine>;
  readonly logs: Array<Record<string, unknown>>;
  /** Answers that do not match the route table (see server/http/response-check). */
  readonly violations: string[];
  close(): Promise<void>;
}

async function startOps(store: Store, onClose: () => Promise<void>): Promise<OpsWorld> {
  const clock = manualClock(T0);
  const engine = createEngine({ store, clock, owner: "ops-test" });
  const logs: Array<Record<string, unknown>> = [];
  const logger = createLogger({
    level: "info",
    write: (line) => logs.push(JSON.parse(line) as Record<string, unknown>),
  });
  const violations: string[] = [];
  const deps = {
    engine,
    store,
    clock,
    limiter: createLoginLimiter(),
    version: "test",
    logger,
    onResponseViolation: (violation: string) => violations.push(violation),
  };
  const app = createApp(deps);
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    clock,
    engine,
    logs,
    violations,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await onClose();
    },
  };
}

/** The value of one sample line of a metrics page (undefined when absent). */
function sample(page: string, series: string): number | undefined {
  const line = page.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

for (const database of testDatabases()) {
  describe(`operations endpoints on ${database.name}`, () => {
    let world: OpsWorld | undefined;
    afterEach(async () => {
      const violations = world?.violations ?? [];
      await world?.close();
      world = undefined;
      expect(violations).toEqual([]);
    });

    async function migrated(db: TestDatabase) {
      const store = await db.open();
      world = await startOps(store, () => store.close());
      return world;
    }

    it("is ready when the database answers and every migration is applied", async () => {
      const { url } = await migrated(database);
      const res = await fetch(`${url}/readyz`);
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ status: "ready", migrations: expect.any(Number) });
      expect((await fetch(`${url}/healthz`)).status).toBe(200);
    });

    it("answers 503 problem+json while migrations are pending, and when the database is gone", async () => {
      const location = await database.location();
      const store = await location.open();
      world = await startOps(store, () => location.dispose());
      const pending = await fetch(`${world.url}/readyz`, { headers: { "accept-language": "en" } });
      expect(pending.status).toBe(503);
      expect(pending.headers.get("content-type")).toContain("application/problem+json");
      const problem = (await pending.json()) as Record<string, unknown>;
      expect(problem).toMatchObject({
        status: 503,
        code: "HTTP_NOT_READY_MIGRATIONS",
        issues: [expect.objectContaining({ code: "HTTP_NOT_READY_MIGRATIONS", pointer: "" })],
      });
      expect(String(problem.detail)).toContain("0001-initial");

      await store.migrate();
      expect((await fetch(`${world.url}/readyz`)).status).toBe(200);

      await store.close();
      const gone = await fetch(`${world.url}/readyz`, { headers: { "accept-language": "zh-CN" } });
      expect(gone.status).toBe(503);
      expect(((await gone.json()) as { detail: string }).detail).toBe(
        "服务尚未就绪：数据库无响应。",
      );
      expect(world.logs).toContainEqual(
        expect.objectContaining({
          level: "warn",
          msg: "not ready",
          reason: "database-unreachable",
        }),
      );
    });

    it("counts requests by route pattern and status, with a latency histogram", async () => {
      const { url } = await migrated(database);
      await fetch(`${url}/healthz`);
      await fetch(`${url}/healthz`);
      await fetch(`${url}/api/v1/tasks`);
      await fetch(`${url}/api/v1/tasks/0192a9e1-0000-7000-8000-000000000001`);
      // Under /api: elsewhere an unknown path is a page of the designer.
      await fetch(`${url}/api/no/such/page`);
      const res = await fetch(`${url}/metrics`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/plain; version=0.0.4");
      const page = await res.text();
      expect(page).toContain("# TYPE kamflow_http_requests_total counter");
      expect(
        sample(page, 'kamflow_http_requests_total{method="GET",route="/healthz",status="200"}'),
      ).toBe(2);
      // A middleware (authentication) answered, and still the endpoint's pattern is counted.
      expect(
        sample(
          page,
          'kamflow_http_requests_total{method="GET",route="/api/v1/tasks",status="401"}',
        ),
      ).toBe(1);
      expect(
        sample(
          page,
          'kamflow_http_requests_total{method="GET",route="/api/v1/tasks/:id",status="401"}',
        ),
      ).toBe(1);
      expect(
        sample(page, 'kamflow_http_requests_total{method="GET",route="unmatched",status="404"}'),
      ).toBe(1);
      expect(page).not.toContain("/no/such/page");
      expect(page).not.toContain("0192a9e1");
      expect(page).toContain("# TYPE kamflow_http_request_duration_seconds histogram");
      expect(
        sample(
          page,
          'kamflow_http_request_duration_seconds_bucket{method="GET",route="/healthz",le="+Inf"}',
        ),
      ).toBe(2);
      expect(
        sample(page, 'kamflow_http_request_duration_seconds_count{method="GET",route="/healthz"}'),
      ).toBe(2);
      expect(sample(page, "kamflow_database_up")).toBe(1);
      expect(sample(page, "process_resident_memory_bytes")).toBeGreaterThan(0);
      expect(page).toMatch(/^kamflow_build_info\{version="test",node="v\d+/m);
    });

    it("reports instances by status, due-timer lag and the outbox", async () => {
      const { url, engine, clock } = await migrated(database);
      await ensureDemoWorkspace(engine, {
        sampleAccounts: { "b2b-key-accounts": 0, "saas-customer-success": 0 },
      });
      // The four tickets' flows, and the b2b pack's onboarding of the accounts that became key.
      const waiting = await engine.store.db
        .selectFrom("flow_instances")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .where("status", "=", "waiting")
        .executeTakeFirstOrThrow();
      expect(Number(waiting.n)).toBeGreaterThanOrEqual(4);
      let page = await (await fetch(`${url}/metrics`)).text();
      expect(sample(page, 'kamflow_instances{status="waiting"}')).toBe(Number(waiting.n));
      expect(sample(page, 'kamflow_instances{status="incident"}')).toBe(0);
      expect(sample(page, "kamflow_timers_due")).toBe(0);
      expect(sample(page, "kamflow_timer_lag_seconds")).toBe(0);

      // The strategic ticket's SLA fell due five minutes ago, and nothing fired it.
      clock.advance(20 * MIN);
      page = await (await fetch(`${url}/metrics`)).text();
      expect(sample(page, "kamflow_timers_due")).toBe(2);
      expect(sample(page, "kamflow_timer_lag_seconds")).toBe(300);

      await engine.timers.fireDue();
      page = await (await fetch(`${url}/metrics`)).text();
      expect(sample(page, "kamflow_timer_lag_seconds")).toBe(0);
      expect(sample(page, 'kamflow_outbox_messages{status="pending"}')).toBe(1);
      expect(sample(page, 'kamflow_jobs{status="pending"}')).toBe(0);
    });

    it("logs one JSON line per request with its request id, method, route, status and time", async () => {
      const { url, logs } = await migrated(database);
      const res = await fetch(`${url}/api/v1/tasks`, { headers: { "x-request-id": "req-4711" } });
      expect(res.headers.get("x-request-id")).toBe("req-4711");
      const line = logs.find((l) => l.msg === "request" && l.requestId === "req-4711");
      expect(line).toMatchObject({
        level: "info",
        method: "GET",
        route: "/api/v1/tasks",
        path: "/api/v1/tasks",
        status: 401,
        ms: expect.any(Number),
        time: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
      const generated = await fetch(`${url}/healthz`);
      const id = generated.headers.get("x-request-id");
      expect(logs.filter((l) => l.requestId === id)).toHaveLength(1);
    });
  });
}

describe("operations route docs", () => {
  it("document /healthz, /readyz and /metrics as open routes", () => {
    expect(opsRouteDocs.map((d) => `${d.method} ${d.path}`)).toEqual([
      "get /healthz",
      "get /readyz",
      "get /metrics",
    ]);
    expect(opsRouteDocs.every((d) => d.auth === false)).toBe(true);
  });
});
