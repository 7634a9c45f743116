/**
 * @module runtime/command
 * How every command runs: one transaction, an optional idempotency key (a repeated command
 * returns the first result and changes nothing), and a bounded retry when the instance moved on
 * under it (two people acting on two tasks of one instance at once). A conflict on the thing the
 * command names — the same task completed twice — is not retried: it is the caller's 409.
 */
import { isConflictOn, withIdempotency } from "../store/index.ts";
import type { Runtime, Trx } from "./context.ts";

const MAX_ATTEMPTS = 5;

export interface CommandOptions {
  readonly workspaceId: string;
  /** e.g. "task.complete"; binds the idempotency key to one command. */
  readonly name: string;
  readonly idempotencyKey?: string;
  /** What the key's first use is compared with. */
  readonly request?: unknown;
}

/** Runs `body` as one command (see the module doc). */
export async function runCommand<T>(
  rt: Runtime,
  options: CommandOptions,
  body: (trx: Trx) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await rt.store.transaction(async (trx) => {
        if (!options.idempotencyKey) return body(trx);
        const { response } = await withIdempotency(
          trx,
          {
            workspaceId: options.workspaceId,
            key: options.idempotencyKey,
            command: options.name,
            request: options.request ?? null,
            now: rt.clock.now(),
          },
          () => body(trx),
        );
        return response;
      });
    } catch (error) {
      if (attempt >= MAX_ATTEMPTS || !isConflictOn(error, "instance")) throw error;
    }
  }
}
