import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, sql, type Transaction } from 'kysely';
import pg from 'pg';
import type { Logger } from './logger.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;
/** An open transaction: functions that lock rows take this, so the compiler forbids calling them outside one. */
export type Trx = Transaction<Database>;
/** Either: for queries that work inside or outside a transaction. */
export type DbOrTrx = Db | Trx;

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
export async function openDatabase(opts: { databaseUrl?: string | undefined; dataDir: string; logger?: Logger }): Promise<DatabaseHandle> {
  if (opts.databaseUrl) {
    setPgParsers();
    // Fails fast while the server is down (an apology, a 503), instead of queueing callers for ever.
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: 10, connectionTimeoutMillis: CONNECT_TIMEOUT_MS });
    listenForLostConnections(pool, opts.logger);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    return { db, target: 'postgres', close: () => db.destroy() };
  }
  const dataDir = opts.dataDir === 'memory://' ? undefined : opts.dataDir;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // Loaded only for the embedded target: a bot on a server never pays PGlite's memory or startup.
  const [{ PGlite, types: pgliteTypes }, { PGliteDialect }] = await Promise.all([import('@electric-sql/pglite'), import('kysely-pglite-dialect')]);
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

const CONNECT_TIMEOUT_MS = 5_000;
/** One line per this many ms, however many connections a restart drops at once. */
const LOST_LOG_EVERY_MS = 10_000;

/**
 * A client whose connection the server drops (restart, failover, pg_terminate_backend) emits
 * 'error'; without a listener that kills the process. The pool listens only while a client is
 * idle, so every client gets its own listener when it connects, checked out or not (the
 * outbox leader keeps one checked out for its lock). A broken client is dropped from the pool
 * when released and replaced on next use; the query it was running reports its own error.
 */
function listenForLostConnections(pool: pg.Pool, logger: Logger | undefined): void {
  let lastLogged = -Infinity;
  const lost = (error: Error) => {
    const now = Date.now();
    if (now - lastLogged < LOST_LOG_EVERY_MS) return logger?.debug({ err: error }, 'database connection lost');
    lastLogged = now;
    logger?.warn({ err: error }, 'database connection lost; it will be replaced when the server answers');
  };
  pool.on('error', () => undefined); // idle clients: `lost` below already heard it
  pool.on('connect', (client) => client.on('error', lost));
}

/** True when the database answers a trivial query within a few seconds. */
export async function isDatabaseReachable(db: Db, timeoutMs = CONNECT_TIMEOUT_MS): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), timeoutMs)));
  const answered = sql`select 1`.execute(db).then(
    () => true,
    () => false,
  );
  return Promise.race([answered, late]).finally(() => clearTimeout(timer));
}
