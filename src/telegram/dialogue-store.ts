import { sql } from 'kysely';
import { z } from 'zod';
import type { Db } from '../core/db.js';

/**
 * Where a hot dialogue lives: one small row per chat in kv_store (`dialogue:<chat>`), holding the
 * step and the answers so far, with a version that every write checks and bumps. A process may
 * keep the row in memory (see {@link DialogueCache}); the version makes that safe: a write based
 * on an old copy changes nothing, and the caller reads the row again.
 */

export const dialogueKey = (chatId: number) => `dialogue:${chatId}`;

/** The stored row: `v` its version, `at` the last input (wall-clock ms, for the idle limit), `s` the dialogue's own state. */
export interface DialogueRow {
  v: number;
  at: number;
  kind: string;
  s: unknown;
}

const rowSchema = z.object({ v: z.number().int(), at: z.number(), kind: z.string(), s: z.unknown() });

/** The row as read from the database, or null when it is not one of ours (never written by this code). */
export function parseRow(raw: unknown): DialogueRow | null {
  const parsed = rowSchema.safeParse(raw);
  return parsed.success ? { v: parsed.data.v, at: parsed.data.at, kind: parsed.data.kind, s: parsed.data.s } : null;
}

/** Whether a version check passed: the statement names its rows `ok`. (Step writes: dialogue-writes.ts.) */
const changed = (result: { rows: unknown[] }) => result.rows.length > 0;

/** Deletes the row only if it is still at version `expected`. */
export async function removeRow(db: Db, chatId: number, expected: number): Promise<boolean> {
  return changed(await sql`delete from kv_store where key = ${dialogueKey(chatId)} and (value->>'v')::int = ${expected} returning 1 as ok`.execute(db));
}

/** Deletes the row whatever its version (/cancel, another command); true when there was one. */
export async function removeAnyRow(db: Db, chatId: number): Promise<boolean> {
  return changed(await sql`delete from kv_store where key = ${dialogueKey(chatId)} returning 1 as ok`.execute(db));
}

/** Reads the row (after a version mismatch). */
export async function loadRow(db: Db, chatId: number): Promise<DialogueRow | null> {
  const result = await sql<{ value: unknown }>`select value from kv_store where key = ${dialogueKey(chatId)}`.execute(db);
  return parseRow(result.rows[0]?.value);
}

/**
 * The rows this process last wrote or read, newest use last; the oldest goes when it is full.
 * Losing an entry costs one read on that chat's next update, nothing else.
 */
export class DialogueCache<T> {
  private readonly rows = new Map<number, T>();

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.rows.size;
  }

  get(chatId: number): T | undefined {
    const row = this.rows.get(chatId);
    if (row) {
      this.rows.delete(chatId);
      this.rows.set(chatId, row);
    }
    return row;
  }

  set(chatId: number, row: T): void {
    this.rows.delete(chatId);
    this.rows.set(chatId, row);
    if (this.rows.size > this.capacity) {
      const oldest = this.rows.keys().next();
      if (!oldest.done) this.rows.delete(oldest.value);
    }
  }

  delete(chatId: number): void {
    this.rows.delete(chatId);
  }
}
