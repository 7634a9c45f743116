import { describe, expect, it } from "vitest";
import { KamError } from "../errors/index.ts";
import { isDatabaseUnavailable } from "./store-errors.ts";

const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["a refused connection", withCode("connect ECONNREFUSED 127.0.0.1:5432", "ECONNREFUSED")],
    ["a reset connection", withCode("read ECONNRESET", "ECONNRESET")],
    ["pg: connection lost mid-query", new Error("Connection terminated unexpectedly")],
    ["pg-pool: no connection in time", new Error("timeout exceeded when trying to connect")],
    [
      "PostgreSQL shutting down",
      withCode("terminating connection due to administrator command", "57P01"),
    ],
    ["PostgreSQL starting up", withCode("the database system is starting up", "57P03")],
    ["too many connections", withCode("sorry, too many clients already", "53300")],
    ["a connection exception", withCode("connection failure", "08006")],
    [
      "an idle transaction ended",
      withCode("terminating connection due to idle-in-transaction timeout", "25P03"),
    ],
    ["SQLite write lock held past the busy timeout", withCode("database is locked", "SQLITE_BUSY")],
  ])("is true for %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a syntax error (a bug, not an outage)", withCode('syntax error at or near "selec"', "42601")],
    ["a unique violation", withCode("duplicate key value", "23505")],
    ["a SQLite constraint", withCode("UNIQUE constraint failed", "SQLITE_CONSTRAINT_UNIQUE")],
    ["a typed kamflow error", new KamError("STORE_NOT_FOUND", "", {})],
    ["a plain error", new Error("something else")],
    ["not an error", { code: "ECONNREFUSED", message: "Connection terminated" }],
  ])("is false for %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});
