/**
 * Security S2, S3, S10 and hostile request bodies, against the real server on SQLite and
 * PostgreSQL. It proves:
 * - **Oversized bodies** (plain and chunked) are 413 problem+json before any handler runs: the
 *   database is unchanged.
 * - **Deeply nested JSON** (100,000 levels of arrays or objects, inside the 1 MiB production limit)
 *   is a 4xx with a pointer on every body-taking route tried, never a 5xx or a crash; the server
 *   answers its health check afterwards.
 * - **Template packs (S3)**: a pack holding a 10^6-node flow is refused by the validator with a
 *   pointer to the node list, in bounded memory (the peak RSS delta is a figure); packs with
 *   self-loops, cycles, a self-calling subflow, a self-`$ref`, unresolved references, `__proto__`
 *   keys, `javascript:` URLs, script tags or formula defaults, and a 1 MiB flow with 30,000 nodes
 *   are each 4xx with pointers into the body, and the database is unchanged; `Object.prototype` too.
 * - **Hostile JSON Schemas (S2)**: ReDoS patterns (`^(a|a)*$`, `(a+)+$` …) are saved and run on
 *   the linear engine — a record of 30,000 characters is checked and refused at its field; patterns
 *   RE2 cannot run (backreferences, lookaround) are refused at save with a pointer to `pattern`.
 * - **CSV formula injection (S10)**: text starting with `=`, `+`, `-`, `@`, a tab or CR — also after
 *   leading blanks — leaves GET /api/v1/records/export apostrophe-escaped and reads back unchanged.
 * Times are recorded as figures, not asserted; vitest's timeout is the hang bound.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseCsv } from "../../engine/csv/parse.ts";
import { csvColumns, csvRecord } from "../../engine/csv/records.ts";
import { expandDataSchema } from "../../engine/forms/index.ts";
import { approvalFlow, ticketForm } from "../../engine/runtime/testing/kam-fixture.ts";
import { testDatabases } from "../../engine/store/testing/databases.ts";
import { validatePack } from "../../engine/templates/validate-pack.ts";
import { engineVersion } from "../../engine/version.ts";
import {
  type ApiWorld,
  BODY_LIMIT,
  type Client,
  type Reply,
  signIn,
  startApi,
} from "../api/harness.ts";
import { count, recordFigure } from "../reliability/figures.ts";
import {
  fixturePack,
  problemDefect,
  productionLimitServer,
  prototypeChanges,
  prototypeSnapshot,
  rowChanges,
  rowCounts,
} from "./hostile-support.ts";

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
const clone = <T>(value: T): T => structuredClone(value);
// biome-ignore lint/suspicious/noExplicitAny: the tests edit definitions' JSON at any depth
type Loose = Record<string, any>;

/** A self-contained pack of the fixture's form, tier model and approval flow. */
function pack(edit: (p: Loose) => void = () => {}): Loose {
  const p: Loose = fixturePack("hostile", t("恶意包", "Hostile"));
  edit(p);
  return p;
}

const flowOf = (p: Loose) => p.embedded.flows[0] as Loose;

