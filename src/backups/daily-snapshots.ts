import { DateTime } from 'luxon';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import { listSnapshots, snapshotDay } from '../core/snapshot-files.js';
import { rotateSnapshots, takeSnapshot } from '../core/snapshots.js';

export interface SnapshotDeps {
  db: Db;
  dataDir: string;
  clock: Clock;
  zone: string;
  /** Snapshots kept (BACKUP_KEEP); older ones are deleted after each new one. */
  keep: number;
  logger: Logger;
}

/**
 * The running bot's snapshots of its embedded database: one a day (the first check of a local
 * day that has none takes it), and one whenever `npm run backup` asks. One at a time.
 */
export class Snapshots {
  private running: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: SnapshotDeps) {}

  /** Takes a snapshot now and rotates; returns its path. */
  take(): Promise<string> {
    const next = this.running.catch(() => undefined).then(async () => {
      const { db, dataDir, clock, zone, keep, logger } = this.deps;
      const file = await takeSnapshot(db, dataDir, { at: clock.now(), zone });
      const removed = rotateSnapshots(dataDir, keep);
      logger.info({ file, removed }, 'database snapshot written');
      return file;
    });
    this.running = next;
    return next;
  }

  /** Takes today's snapshot if there is none yet (called on start and then periodically); returns it, or null. */
  async daily(): Promise<string | null> {
    const today = DateTime.fromJSDate(this.deps.clock.now(), { zone: this.deps.zone }).toFormat('yyyy-MM-dd');
    if (listSnapshots(this.deps.dataDir).some((name) => snapshotDay(name) === today)) return null;
    return this.take();
  }
}
