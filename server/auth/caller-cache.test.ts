import { describe, expect, it } from "vitest";
import type { Caller } from "../http/env.ts";
import { type CallerEntry, createCallerCache } from "./caller-cache.ts";

const caller = (workspaceId: string, userId: string): Caller => ({
  workspaceId,
  userId,
  role: "member",
  via: "token",
});
const entry = (workspaceId: string, userId: string): CallerEntry => ({
  caller: caller(workspaceId, userId),
});

describe("caller cache", () => {
  it("answers within the TTL, and reloads after it or when the clock went back", () => {
    const cache = createCallerCache(2000);
    cache.set("t:a", entry("w1", "u1"), 1000, cache.mark());
    expect(cache.get("t:a", 2999)?.caller.userId).toBe("u1");
    expect(cache.get("t:a", 3000)).toBeUndefined();
    cache.set("t:a", entry("w1", "u1"), 1000, cache.mark());
    expect(cache.get("t:a", 999)).toBeUndefined();
  });

  it("forgets a key, a user's credentials, or a whole workspace", () => {
    const cache = createCallerCache(2000);
    const fill = () => {
      cache.set("t:a", entry("w1", "u1"), 0, cache.mark());
      cache.set("s:b", entry("w1", "u1"), 0, cache.mark());
      cache.set("t:c", entry("w1", "u2"), 0, cache.mark());
      cache.set("t:d", entry("w2", "u1"), 0, cache.mark());
    };
    const left = () => ["t:a", "s:b", "t:c", "t:d"].filter((k) => cache.get(k, 1));
    fill();
    cache.forgetKey("s:b");
    expect(left()).toEqual(["t:a", "t:c", "t:d"]);
    fill();
    cache.forgetUser("w1", "u1");
    expect(left()).toEqual(["t:c", "t:d"]);
    fill();
    cache.forgetWorkspace("w1");
    expect(left()).toEqual(["t:d"]);
  });

  it("does not keep a lookup that was under way when something was forgotten", () => {
    const cache = createCallerCache(2000);
    const mark = cache.mark();
    // …the lookup reads the database; meanwhile the user is disabled:
    cache.forgetWorkspace("w1");
    cache.set("t:a", entry("w1", "u1"), 0, mark);
    expect(cache.get("t:a", 1)).toBeUndefined();
  });

  it("drops the oldest entry past its size", () => {
    const cache = createCallerCache(2000, 2);
    for (const key of ["a", "b", "c"]) cache.set(key, entry("w", key), 0, cache.mark());
    expect(["a", "b", "c"].filter((k) => cache.get(k, 1))).toEqual(["b", "c"]);
  });
});
