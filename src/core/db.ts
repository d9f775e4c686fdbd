import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { Kysely, PostgresDialect, type PostgresCursor, type PostgresPool, type PostgresPoolClient, type PostgresQueryResult, type RawBuilder, sql, type Transaction } from 'kysely';
import pg from 'pg';
import { lockDataDir } from './data-lock.js';
import { initialiseDataDir } from './pglite-init.js';
import { type ArrayColumns, leanParsers } from './pglite-parsers.js';
import { DataDirUnreadableError } from './snapshot-files.js';
import type { Logger } from './logger.js';
import type { Database } from './schema.js';

export type Db = Kysely<Database>;

/** The embedded database's shared buffers (see openDatabase). */
export const PGLITE_SHARED_BUFFERS = '8MB';
/** An open transaction: functions that lock rows take this, so the compiler forbids calling them outside one. */
export type Trx = Transaction<Database>;
/** Either: for queries that work inside or outside a transaction. */
export type DbOrTrx = Db | Trx;

export interface DatabaseHandle {
  db: Db;
  /** 'pglite' (embedded) or 'postgres' (a server through pg). */
  target: 'pglite' | 'postgres';
  /** The embedded database's folder (PGlite on disk only). */
  dataDir?: string;
  close(): Promise<void>;
}

const INT8 = 20;
/** PGlite's parsers that differ from its defaults: int8 as a number, as with pg (below). */
export const PGLITE_PARSERS = { [INT8]: (v: string) => Number(v) };

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
    const pool = new pg.Pool({ connectionString: opts.databaseUrl, max: POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, Client: PreparingClient });
    // The hot statements' own connections, where Postgres keeps one generic plan per statement (see `prepared`).
    const hot = new pg.Pool({ connectionString: opts.databaseUrl, max: POOL_SIZE, connectionTimeoutMillis: CONNECT_TIMEOUT_MS, Client: PreparingClient, options: GENERIC_PLANS });
    listenForLostConnections(pool, opts.logger);
    listenForLostConnections(hot, opts.logger);
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool: new HotStatementPool(pool, hot) }) });
    return { db, target: 'postgres', close: () => db.destroy() };
  }
  const dataDir = opts.dataDir === 'memory://' ? undefined : opts.dataDir;
  if (dataDir) mkdirSync(dataDir, { recursive: true });
  // Before PGlite touches a file: a second process on the folder refuses here (DataDirLockedError).
  const lock = dataDir ? lockDataDir(dataDir) : undefined;
  // Loaded only for the embedded target: a bot on a server never pays PGlite's memory or startup.
  const [{ PGlite, types: pgliteTypes }, { PGliteDialect }] = await Promise.all([import('@electric-sql/pglite'), import('kysely-pglite-dialect')]);
  let pglite;
  try {
    if (dataDir) await initialiseDataDir(dataDir);
    pglite = new PGlite(dataDir, {
      parsers: PGLITE_PARSERS,
      // Postgres's default 128 MB of shared buffers lives in the bot's own memory here (WASM memory
      // only grows): a long-running bot reached 330+ MB once its tables had been read. PGlite
      // touches all of them at start (RSS idle: 32 MB of buffers 184 MB, 16 MB 166 MB, 8 MB ~9 MB
      // less again). A commune's hot rows (its units, members, open tasks and dialogues) are a few
      // MB, and a miss is a read from the data folder's files, which the OS caches: 8 MB is enough
      // (the ingest benchmark's closed loop: CPU per update the same within the noise).
      postgresqlconf: [`shared_buffers=${PGLITE_SHARED_BUFFERS}`],
    });
    await pglite.waitReady;
  } catch (error) {
    lock?.release();
    throw dataDir ? new DataDirUnreadableError(dataDir, error) : error;
  }
  const engine = pglite;
  const arrays = await leanParsers(engine, pgliteTypes, PGLITE_PARSERS);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(preparingPglite(engine, arrays)) });
  return {
    db,
    target: 'pglite',
    ...(dataDir ? { dataDir } : {}),
    close: async () => {
      try {
        await db.destroy();
        if (!engine.closed) await engine.close();
      } finally {
        lock?.release();
      }
    },
  };
}

