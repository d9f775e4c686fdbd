import { sql } from 'kysely';
import { readEnv } from './config.js';
import { DataDirLockedError, lockHolder } from './core/data-lock.js';
import { openDatabase } from './core/db.js';
import { restoreSnapshot } from './core/snapshots.js';

/**
 * `npm run restore <file>`: puts a snapshot back as the embedded database. Refuses while a bot
 * runs on the folder; what was there is moved aside, not deleted. Then opens the result once,
 * so a damaged snapshot is found now and not at the next start.
 */
async function restore(file: string | undefined): Promise<string> {
  const env = readEnv(process.env);
  const dataDir = env.DATA_DIR || './data';
  if (!file) throw new Error('say which snapshot: npm run restore data/backups/khoipho-<date>.tar.gz');
  if (env.DATABASE_URL) {
    throw new Error(`this bot uses a PostgreSQL server: stop the bot, then run pg_restore --clean --if-exists --dbname="$DATABASE_URL" ${file}`);
  }
  const pid = lockHolder(dataDir);
  if (pid !== undefined) throw new DataDirLockedError(dataDir, pid);
  const aside = await restoreSnapshot(dataDir, file, new Date());
  const handle = await openDatabase({ dataDir });
  try {
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from report_revisions`.execute(handle.db);
    return `Restored ${file}: the database opens and holds ${rows[0]?.n ?? 0} report revisions. What was in the folder before is kept in ${aside}.`;
  } finally {
    await handle.close();
  }
}

restore(process.argv[2]).then(
  (line) => console.log(line),
  (error: unknown) => {
    console.error(`restore refused: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
