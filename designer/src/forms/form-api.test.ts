import { describe, expect, it } from "vitest";
import type { FlowDefinition } from "../../../schemas/index.ts";
import type { ApiClient } from "../api/client.ts";
import { ApiProblem } from "../api/problem.ts";
import { openForm, permissionNodes, saveFormDraft, withPermissions } from "./form-api.ts";
import { emptyForm } from "./form-doc.ts";

const flow = {
  kind: "flow",
  key: "review",
  form: "deal",
  nodes: [
    { id: "start", type: "start", config: {} },
    { id: "fill", type: "task", config: { fields: { amount: "required" } } },
    { id: "other", type: "task", config: { form: "visit" } },
    { id: "approve", type: "approval", config: {} },
  ],
} as unknown as FlowDefinition;

describe("field permissions on flow nodes", () => {
  it("finds the task and approval nodes working on the form", () => {
    expect(permissionNodes(flow, "deal").map((n) => [n.id, n.fields])).toEqual([
      ["fill", { amount: "required" }],
      ["approve", {}],
    ]);
    expect(permissionNodes(flow, "visit").map((n) => n.id)).toEqual(["other"]);
  });

  it("writes new permissions into a copy of the flow", () => {
    const next = withPermissions(flow, { fill: {}, approve: { amount: "read-only" } });
    const nodes = (next as unknown as { nodes: Array<{ id: string; config: object }> }).nodes;
    expect(nodes.find((n) => n.id === "fill")?.config).toEqual({});
    expect(nodes.find((n) => n.id === "approve")?.config).toEqual({
      fields: { amount: "read-only" },
    });
    expect(permissionNodes(flow, "deal")[0]?.fields).toEqual({ amount: "required" });
  });
});

describe("form drafts over the API", () => {
  const calls: Array<[string, string, unknown, Record<string, string> | undefined]> = [];
  const api = {
    get: async (path: string) => {
      calls.push(["GET", path, undefined, undefined]);
      throw new ApiProblem({ status: 404, code: "STORE_NOT_FOUND", title: "Not found" });
    },
    put: async (path: string, body: unknown, headers?: Record<string, string>) => {
      calls.push(["PUT", path, body, headers]);
      return { definition: { version: 1, status: "draft", checksum: "abc", body }, issues: [] };
    },
  } as unknown as ApiClient;

  it("opens an unknown key as undefined and creates its draft without If-Match", async () => {
    expect(await openForm(api, "deal")).toBeUndefined();
    const doc = emptyForm("deal", { "zh-CN": "商机", en: "Deal" });
    expect(await saveFormDraft(api, doc, undefined)).toMatchObject({ checksum: "abc" });
    await saveFormDraft(api, doc, "abc", "note");
    expect(calls.slice(1).map((c) => [c[1], c[3]])).toEqual([
      ["/api/v1/definitions/form/deal/draft", {}],
      ["/api/v1/definitions/form/deal/draft", { "if-match": '"abc"' }],
    ]);
  });
});
