import { CompiledQuery, type KyselyPlugin, type RootOperationNode, sql } from 'kysely';
import type { Db } from '../../src/core/db.js';

// Query plans, for tests of what a statement of the bot reads: the statement as the bot compiles
// it, explained with its real run (EXPLAIN ANALYZE, JSON), either as a custom plan or as the one
// generic plan a connection keeps for a `prepared` statement (core/db.ts).

export interface PlanNode {
  'Relation Name'?: string;
  'Actual Loops'?: number;
  'Actual Rows'?: number;
  'Rows Removed by Filter'?: number;
  'Rows Removed by Join Filter'?: number;
  Plans?: PlanNode[];
}

export function* planNodes(node: PlanNode): Generator<PlanNode> {
  yield node;
  for (const child of node.Plans ?? []) yield* planNodes(child);
}

/** Rows the plan's nodes (on `relation` only, if named) returned or filtered out, over all their loops. */
export function rowsTouched(plan: PlanNode, relation?: string): number {
  let touched = 0;
  for (const n of planNodes(plan)) {
    if (relation !== undefined && n['Relation Name'] !== relation) continue;
    touched += (n['Actual Loops'] ?? 0) * ((n['Actual Rows'] ?? 0) + (n['Rows Removed by Filter'] ?? 0) + (n['Rows Removed by Join Filter'] ?? 0));
  }
  return touched;
}

/** How many times the plan read `relation` (the loops of its nodes on it). */
export const lookups = (plan: PlanNode, relation: string): number =>
  [...planNodes(plan)].filter((n) => n['Relation Name'] === relation).reduce((sum, n) => sum + (n['Actual Loops'] ?? 0), 0);

/** Stops the query it sees before it runs, keeping it. */
class Captured extends Error {
  constructor(readonly node: RootOperationNode) {
    super('captured');
  }
}

/** The first statement `run` sends through `db` (with the plugins `db` has), compiled and not run. */
export async function capturedStatement(db: Db, run: (db: Db) => Promise<unknown>): Promise<CompiledQuery> {
  let captured: RootOperationNode | undefined;
  const stop: KyselyPlugin = {
    transformQuery: (args) => {
      throw new Captured(args.node);
    },
    transformResult: (args) => Promise.resolve(args.result),
  };
  await run(db.withPlugin(stop)).catch((error: unknown) => {
    if (!(error instanceof Captured)) throw error;
    captured = error.node;
  });
  if (!captured) throw new Error('no statement was sent');
  return db.getExecutor().compileQuery(captured, { queryId: 'probe' });
}

/** A parameter written as an SQL literal: EXECUTE's arguments cannot be bound. */
function literal(value: unknown): string {
  const quoted = (text: string) => `'${text.replace(/'/g, "''")}'`;
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof Date) return quoted(value.toISOString());
  if (typeof value === 'string') return quoted(value);
  if (Array.isArray(value)) return quoted(`{${value.map((v) => (v === null ? 'NULL' : `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`)).join(',')}}`);
  throw new Error(`no literal for ${typeof value}`);
}

function planOf(json: [{ Plan: PlanNode }] | string | undefined): PlanNode {
  const plan = (typeof json === 'string' ? (JSON.parse(json) as [{ Plan: PlanNode }]) : json)?.[0]?.Plan;
  if (!plan) throw new Error('no plan');
  return plan;
}

/** `statement` explained with a plan made for its parameters, and run. */
export async function explainRun(db: Db, statement: CompiledQuery): Promise<PlanNode> {
  const explained = await db.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(CompiledQuery.raw(`explain (analyze, format json) ${statement.sql}`, [...statement.parameters]));
  return planOf(explained.rows[0]?.['QUERY PLAN']);
}

/**
 * As one connection of the bot would run a `prepared` statement: on one connection, `early` runs
 * (the data there when the plan is made), then the statement is prepared with a generic plan and
 * run once (rolled back: that run only makes the plan), then `later` runs (the data growing under
 * the kept plan), and the statement runs again with that plan, explained.
 */
export async function genericPlanLater(db: Db, steps: { early?: (conn: Db) => Promise<void>; statement: (conn: Db) => Promise<CompiledQuery>; later?: (conn: Db) => Promise<void> }): Promise<PlanNode> {
  return db.connection().execute(async (conn) => {
    await steps.early?.(conn);
    const statement = await steps.statement(conn);
    await sql`set plan_cache_mode = force_generic_plan`.execute(conn);
    await conn.executeQuery(CompiledQuery.raw(`prepare plan_probe as ${statement.sql}`));
    try {
      const execute = `execute plan_probe(${statement.parameters.map(literal).join(', ')})`;
      await conn.executeQuery(CompiledQuery.raw('begin'));
      try {
        await conn.executeQuery(CompiledQuery.raw(execute));
      } finally {
        await conn.executeQuery(CompiledQuery.raw('rollback'));
      }
      await steps.later?.(conn);
      const explained = await conn.executeQuery<{ 'QUERY PLAN': [{ Plan: PlanNode }] | string }>(CompiledQuery.raw(`explain (analyze, format json) ${execute}`));
      return planOf(explained.rows[0]?.['QUERY PLAN']);
    } finally {
      await sql`deallocate plan_probe`.execute(conn);
      await sql`reset plan_cache_mode`.execute(conn);
    }
  });
}