/** 20 hostile and malformed packs, each with what makes it so. */
function hostilePacks(): Array<[string, unknown]> {
  return [
    [
      "self-loop edge",
      pack((p) => flowOf(p).edges.push({ id: "loop", source: "fill", target: "fill" })),
    ],
    [
      "cycle back to the start",
      pack((p) => flowOf(p).edges.push({ id: "back", source: "end", target: "start" })),
    ],
    // A subflow calling its own flow is a valid definition (recursion the runtime bounds at 16
    // levels); one calling a flow the pack lacks is not.
    [
      "subflow calling a flow the pack lacks",
      pack((p) => {
        const f = flowOf(p);
        f.nodes.push({
          id: "again",
          type: "subflow",
          label: t("子流程", "Subflow"),
          position: { x: 0, y: 500 },
          config: { flow: "ghost-flow" },
        });
        f.edges[3] = { id: "e4", source: "check", target: "again", default: true };
        f.edges.push({ id: "e7", source: "again", target: "end" });
      }),
    ],
    [
      "form whose field is a $ref to itself",
      pack((p) => {
        p.embedded.forms[0].dataSchema.properties.self = { "x-kam-field": "text", $ref: "#" };
      }),
    ],
    [
      "dangling edge target",
      pack((p) => flowOf(p).edges.push({ id: "x", source: "fill", target: "nowhere" })),
    ],
    [
      "flow on a form the pack lacks",
      pack((p) => {
        flowOf(p).form = "ghost";
      }),
    ],
    [
      "tier model on a form the pack lacks",
      pack((p) => {
        p.embedded.tierModels[0].form = "ghost";
      }),
    ],
    ["contents naming an absent flow", pack((p) => p.contents.flows.push({ key: "ghost" }))],
    ["duplicate flow keys", pack((p) => p.embedded.flows.push(clone(flowOf(p))))],
    [
      "bad version",
      pack((p) => {
        p.version = "1.0";
      }),
    ],
    [
      "engine range this kamflow is outside of",
      pack((p) => {
        p.engine = ">=99.0.0";
      }),
    ],
    [
      "unknown node type",
      pack((p) => {
        flowOf(p).nodes[1].type = "eval";
      }),
    ],
    [
      "__proto__ key in the manifest",
      JSON.parse(
        JSON.stringify(pack()).replace(
          '"kind":"template-pack"',
          '"__proto__":{"polluted":true},"kind":"template-pack"',
        ),
      ),
    ],
    [
      "__proto__ key in a node config",
      JSON.parse(
        JSON.stringify(pack()).replace('"config":{}', '"config":{"__proto__":{"polluted":true}}'),
      ),
    ],
    [
      "constructor.prototype in a form field",
      pack((p) => {
        p.embedded.forms[0].dataSchema.properties.constructor = { prototype: { polluted: true } };
      }),
    ],
    [
      "javascript: URL in a webhook",
      pack((p) => {
        const f = flowOf(p);
        f.nodes.push({
          id: "hook",
          type: "webhook",
          label: t("回调", "Hook"),
          position: { x: 0, y: 500 },
          config: { url: "javascript:alert(1)", method: "POST" },
        });
        f.edges[3] = { id: "e4", source: "check", target: "hook", default: true };
        f.edges.push({ id: "e7", source: "hook", target: "end" });
      }),
    ],
    [
      "style and className payloads on a node",
      pack((p) =>
        Object.assign(flowOf(p).nodes[1], {
          style: { background: "url(javascript:x)" },
          className: "x",
        }),
      ),
    ],
    [
      "script tag as a form field key",
      pack((p) => {
        p.embedded.forms[0].dataSchema.properties["<script>alert(1)</script>"] = {
          "x-kam-field": "text",
          type: "string",
        };
      }),
    ],
    [
      "50 MB-class string (over the limit of its field)",
      pack((p) => {
        p.name = t("x".repeat(300_000), "x");
      }),
    ],
    [
      "a rule with an unknown operator in an edge",
      pack((p) => {
        flowOf(p).edges[2].condition = { "Math.max": [1, 2] };
      }),
    ],
  ];
}

/** `depth` levels of `[` or `{"a":` around 1, as text (JSON.stringify would recurse). */
function nested(depth: number, kind: "array" | "object"): string {
  return kind === "array"
    ? `${"[".repeat(depth)}1${"]".repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${"}".repeat(depth)}`;
}

/** A raw request (a body that is text, not a value to stringify). */
async function raw(
  url: string,
  auth: { cookie: string; csrf: string } | undefined,
  method: string,
  path: string,
  body: string,
): Promise<Reply> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "accept-language": "en",
  };
  if (auth) Object.assign(headers, { cookie: auth.cookie, "x-csrf-token": auth.csrf });
  const res = await fetch(url + path, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

/** Signs in over HTTP and keeps the raw cookie and CSRF token, for `raw`. */
async function rawSession(url: string, email: string) {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password: "correct horse battery staple" }),
  });
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

describe("S3: a template pack with 10^6 nodes (validator, no database)", () => {
  it("is refused with a pointer to the node list, in bounded memory", () => {
    const node = { id: "n", type: "task", label: t("任务", "Task"), position: { x: 0, y: 0 } };
    const huge = pack((p) => {
      // One shared node object: the test itself stays small; a copy would not.
      flowOf(p).nodes = Array.from({ length: 1_000_000 }, () => node);
    });
    const cycles = pack((p) => {
      const f = flowOf(p);
      f.nodes[0].config.self = f; // an object cycle: not JSON, not a crash
    });
    const peakBefore = process.resourceUsage().maxRSS;
    const rssBefore = process.memoryUsage().rss;
    const started = performance.now();
    const result = validatePack(huge, { engineVersion });
    const ms = performance.now() - started;
    const peakDelta = (process.resourceUsage().maxRSS - peakBefore) / 1024;
    const rssDelta = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues).toEqual([
        expect.objectContaining({ code: "SHAPE_TOO_MANY", pointer: "/embedded/flows/0/nodes" }),
      ]);
    const cyclic = validatePack(cycles, { engineVersion });
    expect(cyclic.ok).toBe(false);
    if (!cyclic.ok) expect(cyclic.issues[0]?.code).toBe("SHAPE_NOT_JSON");
    recordFigure({
      id: "S3",
      test: "10^6-node template pack refused by the validator",
      backend: "engine",
      size: "1,000,000 nodes in one embedded flow",
      figures: {
        rejected: "1/1",
        pointer: "/embedded/flows/0/nodes",
        "peak RSS delta MB": Number(Math.max(0, peakDelta).toFixed(1)),
        "RSS delta MB": Number(rssDelta.toFixed(1)),
        ms: Number(ms.toFixed(1)),
      },
    });
  });
});

