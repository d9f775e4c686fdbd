import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { systemClock } from '../src/core/clock.js';
import { type DatabaseHandle, openDatabase } from '../src/core/db.js';
import { createLogger } from '../src/core/logger.js';
import { claimBatch, enqueueDeliveries } from '../src/outbox/deliveries.queries.js';
import { Dispatcher } from '../src/outbox/dispatcher.js';
import { advisoryElector } from '../src/outbox/leader.js';
import { createNotifier } from '../src/telegram/notifier.js';
import { openTestDatabase, type TestDatabase } from './support/db.js';
import { FakeTelegram } from './support/fake-telegram.js';

const onServer = Boolean(process.env.TEST_DATABASE_URL);
const reason = 'needs TEST_DATABASE_URL: PGlite is one connection inside one process, so two dispatchers cannot race there';

describe.skipIf(!onServer)(`two dispatchers on the real Postgres (${onServer ? 'server' : reason})`, () => {
  let database: TestDatabase;
  let other: DatabaseHandle;
  let fake: FakeTelegram;

  beforeAll(async () => {
    database = await openTestDatabase('postgres');
    other = await openDatabase({ databaseUrl: database.url, dataDir: 'unused' });
  });
  afterAll(async () => {
    await other?.close();
    await database?.close();
  });
  beforeEach(async () => {
    await database.reset();
    fake = await FakeTelegram.start();
  });
  afterEach(async () => {
    await fake?.close();
  });

  async function queue(n: number) {
    const rows = Array.from({ length: n }, (_, i) => ({ source: 'broadcast:1', kind: 'broadcast' as const, chatId: 50_000 + i, memberId: null, payload: { text: `tin ${i}` }, notBefore: new Date(0), expiresAt: null }));
    await enqueueDeliveries(database.db, rows);
  }

  it('when two instances claim at the same time, then SKIP LOCKED gives each delivery to exactly one of them', async () => {
    await queue(500);
    const claimed: number[] = [];
    const worker = async (db: DatabaseHandle['db'], name: string) => {
      for (;;) {
        const batch = await db.transaction().execute((trx) => claimBatch(trx, { now: new Date(), limit: 7, instanceId: name, leaseSeconds: 300 }));
        if (batch.length === 0) return;
        claimed.push(...batch.map((d) => d.id));
      }
    };
    await Promise.all([...Array.from({ length: 5 }, (_, i) => worker(database.db, `a${i}`)), ...Array.from({ length: 5 }, (_, i) => worker(other.db, `b${i}`))]);
    expect(claimed).toHaveLength(500);
    expect(new Set(claimed).size).toBe(500);
    const holders = await database.db.selectFrom('deliveries').select('leased_by').distinct().execute();
    expect(holders.some((h) => h.leased_by?.startsWith('a'))).toBe(true);
    expect(holders.some((h) => h.leased_by?.startsWith('b'))).toBe(true);
  });

  const logger = createLogger({ level: 'silent', secrets: [] });
  const make = (handle: DatabaseHandle, id: string) =>
    new Dispatcher({
      db: handle.db,
      clock: systemClock,
      logger,
      notifier: createNotifier({ token: fake.token, apiRoot: fake.apiRoot }),
      elector: advisoryElector(handle.db),
      window: { zone: 'Asia/Ho_Chi_Minh', quiet: null },
      ratePerSecond: 100,
      instanceId: id,
    });
  const copiesPerChat = () => {
    const perChat = new Map<number, number>();
    for (const c of fake.callsOf('sendMessage').filter((c) => !c.error)) perChat.set(Number(c.params.chat_id), (perChat.get(Number(c.params.chat_id)) ?? 0) + 1);
    return perChat;
  };

  it('when the session holding the leader lock is terminated mid-broadcast, then the process lives on, the dispatcher steps down, takes the lead again and every recipient gets exactly one message', async () => {
    const one = make(database, 'one');
    await queue(300);
    one.start();
    await fake.waitFor(() => fake.stats().sent >= 60, 10_000);
    // What a restart does to one session: the server ends it (57P01) under a checked-out client.
    const killed = await sql<{ ok: boolean }>`
      select pg_terminate_backend(pid) as ok from pg_locks
      where locktype = 'advisory' and granted and database = (select oid from pg_database where datname = current_database())`.execute(other.db);
    expect(killed.rows).toEqual([{ ok: true }]);
    await fake.waitFor(() => fake.stats().sent >= 300, 20_000);
    await one.stop();
    const perChat = copiesPerChat();
    expect(perChat.size).toBe(300);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    const statuses = await database.db.selectFrom('deliveries').select('status').distinct().execute();
    expect(statuses).toEqual([{ status: 'sent' }]);
  });

  it('when two dispatchers run and the leader stops mid-broadcast, then the other takes over and every recipient gets exactly one message within the rate', async () => {
    fake.rateLimit({ global: 100, perChat: 1 });
    const one = make(database, 'one');
    const two = make(other, 'two');
    await queue(400);
    one.start();
    two.start();
    await fake.waitFor(() => fake.stats().sent >= 100, 10_000);
    const leader = one.stats.sent > 0 ? one : two;
    const standby = leader === one ? two : one;
    expect(standby.stats.sent).toBe(0);
    await leader.stop();
    await fake.waitFor(() => fake.stats().sent >= 400, 20_000);
    await standby.stop();

    const perChat = copiesPerChat();
    expect(perChat.size).toBe(400);
    expect([...perChat.values()].every((n) => n === 1)).toBe(true);
    expect(leader.stats.sent + standby.stats.sent).toBe(400);
    expect(standby.stats.sent).toBeGreaterThan(0);
    expect(fake.stats().violations).toBe(0);
    const statuses = await database.db.selectFrom('deliveries').select('status').distinct().execute();
    expect(statuses).toEqual([{ status: 'sent' }]);
    console.log(`two dispatchers: leader sent ${leader.stats.sent}, standby took over and sent ${standby.stats.sent}, duplicates 0, 429s ${fake.stats().violations}`);
  });
});
