/**
 * @module designer/tiers/tier-api
 * The tier-model editor's calls to the API (server/routes/definitions.ts, records.ts): open a
 * model at its draft if it has one, else its latest published version, with what validation in
 * the browser needs (the form's data schema, the published models it uses); save the draft under
 * its ETag (If-Match); publish; the what-if preview; and the names of sample accounts.
 */
import type { TierModel, TierPreview } from "../../../engine/tiers/index.ts";
import type { ApiClient } from "../api/client.ts";
import type { ProblemIssue } from "../api/problem.ts";

interface StoredVersion {
  readonly version: number;
  readonly status: string;
  readonly checksum: string;
}
interface VersionReply {
  readonly definition: StoredVersion & { readonly body: TierModel };
}
interface SaveReply extends VersionReply {
  readonly valid: boolean;
  readonly issues: readonly ProblemIssue[];
}

/** A tier model open in the editor. */
export interface OpenedTierModel {
  readonly model: TierModel;
  readonly version: number;
  /** The draft's checksum (its ETag), when the key has a draft. */
  readonly draftChecksum: string | undefined;
  /** The form's published data schema, for checking rule `var` paths (absent if unreadable). */
  readonly dataSchema: object | undefined;
  /** Published versions of the models listed in `uses`. */
  readonly usedModels: readonly TierModel[];
}

const base = (kind: string, key: string) =>
  `/api/v1/definitions/${kind}/${encodeURIComponent(key)}`;

/** The latest published body of a definition, or undefined when there is none (or no access). */
async function published<T>(api: ApiClient, kind: string, key: string): Promise<T | undefined> {
  try {
    return await api.get<T>(`${base(kind, key)}/export`);
  } catch {
    return undefined;
  }
}

/** The published bodies of `keys` (those that exist). */
export async function loadUsedModels(
  api: ApiClient,
  keys: readonly string[],
): Promise<TierModel[]> {
  const bodies = await Promise.all(keys.map((k) => published<TierModel>(api, "tier-model", k)));
  return bodies.filter((b): b is TierModel => b !== undefined);
}

/**
 * Loads a tier model for editing: its draft, else its latest published version.
 * @example const opened = await openTierModel(api, "account-value");
 */
export async function openTierModel(api: ApiClient, key: string): Promise<OpenedTierModel> {
  const { versions } = await api.get<{ versions: readonly StoredVersion[] }>(
    base("tier-model", key),
  );
  const draft = versions.filter((v) => v.status === "draft").at(-1);
  let reply: VersionReply;
  if (draft) reply = await api.get<VersionReply>(`${base("tier-model", key)}/draft`);
  else {
    const latest = versions.filter((v) => v.status === "published").at(-1) ?? versions.at(-1);
    if (!latest) throw new Error(`tier model ${key} has no version`);
    reply = await api.get<VersionReply>(`${base("tier-model", key)}/versions/${latest.version}`);
  }
  const model = reply.definition.body;
  const [form, usedModels] = await Promise.all([
    published<{ dataSchema?: object }>(api, "form", model.form),
    loadUsedModels(api, model.uses ?? []),
  ]);
  return {
    model,
    version: reply.definition.version,
    draftChecksum: draft ? reply.definition.checksum : undefined,
    dataSchema: form?.dataSchema,
    usedModels,
  };
}

/** Creates or replaces the draft (If-Match: the checksum last read). */
export async function saveTierDraft(
  api: ApiClient,
  model: TierModel,
  checksum: string | undefined,
  note?: string,
): Promise<{ checksum: string; version: number; issues: readonly ProblemIssue[] }> {
  const reply = await api.put<SaveReply>(
    `${base("tier-model", model.key)}/draft`,
    { document: model, ...(note ? { note } : {}) },
    checksum ? { "if-match": `"${checksum}"` } : {},
  );
  return {
    checksum: reply.definition.checksum,
    version: reply.definition.version,
    issues: reply.issues,
  };
}

/** Publishes the key's draft (validated in full by the server: a 422 lists every issue). */
export async function publishTierDraft(api: ApiClient, key: string): Promise<number> {
  const { definition } = await api.post<VersionReply>(`${base("tier-model", key)}/draft/publish`);
  return definition.version;
}

/** Sample record ids kept per from→to cell: the most the API allows. */
export const SAMPLES_PER_CELL = 50;

/**
 * The model as the what-if sends it: without its golden examples. They do not change how records
 * are tiered, and the server checks the document in full, so an example that a threshold change
 * breaks (the editor shows it failing) would otherwise block the very what-if that explores it.
 */
export function previewDocument(model: TierModel): TierModel {
  const { examples: _examples, ...rest } = model;
  return rest as TierModel;
}

/** The what-if of `model` over the current records of its form. */
export async function previewTierModel(api: ApiClient, model: TierModel): Promise<TierPreview> {
  const { preview } = await api.post<{ preview: TierPreview }>("/api/v1/definitions/tier-preview", {
    model: previewDocument(model),
    samplesPerCell: SAMPLES_PER_CELL,
  });
  return preview;
}

/** A record's display name: the first of its usual name fields, else its id. */
export function recordName(record: { id: string; data: Record<string, unknown> }): string {
  for (const field of ["name", "title", "companyName", "customerName", "fullName", "label"]) {
    const value = record.data[field];
    if (typeof value === "string" && value.trim() !== "") return value;
  }
  return record.id;
}

/** Display names of records by id (a record that cannot be read shows its id). */
export async function recordNames(
  api: ApiClient,
  ids: readonly string[],
): Promise<{ id: string; name: string }[]> {
  return Promise.all(
    ids.map(async (id) => {
      try {
        const { record } = await api.get<{
          record: { id: string; data: Record<string, unknown> };
        }>(`/api/v1/records/${encodeURIComponent(id)}`);
        return { id, name: recordName(record) };
      } catch {
        return { id, name: id };
      }
    }),
  );
}
