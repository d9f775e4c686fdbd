import { type Kysely, type MigrationResultSet, Migrator, sql } from 'kysely';
import { migrations } from '../../migrations/index.js';

/** Applies every pending migration; throws with the failing migration's name. */
export async function migrateToLatest<T>(db: Kysely<T>): Promise<MigrationResultSet> {
  if (await upToDate(db)) return { results: [] };
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
  });
  const result = await migrator.migrateToLatest();
  if (result.error) {
    const failed = result.results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    throw new Error(`migration ${failed} failed: ${String(result.error)}`);
  }
  return result;
}

/**
 * True when every migration this code knows has been applied (the usual start). Kysely's
 * Migrator checks its tables through information_schema and takes its lock first: tens of
 * milliseconds on the embedded database, for nothing to do. Anything else goes to the Migrator.
 */
async function upToDate<T>(db: Kysely<T>): Promise<boolean> {
  const table = await sql<{ found: boolean }>`select to_regclass('kysely_migration') is not null as found`.execute(db);
  if (!table.rows[0]?.found) return false;
  const applied = await sql<{ name: string }>`select name from kysely_migration`.execute(db);
  const names = new Set(applied.rows.map((r) => r.name));
  // Equal sets only: a migration the database has and this code lacks is the Migrator's error to report.
  const known = Object.keys(migrations);
  return names.size === known.length && known.every((name) => names.has(name));
}
