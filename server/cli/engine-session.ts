/**
 * @module cli/engine-session
 * Commands that act on a workspace open the store (migrating it, as `serve` does), build an
 * engine on the system clock, and resolve which workspace they act on.
 */
import { KamError } from "../../engine/errors/index.ts";
import { createEngine, type Engine } from "../../engine/runtime/index.ts";
import { getWorkspace } from "../../engine/store/index.ts";
import { openMigratedStore, type ServeOptions } from "../serve.ts";
import { type CliIo, commandLogger, UsageError } from "./command.ts";

/**
 * Runs `work` with an engine over the migrated store, closing the store afterwards.
 * @example await withEngine({ databaseUrl }, io, (engine) => engine.users.create(ws, user));
 */
export async function withEngine<T>(
  database: Pick<ServeOptions, "databaseUrl" | "databaseSchema" | "storeOptions">,
  io: CliIo,
  work: (engine: Engine) => Promise<T>,
): Promise<T> {
  const { store } = await openMigratedStore(database, commandLogger(io));
  try {
    return await work(createEngine({ store, clock: { now: () => Date.now() } }));
  } finally {
    await store.close();
  }
}

/**
 * The workspace a command acts on: the one `--workspace` names (it must exist), else the only
 * one in the database. Several and none named is a usage error; none at all returns undefined.
 */
export async function resolveWorkspace(
  engine: Engine,
  named: string | undefined,
): Promise<string | undefined> {
  if (named !== undefined) {
    if (!(await getWorkspace(engine.store.db, named))) {
      throw new KamError("STORE_NOT_FOUND", "", {
        entity: { "zh-CN": "工作区", en: "workspace" },
        id: named,
      });
    }
    return named;
  }
  const rows = await engine.store.db.selectFrom("workspaces").select("id").limit(2).execute();
  if (rows.length > 1) {
    throw new UsageError("The database holds several workspaces: name one with --workspace <id>.");
  }
  return rows[0]?.id;
}
