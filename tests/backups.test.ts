import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Snapshots } from '../src/backups/daily-snapshots.js';
import { createLogger } from '../src/core/logger.js';
import { type DatabaseHandle, openDatabase } from '../src/core/db.js';
import { DataDirLockedError, lockDataDir } from '../src/core/data-lock.js';
import { listSnapshots } from '../src/core/snapshot-files.js';
import { takeSnapshot } from '../src/core/snapshots.js';
import { tarFolder, untarInto } from '../src/core/tar.js';
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

  it('when a bot was killed while it packed a snapshot, then the next snapshot removes the copy it left, and only that', { timeout: 60_000 }, async () => {
    const left = join(dataDir, 'backups', '.snapshot-killed');
    mkdirSync(join(left, 'base'), { recursive: true });
    writeFileSync(join(left, 'base', '1'), 'a copy of the data folder');
    const file = await takeSnapshot(handle.db, dataDir, { at: new Date('2026-12-11T01:00:00Z'), zone: ZONE });
    expect(existsSync(left)).toBe(false);
    expect(existsSync(file)).toBe(true);
    expect(readdirSync(join(dataDir, 'backups')).filter((name) => name.startsWith('.'))).toEqual([]);
    rmSync(file);
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

  it('when a data folder much larger than the memory a snapshot may use is snapshotted, then the bot\'s peak memory grows by a fraction of it', { timeout: 60_000 }, async () => {
    // Incompressible, so the snapshot must carry all of it.
    const ballast = join(dataDir, 'base', 'ballast');
    const size = 96 * 1024 * 1024;
    writeFileSync(ballast, randomBytes(size));
    try {
      const peak = peakRss();
      const file = await takeSnapshot(handle.db, dataDir, { at: new Date('2026-12-10T01:00:00Z'), zone: ZONE });
      const grew = peak.grownBy();
      expect(statSync(file).size).toBeGreaterThan(size);
      // Read, packed and gzipped in memory, it took three times the folder (~290 MB here).
      expect(grew).toBeLessThan(32 * 1024 * 1024);
      rmSync(file);
    } finally {
      rmSync(ballast, { force: true });
    }
  });
});

/** This process's peak RSS from now on (Linux: the high-water mark, reset through clear_refs). */
function peakRss(): { grownBy(): number } {
  const hwm = () => Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) * 1024;
  const rss = () => Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) * 1024;
  writeFileSync('/proc/self/clear_refs', '5');
  const base = rss();
  return { grownBy: () => hwm() - base };
}

async function collect(source: AsyncIterable<Buffer>): Promise<Buffer[]> {
  const parts: Buffer[] = [];
  for await (const part of source) parts.push(part);
  return parts;
}

describe('the snapshot archive', () => {
  const root = mkdtempSync(join(tmpdir(), 'khoipho-tar-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  /** The tar stream cut into pieces of these sizes, in turn: headers and files split anywhere. */
  async function* rechunked(source: AsyncIterable<Buffer>, sizes: number[]): AsyncGenerator<Buffer> {
    const all = Buffer.concat(await collect(source));
    for (let at = 0, i = 0; at < all.length; i++) {
      const n = sizes[i % sizes.length] ?? 1;
      yield all.subarray(at, at + n);
      at += n;
    }
  }

  const tree = (dir: string) =>
    readdirSync(dir, { recursive: true, withFileTypes: true })
      .map((d) => {
        const path = join(d.parentPath, d.name);
        return `${relative(dir, path)}${d.isDirectory() ? '/' : ` ${readFileSync(path).toString('base64')}`}`;
      })
      .sort();

  it('when a folder is packed and unpacked in pieces of any size, then every file and folder comes back byte for byte, and the skipped names are left out', async () => {
    const from = join(root, 'from');
    mkdirSync(join(from, 'base', '1'), { recursive: true });
    mkdirSync(join(from, 'pg_notify'));
    mkdirSync(join(from, 'backups'));
    writeFileSync(join(from, 'PG_VERSION'), '17\n');
    writeFileSync(join(from, 'base', '1', '2619'), randomBytes(512 * 3 + 7));
    writeFileSync(join(from, 'base', '1', 'empty'), '');
    writeFileSync(join(from, 'base', '1', 'block'), randomBytes(512));
    writeFileSync(join(from, 'backups', 'old.tar.gz'), 'not packed');
    for (const sizes of [[1 << 20], [100, 777], [511, 1, 513]]) {
      const to = join(root, `to-${sizes.join('-')}`);
      const names = await untarInto(rechunked(tarFolder(from, new Set(['backups'])), sizes), to);
      expect(names).toContain('PG_VERSION');
      expect(tree(to)).toEqual(tree(from).filter((line) => !line.startsWith('backups')));
    }
  });

  it('when an archive is cut short or names a path outside the folder, then unpacking stops with the reason', async () => {
    const from = join(root, 'short');
    mkdirSync(from);
    writeFileSync(join(from, 'big'), randomBytes(5000));
    const whole = Buffer.concat(await collect(tarFolder(from)));
    await expect(untarInto([whole.subarray(0, 2000)], join(root, 'short-out'))).rejects.toThrow('ends inside a file');
    const evil = Buffer.from(whole);
    evil.write('../evil\0', 0, 'utf8');
    let sum = 0;
    for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (evil[i] ?? 0);
    evil.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
    await expect(untarInto([evil], join(root, 'evil-out'))).rejects.toThrow('unsafe name');
    expect(existsSync(join(root, 'evil'))).toBe(false);
  });
});
