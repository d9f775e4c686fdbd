import { AsyncLocalStorage } from 'node:async_hooks';
import {
  AliasNode,
  BinaryOperationNode,
  ColumnNode,
  type DeleteQueryNode,
  IdentifierNode,
  type InsertQueryNode,
  JoinNode,
  type KyselyPlugin,
  type OperationNode,
  OperationNodeTransformer,
  OperatorNode,
  type PluginTransformQueryArgs,
  type PluginTransformResultArgs,
  PrimitiveValueListNode,
  type QueryResult,
  QueryNode,
  ReferenceNode,
  type RootOperationNode,
  type SelectQueryNode,
  TableNode,
  type UnknownRow,
  type UpdateQueryNode,
  ValueListNode,
  ValueNode,
  ValuesNode,
} from 'kysely';

/**
 * Office scoping, by construction. The member middleware runs each update inside `inOffice(id)`
 * (the office of the member row it read); while it does, every Kysely query made through the
 * app's database handle, in a conversation or a service alike, is rewritten:
 *
 * - every tenant table in FROM, JOIN, UPDATE or DELETE (subqueries included) gets
 *   `<table or alias>.office_id = <office>` (in the join's ON for joins, so left joins stay left);
 * - every INSERT into a tenant table gets the office_id column, unless it names one itself.
 *
 * Outside an update (the outbox, the scheduler, reminders, tests that call services directly)
 * nothing is rewritten: those jobs work across offices on purpose. Raw `sql` text is never
 * rewritten; queries written that way filter by office themselves.
 */
export const TENANT_TABLES: ReadonlySet<string> = new Set([
  'units',
  'members',
  'campaigns',
  'tasks',
  'task_series',
  'broadcasts',
  'invites',
  'reports',
  'plan_documents',
  'plan_aliases',
  // Rows hanging off those (migration 2026_12_21): filled from their parent when an insert names no office.
  'unit_members',
  'task_units',
  'task_series_units',
  'task_take_downs',
  'task_reminder_overrides',
  'task_pending',
  'report_revisions',
  'report_photos',
  'deliveries',
  'outbox_runs',
  'audit_log',
]);

const scope = new AsyncLocalStorage<number>();

/**
 * Calls of `inOffice` whose work is still in progress. While an AsyncLocalStorage is enabled,
 * Node 20 runs its promise hooks on every promise the process makes (the Bot API client's, the
 * driver's, PGlite's, the hot dialogues' that never read the office): a fifth to a third of the
 * bot's CPU per update in the ingest benchmark. So the storage is enabled only while some office's work
 * is in progress: when the last call settles, it is disabled (hooks and all) until the next.
 * Work a call awaits keeps its office throughout, since its call has not settled. Work started and
 * not awaited (`void …`) would lose it once every call has ended: none is started inside an office
 * (`no-floating-promises` makes each such start a visible `void`; see README "Offices: one bot
 * for many communes").
 */
let inProgress = 0;

function settled(): void {
  inProgress -= 1;
  if (inProgress === 0) scope.disable();
}

/** Runs `fn` (and everything it awaits) as the given office. */
export function inOffice<T>(officeId: number, fn: () => T): T {
  inProgress += 1;
  let result: T;
  try {
    result = scope.run(officeId, fn);
  } catch (error) {
    settled();
    throw error;
  }
  if (result instanceof Promise) result.then(settled, settled);
  else settled();
  return result;
}

/** True while some office's work is in progress (the storage and its promise hooks are on). */
export function officeScopeActive(): boolean {
  return inProgress > 0;
}

/** The office of the update being handled, or undefined outside one. */
export function currentOfficeId(): number | undefined {
  return scope.getStore();
}

/** Runs `fn` outside any office (a job started from an update that must see every office). */
export function outsideOffices<T>(fn: () => T): T {
  return scope.exit(fn);
}

export class OfficeScopePlugin implements KyselyPlugin {
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const officeId = scope.getStore();
    if (officeId === undefined) return args.node;
    return new OfficeScopeTransformer(officeId).transformNode(args.node);
  }

  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** The tenant table a FROM/JOIN item names, and the name its columns are referred by; null otherwise. */
function tenantRef(node: OperationNode): { ref: string } | null {
  if (TableNode.is(node)) {
    const name = node.table.identifier.name;
    return TENANT_TABLES.has(name) && !node.table.schema ? { ref: name } : null;
  }
  if (AliasNode.is(node) && TableNode.is(node.node) && IdentifierNode.is(node.alias)) {
    const name = node.node.table.identifier.name;
    return TENANT_TABLES.has(name) && !node.node.table.schema ? { ref: node.alias.name } : null;
  }
  return null;
}

export class OfficeScopeTransformer extends OperationNodeTransformer {
  constructor(private readonly officeId: number) {
    super();
  }

  private filter(ref: string): OperationNode {
    return BinaryOperationNode.create(ReferenceNode.create(ColumnNode.create('office_id'), TableNode.create(ref)), OperatorNode.create('='), ValueNode.create(this.officeId));
  }

  private scopeWhere<T extends SelectQueryNode | UpdateQueryNode | DeleteQueryNode>(node: T, items: readonly OperationNode[]): T {
    let scoped = node;
    for (const item of items) {
      const t = tenantRef(item);
      if (t) scoped = QueryNode.cloneWithWhere(scoped, this.filter(t.ref));
    }
    return scoped;
  }

  private scopeJoins<T extends SelectQueryNode | UpdateQueryNode | DeleteQueryNode>(node: T): T {
    if (!node.joins) return node;
    const joins = node.joins.map((join) => {
      const t = tenantRef(join.table);
      if (!t) return join;
      return join.on ? JoinNode.cloneWithOn(join, this.filter(t.ref)) : JoinNode.createWithOn(join.joinType, join.table, this.filter(t.ref));
    });
    return { ...node, joins };
  }

  protected override transformSelectQuery(node: SelectQueryNode): SelectQueryNode {
    const inner = super.transformSelectQuery(node);
    return this.scopeJoins(this.scopeWhere(inner, inner.from?.froms ?? []));
  }

  protected override transformUpdateQuery(node: UpdateQueryNode): UpdateQueryNode {
    const inner = super.transformUpdateQuery(node);
    const items = [...(inner.table ? [inner.table] : []), ...(inner.from?.froms ?? [])];
    return this.scopeJoins(this.scopeWhere(inner, items));
  }

  protected override transformDeleteQuery(node: DeleteQueryNode): DeleteQueryNode {
    const inner = super.transformDeleteQuery(node);
    return this.scopeJoins(this.scopeWhere(inner, [...inner.from.froms, ...(inner.using?.tables ?? [])]));
  }

  protected override transformInsertQuery(node: InsertQueryNode): InsertQueryNode {
    const inner = super.transformInsertQuery(node);
    const into = inner.into;
    if (!into || !TENANT_TABLES.has(into.table.identifier.name) || !inner.columns || !inner.values || !ValuesNode.is(inner.values)) return inner;
    if (inner.columns.some((c) => c.column.name === 'office_id')) return inner;
    const values = ValuesNode.create(
      inner.values.values.map((row) =>
        PrimitiveValueListNode.is(row) ? PrimitiveValueListNode.create([...row.values, this.officeId]) : ValueListNode.create([...row.values, ValueNode.create(this.officeId)]),
      ),
    );
    return { ...inner, columns: [...inner.columns, ColumnNode.create('office_id')], values };
  }
}
