/**
 * Pack validation without a database: a self-contained pack passes; each way a pack can be
 * broken is reported with its code and a pointer into the single-file pack (or, for a folder,
 * the file and a pointer inside it), and warnings do not fail it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadPackFolder } from "./load-folder.ts";
import { validatePack } from "./validate-pack.ts";

const t = (zh: string, en: string) => ({ "zh-CN": zh, en });
const opts = { engineVersion: "0.1.0" };

const form = {
  kind: "form",
  key: "account",
  name: t("客户", "Account"),
  dataSchema: {
    type: "object",
    properties: {
      name: { "x-kam-field": "text", type: "string" },
      amount: { "x-kam-field": "number", type: "number" },
    },
  },
  uiSchema: {},
  rules: {},
};

const flow = {
  kind: "flow",
  key: "review",
  name: t("复核", "Review"),
  form: "account",
  trigger: { type: "manual" },
  nodes: [
    { id: "start", type: "start", label: t("开始", "Start"), position: { x: 0, y: 0 }, config: {} },
    {
      id: "check",
      type: "approval",
      label: t("审批", "Approve"),
      position: { x: 0, y: 100 },
      config: { approvers: [{ kind: "role", role: "director" }] },
    },
    {
      id: "ok",
      type: "end",
      label: t("通过", "OK"),
      position: { x: 0, y: 200 },
      config: { outcome: "approved" },
    },
    {
      id: "no",
      type: "end",
      label: t("驳回", "No"),
      position: { x: 200, y: 200 },
      config: { outcome: "rejected" },
    },
  ],
  edges: [
    { id: "e1", source: "start", target: "check" },
    { id: "e2", source: "check", sourceHandle: "approved", target: "ok" },
    { id: "e3", source: "check", sourceHandle: "rejected", target: "no" },
  ],
};

// biome-ignore lint/suspicious/noExplicitAny: the tests edit the pack's JSON at any depth
type Loose = Record<string, any>;

function pack(edit: (p: Loose) => void = () => {}) {
  const p: Loose = JSON.parse(
    JSON.stringify({
      kind: "template-pack",
      key: "mini",
      name: t("小包", "Mini"),
      version: "1.0.0",
      industry: "general",
      engine: ">=0.1.0 <1.0.0",
      roles: [{ key: "director", label: t("总监", "Director") }],
      contents: {
        forms: [{ key: "account" }],
        flows: [{ key: "review" }],
        dashboard: { kpis: ["nps"] },
      },
      embedded: { forms: [form], flows: [flow] },
    }),
  );
  edit(p);
  return p;
}

const codes = (result: ReturnType<typeof validatePack>) =>
  result.ok ? [] : result.issues.map((i) => `${i.code} ${i.pointer}`);

describe("validatePack", () => {
  it("accepts a self-contained pack", () => {
    const result = validatePack(pack(), opts);
    expect(codes(result)).toEqual([]);
    expect(result.ok && result.warnings).toEqual([]);
  });

  it("reports a reference the pack cannot resolve where it is", () => {
    expect(
      codes(
        validatePack(
          pack((p) => (p.embedded.flows[0].form = "ticket")),
          opts,
        ),
      ),
    ).toContain("PACK_REFERENCE_UNRESOLVED /embedded/flows/0/form");
  });

  it("follows an action's create-record form and recompute-tier model into the pack", () => {
    const result = validatePack(
      pack((p) => {
        p.embedded.flows[0].nodes.splice(1, 0, {
          id: "make",
          type: "action",
          label: t("建档", "Make"),
          position: { x: 0, y: 50 },
          config: {
            operations: [
              { kind: "create-record", form: "visit", fields: {} },
              { kind: "recompute-tier", model: "health" },
            ],
          },
        });
      }),
      opts,
    );
    expect(codes(result)).toEqual(
      expect.arrayContaining([
        "PACK_REFERENCE_UNRESOLVED /embedded/flows/0/nodes/1/config/operations/0/form",
        "PACK_REFERENCE_UNRESOLVED /embedded/flows/0/nodes/1/config/operations/1/model",
      ]),
    );
  });

  it("reports kinds, duplicates, and contents that do not match what is embedded", () => {
    const result = validatePack(
      pack((p) => {
        p.embedded.forms.push({ ...p.embedded.forms[0] });
        p.embedded.flows[0].kind = "form";
        p.contents.forms.push({ key: "ghost" });
      }),
      opts,
    );
    expect(codes(result)).toEqual(
      expect.arrayContaining([
        "PACK_DUPLICATE_KEY /embedded/forms/1/key",
        "PACK_KIND_MISMATCH /embedded/flows/0/kind",
        "PACK_CONTENT_MISSING /contents/forms/1",
      ]),
    );
    expect(
      codes(
        validatePack(
          pack((p) => (p.contents.flows = [])),
          opts,
        ),
      ),
    ).toContain("PACK_CONTENT_UNLISTED /embedded/flows/0");
  });

  it("reports a node typed like an Object member (constructor, toString) instead of throwing", () => {
    for (const type of ["constructor", "toString", "__proto__", "hasOwnProperty"]) {
      const result = validatePack(
        pack((p) => {
          p.embedded.flows[0].nodes[1].type = type;
        }),
        opts,
      );
      expect(codes(result), type).toContain(
        "FLOW_NODE_TYPE_UNKNOWN /embedded/flows/0/nodes/1/type",
      );
    }
  });

  it("refuses an embedded flow with a million nodes at once, without copying the pack", () => {
    // Copying and walking such a pack took 56 s and 1.7 GB. `toJSON` counts the copies made.
    let copied = 0;
    const node = { id: "n", type: "end", toJSON: () => ++copied };
    const result = pack((p) => {
      p.embedded.flows[0].nodes = Array.from({ length: 1_000_000 }, () => node);
    });
    expect(codes(validatePack(result, opts))).toEqual(["SHAPE_TOO_MANY /embedded/flows/0/nodes"]);
    expect(copied).toBe(0);
  });

  it("reports a definition's own errors under its place in the pack", () => {
    const result = validatePack(
      pack((p) => (p.embedded.flows[0].edges[0].target = "nowhere")),
      opts,
    );
    expect(result.ok).toBe(false);
    expect(codes(result).some((c) => c.includes("/embedded/flows/0/edges/0"))).toBe(true);
  });

  it("checks the engine range, the KPIs and the manifest's shape", () => {
    expect(
      codes(
        validatePack(
          pack((p) => (p.engine = ">=2.0.0")),
          opts,
        ),
      ),
    ).toEqual(["PACK_ENGINE_INCOMPATIBLE /engine"]);
    expect(
      codes(
        validatePack(
          pack((p) => (p.contents.dashboard.kpis = ["happiness"])),
          opts,
        ),
      ),
    ).toEqual(["PACK_KPI_UNKNOWN /contents/dashboard/kpis/0"]);
    expect(
      validatePack(
        pack((p) => (p.version = "one")),
        opts,
      ).ok,
    ).toBe(false);
  });

  it("warns, without failing, about a business role the manifest does not declare", () => {
    const result = validatePack(
      pack((p) => (p.roles = [{ key: "vp", label: t("副总裁", "VP") }])),
      opts,
    );
    expect(result.ok).toBe(true);
    expect(result.ok && result.warnings.map((w) => `${w.code} ${w.pointer}`)).toEqual([
      "PACK_ROLE_UNDECLARED /embedded/flows/0/nodes/1/config/approvers/0/role",
    ]);
  });

  it("checks the sample data against the pack's forms and people", () => {
    const result = validatePack(
      pack((p) => {
        p.embedded.sampleData = {
          kind: "sample-data",
          people: [
            { key: "a", name: "王磊", email: "a@example.com", role: "member", team: "nope" },
          ],
          records: [
            {
              form: "account",
              owner: { role: "kam" },
              fields: { colour: { gen: "pick", values: ["red"] } },
            },
            { form: "ghost", fields: {} },
          ],
        };
      }),
      opts,
    );
    expect(codes(result)).toEqual(
      expect.arrayContaining([
        "PACK_SAMPLE_REFERENCE_UNRESOLVED /embedded/sampleData/people/0/team",
        "PACK_SAMPLE_REFERENCE_UNRESOLVED /embedded/sampleData/records/0/owner/role",
        "PACK_SAMPLE_FIELD_UNKNOWN /embedded/sampleData/records/0/fields/colour",
        "PACK_REFERENCE_UNRESOLVED /embedded/sampleData/records/1/form",
      ]),
    );
  });
});

describe("loadPackFolder", () => {
  it("names the file and points inside it; a missing file is an issue, not a crash", async () => {
    const dir = mkdtempSync(join(tmpdir(), "kamflow-pack-"));
    try {
      mkdirSync(join(dir, "forms"));
      mkdirSync(join(dir, "flows"));
      const manifest = pack((p) => {
        delete p.embedded;
        p.contents.forms = [{ path: "forms/account.json" }];
        p.contents.flows = [{ path: "flows/review.json" }];
      });
      writeFileSync(join(dir, "pack.json"), JSON.stringify(manifest));
      writeFileSync(join(dir, "forms", "account.json"), JSON.stringify(form));
      writeFileSync(join(dir, "flows", "review.json"), JSON.stringify({ ...flow, form: "ticket" }));
      const broken = await loadPackFolder(dir, opts);
      expect(broken.ok).toBe(false);
      expect(
        !broken.ok && broken.issues.map((i) => [i.params?.file, i.pointer, i.code]),
      ).toContainEqual(["flows/review.json", "/form", "PACK_REFERENCE_UNRESOLVED"]);

      writeFileSync(join(dir, "flows", "review.json"), JSON.stringify(flow));
      expect((await loadPackFolder(dir, opts)).ok).toBe(true);

      rmSync(join(dir, "flows", "review.json"));
      const missing = await loadPackFolder(dir, opts);
      expect(!missing.ok && missing.issues.map((i) => `${i.code} ${i.pointer}`)).toEqual([
        "PACK_FILE_MISSING /contents/flows/0/path",
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
