/**
 * @module designer/flows/flow-api
 * The editor's calls to the definitions API (server/routes/definitions.ts): open a flow at its
 * draft if it has one, else its latest published version; save the draft under its ETag
 * (If-Match, so a draft changed elsewhere is a 409, not lost work); publish the draft.
 */

import type { FlowDefinition } from "../../../schemas/index.ts";
import type { ApiClient } from "../api/client.ts";
import { isApiProblem, type ProblemIssue } from "../api/problem.ts";

interface StoredVersion {
  readonly version: number;
  readonly status: string;
  readonly checksum: string;
}
interface VersionReply {
  readonly definition: StoredVersion & { readonly body: FlowDefinition };
}
interface SaveReply extends VersionReply {
  readonly valid: boolean;
  readonly issues: readonly ProblemIssue[];
}

/** A flow open in the editor. */
export interface OpenedFlow {
  readonly definition: FlowDefinition;
  readonly version: number;
  /** The draft's checksum (its ETag), when the key has a draft. */
  readonly draftChecksum: string | undefined;
}

const base = (key: string) => `/api/v1/definitions/flow/${encodeURIComponent(key)}`;

/**
 * Loads a flow for editing: its draft, else its latest published version; undefined when no
 * flow has the key.
 * @example const opened = await openFlow(api, "strategic-ticket");
 */
export async function openFlow(api: ApiClient, key: string): Promise<OpenedFlow | undefined> {
  let versions: readonly StoredVersion[];
  try {
    ({ versions } = await api.get<{ versions: readonly StoredVersion[] }>(base(key)));
  } catch (error) {
    // A key no flow has yet: the editor offers to create it.
    if (isApiProblem(error) && error.status === 404) return undefined;
    throw error;
  }
  const draft = versions.filter((v) => v.status === "draft").at(-1);
  if (draft) {
    const { definition } = await api.get<VersionReply>(`${base(key)}/draft`);
    return {
      definition: definition.body,
      version: definition.version,
      draftChecksum: definition.checksum,
    };
  }
  const latest = versions.filter((v) => v.status === "published").at(-1) ?? versions.at(-1);
  if (!latest) throw new Error(`flow ${key} has no version`);
  const { definition } = await api.get<VersionReply>(`${base(key)}/versions/${latest.version}`);
  return { definition: definition.body, version: definition.version, draftChecksum: undefined };
}

/**
 * Creates or replaces the draft. The server saves an invalid draft too and lists its issues.
 * @example const saved = await saveDraft(api, definition, opened.draftChecksum);
 */
export async function saveDraft(
  api: ApiClient,
  definition: FlowDefinition,
  checksum: string | undefined,
  note?: string,
): Promise<{ checksum: string; version: number; issues: readonly ProblemIssue[] }> {
  const reply = await api.put<SaveReply>(
    `${base(definition.key)}/draft`,
    { document: definition, ...(note ? { note } : {}) },
    checksum ? { "if-match": `"${checksum}"` } : {},
  );
  return {
    checksum: reply.definition.checksum,
    version: reply.definition.version,
    issues: reply.issues,
  };
}

/** Publishes the key's draft (validated in full by the server: a 422 lists every issue). */
export async function publishDraft(api: ApiClient, key: string): Promise<number> {
  const { definition } = await api.post<VersionReply>(`${base(key)}/draft/publish`);
  return definition.version;
}

/**
 * A new flow as the editor starts it: a manual trigger on `form` and a start node; the first
 * save creates its draft.
 * @example newFlow("deal-approval", { "zh-CN": "商机审批", en: "Deal approval" }, "account")
 */
export function newFlow(
  key: string,
  name: { "zh-CN": string; en: string },
  form: string | undefined,
): OpenedFlow {
  const definition = {
    kind: "flow",
    key,
    name,
    ...(form ? { form } : {}),
    trigger: { type: "manual" },
    nodes: [
      {
        id: "start",
        type: "start",
        label: { "zh-CN": "开始", en: "Start" },
        position: { x: 0, y: 0 },
        config: {},
      },
    ],
    edges: [],
  } as unknown as FlowDefinition;
  return { definition, version: 0, draftChecksum: undefined };
}