const CONNECT_TIMEOUT_MS = 5_000;
const POOL_SIZE = 10;
const GENERIC_PLANS = '-c plan_cache_mode=force_generic_plan';

const PREPARED_MARK = '/* prepared */ ';

/**
 * Put first in a hot statement (sql`${prepared}with …`): on the server it becomes a named
 * prepared statement, so Postgres parses it once per connection instead of on every call. Run on
 * its own (not inside a transaction), it goes to connections of its own where Postgres plans it
 * once, generically (`plan_cache_mode=force_generic_plan`): with its default, Postgres kept
 * planning the report's submit afresh on every call (1,723 plans for 1,701 submits, 2 ms each,
 * against 0.1 ms to run a generic plan), because its generic plan's estimate looked dearer.
 * Every other query keeps the default (a plan for its values: a partial index such as
 * `deliveries … where status = 'queued'` is only used when the planner sees the value). Only for
 * statements whose text never varies (values as parameters) and whose best plan does not depend
 * on the values: the name is a hash of the text. PGlite runs the text as it is.
 */
export const prepared: RawBuilder<unknown> = sql.raw(PREPARED_MARK);

type AnyQuery = (...args: unknown[]) => unknown;

/** Statement name by text: the marked statements are a handful, so each is hashed once per process, not per call. */
const preparedNames = new Map<string, string>();
function preparedName(text: string): string {
  let name = preparedNames.get(text);
  if (!name) preparedNames.set(text, (name = `kp_${createHash('sha1').update(text).digest('hex').slice(0, 20)}`));
  return name;
}

/** What the PGlite dialect calls on its client. */
interface PgliteQuery {
  query<R>(text: string, params?: unknown[]): Promise<{ rows: R[]; affectedRows?: number }>;
  exec(text: string): Promise<Array<{ rows: unknown[]; affectedRows?: number }>>;
  close(): Promise<void>;
}

/**
 * PGlite's side of {@link prepared}. PGlite has one session and sends every query unnamed, so
 * Postgres parsed, analysed and planned the submission on each call (5–6 ms of CPU in the bot's
 * own thread, in WASM). A marked statement is made a prepared statement of that session once
 * (`prepare kp_… as <text>`) and run as `execute kp_…(<values>)` between a `set` and a `reset` of
 * `plan_cache_mode` in one message, so it is planned once, generically, and nothing else is: 2.1 ms
 * (prepared but planned per call: 4.4 ms). If the statement fails, Postgres undoes the `set` with
 * its transaction (the message's own, or the open one at its rollback). `execute` takes no bind
 * parameters, so the values are written as SQL literals (strings quoted with doubled quotes, arrays
 * as array literals): only the plain types the marked statements use; a call with anything else
 * runs unprepared, as before.
 */
export function preparingPglite<T extends PgliteQuery>(pglite: T, arrays: ArrayColumns = (r) => r): T {
  const made = new Map<string, Promise<unknown>>();
  const prepare = (name: string, text: string) => {
    let done = made.get(name);
    if (!done) {
      done = pglite.query(`prepare ${name} as ${text}`);
      // A failed prepare (e.g. inside a transaction that had already failed) is tried again next time.
      done.catch(() => made.delete(name));
      made.set(name, done);
    }
    return done;
  };
  const query = async (text: string, params: unknown[] = []) => {
    const values = text.startsWith(PREPARED_MARK) ? sqlLiterals(params) : null;
    if (!values) return arrays(await pglite.query(text, params));
    const name = preparedName(text);
    await prepare(name, text);
    const execute = values.length ? `execute ${name}(${values.join(', ')})` : `execute ${name}`;
    const [, result] = await pglite.exec(`set plan_cache_mode = force_generic_plan; ${execute}; reset plan_cache_mode`);
    if (!result) throw new Error(`no result from ${name}`);
    return arrays(result);
  };
  // The dialect calls only these two (PGlite's own methods keep their `this`).
  return { query, close: () => pglite.close() } as unknown as T;
}

