import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Snapshots } from '../src/backups/daily-snapshots.js';
import { createLogger } from '../src/core/logger.js';
import { type DatabaseHandle, openDatabase } from '../src/core/db.js';
import { DataDirLockedError, lockDataDir } from '../src/core/data-lock.js';
import { listSnapshots } from '../src/core/snapshot-files.js';
import { tarPack, tarUnpack } from '../src/core/tar.js';
import { ManualClock } from './support/clock.js';
import { seedDataDir } from './support/pglite.js';

const ZONE = 'Asia/Ho_Chi_Minh';

describe('daily snapshots of the embedded database', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'khoipho-snap-'));
  let handle: DatabaseHandle;

  beforeAll(async () => {
    await seedDataDir(dataDir);
    handle = await openDatabase({ dataDir });
  }, 60_000);
  afterAll(async () => {
    await handle?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when days pass, then one snapshot is taken per local day and only the newest BACKUP_KEEP are kept', { timeout: 60_000 }, async () => {
    const clock = new ManualClock(new Date('2026-12-01T20:00:00Z')); // 03:00 on 2 December in Vietnam
    const snapshots = new Snapshots({ db: handle.db, dataDir, clock, zone: ZONE, keep: 3, logger: createLogger({ level: 'silent', secrets: [] }) });
    const taken: string[] = [];
    for (let day = 0; day < 5; day++) {
      const file = await snapshots.daily();
      expect(file, `day ${day}`).not.toBeNull();
      taken.push(file ?? '');
      clock.advance(3_600_000);
      expect(await snapshots.daily(), 'a second check on the same day').toBeNull();
      clock.advance(23 * 3_600_000);
    }
    expect(listSnapshots(dataDir)).toEqual(['khoipho-2026-12-04-030000.tar.gz', 'khoipho-2026-12-05-030000.tar.gz', 'khoipho-2026-12-06-030000.tar.gz']);
    expect(taken.at(-1)).toContain('khoipho-2026-12-06-030000.tar.gz');
  });

  it('when the embedded database runs, then fsync is off, as the README warns (a power cut can lose what was acknowledged: snapshots and Postgres are the answer)', async () => {
    const { rows } = await sql<{ fsync: string }>`select current_setting('fsync') as fsync`.execute(handle.db);
    expect(rows[0]?.fsync).toBe('off');
  });

  it('when the folder is open in this process, then a second open is refused with this process id', async () => {
    const attempt = openDatabase({ dataDir });
    await expect(attempt).rejects.toBeInstanceOf(DataDirLockedError);
    await expect(attempt).rejects.toThrow(`process id ${process.pid}`);
  });

  it('when the lock was left by a process that is gone, then it is taken over', () => {
    const dir = mkdtempSync(join(tmpdir(), 'khoipho-lock-'));
    const lock = lockDataDir(dir);
    lock.release();
    // A pid that cannot be running: what a kill -9 leaves behind after the process is gone.
    const stale = 2 ** 22 + 1;
    writeFileSync(join(dir, 'khoipho.lock'), `${stale}\n`);
    const again = lockDataDir(dir);
    again.release();
    rmSync(dir, { recursive: true, force: true });
  });

  it('when a folder is packed and unpacked, then every file comes back byte for byte', () => {
    const entries = [
      { name: 'base/', data: Buffer.alloc(0) },
      { name: 'base/1/2619', data: Buffer.from('x'.repeat(1000)) },
      { name: 'PG_VERSION', data: Buffer.from('17\n') },
    ];
    expect(tarUnpack(tarPack(entries))).toEqual(entries);
  });
});
