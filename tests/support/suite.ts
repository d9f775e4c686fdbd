import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import type { DbTarget, TestDatabase } from './db.js';
import { openTestDatabase } from './db.js';
import { type Harness, startHarness } from './harness.js';

export interface AppSuite {
  database: TestDatabase;
  h: Harness;
}

/**
 * The usual flow-test setup: one database per file on `target`, emptied before each test,
 * and a fresh app against a fresh fake Telegram for each test (optionally at a local time).
 */
export function useApp(target: DbTarget, opts: { adminIds?: number[]; localTime?: string; env?: Record<string, string>; pacing?: 'virtual' | 'real' } = {}): AppSuite {
  const suite = {} as AppSuite;
  beforeAll(async () => {
    suite.database = await openTestDatabase(target);
  });
  afterAll(async () => {
    await suite.database?.close();
  });
  beforeEach(async () => {
    await suite.database.reset();
    suite.h = await startHarness(suite.database, { ...(opts.adminIds ? { adminIds: opts.adminIds } : {}), ...(opts.env ? { env: opts.env } : {}), ...(opts.pacing ? { pacing: opts.pacing } : {}) });
    if (opts.localTime) suite.h.clock.setLocal(opts.localTime);
  });
  afterEach(async () => {
    vi.useRealTimers();
    await suite.h?.stop();
  });
  return suite;
}
