import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import type { DbTarget, TestDatabase } from './db.js';
import { openTestDatabase } from './db.js';
import { type Harness, startHarness } from './harness.js';
import type { Db } from '../../src/core/db.js';

export interface AppSuite {
  /** The file's database (made in beforeAll). */
  database: TestDatabase;
  /** This test's app against a fresh fake Telegram (made in beforeEach). */
  h: Harness;
  /** `database.db`. */
  db: Db;
}

/**
 * A stand-in for an object that a hook makes later (per file or per test): each property read
 * goes to the one current then, so a test file can destructure `useApp()` once, at the top.
 */
export function current<T extends object>(name: string, get: () => T | undefined): T {
  const real = (): T => {
    const value = get();
    if (value === undefined) throw new Error(`useApp(): ${name} exists only inside a test or hook (after its beforeAll/beforeEach)`);
    return value;
  };
  return new Proxy({} as T, {
    get: (_, key) => {
      const target = real();
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === 'function' ? value.bind(target) : value;
    },
    has: (_, key) => Reflect.has(real(), key),
  });
}

/** One database per file on `target`, emptied before each test: for tests of services and queries, with no app. */
export function useDatabase(target: DbTarget): Pick<AppSuite, 'database' | 'db'> {
  let database: TestDatabase | undefined;
  beforeAll(async () => {
    database = await openTestDatabase(target);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database?.reset();
  });
  return { database: current('database', () => database), db: current('db', () => database?.db) };
}

/**
 * A database of its own for each test on `target`, never touched by an earlier test or file: for
 * tests of query plans, which must start with no planner statistics, as on a fresh install. It
 * holds the worker's shared database meanwhile (on PGlite that one keeps the statistics earlier
 * files gave its tables, even after a truncate), so each test opens a private one.
 */
export function useFreshDatabase(target: DbTarget): Pick<AppSuite, 'database' | 'db'> {
  useDatabase(target);
  let database: TestDatabase | undefined;
  beforeEach(async () => {
    database = await openTestDatabase(target);
  });
  afterEach(async () => {
    await database?.close();
    database = undefined;
  });
  return { database: current('database', () => database), db: current('db', () => database?.db) };
}

/**
 * The usual flow-test setup: one database per file on `target`, emptied before each test,
 * and a fresh app against a fresh fake Telegram for each test (optionally at a local time).
 * `const { h, database, db } = useApp(target)` at the top of a describe: each always means the current one.
 */
export function useApp(target: DbTarget, opts: { adminIds?: number[]; localTime?: string; env?: Record<string, string>; pacing?: 'virtual' | 'real' } = {}): AppSuite {
  const suite: { database?: TestDatabase; h?: Harness } = {};
  beforeAll(async () => {
    suite.database = await openTestDatabase(target);
  });
  afterAll(async () => {
    await suite.database?.close();
  });
  beforeEach(async () => {
    const database = suite.database;
    if (!database) throw new Error('useApp(): the database did not open');
    await database.reset();
    suite.h = await startHarness(database, { ...(opts.adminIds ? { adminIds: opts.adminIds } : {}), ...(opts.env ? { env: opts.env } : {}), ...(opts.pacing ? { pacing: opts.pacing } : {}) });
    if (opts.localTime) suite.h.clock.setLocal(opts.localTime);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await suite.h?.stop();
  });
  return {
    database: current('database', () => suite.database),
    h: current('h', () => suite.h),
    db: current('db', () => suite.database?.db),
  };
}
