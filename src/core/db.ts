import { mkdirSync } from 'node:fs';
import { PGlite, types as pgliteTypes } from '@electric-sql/pglite';
import { Kysely, PostgresDialect, sql } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import pg from 'pg';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

export interface DatabaseHandle {
  db: Db;
  /** 'pglite' (embedded) or 'postgres' (a server through pg). */
  target: 'pglite' | 'postgres';
  close(): Promise<void>;
}

const INT8 = 20;

// pg returns int8/count(*) as strings and PGlite as BigInt; both become JS numbers
// (Telegram ids and our counters fit in 52 bits).
let pgParsersSet = false;
function setPgParsers(): void {
  if (pgParsersSet) return;
  pg.types.setTypeParser(INT8, (v: string) => Number(v));
  pgParsersSet = true;
}

/**
 * Opens Kysely over `pg` when a URL is given, otherwise over embedded PGlite
 * in `dataDir` (`memory://` keeps it in memory, for tests).
 */
export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string }): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    setPgParsers();
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10 });
    // An idle client whose connection the server dropped (restart, failover) emits 'error'; unhandled,
    // that would kill the process. The pool replaces such clients on next use, and queries report their own errors.
    pool.on('error', () => undefined);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, target: 'postgres', close: () => db.destroy() };
  }
  const dataDir = opts.dataDir === 'memory://' ? undefined : opts.dataDir;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  const pglite = new PGlite(dataDir, {
    parsers: { [pgliteTypes.INT8]: (v: string) => Number(v) },
  });
  await pglite.waitReady;
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite) });
  return {
    db,
    target: 'pglite',
    close: async () => {
      await db.destroy();
      if (!pglite.closed) await pglite.close();
    },
  };
}

/** True when the database answers a trivial query. */
export async function isDatabaseReachable(db: Db): Promise<boolean> {
  try {
    await sql`select 1`.execute(db);
    return true;
  } catch {
    return false;
  }
}
