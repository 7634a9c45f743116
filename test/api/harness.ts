/**
 * @module test/api/harness
 * A real kamflow server on an ephemeral port of 127.0.0.1, over a fresh database of the given
 * kind, with a manual clock and a workspace of people with passwords. `client` signs in over HTTP
 * and keeps the session cookie and CSRF token like a browser would; `tokenClient` uses a bearer
 * API token like an integration.
 */
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { manualClock } from "../../engine/ports.ts";
import { createEngine, type Engine } from "../../engine/runtime/index.ts";
import type { Role, Store } from "../../engine/store/index.ts";
import type { TestDatabase } from "../../engine/store/testing/databases.ts";
import { createApp } from "../../server/app.ts";
import { hashPassword } from "../../server/auth/password.ts";
import { createLoginLimiter } from "../../server/auth/rate-limit.ts";

/** 2026-11-23 09:00 in Shanghai, a Monday. */
export const T0 = Date.UTC(2026, 10, 23, 1, 0, 0);
export const PASSWORD = "correct horse battery staple";
/** The test server's body limit: small, so an oversized body fits the socket buffers. */
export const BODY_LIMIT = 32 * 1024;

/** A reply body as tests read it: loosely, field by field, checked by their assertions. */
// biome-ignore lint/suspicious/noExplicitAny: see above; the assertions are the checks
export type Loose = any;

export interface Reply<T = Loose> {
  readonly status: number;
  readonly body: T;
  readonly headers: Headers;
}

export interface Client {
  request<T = Loose>(
    method: string,
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply<T>>;
  get<T = Loose>(path: string, headers?: Record<string, string>): Promise<Reply<T>>;
  post<T = Loose>(
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply<T>>;
  patch<T = Loose>(
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
  ): Promise<Reply<T>>;
  delete<T = Loose>(path: string, headers?: Record<string, string>): Promise<Reply<T>>;
  /** A raw GET with the client's credentials, for streams (the caller reads the body). */
  open(path: string): Promise<Response>;
}

export interface ApiWorld {
  readonly url: string;
  readonly engine: Engine;
  readonly store: Store;
  readonly clock: ReturnType<typeof manualClock>;
  readonly ws: string;
  /** People by name: admin, designer, manager, kam (member), director (manager), viewer. */
  readonly people: Readonly<Record<string, { id: string; email: string }>>;
  /** A client signed in as `name` (of `people`). */
  client(name: string): Promise<Client>;
  /** A client with no credentials. */
  anonymous(): Client;
  /** Answers that did not match the route table (checked on close). */
  readonly violations: string[];
  /** Adds a person with a password and a workspace role. */
  addPerson(name: string, role: Role, workspaceId?: string): Promise<{ id: string; email: string }>;
  close(): Promise<void>;
}

function makeClient(
  url: string,
  auth: { cookie?: string; csrf?: string; bearer?: string },
): Client {
  const request = async (
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const all: Record<string, string> = { "accept-language": "en", ...headers };
    if (auth.cookie) all.cookie = auth.cookie;
    if (auth.csrf && method !== "GET") all["x-csrf-token"] = auth.csrf;
    if (auth.bearer) all.authorization = `Bearer ${auth.bearer}`;
    let payload: string | undefined;
    if (body !== undefined) {
      payload = typeof body === "string" ? body : JSON.stringify(body);
      all["content-type"] ??= "application/json";
    }
    const res = await fetch(url + path, { method, headers: all, body: payload });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as Loose, headers: res.headers };
  };
  return {
    request,
    get: (p, h) => request("GET", p, undefined, h),
    post: (p, b, h) => request("POST", p, b ?? {}, h),
    patch: (p, b, h) => request("PATCH", p, b ?? {}, h),
    delete: (p, h) => request("DELETE", p, undefined, h),
    open: (p) => {
      const headers: Record<string, string> = {};
      if (auth.cookie) headers.cookie = auth.cookie;
      if (auth.bearer) headers.authorization = `Bearer ${auth.bearer}`;
      return fetch(url + p, { headers });
    },
  };
}

/** Signs in over HTTP; the client then sends the session cookie and CSRF token. */
export async function signIn(url: string, email: string, password = PASSWORD): Promise<Client> {
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email, password }),
  });
  if (res.status !== 200)
    throw new Error(`login of ${email} answered ${res.status}: ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0];
  const { csrfToken } = (await res.json()) as { csrfToken: string };
  return makeClient(url, { cookie, csrf: csrfToken });
}

/** A client using a bearer API token. */
export function tokenClient(url: string, token: string): Client {
  return makeClient(url, { bearer: token });
}

let hashed: Promise<string> | undefined;

/** Starts a server over a fresh database of `database`'s kind. */
export async function startApi(database: TestDatabase): Promise<ApiWorld> {
  const store = await database.open();
  const clock = manualClock(T0);
  const engine = createEngine({ store, clock, owner: "api-test" });
  const violations: string[] = [];
  const app = createApp({
    engine,
    store,
    clock,
    limiter: createLoginLimiter(),
    version: "test",
    bodyLimit: BODY_LIMIT,
    onResponseViolation: (violation) => violations.push(violation),
  });
  const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise<void>((resolve) => server.once("listening", () => resolve()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  hashed ??= hashPassword(PASSWORD);
  const passwordHash = await hashed;
  const ws = await engine.workspaces.create("ACME 华东大客户部");
  const people: Record<string, { id: string; email: string }> = {};
  const addPerson = async (name: string, role: Role, workspaceId = ws) => {
    const email = `${name}@${workspaceId === ws ? "acme" : "other"}.cn`;
    const id = await engine.users.create(workspaceId, { email, name, passwordHash });
    await engine.memberships.add(workspaceId, { userId: id, role });
    if (workspaceId === ws) people[name] = { id, email };
    return { id, email };
  };
  for (const [name, role] of [
    ["admin", "admin"],
    ["designer", "designer"],
    ["manager", "manager"],
    ["director", "manager"],
    ["kam", "member"],
    ["viewer", "viewer"],
  ] as const)
    await addPerson(name, role);
  return {
    url,
    engine,
    store,
    clock,
    ws,
    people,
    addPerson,
    client: async (name) => {
      const person = people[name];
      if (!person) throw new Error(`no person ${name}`);
      return signIn(url, person.email);
    },
    anonymous: () => makeClient(url, {}),
    violations,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
      // Every answer the suite saw must match the OpenAPI document (server/http/response-check).
      if (violations.length > 0)
        throw new Error(`Answers that do not match the API document:\n${violations.join("\n")}`);
    },
  };
}

/** Reads Server-Sent Events from a response until `stop` returns true for the list so far. */
export async function readEvents(
  res: Response,
  stop: (events: ReadonlyArray<{ event: string; data: Loose }>) => boolean,
): Promise<Array<{ event: string; data: Loose }>> {
  const reader = res.body?.getReader();
  if (!reader) throw new Error("no body to read events from");
  const decoder = new TextDecoder();
  const events: Array<{ event: string; data: Loose }> = [];
  let buffer = "";
  while (!stop(events)) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true });
    let end = buffer.indexOf("\n\n");
    while (end >= 0) {
      const block = buffer.slice(0, end);
      buffer = buffer.slice(end + 2);
      const event = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1];
      if (event && data !== undefined) events.push({ event, data: JSON.parse(data) });
      end = buffer.indexOf("\n\n");
    }
  }
  await reader.cancel();
  return events;
}
