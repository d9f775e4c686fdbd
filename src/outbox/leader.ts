import { sql } from 'kysely';
import type { Db } from '../core/db.js';

/** Only the leader sends, so the global rate is kept by one pacer however many instances run. */
export interface Elector {
  /** 'acquired' the first time, 'held' while it lasts, null when another instance leads. */
  lead(): Promise<'acquired' | 'held' | null>;
  release(): Promise<void>;
}

/** Embedded PGlite: one process owns the data directory, so it always leads. */
export function soloElector(): Elector {
  let held = false;
  return {
    lead: async () => {
      if (held) return 'held';
      held = true;
      return 'acquired';
    },
    release: async () => {
      held = false;
    },
  };
}

// Any constant shared by every instance of this bot; "khoipho outbox" as two int4 keys.
const LOCK_KEYS = [0x6b686f69, 0x6f757462] as const;

interface Held {
  check(): Promise<boolean>;
  release(): Promise<void>;
}

/**
 * Postgres: a session advisory lock held on one pooled connection for as long as this instance
 * leads. If the process dies, its connection closes and the lock is free at once.
 */
export function advisoryElector(db: Db): Elector {
  let held: Held | null = null;
  return {
    async lead() {
      if (held) {
        if (await held.check()) return 'held';
        await held.release();
        held = null;
        return null;
      }
      held = await tryLock(db);
      return held ? 'acquired' : null;
    },
    async release() {
      const h = held;
      held = null;
      await h?.release();
    },
  };
}

/** A lock connection that does not answer this fast is taken as lost (a silent network drop). */
const CHECK_TIMEOUT_MS = 5_000;

function withTimeout(p: Promise<boolean>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  return Promise.race([p, late]).finally(() => clearTimeout(timer));
}

/**
 * Keeps one connection checked out while the lock is held; releasing unlocks and returns it.
 * If the server drops that connection (restart, pg_terminate_backend), the pool's error
 * listener (core/db.ts) keeps the process alive, the next check fails, and the lock is taken
 * again on a fresh connection once the server is back.
 */
function tryLock(db: Db): Promise<Held | null> {
  return new Promise((resolve) => {
    let letGo = () => {};
    const released = new Promise<void>((r) => (letGo = r));
    const finished: Promise<void> = db
      .connection()
      .execute(async (conn) => {
        const { rows } = await sql<{ ok: boolean }>`select pg_try_advisory_lock(${LOCK_KEYS[0]}, ${LOCK_KEYS[1]}) as ok`.execute(conn);
        if (!rows[0]?.ok) return resolve(null);
        resolve({
          check: () => withTimeout(sql`select 1`.execute(conn).then(() => true, () => false), CHECK_TIMEOUT_MS),
          release: async () => {
            letGo();
            await withTimeout(finished.then(() => true), CHECK_TIMEOUT_MS);
          },
        });
        await released;
        // On a lost connection this fails, and the server has dropped the lock with the session.
        await sql`select pg_advisory_unlock(${LOCK_KEYS[0]}, ${LOCK_KEYS[1]})`.execute(conn).catch(() => undefined);
      })
      .catch(() => resolve(null));
  });
}
