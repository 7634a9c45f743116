/**
 * @module runtime/definition-admin
 * The life of a definition as the designer drives it: validate without saving; one draft per
 * (kind, key), edited under its checksum (the HTTP ETag); publish the draft or a body (validated
 * in full, audited, idempotent); archive a published version; diff two versions. Publishing and
 * archiving drop the cached lists of published definitions after they commit, and publishing a
 * tier model indexes the record fields it reads.
 */
import { KamError } from "../errors/index.ts";
import {
  appendAudit,
  archiveDefinition,
  deleteDraft,
  entityNames,
  getDefinitionVersion,
  getDraft,
  insertDefinition,
  latestDefinitionVersion,
  publishDefinition,
  type StoredDefinition,
  updateDraft,
} from "../store/index.ts";
import { runCommand } from "./command.ts";
import type { Actor, Runtime, Trx } from "./context.ts";
import {
  assertDefinition,
  checkDefinition,
  type DefinitionCheck,
  definitionKinds,
  isDefinitionKind,
} from "./definition-checks.ts";
import { type DefinitionDiff, diffDefinitions } from "./definition-diff.ts";
import { publish } from "./definitions.ts";
import { indexTierFields } from "./tier-indexes.ts";

/** A definition's kind and key. */
export interface DefinitionKey {
  readonly kind: string;
  readonly key: string;
}

interface Acting {
  readonly actor?: Actor;
  readonly idempotencyKey?: string;
}

const keyName = (k: DefinitionKey) => `${k.kind}/${k.key}`;

const missing = (k: DefinitionKey, what = "") =>
  new KamError("STORE_NOT_FOUND", "", { entity: entityNames.definition, id: keyName(k) + what });

const stale = (k: DefinitionKey, expected: string | number) =>
  new KamError("STORE_CONFLICT", "", { entity: entityNames.definition, id: keyName(k), expected });

/** The kind and key a document names. @throws KamError DEFINITION_KIND_UNKNOWN. */
function keyOf(document: unknown): DefinitionKey {
  const { kind, key } = (document ?? {}) as { kind?: unknown; key?: unknown };
  if (!isDefinitionKind(kind) || typeof key !== "string" || key === "")
    throw new KamError("DEFINITION_KIND_UNKNOWN", "/kind", { kinds: [...definitionKinds] });
  return { kind, key };
}

