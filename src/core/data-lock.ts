import { closeSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * One process per embedded data folder. PGlite has no postmaster to refuse a second opener: two
 * processes on one folder both run, overwrite each other's pages and hand out the same numbers.
 * So the folder is locked with a file created exclusively (O_EXCL) that holds the owner's pid;
 * a lock whose pid is no longer running (after a kill -9 or a power cut) is taken over.
 */

export const LOCK_FILE = 'khoipho.lock';

/** The folder is in use by another running process; says which, in one line. */
export class DataDirLockedError extends Error {
  constructor(
    readonly dataDir: string,
    readonly pid: number,
  ) {
    super(`The data folder ${dataDir} is in use by another running bot (process id ${pid}). Stop that one first; two processes on one folder damage the database.`);
    this.name = 'DataDirLockedError';
  }
}

export interface DataDirLock {
  release(): void;
}

/** Whether a process with this id runs (EPERM: it runs, as another user). */
export function isRunning(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The pid written in the folder's lock, if one is there and that process still runs. */
export function lockHolder(dataDir: string): number | undefined {
  const pid = readPid(join(dataDir, LOCK_FILE));
  return pid !== undefined && isRunning(pid) ? pid : undefined;
}

function readPid(file: string): number | undefined {
  try {
    const pid = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

/** Takes the folder's lock or throws {@link DataDirLockedError}; the folder must exist. */
export function lockDataDir(dataDir: string): DataDirLock {
  const file = join(dataDir, LOCK_FILE);
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, `${process.pid}\n`);
      closeSync(fd);
      let released = false;
      return {
        release: () => {
          if (released) return;
          released = true;
          if (readPid(file) === process.pid) rmSync(file, { force: true });
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = readPid(file);
      // This very process counts as a holder too: two opens in one process damage the folder the same way.
      if (pid !== undefined && isRunning(pid)) throw new DataDirLockedError(resolve(dataDir), pid);
      // Left by a process that died (or half-written by one that died creating it): take it over.
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not lock the data folder ${resolve(dataDir)}`);
}
