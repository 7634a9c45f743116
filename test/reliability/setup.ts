/**
 * @module test/reliability/setup
 * The world a reliability test drives real server processes in: a fresh database location,
 * migrated; the webhook sink; a workspace with an admin (holding the roles the flow's tasks
 * need), the flow published, and an API token for the test's HTTP clients. Also the clean-up
 * stack the tests unwind in `afterAll` and at the end of a run, and the database settings a
 * server process is started with.
 *
 * @example
 * const cleanups = cleanUps();
 * afterAll(() => cleanups.run(), 30_000);
 * const { location, store, sink, ws, token } = await setUpWorld(database, cleanups, {
 *   workspace: "R1 崩溃恢复", tokenName: "R1 clients", roles: ["desk"],
 *   definitions: (sinkUrl) => [crashFlow(sinkUrl)],
 * });
 * const server = await startServerProcess({ ...serverDatabase(location), env: { … } });
 */
import { manualClock } from "../../engine/ports.ts";
import { createEngine, type Engine } from "../../engine/runtime/index.ts";
import { insertApiToken, type Store } from "../../engine/store/index.ts";
import type { TestDatabase, TestLocation } from "../../engine/store/testing/databases.ts";
import { digest, newSecret } from "../../server/auth/secrets.ts";
import { type ServerProcessOptions, stopAll } from "./server-process.ts";
import { type Sink, type SinkOptions, startSink } from "./sink.ts";

/** What a run opened, undone last-opened first (also in `afterAll` when a run failed midway). */
export interface CleanUps {
  push(undo: () => Promise<void>): void;
  /** Undoes everything pushed so far, last first. */
  run(): Promise<void>;
}

export function cleanUps(): CleanUps {
  const undos: Array<() => Promise<void>> = [];
  return {
    push: (undo) => {
      undos.push(undo);
    },
    run: async () => {
      for (let undo = undos.pop(); undo; undo = undos.pop()) await undo();
    },
  };
}

export interface WorldOptions {
  /** The workspace's name, e.g. "R1 崩溃恢复". */
  readonly workspace: string;
  /** The API token's name, e.g. "R1 clients". */
  readonly tokenName: string;
  /** Roles granted to the admin (the one user, whom the clients act as). @default [] */
  readonly roles?: readonly string[];
  /** The definitions to publish, in order; they may call the sink. */
  readonly definitions: (sinkUrl: string) => unknown[];
  readonly sink?: SinkOptions;
}

export interface World {
  readonly location: TestLocation;
  /** The test's own (migrated) store on the location: for setup and for counting. */
  readonly store: Store;
  readonly sink: Sink;
  /** An engine on `store` with a manual clock, owner "setup". */
  readonly engine: Engine;
  readonly ws: string;
  readonly admin: string;
  /** The admin's API token (`Authorization: Bearer <token>`). */
  readonly token: string;
}

/**
 * Sets up the world on a fresh location of `database`. Pushed on `cleanups`, undone in reverse:
 * the location, the store, the sink, and `stopAll` (every server process the run starts).
 */
export async function setUpWorld(
  database: TestDatabase,
  cleanups: CleanUps,
  options: WorldOptions,
): Promise<World> {
  const location = await database.location();
  cleanups.push(() => location.dispose());
  const store: Store = await location.open();
  cleanups.push(() => store.close());
  await store.migrate();
  const sink = await startSink(options.sink);
  cleanups.push(() => sink.close());
  cleanups.push(() => stopAll());
  const engine = createEngine({ store, clock: manualClock(Date.now()), owner: "setup" });
  const ws = await engine.workspaces.create(options.workspace);
  const admin = await engine.users.create(ws, { email: "ops@acme.cn", name: "运维" });
  await engine.memberships.add(ws, { userId: admin, role: "admin" });
  for (const role of options.roles ?? []) await engine.roles.grant(ws, { userId: admin, role });
  for (const definition of options.definitions(sink.url))
    await engine.definitions.publish(ws, definition);
  const token = newSecret("kam_");
  await insertApiToken(store.db, {
    workspaceId: ws,
    userId: admin,
    name: options.tokenName,
    tokenHash: digest(token),
    now: Date.now(),
  });
  return { location, store, sink, engine, ws, admin, token };
}

/**
 * The database settings of a server process on `location`: its URL (or `databaseUrl`, e.g.
 * through a proxy) and, on PostgreSQL, its schema.
 */
export function serverDatabase(
  location: TestLocation,
  databaseUrl: string = location.url,
): Pick<ServerProcessOptions, "databaseUrl" | "schema"> {
  return {
    databaseUrl,
    ...(location.options.schema ? { schema: location.options.schema } : {}),
  };
}
