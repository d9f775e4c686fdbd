import { spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DateTime } from 'luxon';
import { readEnv } from './config.js';
import { lockHolder } from './core/data-lock.js';
import { openDatabase } from './core/db.js';
import { backupDir } from './core/snapshot-files.js';
import { rotateSnapshots, takeSnapshot } from './core/snapshots.js';

/**
 * `npm run backup`: a snapshot of the database, printed as one path.
 * Embedded database: only one process may open the data folder, so while the bot runs it is
 * asked over its local port (POST 127.0.0.1:PORT/backup) and writes the snapshot itself; when
 * no bot runs, this opens the folder and writes it. PostgreSQL server: pg_dump.
 */
async function backup(): Promise<string> {
  const env = readEnv(process.env);
  const dataDir = env.DATA_DIR || './data';
  const zone = env.TIMEZONE || 'Asia/Ho_Chi_Minh';
  const stamp = DateTime.now().setZone(zone).toFormat('yyyy-MM-dd-HHmmss');
  if (env.DATABASE_URL) {
    mkdirSync(backupDir(dataDir), { recursive: true });
    const file = resolve(join(backupDir(dataDir), `khoipho-${stamp}.dump`));
    const dump = spawnSync('pg_dump', ['--format=custom', `--file=${file}`, `--dbname=${env.DATABASE_URL}`], { stdio: ['ignore', 'inherit', 'inherit'] });
    if (dump.error || dump.status !== 0) throw new Error(`pg_dump failed${dump.error ? `: ${dump.error.message}` : ''} (is the PostgreSQL client installed?)`);
    return file;
  }
  const pid = lockHolder(dataDir);
  if (pid !== undefined) return askRunningBot(pid, Number(env.PORT || 8080));
  const handle = await openDatabase({ dataDir });
  try {
    const file = await takeSnapshot(handle.db, dataDir, { at: new Date(), zone });
    rotateSnapshots(dataDir, Number(env.BACKUP_KEEP || 14));
    return file;
  } finally {
    await handle.close();
  }
}

async function askRunningBot(pid: number, port: number): Promise<string> {
  const refused = `The bot is running (process id ${pid}) but did not answer on 127.0.0.1:${port}; run this with the same PORT as the bot.`;
  const res = await fetch(`http://127.0.0.1:${port}/backup`, { method: 'POST' }).catch(() => {
    throw new Error(refused);
  });
  const body = (await res.json().catch(() => ({}))) as { file?: string; pid?: number; error?: string };
  if (!res.ok || !body.file) throw new Error(body.error ?? refused);
  if (body.pid !== pid) throw new Error(`Another bot (process id ${body.pid ?? '?'}) answered on port ${port}, not the one using this data folder (${pid}); run this with that bot's PORT.`);
  return body.file;
}

backup().then(
  (file) => console.log(file),
  (error: unknown) => {
    console.error(`backup failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
