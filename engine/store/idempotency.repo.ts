/**
 * @module store/idempotency.repo
 * Idempotency keys: a command sent twice with the same key runs once; the repeat gets the first
 * response. The key is claimed by inserting its row *before* the command runs, in the command's
 * transaction: a concurrent repeat then waits on the key's unique index (PostgreSQL) or on the
 * write lock (SQLite) until the first commits, and finds the stored response — or, if the first
 * rolled back, runs the command itself.
 */
import { KamError } from "../errors/index.ts";
import { canonicalJson, fromJson, sha256Hex, toJson } from "./json.ts";
import type { Db } from "./store-errors.ts";

export interface IdempotentCommand {
  readonly workspaceId: string;
  /** The client's key (e.g. the `Idempotency-Key` header). */
  readonly key: string;
  /** The command's name, e.g. "task.complete"; a key is bound to one command. */
  readonly command: string;
  /** The request the response answers; compared by the hash of its canonical JSON. */
  readonly request: unknown;
  readonly now: number;
}

export interface IdempotentResult<T> {
  readonly response: T;
  /** True when the stored response of an earlier run is returned and `run` did not run. */
  readonly replayed: boolean;
}

/**
 * Runs `run` once per key, inside the caller's transaction `trx`, and stores its response (it must
 * be JSON) with the key. A repeat with the same command and request returns the stored response
 * without running.
 * @throws KamError STORE_IDEMPOTENCY_MISMATCH when the key was used for another command or request.
 * @example
 * const { response, replayed } = await store.transaction((trx) =>
 *   withIdempotency(trx, { workspaceId, key, command: "task.complete", request: body, now },
 *     () => completeTask(trx, body)),
 * );
 */
export async function withIdempotency<T>(
  trx: Db,
  command: IdempotentCommand,
  run: () => Promise<T>,
): Promise<IdempotentResult<T>> {
  const requestHash = sha256Hex(canonicalJson(command.request));
  const claimed = await trx
    .insertInto("idempotency_keys")
    .values({
      workspace_id: command.workspaceId,
      key: command.key,
      command: command.command,
      request_hash: requestHash,
      response: null,
      created_at: command.now,
    })
    .onConflict((oc) => oc.columns(["workspace_id", "key"]).doNothing())
    .returning("key")
    .executeTakeFirst();

  if (claimed === undefined) {
    const stored = await trx
      .selectFrom("idempotency_keys")
      .select(["command", "request_hash", "response"])
      .where("workspace_id", "=", command.workspaceId)
      .where("key", "=", command.key)
      .executeTakeFirstOrThrow();
    if (stored.command !== command.command || stored.request_hash !== requestHash) {
      throw new KamError("STORE_IDEMPOTENCY_MISMATCH", "", {
        key: command.key,
        command: stored.command,
      });
    }
    // A committed key always has its response: it is written in the same transaction.
    return { response: fromJson<T>(stored.response ?? "null"), replayed: true };
  }

  const response = await run();
  await trx
    .updateTable("idempotency_keys")
    .set({ response: toJson(response) })
    .where("workspace_id", "=", command.workspaceId)
    .where("key", "=", command.key)
    .execute();
  return { response, replayed: false };
}
