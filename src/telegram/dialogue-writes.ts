import { sql } from 'kysely';
import type { Clock } from '../core/clock.js';
import { type Db, prepared } from '../core/db.js';
import { dialogueKey, type DialogueRow } from './dialogue-store.js';

interface Pending {
  chatId: number;
  expected: number;
  row: DialogueRow;
  done: (ok: boolean) => void;
  failed: (error: unknown) => void;
}

/**
 * The version-checked writes of dialogue steps, several chats per statement: writes asked for
 * while the event loop works through one round of input go out together, each still checked
 * against its own version. Under load that is one round trip (and one commit) for many steps;
 * alone, a step is still one statement. A chat never has two writes in one statement (its
 * updates are handled one at a time); should it happen, the second waits for the next one.
 */
export class DialogueWrites {
  private batch: Pending[] = [];
  private scheduled = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** Writes `row` over the chat's row if it is still at version `expected`; false when it is not. */
  replace(chatId: number, expected: number, row: DialogueRow): Promise<boolean> {
    return new Promise((done, failed) => {
      this.batch.push({ chatId, expected, row, done, failed });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  /**
   * One statement for the batch; the rows travel as one JSON array (a jsonb parameter, parsed once),
   * each picked by its position: as a text[] of JSON the driver escaped every quote into a new string.
   */
  private async flush(): Promise<void> {
    this.scheduled = false;
    const seen = new Set<number>();
    const now: Pending[] = [];
    const later: Pending[] = [];
    for (const p of this.batch.splice(0)) {
      if (seen.has(p.chatId)) later.push(p);
      else {
        seen.add(p.chatId);
        now.push(p);
      }
    }
    if (later.length > 0) {
      this.batch.push(...later);
      this.scheduled = true;
      setImmediate(() => void this.flush());
    }
    try {
      const result = await sql<{ key: string }>`${prepared}
        update kv_store k set value = ${JSON.stringify(now.map((p) => p.row))}::jsonb -> (b.i::int - 1), updated_at = ${this.clock.now()}::timestamptz
        from unnest(${now.map((p) => dialogueKey(p.chatId))}::text[], ${now.map((p) => p.expected)}::int[]) with ordinality as b(key, expected, i)
        where k.key = b.key and (k.value->>'v')::int = b.expected
        returning k.key`.execute(this.db);
      const written = new Set(result.rows.map((r) => r.key));
      for (const p of now) p.done(written.has(dialogueKey(p.chatId)));
    } catch (error) {
      for (const p of now) p.failed(error);
    }
  }
}
