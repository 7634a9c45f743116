/**
 * @module runtime/definitions
 * Publishing definitions: a form, tier model or flow is validated in full — against the forms and
 * models it refers to — and stored as the next version. Running instances keep the version they
 * started on; new ones start on the latest.
 */
import type { FlowDefinition } from "../../schemas/index.ts";
import { DefinitionError, KamError, type Validation } from "../errors/index.ts";
import { validateFlow } from "../flows/index.ts";
import { validateFormDefinition } from "../forms/index.ts";
import {
  appendAudit,
  insertDefinition,
  latestPublished,
  listDefinitions,
  type StoredDefinition,
} from "../store/index.ts";
import { type TierModel, validateTierModel } from "../tiers/index.ts";
import type { Actor, Runtime, Trx } from "./context.ts";
import { recordSchemaOf } from "./definition-cache.ts";

export interface PublishRequest {
  readonly workspaceId: string;
  readonly document: unknown;
  readonly actor: Actor;
  readonly note?: string;
}

async function formSchema(
  trx: Trx,
  workspaceId: string,
  form: unknown,
): Promise<object | undefined> {
  if (typeof form !== "string") return undefined;
  const stored = await latestPublished(trx, { workspaceId, kind: "form", key: form });
  if (!stored) throw new KamError("RUNTIME_NOT_PUBLISHED", "/form", { kind: "form", key: form });
  return recordSchemaOf(stored.body);
}

type Check = (trx: Trx, workspaceId: string, document: unknown) => Promise<void>;

function orThrow(result: Validation<unknown>): void {
  if (!result.ok) throw new DefinitionError(result.issues);
}

const checks: Readonly<Record<string, Check>> = {
  form: async (_trx, _ws, document) => orThrow(validateFormDefinition(document)),
  "tier-model": async (trx, workspaceId, document) => {
    const dataSchema = await formSchema(trx, workspaceId, (document as { form?: unknown }).form);
    const models = (
      await listDefinitions(trx, { workspaceId, kind: "tier-model", status: "published" })
    ).map((d) => d.body as TierModel);
    orThrow(validateTierModel(document, { dataSchema, models }));
  },
  flow: async (trx, workspaceId, document) => {
    const dataSchema = await formSchema(trx, workspaceId, (document as FlowDefinition).form);
    orThrow(validateFlow(document, dataSchema ? { dataSchema } : {}));
  },
};

/** Validates `document` in full and publishes it as the next version of its key. */
export async function publish(
  rt: Runtime,
  trx: Trx,
  request: PublishRequest,
): Promise<StoredDefinition> {
  const { kind, key } = (request.document ?? {}) as { kind?: unknown; key?: unknown };
  const check = typeof kind === "string" && Object.hasOwn(checks, kind) ? checks[kind] : undefined;
  if (!check || typeof kind !== "string" || typeof key !== "string") {
    throw new KamError("DEFINITION_KIND_UNKNOWN", "/kind", { kinds: Object.keys(checks) });
  }
  await check(trx, request.workspaceId, request.document);
  const now = rt.clock.now();
  const stored = await insertDefinition(trx, {
    workspaceId: request.workspaceId,
    kind,
    key,
    body: request.document,
    status: "published",
    note: request.note ?? null,
    createdBy: request.actor,
    now,
  });
  await appendAudit(trx, {
    workspaceId: request.workspaceId,
    at: now,
    actorId: request.actor,
    action: "definition.publish",
    entityKind: "definition",
    entityId: stored.id,
    after: { kind, key, version: stored.version, checksum: stored.checksum },
  });
  return stored;
}
