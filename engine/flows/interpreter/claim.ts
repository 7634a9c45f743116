/**
 * @module flows/interpreter/claim
 * Finds the waiting path an id belongs to (a task, a timer, a message, a child) and takes the id
 * off its wait list, so the path's executor sees only what is still outstanding.
 */
import type { Token, WaitInfo } from "../model/state.ts";
import { putToken, type Run } from "./run.ts";

/** The wait lists an event's id can be on. */
export type WaitList = "tasks" | "timers" | "messages" | "children";

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The waiting path whose `list` holds `id`, with `id` taken off the list. */
export function claimWait(
  run: Run,
  list: WaitList,
  id: string,
  tokenId?: string,
): Token | undefined {
  const token = run.tokens.find(
    (t) =>
      t.status === "waiting" &&
      (tokenId === undefined || t.id === tokenId) &&
      t.wait?.[list]?.includes(id),
  );
  if (!token?.wait) return undefined;
  // Assigned rather than spread with a computed key, which is slow on the hot path.
  const wait: Mutable<WaitInfo> = { ...token.wait };
  wait[list] = (token.wait[list] ?? []).filter((x) => x !== id);
  const updated: Token = { ...token, wait };
  putToken(run, updated);
  return updated;
}
