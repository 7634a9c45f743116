/**
 * The demo workspace as `npm start` makes it, on SQLite and PostgreSQL: created once with its
 * passwords printed once; the printed passwords sign in over HTTP; a second start creates and
 * prints nothing; and the strategic-ticket flow runs through HTTP and the scheduler with a moved
 * clock (unclaimed for 15 minutes, the ticket escalates to the department director).
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ManualClock, manualClock } from "../../engine/ports.ts";
import { type TestLocation, testDatabases } from "../../engine/store/testing/databases.ts";
import { createLogger } from "../logging.ts";
import { type RunningServer, startServer } from "../serve.ts";
import { DEMO_PEOPLE } from "./demo-workspace.ts";

const T0 = Date.UTC(2026, 10, 23, 1, 0, 0);
const MIN = 60_000;

async function login(url: string, email: string, password: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  const body = (await res.json()) as { role?: string; csrfToken?: string };
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { status: res.status, role: body.role, cookie, csrf: body.csrfToken ?? "" };
}

for (const database of testDatabases()) {
  describe(`demo workspace on ${database.name}`, () => {
    let location: TestLocation;
    let clock: ManualClock;
    let printed: string[];
    const running: RunningServer[] = [];
    beforeEach(async () => {
      location = await database.location();
      clock = manualClock(T0);
      printed = [];
    });
    afterEach(async () => {
      for (const server of running.splice(0)) await server.stop();
      await location.dispose();
    });

    async function start() {
      const server = await startServer({
        port: 0,
        databaseUrl: location.url,
        storeOptions: location.options,
        clock,
        scheduler: false,
        logger: createLogger({ level: "silent" }),
        print: (text) => printed.push(text),
        demoOptions: { sampleAccounts: { "b2b-key-accounts": 4, "saas-customer-success": 3 } },
      });
      running.push(server);
      return server;
    }

    it("is created once; the passwords printed once sign in over HTTP", async () => {
      const first = await start();
      expect(printed).toHaveLength(1);
      const text = printed[0] ?? "";
      const admin = /admin@example\.com\s+password: (\S+)/.exec(text)?.[1] ?? "";
      const shared = /shared password: (\S+)\)/.exec(text)?.[1] ?? "";
      expect(admin).toHaveLength(18);
      expect(shared).toHaveLength(18);
      for (const person of DEMO_PEOPLE) expect(text).toContain(person.email);

      expect(await login(first.url, "admin@example.com", admin)).toMatchObject({
        status: 200,
        role: "admin",
      });
      expect(await login(first.url, "wang.lei@example.com", shared)).toMatchObject({
        status: 200,
        role: "member",
      });
      expect(await login(first.url, "zhang.wei@example.com", shared)).toMatchObject({
        status: 200,
        role: "manager",
      });
      expect((await login(first.url, "admin@example.com", shared)).status).toBe(401);

      // Alive from the first screen: both packs installed, their sample people sign in with the
      // shared password, the named accounts and the generated ones are there.
      const installed = await first.store.db
        .selectFrom("installed_packs" as never)
        .select("pack_key" as never)
        .execute();
      expect(installed.map((r) => (r as { pack_key: string }).pack_key).sort()).toEqual([
        "b2b-key-accounts",
        "saas-customer-success",
      ]);
      expect(await login(first.url, "he.jianguo@example.com", shared)).toMatchObject({
        status: 200,
      });
      const byForm = await first.store.db
        .selectFrom("records")
        .select(["form_key", (eb) => eb.fn.countAll<number>().as("n")])
        .groupBy("form_key")
        .execute();
      const count = (form: string) => Number(byForm.find((r) => r.form_key === form)?.n ?? 0);
      expect(count("account")).toBe(5 + 4);
      expect(count("customer")).toBe(3);
      expect(count("contact")).toBeGreaterThanOrEqual(8);
      expect(first.demo?.sampleRecords).toBeGreaterThan(7);
      expect(text).toMatch(/Installed the b2b-key-accounts and saas-customer-success packs/);
      const users = await first.store.db.selectFrom("users").select("id").execute();
      await first.stop();
      running.length = 0;

      const second = await start();
      expect(second.demo).toBeNull();
      expect(printed).toHaveLength(1);
      expect(await second.store.db.selectFrom("workspaces").select("id").execute()).toHaveLength(1);
      expect(await second.store.db.selectFrom("users").select("id").execute()).toHaveLength(
        users.length,
      );
      expect((await login(second.url, "admin@example.com", admin)).status).toBe(200);
    });

    it("runs the strategic-ticket flow: unclaimed for 15 minutes, it escalates to the department director", async () => {
      const server = await start();
      const shared = /shared password: (\S+)\)/.exec(printed[0] ?? "")?.[1] ?? "";
      const director = await login(server.url, "zhang.wei@example.com", shared);
      const inbox = async () => {
        const res = await fetch(`${server.url}/api/v1/tasks`, {
          headers: { cookie: director.cookie },
        });
        return ((await res.json()) as { items: Array<{ id: string; nodeId: string }> }).items;
      };
      expect(await inbox()).toEqual([]);

      clock.advance(14 * MIN);
      expect((await server.scheduler.tick()).fired).toBe(0);
      expect(await inbox()).toEqual([]);

      clock.advance(MIN);
      expect((await server.scheduler.tick()).fired).toBe(2);
      const [task] = await inbox();
      expect(task?.nodeId).toBe("claim");

      const done = await fetch(`${server.url}/api/v1/tasks/${task?.id}/complete`, {
        method: "POST",
        headers: {
          cookie: director.cookie,
          "x-csrf-token": director.csrf,
          "content-type": "application/json",
        },
        body: JSON.stringify({ data: { resolution: "已远程重启 PLC，产线恢复。" } }),
      });
      expect(done.status).toBe(200);
      const { instance } = (await done.json()) as { instance: { status: string } };
      expect(instance.status).toBe("completed");
      // The KAM's "handled" notification leaves on the next tick.
      expect((await server.scheduler.tick()).delivery.delivered).toBe(1);
    });

    it("takes urgent orders through the green channel: the KAT manager approves, the VP is skipped", async () => {
      const server = await start();
      const shared = /shared password: (\S+)\)/.exec(printed[0] ?? "")?.[1] ?? "";
      const manager = await login(server.url, "li.na@example.com", shared);
      const res = await fetch(`${server.url}/api/v1/tasks`, {
        headers: { cookie: manager.cookie },
      });
      const inbox = ((await res.json()) as { items: Array<{ id: string; instanceId: string }> })
        .items;
      const ws = server.demo?.workspaceId ?? "";
      // Her inbox also holds the b2b pack's key-account onboarding (she is a sales director).
      const items = [];
      for (const task of inbox) {
        const instance = await server.engine.instances.get(ws, task.instanceId);
        if (instance?.flowKey === "order-approval") items.push(task);
      }
      expect(items).toHaveLength(2);
      const outcomes: Record<string, string> = {};
      for (const task of items) {
        const instance = await server.engine.instances.get(ws, task.instanceId);
        const record = await server.engine.records.get(ws, instance?.recordId ?? "");
        const approved = await fetch(`${server.url}/api/v1/tasks/${task.id}/approve`, {
          method: "POST",
          headers: { cookie: manager.cookie, "x-csrf-token": manager.csrf },
        });
        expect(approved.status).toBe(200);
        const body = (await approved.json()) as { instance: { status: string } };
        const urgent = (record?.data as { urgent?: boolean } | undefined)?.urgent === true;
        outcomes[urgent ? "urgent" : "standard"] = body.instance.status;
      }
      expect(outcomes).toEqual({ urgent: "completed", standard: "waiting" });
      const director = server.demo?.people.find((p) => p.email === "zhang.wei@example.com");
      const vpTasks = await server.engine.tasks.inbox(ws, director?.id ?? "");
      expect(vpTasks.map((t) => t.nodeId)).toEqual(["vp"]);
    });
  });
}
