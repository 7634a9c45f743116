/**
 * @module runtime/each-at-most
 * Runs claimed work side by side with a cap, where one item's failure must not hold up the
 * others: the others still run, and the first failure is rethrown once all have settled (the
 * scheduler logs it; the failed item's claim expires and another pass takes it again).
 */

/**
 * Runs `work` over `items`, at most `limit` at a time; rethrows the first failure at the end.
 * @example await eachAtMost(groups, 4, async (group) => { for (const t of group) await fire(t); });
 */
export async function eachAtMost<T>(
  items: readonly T[],
  limit: number,
  work: (item: T) => Promise<void>,
): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length) {
      const item = items[next++] as T;
      try {
        await work(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
}

/** Items grouped by a key, in their order, so that one key's items can run one after another. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): T[][] {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = groups.get(k);
    if (list) list.push(item);
    else groups.set(k, [item]);
  }
  return [...groups.values()];
}
