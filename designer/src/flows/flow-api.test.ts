import { describe, expect, it } from "vitest";
import { createApiClient } from "../api/client.ts";
import { openFlow, saveDraft } from "./flow-api.ts";

type Call = { url: string; method: string; headers: Record<string, string> };

function fakeApi(routes: Record<string, unknown>) {
  const calls: Call[] = [];
  const api = createApiClient({
    language: () => "en",
    csrfToken: () => "t",
    fetch: async (input, init) => {
      const url = String(input);
      const method = init?.method ?? "GET";
      calls.push({ url, method, headers: (init?.headers ?? {}) as Record<string, string> });
      const body = routes[`${method} ${url}`];
      if (body === undefined) return new Response("{}", { status: 404 });
      return Response.json(body);
    },
  });
  return { api, calls };
}

const body = { kind: "flow", key: "f", nodes: [], edges: [] };
const base = "/api/v1/definitions/flow/f";

describe("flow api", () => {
  it("opens the draft when there is one, with its checksum", async () => {
    const { api } = fakeApi({
      [`GET ${base}`]: {
        versions: [
          { version: 1, status: "published", checksum: "a" },
          { version: 2, status: "draft", checksum: "b" },
        ],
      },
      [`GET ${base}/draft`]: { definition: { version: 2, status: "draft", checksum: "b", body } },
    });
    await expect(openFlow(api, "f")).resolves.toMatchObject({ version: 2, draftChecksum: "b" });
  });

  it("opens the latest published version otherwise", async () => {
    const { api } = fakeApi({
      [`GET ${base}`]: { versions: [{ version: 3, status: "published", checksum: "c" }] },
      [`GET ${base}/versions/3`]: {
        definition: { version: 3, status: "published", checksum: "c", body },
      },
    });
    await expect(openFlow(api, "f")).resolves.toMatchObject({
      version: 3,
      draftChecksum: undefined,
    });
  });

  it("saves under If-Match only when a draft exists", async () => {
    const reply = { definition: { version: 4, checksum: "d", body }, valid: true, issues: [] };
    const { api, calls } = fakeApi({ [`PUT ${base}/draft`]: reply });
    await saveDraft(api, body as never, undefined);
    await saveDraft(api, body as never, "d");
    expect(calls.map((c) => c.headers["if-match"])).toEqual([undefined, '"d"']);
  });
});