/** The operations, bound to one runtime (see `createEngine`). */
export function definitionAdmin(rt: Runtime) {
  /** After a commit that changed what is published. */
  async function published(ws: string, stored: StoredDefinition): Promise<void> {
    rt.published.invalidate(`${ws}:${stored.kind}`);
    if (stored.kind === "tier-model" && stored.status === "published")
      await indexTierFields(rt.store, stored.body);
  }

  async function audit(
    trx: Trx,
    ws: string,
    action: string,
    stored: StoredDefinition,
    actor: Actor,
  ) {
    await appendAudit(trx, {
      workspaceId: ws,
      at: rt.clock.now(),
      actorId: actor,
      action,
      entityKind: "definition",
      entityId: stored.id,
      after: {
        kind: stored.kind,
        key: stored.key,
        version: stored.version,
        status: stored.status,
        checksum: stored.checksum,
      },
    });
  }

  return {
    /** Checks a document in full against the workspace, saving nothing. */
    validate: (ws: string, document: unknown): Promise<DefinitionCheck> =>
      checkDefinition(rt.store.db, ws, document),

    /** The draft of a key, if it has one. */
    draft: (ws: string, key: DefinitionKey) => getDraft(rt.store.db, { workspaceId: ws, ...key }),

    /**
     * Creates the key's draft (the next version number) or replaces its body. Replacing needs
     * the checksum the editor last read; creating needs none, since there is nothing to match.
     * Drafts may be invalid: they are work in progress.
     * @throws KamError STORE_CONFLICT when the checksum is stale, missing, or given for no draft.
     */
    saveDraft: (
      ws: string,
      request: { document: unknown; note?: string; expectedChecksum?: string; actor?: Actor },
    ): Promise<StoredDefinition> => {
      const key = keyOf(request.document);
      return rt.store.transaction(async (trx) => {
        const current = await getDraft(trx, { workspaceId: ws, ...key });
        if (current === undefined) {
          if (request.expectedChecksum !== undefined) throw stale(key, request.expectedChecksum);
          return insertDefinition(trx, {
            workspaceId: ws,
            ...key,
            body: request.document,
            status: "draft",
            note: request.note ?? null,
            createdBy: request.actor ?? null,
            now: rt.clock.now(),
          });
        }
        if (request.expectedChecksum === undefined) throw stale(key, current.checksum);
        return updateDraft(trx, {
          workspaceId: ws,
          id: current.id,
          expectedChecksum: request.expectedChecksum,
          body: request.document,
          ...(request.note !== undefined ? { note: request.note } : {}),
        });
      });
    },

    /** Discards the key's draft (if `expectedChecksum` is given, only if it still has it). */
    discardDraft: (ws: string, key: DefinitionKey, expectedChecksum?: string): Promise<void> =>
      rt.store.transaction(async (trx) => {
        const current = await getDraft(trx, { workspaceId: ws, ...key });
        if (current === undefined) throw missing(key, " (draft)");
        await deleteDraft(trx, {
          workspaceId: ws,
          id: current.id,
          ...(expectedChecksum !== undefined ? { expectedChecksum } : {}),
        });
      }),

    /**
     * Publishes the key's draft, validated in full. A draft older than a version published
     * meanwhile (a body published directly) is refused: rebase it by saving it again.
     * @throws DefinitionError with every issue; KamError STORE_NOT_FOUND or STORE_CONFLICT.
     */
    publishDraft: async (
      ws: string,
      key: DefinitionKey,
      request: Acting & { expectedChecksum?: string } = {},
    ): Promise<StoredDefinition> => {
      const stored = await runCommand(
        rt,
        {
          workspaceId: ws,
          name: "definition.publish-draft",
          idempotencyKey: request.idempotencyKey,
          request: { ...key, expectedChecksum: request.expectedChecksum ?? null },
        },
        async (trx) => {
          const draft = await getDraft(trx, { workspaceId: ws, ...key });
          if (draft === undefined) throw missing(key, " (draft)");
          if (request.expectedChecksum !== undefined && request.expectedChecksum !== draft.checksum)
            throw stale(key, request.expectedChecksum);
          const newest = await latestDefinitionVersion(trx, { workspaceId: ws, ...key });
          if (newest && newest.version > draft.version) throw stale(key, draft.version);
          await assertDefinition(trx, ws, draft.body);
          const done = await publishDefinition(trx, {
            workspaceId: ws,
            id: draft.id,
            now: rt.clock.now(),
          });
          await audit(trx, ws, "definition.publish", done, request.actor ?? null);
          return done;
        },
      );
      await published(ws, stored);
      return stored;
    },

    /**
     * Validates a document in full and publishes it as the next version of its key.
     * @throws DefinitionError with every issue.
     */
    publish: async (
      ws: string,
      document: unknown,
      request: Acting & { note?: string } = {},
    ): Promise<StoredDefinition> => {
      keyOf(document);
      const stored = await runCommand(
        rt,
        {
          workspaceId: ws,
          name: "definition.publish",
          idempotencyKey: request.idempotencyKey,
          request: { document, note: request.note ?? null },
        },
        async (trx) => {
          // The full check first, so an invalid document reports every issue, not the first.
          await assertDefinition(trx, ws, document);
          return publish(rt, trx, {
            workspaceId: ws,
            document,
            actor: request.actor ?? null,
            ...(request.note ? { note: request.note } : {}),
          });
        },
      );
      await published(ws, stored);
      return stored;
    },

    /**
     * Archives a published version: no new instance starts on it (the previous published
     * version, if any, becomes the latest); running ones finish on it.
     * @throws KamError STORE_NOT_FOUND, or STORE_STATE_INVALID when it is not published.
     */
    archive: async (
      ws: string,
      key: DefinitionKey & { version: number },
      request: Acting = {},
    ): Promise<StoredDefinition> => {
      const stored = await runCommand(
        rt,
        {
          workspaceId: ws,
          name: "definition.archive",
          idempotencyKey: request.idempotencyKey,
          request: key,
        },
        async (trx) => {
          const version = await getDefinitionVersion(trx, { workspaceId: ws, ...key });
          if (version === undefined) throw missing(key, `@${key.version}`);
          const done = await archiveDefinition(trx, { workspaceId: ws, id: version.id });
          await audit(trx, ws, "definition.archive", done, request.actor ?? null);
          return done;
        },
      );
      await published(ws, stored);
      return stored;
    },

    /** What changed from version `from` to version `to` of a key, as JSON pointers. */
    diff: async (
      ws: string,
      key: DefinitionKey,
      from: number,
      to: number,
    ): Promise<DefinitionDiff> => {
      const [a, b] = await Promise.all(
        [from, to].map((version) =>
          getDefinitionVersion(rt.store.db, { workspaceId: ws, ...key, version }),
        ),
      );
      if (a === undefined) throw missing(key, `@${from}`);
      if (b === undefined) throw missing(key, `@${to}`);
      return diffDefinitions(a.body, b.body);
    },
  };
}

export type DefinitionAdmin = ReturnType<typeof definitionAdmin>;
