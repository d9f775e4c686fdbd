import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { openDatabase, PGLITE_SHARED_BUFFERS } from '../src/core/db.js';

describe('the embedded database’s memory', () => {
  it('when the bot opens its data folder, then Postgres runs with 8 MB of shared buffers (not the default 128 MB, which stays in the bot’s memory once read)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'khoipho-memory-'));
    try {
      for (let open = 0; open < 2; open++) {
        // Once on a new folder, once on the existing one.
        const handle = await openDatabase({ dataDir: join(dir, 'db') });
        const { rows } = await sql<{ shared_buffers: string }>`show shared_buffers`.execute(handle.db);
        await handle.close();
        expect(rows[0]?.shared_buffers).toBe(PGLITE_SHARED_BUFFERS);
        expect(PGLITE_SHARED_BUFFERS).toBe('8MB');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
