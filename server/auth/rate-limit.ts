/**
 * @module server/auth/rate-limit
 * Failed sign-ins per key (client address and e-mail) in a sliding window: after `max` failures
 * the key is refused until the oldest failure leaves the window. In memory, per process — with
 * several processes the limit is per process, which still bounds guessing.
 */
export interface LoginLimiter {
  /** Seconds until the key may try again, or 0. */
  retryAfter(key: string, now: number): number;
  fail(key: string, now: number): void;
  succeed(key: string): void;
}

export function createLoginLimiter(max = 5, windowMs = 15 * 60_000): LoginLimiter {
  const failures = new Map<string, number[]>();
  const recent = (key: string, now: number) => {
    const kept = (failures.get(key) ?? []).filter((t) => now - t < windowMs);
    if (kept.length === 0) failures.delete(key);
    else failures.set(key, kept);
    return kept;
  };
  return {
    retryAfter(key, now) {
      const list = recent(key, now);
      if (list.length < max) return 0;
      return Math.ceil(((list[0] ?? now) + windowMs - now) / 1000);
    },
    fail(key, now) {
      const list = recent(key, now);
      list.push(now);
      failures.set(key, list);
      if (failures.size > 100_000) failures.delete(failures.keys().next().value ?? "");
    },
    succeed(key) {
      failures.delete(key);
    },
  };
}
