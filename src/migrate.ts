import { ConfigError } from './config.js';
import { openDatabase } from './core/db.js';
import { migrateToLatest } from './core/migrator.js';
import { readEnv } from './config.js';

// Needs only the database settings, so it runs without a bot token.
async function migrate(): Promise<void> {
  const env = readEnv(process.env);
  const handle = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR || './data' });
  try {
    const result = await migrateToLatest(handle.db);
    const applied = result.results?.map((r) => r.migrationName) ?? [];
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  } finally {
    await handle.close();
  }
}

migrate().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : `migration failed: ${String(error instanceof Error ? error.message : error)}`);
  process.exit(1);
});
