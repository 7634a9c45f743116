/**
 * @module designer/forms/form-api
 * The form builder's calls to the definitions API (server/routes/definitions.ts): open a form at
 * its draft, else its latest published version (or learn that the key is new); save the draft
 * under its ETag (If-Match); publish it; list the forms a reference field may point at; and read
 * and write the field permissions of the flows' task and approval nodes that work on the form.
 *
 * Field permissions live on those nodes (`config.fields`, schemas/flow/parts.ts), not on the
 * form: the same field is editable in one step and read-only in the next. Saving them writes each
 * changed flow's draft under that flow's own ETag.
 */
import type { FlowDefinition } from "../../../schemas/index.ts";
import type { ApiClient } from "../api/client.ts";
import { isApiProblem, type ProblemIssue } from "../api/problem.ts";
import type { FormDoc, I18nString } from "./form-doc.ts";
import type { FieldPermission } from "./runtime/form-runtime.ts";

interface StoredVersion {
  readonly version: number;
  readonly status: string;
  readonly checksum: string;
}
interface VersionReply<B> {
  readonly definition: StoredVersion & { readonly body: B };
}
interface SaveReply<B> extends VersionReply<B> {
  readonly valid: boolean;
  readonly issues: readonly ProblemIssue[];
}

/** A form open in the builder. */
export interface OpenedForm {
  readonly doc: FormDoc;
  /** 0 for a form not yet saved. */
  readonly version: number;
  /** The draft's checksum (its ETag), when the key has a draft. */
  readonly draftChecksum: string | undefined;
}

const base = (kind: string, key: string) =>
  `/api/v1/definitions/${kind}/${encodeURIComponent(key)}`;

async function openLatest<B>(
  api: ApiClient,
  kind: string,
  key: string,
): Promise<{ body: B; version: number; draftChecksum: string | undefined } | undefined> {
  let versions: readonly StoredVersion[];
  try {
    ({ versions } = await api.get<{ versions: readonly StoredVersion[] }>(base(kind, key)));
  } catch (error) {
    if (isApiProblem(error) && error.status === 404) return undefined;
    throw error;
  }
  const draft = versions.filter((v) => v.status === "draft").at(-1);
  if (draft) {
    const { definition } = await api.get<VersionReply<B>>(`${base(kind, key)}/draft`);
    return {
      body: definition.body,
      version: definition.version,
      draftChecksum: definition.checksum,
    };
  }
  const latest = versions.filter((v) => v.status === "published").at(-1) ?? versions.at(-1);
  if (!latest) return undefined;
  const { definition } = await api.get<VersionReply<B>>(
    `${base(kind, key)}/versions/${latest.version}`,
  );
  return { body: definition.body, version: definition.version, draftChecksum: undefined };
}

/**
 * Loads a form for editing: its draft, else its latest published version; undefined when no
 * form has the key (the builder then offers to create it).
 * @example const opened = await openForm(api, "visit-log");
 */
export async function openForm(api: ApiClient, key: string): Promise<OpenedForm | undefined> {
  const found = await openLatest<FormDoc>(api, "form", key);
  if (!found) return undefined;
  return { doc: found.body, version: found.version, draftChecksum: found.draftChecksum };
}

/** Creates (no checksum) or replaces (its checksum) the draft; invalid drafts are saved too. */
export async function saveFormDraft(
  api: ApiClient,
  doc: FormDoc,
  checksum: string | undefined,
  note?: string,
): Promise<{ checksum: string; version: number; issues: readonly ProblemIssue[] }> {
  const reply = await api.put<SaveReply<FormDoc>>(
    `${base("form", doc.key)}/draft`,
    { document: doc, ...(note ? { note } : {}) },
    checksum ? { "if-match": `"${checksum}"` } : {},
  );
  return {
    checksum: reply.definition.checksum,
    version: reply.definition.version,
    issues: reply.issues,
  };
}

