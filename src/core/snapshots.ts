import { cpSync, createReadStream, createWriteStream, mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { sql } from 'kysely';
import { DateTime } from 'luxon';
import { LOCK_FILE, lockDataDir } from './data-lock.js';
import type { Db } from './db.js';
import { BACKUP_DIR, backupDir, listSnapshots } from './snapshot-files.js';
import { tarFolder, untarInto } from './tar.js';

/**
 * Snapshots of the embedded database: a .tar.gz of the data folder in DATA_DIR/backups, taken
 * while the bot runs. PGlite runs every query to its end inside this one JS thread, so a
 * synchronous copy of the folder between two queries sees what a power cut at that instant
 * would leave: opening it replays the write-ahead log, as Postgres does after a crash. A
 * CHECKPOINT first keeps that replay short.
 *
 * The copy is made by the kernel into a folder beside the snapshots, then packed and compressed
 * from there a chunk at a time: nothing of the folder is held in this process's memory. (Read
 * into memory, packed and gzipped, it cost the bot about three times the folder's size in RAM
 * once a day.) The price is disk space for one more copy of the folder while a snapshot is made.
 */

/** The top-level names of the data folder that are not the database. */
const NOT_THE_DATABASE = new Set([BACKUP_DIR, LOCK_FILE]);
/** The folder a snapshot copies the database into, beside the snapshots. */
const COPY_PREFIX = '.snapshot-';

/** Writes a snapshot of the open embedded database into DATA_DIR/backups; returns its path. */
export async function takeSnapshot(db: Db, dataDir: string, opts: { at: Date; zone: string }): Promise<string> {
  await sql`checkpoint`.execute(db);
  const dir = backupDir(dataDir);
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `khoipho-${DateTime.fromJSDate(opts.at, { zone: opts.zone }).toFormat('yyyy-MM-dd-HHmmss')}.tar.gz`);
  // A copy a killed bot left behind is as big as the folder: one snapshot runs at a time (the folder's lock), so any is stale.
  for (const name of readdirSync(dir)) if (name.startsWith(COPY_PREFIX)) rmSync(join(dir, name), { recursive: true, force: true });
  const copy = mkdtempSync(join(dir, COPY_PREFIX));
  try {
    // One synchronous pass, between two queries (see above).
    for (const name of readdirSync(dataDir)) {
      if (!NOT_THE_DATABASE.has(name)) cpSync(join(dataDir, name), join(copy, name), { recursive: true });
    }
    // Level 1: a data folder compresses well anyway, and the bot keeps serving while this runs.
    // Written aside, then renamed: a snapshot cut short by a crash is never taken for a whole one.
    await pipeline(Readable.from(tarFolder(copy)), createGzip({ level: 1 }), createWriteStream(`${file}.part`));
    renameSync(`${file}.part`, file);
  } finally {
    rmSync(copy, { recursive: true, force: true });
    rmSync(`${file}.part`, { force: true });
  }
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
  mkdirSync(dataDir, { recursive: true });
  const lock = lockDataDir(dataDir);
  try {
    const stamp = DateTime.fromJSDate(at).toUTC().toFormat('yyyyMMdd-HHmmss');
    const staging = join(backupDir(dataDir), `.restoring-${stamp}`);
    rmSync(staging, { recursive: true, force: true });
    try {
      // Unpacked as it is read: a snapshot of any size passes through memory a chunk at a time.
      const names = await pipeline(createReadStream(file), createGunzip(), (source: AsyncIterable<Buffer>) => untarInto(source, staging));
      if (!names.includes('PG_VERSION')) throw new Error(`${file} is not a snapshot of the bot's data folder (no PG_VERSION inside)`);
    } catch (error) {
      rmSync(staging, { recursive: true, force: true });
      throw error;
    }
    const aside = join(backupDir(dataDir), `before-restore-${stamp}`);
    mkdirSync(aside, { recursive: true });
    for (const name of readdirSync(dataDir)) {
      if (!NOT_THE_DATABASE.has(name)) renameSync(join(dataDir, name), join(aside, name));
    }
    for (const name of readdirSync(staging)) renameSync(join(staging, name), join(dataDir, name));
    rmSync(staging, { recursive: true, force: true });
    return resolve(aside);
  } finally {
    lock.release();
  }
}
