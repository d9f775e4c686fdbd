import { sql } from 'kysely';
import type { Db } from './db.js';
import type { Logger } from './logger.js';

/** Tables smaller than this many 8 kB pages are left alone: the planner's guesses are harmless there. */
const MIN_PAGES = 8;
/** A table is analyzed again once it has grown by this share since its last statistics (and by MIN_PAGES). */
const GROWTH = 0.2;

/**
 * Gives the query planner statistics for the tables that have none yet or have grown since.
 *
 * PGlite runs Postgres in single-user mode, where autovacuum never runs, and a server may have it
 * turned off: without statistics the planner guesses, and with the office filters that every
 * scoped query carries (core/office-scope) its guesses are ruinous. /tasks, for one, joined the
 * reports of every unit of the task before keeping the leader's own: 1.4 s a call with 1,000
 * reports on 11,000 units, against 0.2 ms with statistics. The test is cheap (page counts from
 * the catalog), so the bot runs it at start-up and every few minutes.
 *
 * Returns the tables analyzed.
 */
export async function refreshPlannerStats(db: Db): Promise<string[]> {
  const { rows } = await sql<{ name: string }>`
    select c.relname as name
    from pg_class c join pg_namespace n on n.oid = c.relnamespace
    cross join lateral (select pg_relation_size(c.oid) / current_setting('block_size')::int as pages) s
    where n.nspname = current_schema() and c.relkind in ('r', 'p')
      and s.pages >= ${MIN_PAGES}::int
      and (c.reltuples < 0 or s.pages > c.relpages * ${1 + GROWTH}::float8 + ${MIN_PAGES}::int)
    order by c.relname`.execute(db);
  for (const { name } of rows) await sql`analyze ${sql.table(name)}`.execute(db);
  return rows.map((r) => r.name);
}

/** How often the running bot looks for tables that outgrew their statistics. */
const REFRESH_EVERY_MS = 5 * 60_000;

/** {@link refreshPlannerStats} every few minutes; a failure (the database away) is logged and tried again next time. */
export function keepPlannerStats(db: Db, logger: Logger): { stop(): void } {
  const timer = setInterval(() => {
    refreshPlannerStats(db).then(
      (tables) => {
        if (tables.length) logger.info({ tables }, 'planner statistics refreshed');
      },
      (error: unknown) => logger.warn({ err: error }, 'could not refresh the planner statistics'),
    );
  }, REFRESH_EVERY_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
