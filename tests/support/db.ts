import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/core/db.js';
import { migrateToLatest } from '../../src/core/migrator.js';

export type DbTarget = 'pglite' | 'postgres';

/**
 * The targets this run covers, like kysely's suite: PGlite by default; the real server
 * when TEST_DATABASE_URL is set; both with TEST_DB_TARGETS=both.
 */
export function dbTargets(): DbTarget[] {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) return ['pglite'];
  return process.env.TEST_DB_TARGETS === 'both' ? ['pglite', 'postgres'] : ['postgres'];
}

export interface TestDatabase extends DatabaseHandle {
  /** Empties every table (ids restart), keeping the schema. */
  reset(): Promise<void>;
  /** A URL for another process (real server only). */
  url?: string;
}

/** A migrated database of its own for one test file: in-memory PGlite or a fresh database on the server. */
export async function openTestDatabase(target: DbTarget): Promise<TestDatabase> {
  let handle: DatabaseHandle;
  let url: string | undefined;
  let dropDatabase = async () => {};
  if (target === 'postgres') {
    const adminUrl = process.env.TEST_DATABASE_URL;
    if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
    const name = `khoipho_t_${randomBytes(6).toString('hex')}`;
    await withAdmin(adminUrl, (c) => c.query(`create database ${name}`));
    const u = new URL(adminUrl);
    u.pathname = `/${name}`;
    url = u.toString();
    handle = await openDatabase({ databaseUrl: url, dataDir: 'unused' });
    dropDatabase = () => withAdmin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`)).then(() => undefined);
  } else {
    handle = await openDatabase({ dataDir: 'memory://' });
  }
  await migrateToLatest(handle.db);
  return {
    ...handle,
    ...(url ? { url } : {}),
    reset: async () => {
      const tables = await sql<{ tablename: string }>`
        select tablename from pg_tables where schemaname = 'public' and tablename not like 'kysely_%'`.execute(handle.db);
      const names = tables.rows.map((r) => `"${r.tablename}"`).join(', ');
      if (names) await sql.raw(`truncate ${names} restart identity cascade`).execute(handle.db);
    },
    close: async () => {
      await handle.close();
      await dropDatabase();
    },
  };
}

async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
