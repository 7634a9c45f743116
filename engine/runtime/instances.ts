/**
 * @module runtime/instances
 * Starting instances of published flows. An instance is pinned to the definition version it
 * started on until it ends, whatever is published later.
 */

import { KamError } from "../errors/index.ts";
import { initialState, type JsonObject } from "../flows/index.ts";
import {
  getRecord,
  insertInstance,
  insertInstanceOnce,
  latestPublished,
  newId,
  type StoredDefinition,
} from "../store/index.ts";
import type { Instance, Runtime, Trx } from "./context.ts";

export interface StartRequest {
  readonly workspaceId: string;
  readonly flowKey: string;
  readonly input?: JsonObject;
  readonly recordId?: string | null;
  readonly initiator?: string | null;
  readonly parentInstanceId?: string | null;
  /** One instance per key and workspace: a second start with it starts nothing. */
  readonly startKey?: string;
  readonly id?: string;
  /** The published version to start, when the caller has already read it. */
  readonly definition?: StoredDefinition;
}

/** Creates and starts an instance of the latest published version of `flowKey`. */
export async function startInstance(
  rt: Runtime,
  trx: Trx,
  request: StartRequest,
  depth = 0,
): Promise<Instance | undefined> {
  const definition =
    request.definition ??
    (await latestPublished(trx, {
      workspaceId: request.workspaceId,
      kind: "flow",
      key: request.flowKey,
    }));
  if (!definition) {
    throw new KamError("RUNTIME_NOT_PUBLISHED", "", { kind: "flow", key: request.flowKey });
  }
  // The record must be one of this workspace's (ids are global: never trust one across workspaces).
  if (request.recordId) {
    const record = await getRecord(trx, { workspaceId: request.workspaceId, id: request.recordId });
    if (!record) {
      throw new KamError("STORE_NOT_FOUND", "/recordId", {
        entity: { "zh-CN": "记录", en: "record" },
        id: request.recordId,
      });
    }
  }
  const id = request.id ?? newId();
  const input = {
    workspaceId: request.workspaceId,
    flowKey: request.flowKey,
    flowVersion: definition.version,
    definitionId: definition.id,
    status: "running" as const,
    state: initialState(id),
    recordId: request.recordId ?? null,
    parentInstanceId: request.parentInstanceId ?? null,
    initiatorId: request.initiator ?? null,
    now: rt.clock.now(),
    id,
  };
  const created = request.startKey
    ? await insertInstanceOnce(trx, { ...input, startKey: request.startKey })
    : await insertInstance(trx, input);
  if (!created) return undefined;
  return rt.advance(
    trx,
    created as Instance,
    {
      type: "start",
      ...(request.input ? { input: request.input } : {}),
      ...(request.initiator ? { initiator: request.initiator } : {}),
      ...(request.recordId ? { recordId: request.recordId } : {}),
    },
    depth,
  );
}
