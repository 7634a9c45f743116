/**
 * @module runtime/definition-checks
 * Validating a definition document in full, against what is published in its workspace (the form
 * a tier model or flow reads, the tier models a model may use), without saving anything: the
 * same checks publishing makes, returned as issues rather than thrown, for drafts and the
 * designer's "validate" button.
 */
import type { FlowDefinition } from "../../schemas/index.ts";
import { DefinitionError, type Issue, KamError, type Validation } from "../errors/index.ts";
import { validateFlow } from "../flows/index.ts";
import { validateFormDefinition } from "../forms/index.ts";
import { type Db, latestPublished, listDefinitions } from "../store/index.ts";
import { type TierModel, validateTierModel } from "../tiers/index.ts";
import { recordSchemaOf } from "./definition-cache.ts";

/** The kinds of definition the runtime validates and publishes. */
export const definitionKinds = ["form", "tier-model", "flow"] as const;
export type DefinitionKind = (typeof definitionKinds)[number];

/** The result of a check: every error, and warnings that do not block publishing. */
export interface DefinitionCheck {
  readonly ok: boolean;
  readonly issues: readonly Issue[];
  readonly warnings: readonly Issue[];
}

async function formSchema(db: Db, workspaceId: string, form: unknown): Promise<object | undefined> {
  if (typeof form !== "string") return undefined;
  const stored = await latestPublished(db, { workspaceId, kind: "form", key: form });
  if (!stored) throw new KamError("RUNTIME_NOT_PUBLISHED", "/form", { kind: "form", key: form });
  return recordSchemaOf(stored.body);
}

type Check = (db: Db, workspaceId: string, document: unknown) => Promise<Validation<unknown>>;

// Publishing (runtime/definitions) runs these same checks through assertDefinition.
const checks: Readonly<Record<DefinitionKind, Check>> = {
  form: async (_db, _ws, document) => validateFormDefinition(document),
  "tier-model": async (db, workspaceId, document) => {
    const dataSchema = await formSchema(db, workspaceId, (document as { form?: unknown }).form);
    const models = (
      await listDefinitions(db, { workspaceId, kind: "tier-model", status: "published" })
    ).map((d) => d.body as TierModel);
    return validateTierModel(document, { dataSchema, models });
  },
  flow: async (db, workspaceId, document) => {
    const dataSchema = await formSchema(db, workspaceId, (document as FlowDefinition).form);
    return validateFlow(document, dataSchema ? { dataSchema } : {});
  },
};

/** Whether `kind` is a definition kind the runtime knows. */
export function isDefinitionKind(kind: unknown): kind is DefinitionKind {
  return typeof kind === "string" && (definitionKinds as readonly string[]).includes(kind);
}

/**
 * Checks `document` in full. A document whose kind is unknown or whose key is missing, or that
 * names a form with no published version, gets one issue saying so.
 * @example
 * const { ok, issues } = await checkDefinition(store.db, ws, draftBody);
 */
export async function checkDefinition(
  db: Db,
  workspaceId: string,
  document: unknown,
): Promise<DefinitionCheck> {
  const { kind, key } = (document ?? {}) as { kind?: unknown; key?: unknown };
  if (!isDefinitionKind(kind) || typeof key !== "string") {
    const error = new KamError("DEFINITION_KIND_UNKNOWN", "/kind", { kinds: [...definitionKinds] });
    return { ok: false, issues: [error.toIssue()], warnings: [] };
  }
  try {
    const result = await checks[kind](db, workspaceId, document);
    return result.ok
      ? { ok: true, issues: [], warnings: result.warnings }
      : { ok: false, issues: result.issues, warnings: [] };
  } catch (error) {
    if (error instanceof DefinitionError) return { ok: false, issues: error.issues, warnings: [] };
    if (error instanceof KamError) return { ok: false, issues: [error.toIssue()], warnings: [] };
    throw error;
  }
}

/** Checks `document` in full. @throws DefinitionError with every issue when it is invalid. */
export async function assertDefinition(
  db: Db,
  workspaceId: string,
  document: unknown,
): Promise<void> {
  const result = await checkDefinition(db, workspaceId, document);
  if (!result.ok) throw new DefinitionError(result.issues);
}