for (const database of testDatabases()) {
  describe(`hostile inputs on ${database.name}`, () => {
    let world: ApiWorld;
    let big: { url: string; close(): Promise<void> };
    let admin: Client;
    let designer: Client;
    let kam: Client;
    let adminRaw: { cookie: string; csrf: string };
    const prototypes = prototypeSnapshot();

    beforeAll(async () => {
      world = await startApi(database);
      big = await productionLimitServer(world);
      [admin, designer, kam] = await Promise.all([
        signIn(big.url, world.people.admin!.email),
        signIn(big.url, world.people.designer!.email),
        signIn(big.url, world.people.kam!.email),
      ]);
      adminRaw = await rawSession(big.url, world.people.admin!.email);
      await world.engine.definitions.publish(world.ws, ticketForm);
    });
    afterAll(async () => {
      await big?.close();
      await world?.close();
    });

    it("refuses oversized bodies with 413 before any handler runs", async () => {
      const small = await world.client("admin");
      const before = await rowCounts(world.store);
      const over = "x".repeat(BODY_LIMIT + 1);
      const attempts: Array<[string, string, unknown]> = [
        ["POST", "/api/v1/records", { form: "ticket", data: { title: over } }],
        ["POST", "/api/v1/definitions", { document: { ...ticketForm, key: "big", pad: over } }],
        [
          "PUT",
          "/api/v1/definitions/form/big/draft",
          { document: { ...ticketForm, key: "big", pad: over } },
        ],
        [
          "POST",
          "/api/v1/templates/plan",
          {
            pack: pack((p) => {
              p.pad = over;
            }),
          },
        ],
        ["POST", "/api/v1/auth/tokens", { name: over }],
      ];
      for (const [method, path, body] of attempts) {
        const reply = await small.request(method, path, body);
        expect(reply.status, `${method} ${path}`).toBe(413);
        expect(problemDefect(reply)).toBeUndefined();
        expect(reply.body.code).toBe("HTTP_BODY_TOO_LARGE");
      }
      // Chunked, with no Content-Length to refuse up front: counted as it streams.
      const chunks = new ReadableStream({
        start(controller) {
          for (let i = 0; i < 8; i++)
            controller.enqueue(
              new TextEncoder().encode(`{"form":"ticket","x":"${"y".repeat(BODY_LIMIT / 4)}`),
            );
          controller.close();
        },
      });
      const session = await rawSession(world.url, world.people.admin!.email);
      const chunked = await fetch(`${world.url}/api/v1/records`, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          cookie: session.cookie,
          "x-csrf-token": session.csrf,
        },
        body: chunks,
        duplex: "half",
      } as RequestInit);
      expect(chunked.status).toBe(413);
      // Nothing was written: no record, no draft, no token (the sign-ins above made sessions only).
      expect(rowChanges(before, await rowCounts(world.store), ["sessions"])).toBe("");
    });

    it("answers 100,000-level nested JSON with a 4xx and a pointer, never a 5xx", async () => {
      const before = await rowCounts(world.store);
      const depth = 100_000;
      const routes: Array<[string, string, (inner: string) => string]> = [
        ["POST", "/api/v1/auth/login", (x) => `{"email":${x},"password":"x"}`],
        ["POST", "/api/v1/records", (x) => `{"form":"ticket","data":{"title":${x}}}`],
        ["POST", "/api/v1/records", (x) => `{"form":"ticket","data":${x}}`],
        ["POST", "/api/v1/definitions", (x) => `{"document":${x}}`],
        ["POST", "/api/v1/definitions/validate", (x) => `{"document":${x}}`],
        [
          "PUT",
          "/api/v1/definitions/form/deep/draft",
          (x) => `{"document":{"kind":"form","key":"deep","name":${x}}}`,
        ],
        ["POST", "/api/v1/definitions/tier-preview", (x) => `{"model":${x}}`],
        ["POST", "/api/v1/templates/plan", (x) => `{"pack":${x}}`],
        [
          "POST",
          "/api/v1/templates/plan",
          (x) => `{"pack":{"kind":"template-pack","embedded":{"flows":[${x}]}}}`,
        ],
        ["POST", "/api/v1/instances", (x) => `{"flow":"ticket-approval","variables":${x}}`],
      ];
      let answered = 0;
      for (const [method, path, wrap] of routes)
        for (const kind of ["array", "object"] as const) {
          const body = wrap(nested(depth, kind));
          expect(body.length).toBeLessThan(1024 * 1024);
          const reply = await raw(big.url, adminRaw, method, path, body);
          if (path.endsWith("/validate") && reply.status === 200) {
            // Validation without saving answers 200 with the issues, each with its pointer.
            expect(reply.body.valid).toBe(false);
            expect(reply.body.issues.length).toBeGreaterThan(0);
            answered++;
            continue;
          }
          expect(
            problemDefect(reply),
            `${method} ${path} ${kind}: ${JSON.stringify(reply.body).slice(0, 300)}`,
          ).toBeUndefined();
          answered++;
        }
      // Still serving.
      expect((await fetch(`${big.url}/healthz`)).status).toBe(200);
      expect(rowChanges(before, await rowCounts(world.store), ["sessions", "login_attempts"])).toBe(
        "",
      );
      expect(prototypeChanges(prototypes)).toBe("");
      recordFigure({
        id: "S3",
        test: "100,000-level nested JSON bodies",
        backend: database.name,
        size: `${answered} requests, ${count(depth)} levels`,
        figures: {
          "4xx with pointer (200 with issues on /validate)": `${answered}/${answered}`,
          "5xx": 0,
          crashes: 0,
        },
      });
    });

    it("refuses hostile and malformed template packs with pointers, writing nothing", async () => {
      const before = await rowCounts(world.store);
      const packs = hostilePacks();
      // A 1 MiB pack: 30,000 nodes in one flow (rejecting it took minutes of one core).
      packs.push([
        "30,000 nodes",
        pack((p) => {
          const f = flowOf(p);
          for (let i = 0; i < 30_000; i++) f.nodes.push({ id: `n${i}`, type: "end" });
        }),
      ]);
      let refused = 0;
      let slowest = 0;
      for (const [name, document] of packs) {
        const text = JSON.stringify({ pack: document });
        expect(text.length, name).toBeLessThan(1024 * 1024);
        for (const path of ["/api/v1/templates/plan", "/api/v1/templates/install"]) {
          const started = performance.now();
          const reply = await raw(big.url, adminRaw, "POST", path, text);
          slowest = Math.max(slowest, performance.now() - started);
          expect(
            problemDefect(reply),
            `${name} → ${path}: ${JSON.stringify(reply.body).slice(0, 400)}`,
          ).toBeUndefined();
          expect(
            reply.body.issues.every((i: { pointer: string }) => i.pointer.startsWith("/pack")),
            name,
          ).toBe(true);
          refused++;
        }
      }
      // A valid pack still plans (the refusals are about the packs, not the route).
      expect((await admin.post("/api/v1/templates/plan", { pack: pack() })).status).toBe(200);
      expect(rowChanges(before, await rowCounts(world.store))).toBe("");
      expect(prototypeChanges(prototypes)).toBe("");
      expect(({} as Loose).polluted).toBeUndefined();
      recordFigure({
        id: "S3",
        test: "hostile and malformed template packs over HTTP",
        backend: database.name,
        size: `${packs.length} packs × plan and install`,
        figures: {
          "rejected with pointer": `${refused}/${packs.length * 2}`,
          "rows changed": 0,
          "prototype changes": 0,
          "slowest ms": Math.round(slowest),
        },
      });
    });

    it("refuses a 30,000-node flow definition at once with a pointer to its nodes", async () => {
      // 30,000 nodes fit in the 1 MiB limit; rejecting them took minutes of one core. (The
      // definitions API points into the document, the records API into the record's data.)
      const flow: Loose = approvalFlow("huge");
      for (let i = 0; i < 30_000; i++) flow.nodes.push({ id: `n${i}`, type: "end" });
      const before = await rowCounts(world.store);
      for (const path of ["/api/v1/definitions", "/api/v1/definitions/validate"]) {
        const reply = await designer.post(path, { document: flow });
        if (path.endsWith("validate")) {
          expect(reply.status).toBe(200);
          expect(reply.body.issues).toEqual([
            expect.objectContaining({ code: "SHAPE_TOO_MANY", pointer: "/nodes" }),
          ]);
        } else {
          expect(problemDefect(reply)).toBeUndefined();
          expect(reply.body.issues[0]).toMatchObject({
            code: "SHAPE_TOO_MANY",
            pointer: "/nodes",
          });
        }
      }
      expect(rowChanges(before, await rowCounts(world.store))).toBe("");
    });

    it("runs ReDoS patterns in user forms on the linear engine, and refuses what RE2 cannot run", async () => {
      const evil = ["^(a|a)*$", "(a+)+$", "^(a|aa)+$", "^(a*)*b$", "(.*a){25}$", "^(\\w+\\s?)*$"];
      const properties: Loose = {};
      evil.forEach((pattern, i) => {
        properties[`p${i}`] = {
          "x-kam-field": "text",
          type: "string",
          maxLength: 100_000,
          pattern,
        };
      });
      const form = {
        ...clone(ticketForm),
        key: "redos",
        dataSchema: { type: "object", properties },
        uiSchema: {},
      };
      const published = await designer.post("/api/v1/definitions", { document: form });
      expect(published.status).toBe(201);
      const before = await rowCounts(world.store);
      let slowest = 0;
      for (let i = 0; i < evil.length; i++) {
        // The classic attack input: a long run that almost matches, then a mismatch.
        const data = { [`p${i}`]: `${"a".repeat(30_000)}!` };
        const started = performance.now();
        const reply = await kam.post("/api/v1/records", { form: "redos", data });
        slowest = Math.max(slowest, performance.now() - started);
        expect(problemDefect(reply)).toBeUndefined();
        expect(reply.body.issues[0]).toMatchObject({ pointer: `/p${i}` });
      }
      expect(rowChanges(before, await rowCounts(world.store))).toBe("");
      // Patterns only a backtracking engine can run are refused when the form is saved.
      for (const pattern of ["(a)\\1", "(?=a)a", "(?<=a)b", "(?!x)y", "\\k<n>(?<n>a)"]) {
        const bad = clone(ticketForm) as Loose;
        bad.key = "backtrack";
        bad.dataSchema.properties.code = { "x-kam-field": "text", type: "string", pattern };
        const reply = await designer.post("/api/v1/definitions", { document: bad });
        expect(problemDefect(reply), pattern).toBeUndefined();
        expect(reply.body.issues[0], pattern).toMatchObject({
          pointer: "/dataSchema/properties/code/pattern",
        });
      }
      recordFigure({
        id: "S2",
        test: "ReDoS patterns in user form schemas",
        backend: database.name,
        size: `${evil.length} patterns × 30,001-character input; 5 backtracking-only patterns`,
        figures: {
          "checked and refused at the field": `${evil.length}/${evil.length}`,
          "backtracking-only refused at save": "5/5",
          "slowest request ms": Math.round(slowest),
        },
      });
    });

    it("escapes formula text in the CSV export, leading blanks included, and reads it back", async () => {
      const hostile = [
        "=1+1",
        "+86 138 0000 0000",
        "-2+3",
        "@SUM(A1:A9)",
        "\t=cmd",
        "\r=cmd",
        ' =HYPERLINK("http://evil.example","点我")',
        "   +1",
        "\u3000=1+1",
        "\u00a0@x",
        "'=already",
        '=cmd|" /C calc"!A0',
      ];
      for (const title of hostile)
        expect(
          (await kam.post("/api/v1/records", { form: "ticket", data: { title } })).status,
        ).toBe(201);
      const res = await kam.open("/api/v1/records/export?form=ticket");
      expect(res.status).toBe(200);
      const text = await res.text();
      const parsed = parseCsv(text.replace(/^\uFEFF/, ""));
      if (!parsed.ok) throw new Error("unparsable export");
      const [header, ...rows] = parsed.rows;
      // Every text cell a spreadsheet could run — after trimming blanks — starts with the apostrophe.
      let cells = 0;
      for (const row of rows)
        for (const cell of row.cells) {
          cells++;
          expect(cell, JSON.stringify(cell)).not.toMatch(/^\s*[=+\-@\t\r]/);
        }
      const columns = csvColumns(
        header?.cells ?? [],
        expandDataSchema(ticketForm.dataSchema as never),
      );
      if (!columns.ok) throw new Error("bad header");
      const titles = rows.map((row) => {
        const record = csvRecord(columns.columns, row.cells);
        return record.ok ? record.data.title : undefined;
      });
      expect(titles.sort()).toEqual([...hostile].sort());
      recordFigure({
        id: "S10",
        test: "CSV formula injection through GET /records/export",
        backend: database.name,
        size: `${hostile.length} hostile texts, ${cells} cells`,
        figures: {
          escaped: `${hostile.length}/${hostile.length}`,
          "read back unchanged": `${hostile.length}/${hostile.length}`,
        },
      });
    });
  });
}
