/**
 * @module designer/flows/history/history-api
 * The version history's calls to the definitions API (server/routes/definitions.ts): a flow's
 * versions without bodies (oldest first), one version with its body.
 */
import type { FlowDefinition } from "../../../../schemas/index.ts";
import type { ApiClient } from "../../api/client.ts";

/** A version as `GET /definitions/flow/:key` lists it. */
export interface FlowVersionSummary {
  readonly version: number;
  readonly status: "draft" | "published" | "archived" | string;
  readonly checksum: string;
  readonly note: string | null;
  readonly createdBy: string | null;
  readonly createdAt: number;
  readonly publishedAt: number | null;
}

/** The path of a flow's versions. */
export const versionsPath = (key: string) => `/api/v1/definitions/flow/${encodeURIComponent(key)}`;

/**
 * One version's document.
 * @example const body = await loadVersion(api, "strategic-ticket", 2);
 */
export async function loadVersion(
  api: ApiClient,
  key: string,
  version: number,
): Promise<FlowDefinition> {
  const { definition } = await api.get<{ definition: { body: FlowDefinition } }>(
    `${versionsPath(key)}/versions/${version}`,
  );
  return definition.body;
}
