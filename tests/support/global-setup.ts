/**
 * Once per run, on the real server only (TEST_DATABASE_URL): a migrated template database that
 * each test file copies (`create database … template …` takes milliseconds), dropped at the end.
 */
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../../src/core/db.js';
import { migrateToLatest } from '../../src/core/migrator.js';
import { databaseUrl, PG_TEMPLATE_ENV, withAdmin } from './db.js';

export default async function setup(): Promise<(() => Promise<void>) | undefined> {
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (!adminUrl) return undefined;
  const name = `khoipho_tpl_${randomBytes(6).toString('hex')}`;
  await withAdmin(adminUrl, (c) => c.query(`create database ${name}`));
  const handle = await openDatabase({ databaseUrl: databaseUrl(adminUrl, name), dataDir: 'unused' });
  try {
    await migrateToLatest(handle.db);
  } finally {
    // A template must have no connections while it is copied.
    await handle.close();
  }
  // Workers start after global setup and inherit the environment.
  process.env[PG_TEMPLATE_ENV] = name;
  return async () => {
    await withAdmin(adminUrl, (c) => c.query(`drop database if exists ${name} with (force)`));
  };
}
