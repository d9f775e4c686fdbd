import type { Db } from './db.js';
import type { Kysely, Transaction } from 'kysely';
import type { Database } from './schema.js';

export interface AuditEntry {
  actorId: number | null;
  action: string;
  subject: string;
  details?: Record<string, unknown>;
  at: Date;
}

/** Appends one line to the audit log (inside the caller's transaction when given one). */
export async function recordAudit(db: Db | Transaction<Database> | Kysely<Database>, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_id: entry.actorId,
      action: entry.action,
      subject: entry.subject,
      details: JSON.stringify(entry.details ?? {}),
      at: entry.at,
    })
    .execute();
}
