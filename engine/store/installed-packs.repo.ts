/**
 * @module store/installed-packs.repo
 * Which template packs a workspace has installed (migration 0008): the version installed last and
 * what each of its definitions was when the pack put it there. Scoped by workspace. The table is
 * typed here and added to the database type with Kysely's `withTables`, as its migration owns it.
 */
import type { Kysely } from "kysely";
import { fromJson, toJson } from "./json.ts";
import type { Database, JsonText } from "./schema.ts";
import type { Db } from "./store-errors.ts";

export interface InstalledPacksTable {
  workspace_id: string;
  pack_key: string;
  version: string;
  manifest: JsonText;
  items: JsonText;
  installed_by: string | null;
  installed_at: number;
}

// A type alias, not an interface: `withTables` needs an index signature.
type PackTables = { installed_packs: InstalledPacksTable };
type PackDb = Kysely<Database & PackTables>;
const tables = (db: Db): PackDb => db.withTables<PackTables>() as unknown as PackDb;

/** A definition as a pack installed it. */
export interface InstalledItem {
  readonly kind: string;
  readonly key: string;
  readonly version: number;
  readonly checksum: string;
}

/** A pack installed in a workspace. */
export interface InstalledPack {
  readonly workspaceId: string;
  readonly key: string;
  readonly version: string;
  readonly manifest: Readonly<Record<string, unknown>>;
  readonly items: readonly InstalledItem[];
  readonly installedBy: string | null;
  readonly installedAt: number;
}

function toInstalled(row: InstalledPacksTable): InstalledPack {
  return {
    workspaceId: row.workspace_id,
    key: row.pack_key,
    version: row.version,
    manifest: fromJson(row.manifest),
    items: fromJson(row.items),
    installedBy: row.installed_by,
    installedAt: Number(row.installed_at),
  };
}

/** The installed version of a pack, if any. */
export async function getInstalledPack(
  db: Db,
  key: { workspaceId: string; packKey: string },
): Promise<InstalledPack | undefined> {
  const row = await tables(db)
    .selectFrom("installed_packs")
    .selectAll()
    .where("workspace_id", "=", key.workspaceId)
    .where("pack_key", "=", key.packKey)
    .executeTakeFirst();
  return row && toInstalled(row);
}

/** Every pack installed in a workspace, by key. */
export async function listInstalledPacks(db: Db, workspaceId: string): Promise<InstalledPack[]> {
  const rows = await tables(db)
    .selectFrom("installed_packs")
    .selectAll()
    .where("workspace_id", "=", workspaceId)
    .orderBy("pack_key")
    .execute();
  return rows.map(toInstalled);
}

/**
 * Records an install: inserts the pack's row or replaces it (an upgrade or a re-install). The
 * items merge by (kind, key): a definition the new version no longer ships stays recorded.
 */
export async function saveInstalledPack(
  trx: Db,
  pack: Omit<InstalledPack, "items"> & { items: readonly InstalledItem[] },
): Promise<void> {
  const before = await getInstalledPack(trx, {
    workspaceId: pack.workspaceId,
    packKey: pack.key,
  });
  const merged = new Map<string, InstalledItem>();
  for (const item of [...(before?.items ?? []), ...pack.items])
    merged.set(`${item.kind}/${item.key}`, item);
  const values = {
    version: pack.version,
    manifest: toJson(pack.manifest),
    items: toJson([...merged.values()]),
    installed_by: pack.installedBy,
    installed_at: pack.installedAt,
  };
  if (before === undefined) {
    await tables(trx)
      .insertInto("installed_packs")
      .values({ workspace_id: pack.workspaceId, pack_key: pack.key, ...values })
      .execute();
    return;
  }
  await tables(trx)
    .updateTable("installed_packs")
    .set(values)
    .where("workspace_id", "=", pack.workspaceId)
    .where("pack_key", "=", pack.key)
    .execute();
}
