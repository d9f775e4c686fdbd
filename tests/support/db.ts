import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { type DatabaseHandle, openDatabase } from '../../src/core/db.js';
import { migrateToLatest } from '../../src/core/migrator.js';
import { leasePglite } from './pglite.js';

export type DbTarget = 'pglite' | 'postgres';

/** Set by tests/support/global-setup.ts: a migrated database on the server that test databases are copied from. */
export const PG_TEMPLATE_ENV = 'KHOIPHO_TEST_PG_TEMPLATE';

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

/**
 * A migrated, empty database for one test file. PGlite: the worker's shared instance
 * (emptied now; see pglite.ts), so a file pays no start-up. Server: a fresh database,
 * copied from the run's migrated template when there is one.
 */
export async function openTestDatabase(target: DbTarget): Promise<TestDatabase> {
  if (target === 'pglite') {
    const lease = await leasePglite();
    await prepareReset(lease.handle);
    await truncateAll(lease.handle);
    return { ...lease.handle, reset: () => truncateAll(lease.handle), close: lease.release };
  }
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) throw new Error('TEST_DATABASE_URL is not set');
  const name = `khoipho_t_${randomBytes(6).toString('hex')}`;
  const template = process.env[PG_TEMPLATE_ENV];
  await withAdmin(adminUrl, (c) => c.query(template ? `create database ${name} template ${template}` : `create database ${name}`));
  const url = databaseUrl(adminUrl, name);
  const handle = await openDatabase({ databaseUrl: url, dataDir: 'unused' });
  if (!template) await migrateToLatest(handle.db);
  await prepareReset(handle);
  return {
    ...handle,
    url,
    reset: () => truncateAll(handle),
    close: async () => {
      await handle.close();
      await withAdmin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
    },
  };
}

/**
 * Empties every table and restarts every sequence, as `truncate … restart identity` would, at a
 * fraction of its cost: truncate replaces each table's files (about 40 ms for our 26 tables on
 * PGlite, before every flow test), while deleting a test's few rows touches only those.
 * Foreign keys and triggers are off for the deletes (session_replication_role), so the order
 * does not matter and no trigger counts rows that are going away. The one office of a fresh
 * install is then made again.
 */
const RESET_FUNCTION = `
  create or replace function khoipho_test_reset() returns void language plpgsql as $$
  declare r record;
  begin
    set local session_replication_role = replica;
    for r in select tablename from pg_tables where schemaname = 'public' and tablename not like 'kysely_%' loop
      execute format('delete from %I', r.tablename);
    end loop;
    for r in select sequencename from pg_sequences where schemaname = 'public' and last_value is not null loop
      execute format('alter sequence %I restart', r.sequencename);
    end loop;
    -- A fresh install has its one office (migration 2026_12_20_1000_offices), with no settings row.
    insert into offices (kind) values ('xa');
  end $$`;

async function truncateAll(handle: DatabaseHandle): Promise<void> {
  await sql`select khoipho_test_reset()`.execute(handle.db);
}

async function prepareReset(handle: DatabaseHandle): Promise<void> {
  await sql.raw(RESET_FUNCTION).execute(handle.db);
}

export function databaseUrl(serverUrl: string, name: string): string {
  const u = new URL(serverUrl);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function withAdmin<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
