// What the benches against a real PostgreSQL share: their numeric options, a database of their own
// (created, migrated, dropped), timed seeding steps and p50/p95 timing of the bot's own queries.
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { type Kysely, type sql } from 'kysely';
import pg from 'pg';
import { openDatabase } from '../../src/core/db.js';
import { migrateToLatest } from '../../src/core/migrator.js';
import type { Database } from '../../src/core/schema.js';

/** `--name N` among the bench's arguments; the fallback when absent or not a positive number. */
export function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(`--${name}`);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function admin(url: string, query: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(query);
  } finally {
    await client.end();
  }
}

/** Runs `bench` on a fresh, migrated database on the server of `adminUrl`, dropped afterwards whatever happens. */
export async function withScratchDatabase(adminUrl: string, bench: (db: Kysely<Database>, name: string) => Promise<void>): Promise<void> {
  const name = `khoipho_bench_${randomBytes(5).toString('hex')}`;
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  await admin(adminUrl, `create database ${name}`);
  const handle = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused' });
  try {
    await migrateToLatest(handle.db);
    await bench(handle.db, name);
  } finally {
    await handle.close();
    await admin(adminUrl, `drop database if exists ${name} with (force)`);
  }
}

/** A seeding step: runs the statement and prints how long it took. */
export function seedStep(db: Kysely<Database>): (label: string, query: ReturnType<typeof sql>) => Promise<void> {
  return async (label, query) => {
    const started = performance.now();
    await query.execute(db);
    console.log(`  seeded ${label} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
}

/** p50 and p95 in ms of `runs` calls of `fn`, after `warmup` untimed ones. */
export async function time(runs: number, fn: () => Promise<unknown>, warmup: number): Promise<{ p50: number; p95: number }> {
  for (let i = 0; i < warmup; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await fn();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.ceil(q * samples.length) - 1)] ?? NaN;
  return { p50: at(0.5), p95: at(0.95) };
}
