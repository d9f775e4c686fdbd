import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { LOCK_FILE, lockDataDir } from './data-lock.js';
import type { Db } from './db.js';
import { BACKUP_DIR, backupDir, listSnapshots } from './snapshot-files.js';
import { type TarEntry, tarPack, tarUnpack } from './tar.js';

/**
 * Snapshots of the embedded database: a .tar.gz of the data folder in DATA_DIR/backups, taken
 * while the bot runs. PGlite runs every query to its end inside this one JS thread, so a
 * synchronous read of the folder between two queries sees what a power cut at that instant
 * would leave: opening it replays the write-ahead log, as Postgres does after a crash. A
 * CHECKPOINT first keeps that replay short.
 */

/** The data folder's files, read in one synchronous pass (the backups and the lock left out). */
function readFolder(dataDir: string): TarEntry[] {
  const entries: TarEntry[] = [];
  const walk = (rel: string) => {
    for (const d of readdirSync(join(dataDir, rel), { withFileTypes: true })) {
      const name = rel ? `${rel}/${d.name}` : d.name;
      if (!rel && (d.name === BACKUP_DIR || d.name === LOCK_FILE)) continue;
      if (d.isDirectory()) {
        entries.push({ name: `${name}/`, data: Buffer.alloc(0) });
        walk(name);
      } else if (d.isFile()) entries.push({ name, data: readFileSync(join(dataDir, name)) });
    }
  };
  walk('');
  return entries;
}

/** Writes a snapshot of the open embedded database into DATA_DIR/backups; returns its path. */
export async function takeSnapshot(db: Db, dataDir: string, opts: { at: Date; zone: string }): Promise<string> {
  await sql`checkpoint`.execute(db);
  const tar = tarPack(readFolder(dataDir));
  // Level 1: a data folder compresses well anyway, and the bot keeps serving while this runs.
  const gz = await promisify(gzip)(tar, { level: 1 });
  const dir = backupDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `khoipho-${DateTime.fromJSDate(opts.at, { zone: opts.zone }).toFormat('yyyy-MM-dd-HHmmss')}.tar.gz`);
  // Written aside, then renamed: a snapshot cut short by a crash is never taken for a whole one.
  writeFileSync(`${file}.part`, gz);
  renameSync(`${file}.part`, file);
  return resolve(file);
}

/** Keeps the newest `keep` snapshots; returns the names removed. */
export function rotateSnapshots(dataDir: string, keep: number): string[] {
  const old = listSnapshots(dataDir).slice(0, -keep);
  for (const name of old) rmSync(join(backupDir(dataDir), name), { force: true });
  return old;
}

/**
 * Replaces the data folder's database with a snapshot's. Takes the folder's lock, so it refuses
 * while a bot runs on it (DataDirLockedError). What was there is kept in
 * backups/before-restore-<time>/, never deleted. Returns that folder.
 */
export async function restoreSnapshot(dataDir: string, file: string, at: Date): Promise<string> {
  const entries = tarUnpack(await promisify(gunzip)(readFileSync(file)));
  if (!entries.some((e) => e.name === 'PG_VERSION')) throw new Error(`${file} is not a snapshot of the bot's data folder (no PG_VERSION inside)`);
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  try {
    const stamp = DateTime.fromJSDate(at).toUTC().toFormat('yyyyMMdd-HHmmss');
    const staging = join(backupDir(dataDir), `.restoring-${stamp}`);
    for (const e of entries) {
      const path = join(staging, e.name);
      if (!resolve(path).startsWith(resolve(staging))) throw new Error(`unsafe name in the snapshot: ${e.name}`);
      if (e.name.endsWith('/')) mkdirSync(path, { recursive: true });
      else {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(path, e.data);
      }
    }
    const aside = join(backupDir(dataDir), `before-restore-${stamp}`);
    mkdirSync(aside, { recursive: true });
    for (const name of readdirSync(dataDir)) {
      if (name !== BACKUP_DIR && name !== LOCK_FILE) renameSync(join(dataDir, name), join(aside, name));
    }
    for (const name of readdirSync(staging)) renameSync(join(staging, name), join(dataDir, name));
    rmSync(staging, { recursive: true, force: true });
    return resolve(aside);
  } finally {
    lock.release();
  }
}
