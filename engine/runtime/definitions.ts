/**
 * @module runtime/definitions
 * Publishing definitions: a form, tier model or flow is validated in full — against the forms and
 * models it refers to — and stored as the next version. Running instances keep the version they
 * started on; new ones start on the latest.
 */
import { appendAudit, insertDefinition, type StoredDefinition } from "../store/index.ts";
import type { Actor, Runtime, Trx } from "./context.ts";
import { assertDefinition } from "./definition-checks.ts";

export interface PublishRequest {
  readonly workspaceId: string;
  readonly document: unknown;
  readonly actor: Actor;
  readonly note?: string;
}

/** Validates `document` in full and publishes it as the next version of its key. */
export async function publish(
  rt: Runtime,
  trx: Trx,
  request: PublishRequest,
): Promise<StoredDefinition> {
  // The same checks as a draft's "validate" (runtime/definition-checks), thrown when they fail.
  await assertDefinition(trx, request.workspaceId, request.document);
  const { kind, key } = request.document as { kind: string; key: string };
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