/** Publishes the key's draft (validated in full by the server: a 422 lists every issue). */
export async function publishFormDraft(api: ApiClient, key: string): Promise<number> {
  const { definition } = await api.post<VersionReply<FormDoc>>(
    `${base("form", key)}/draft/publish`,
  );
  return definition.version;
}

export interface DefinitionSummary {
  readonly key: string;
  readonly name: I18nString | null;
  readonly draft: number | null;
  readonly published: number | null;
}

/** Every definition of a kind (its latest version's summary). */
export async function listDefinitions(
  api: ApiClient,
  kind: "form" | "flow",
): Promise<readonly DefinitionSummary[]> {
  const { items } = await api.get<{ items: readonly DefinitionSummary[] }>(
    `/api/v1/definitions?kind=${kind}`,
  );
  return items;
}

/** A task or approval node that works on the form, with its field permissions. */
export interface PermissionNode {
  readonly id: string;
  readonly type: "task" | "approval";
  readonly label: unknown;
  readonly fields: Readonly<Record<string, FieldPermission>>;
}

/** A flow (its draft, else latest version) with the nodes of it that work on the form. */
export interface PermissionFlow {
  readonly key: string;
  readonly name: unknown;
  readonly body: FlowDefinition;
  readonly draftChecksum: string | undefined;
  readonly nodes: readonly PermissionNode[];
}

interface NodeJson {
  id: string;
  type: string;
  label?: unknown;
  config?: { form?: string; fields?: Record<string, FieldPermission> };
}

/** The nodes of a flow body that work on records of `formKey`. */
export function permissionNodes(body: FlowDefinition, formKey: string): PermissionNode[] {
  const flowForm = (body as { form?: string }).form;
  const nodes = (body as unknown as { nodes: NodeJson[] }).nodes ?? [];
  return nodes
    .filter((n) => n.type === "task" || n.type === "approval")
    .filter((n) => (n.type === "task" ? (n.config?.form ?? flowForm) : flowForm) === formKey)
    .map((n) => ({
      id: n.id,
      type: n.type as "task" | "approval",
      label: n.label,
      fields: n.config?.fields ?? {},
    }));
}

/** The flows with task or approval nodes on `formKey`. */
export async function flowsUsingForm(api: ApiClient, formKey: string): Promise<PermissionFlow[]> {
  const flows = await listDefinitions(api, "flow");
  const opened = await Promise.all(
    flows.map(async (f): Promise<PermissionFlow | undefined> => {
      const found = await openLatest<FlowDefinition>(api, "flow", f.key);
      if (!found) return undefined;
      const nodes = permissionNodes(found.body, formKey);
      if (nodes.length === 0) return undefined;
      return {
        key: f.key,
        name: (found.body as { name?: unknown }).name ?? f.name,
        body: found.body,
        draftChecksum: found.draftChecksum,
        nodes,
      };
    }),
  );
  return opened.filter((f): f is PermissionFlow => f !== undefined);
}

/**
 * The flow body with new field permissions on its nodes (node id → field → permission; an empty
 * map removes `fields`).
 */
export function withPermissions(
  body: FlowDefinition,
  perNode: Readonly<Record<string, Readonly<Record<string, FieldPermission>>>>,
): FlowDefinition {
  const copy = structuredClone(body) as unknown as { nodes: NodeJson[] };
  for (const node of copy.nodes) {
    const fields = perNode[node.id];
    if (!fields) continue;
    node.config ??= {};
    if (Object.keys(fields).length > 0) node.config.fields = { ...fields };
    else delete node.config.fields;
  }
  return copy as unknown as FlowDefinition;
}

/** Saves a flow's draft with new permissions, under the flow draft's ETag when it has one. */
export async function saveFlowDraft(
  api: ApiClient,
  flow: PermissionFlow,
  body: FlowDefinition,
  note: string,
): Promise<string> {
  const reply = await api.put<SaveReply<FlowDefinition>>(
    `${base("flow", flow.key)}/draft`,
    { document: body, note },
    flow.draftChecksum ? { "if-match": `"${flow.draftChecksum}"` } : {},
  );
  return reply.definition.checksum;
}
