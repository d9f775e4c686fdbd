import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Where the embedded database's snapshots are and which is newest: plain file-system reads, so
 * the database module can name the newest snapshot when the folder does not open.
 */

export const BACKUP_DIR = 'backups';
const NAME = /^khoipho-\d{4}-\d{2}-\d{2}-\d{6}\.tar\.gz$/;

export const backupDir = (dataDir: string) => join(dataDir, BACKUP_DIR);

/** Snapshot names, oldest first (the name is the local time it was taken). */
export function listSnapshots(dataDir: string): string[] {
  const dir = backupDir(dataDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => NAME.test(f))
    .sort();
}

export function newestSnapshot(dataDir: string): string | undefined {
  const name = listSnapshots(dataDir).at(-1);
  return name ? resolve(backupDir(dataDir), name) : undefined;
}

/** The local calendar day a snapshot was taken, from its name (yyyy-MM-dd). */
export const snapshotDay = (name: string) => name.slice('khoipho-'.length, 'khoipho-'.length + 10);

/** The embedded database would not open: names the newest snapshot and how to restore it. */
export class DataDirUnreadableError extends Error {
  constructor(dataDir: string, cause: unknown) {
    const newest = newestSnapshot(dataDir);
    const reason = cause instanceof Error ? cause.message : String(cause);
    const help = newest
      ? `The newest snapshot is ${newest}; to go back to it, run: npm run restore ${newest}`
      : `No snapshot was found in ${resolve(backupDir(dataDir))}.`;
    super(`Could not open the database in ${resolve(dataDir)} (${reason}). ${help}`, { cause });
    this.name = 'DataDirUnreadableError';
  }
}