/** A string literal. Most values (the updates' JSON, a dialogue's state) have no quote: they are not copied to find none. */
const quoted = (text: string) => `'${text.includes("'") ? text.replaceAll("'", "''") : text}'`;
/** An array literal's element: double-quoted, with backslashes and double quotes escaped. */
const element = (v: unknown): string | null =>
  v === null || v === undefined ? 'NULL' : typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint' ? `"${String(v).replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"` : null;

/** Values as SQL literals (standard_conforming_strings, Postgres's default since 9.1), or null when one is of a type not written here. */
export function sqlLiterals(params: readonly unknown[]): string[] | null {
  const out: string[] = [];
  for (const v of params) {
    if (v === null || v === undefined) out.push('null');
    else if (typeof v === 'string') out.push(quoted(v));
    else if (typeof v === 'number' && Number.isFinite(v)) out.push(String(v));
    else if (typeof v === 'bigint') out.push(String(v));
    else if (typeof v === 'boolean') out.push(String(v));
    else if (v instanceof Date && !Number.isNaN(v.getTime())) out.push(quoted(v.toISOString()));
    else if (Array.isArray(v)) {
      const items = v.map(element);
      if (items.some((x) => x === null)) return null;
      out.push(quoted(`{${items.join(',')}}`));
    } else return null;
  }
  return out;
}

/** pg's client, naming the statements marked with {@link prepared} (the pool makes these). */
class PreparingClient extends pg.Client {
  constructor(config?: pg.ClientConfig) {
    super(config);
    const query = super.query.bind(this) as AnyQuery;
    // An own property over pg's overloaded method: kysely calls query(text, values).
    const named: AnyQuery = (text, values, ...rest) => {
      if (typeof text !== 'string' || !text.startsWith(PREPARED_MARK) || !Array.isArray(values)) return query(text, values, ...rest);
      return query({ name: preparedName(text), text, values }, ...rest);
    };
    Object.defineProperty(this, 'query', { value: named });
  }
}

/**
 * The pool kysely sees. A connection it takes is a handle that holds no server connection until
 * its first query: a marked statement sent first (a statement on its own) runs on the hot pool;
 * anything else (a `begin`, a session lock, a plain query) takes a connection of the main pool,
 * which the handle keeps until kysely releases it, so a transaction's statements, marked or not,
 * all run on it. Handles are reused (kysely keeps its own state per handle).
 */
class HotStatementPool implements PostgresPool {
  private readonly free: LazyClient[] = [];

  constructor(
    private readonly main: pg.Pool,
    private readonly hot: pg.Pool,
  ) {}

  connect(): Promise<PostgresPoolClient> {
    return Promise.resolve(this.free.pop() ?? new LazyClient(this.main, this.hot, (c) => this.free.push(c)));
  }

  async end(): Promise<void> {
    await Promise.all([this.main.end(), this.hot.end()]);
  }
}

class LazyClient implements PostgresPoolClient {
  private client: Promise<pg.PoolClient> | undefined;

  constructor(
    private readonly main: pg.Pool,
    private readonly hot: pg.Pool,
    private readonly done: (c: LazyClient) => void,
  ) {}

  query<R>(text: string, values: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>>;
  query<R>(cursor: PostgresCursor<R>): PostgresCursor<R>;
  query<R>(text: string | PostgresCursor<R>, values?: ReadonlyArray<unknown>): Promise<PostgresQueryResult<R>> | PostgresCursor<R> {
    if (typeof text !== 'string') throw new Error('cursors are not configured');
    // pg's rows are untyped; kysely types them from the query.
    const typed = (result: Promise<pg.QueryResult>) => result as unknown as Promise<PostgresQueryResult<R>>;
    if (!this.client && text.startsWith(PREPARED_MARK)) return typed(this.hot.query({ name: preparedName(text), text, values: [...(values ?? [])] }));
    this.client ??= this.main.connect();
    return typed(this.client.then((c) => c.query(text, [...(values ?? [])])));
  }

  release(destroy?: boolean): void {
    const client = this.client;
    this.client = undefined;
    // A connection that could not be taken has nothing to give back (its query reported the error).
    void client?.then(
      (c) => c.release(destroy),
      () => undefined,
    );
    this.done(this);
  }
}

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
