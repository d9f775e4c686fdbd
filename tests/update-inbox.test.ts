import type { Update } from 'grammy/types';
import { describe, expect, it } from 'vitest';
import { UpdateInbox } from '../src/telegram/update-inbox.js';
import { dbTargets } from './support/db.js';
import { useDatabase } from './support/suite.js';

const update = (id: number): Update => ({
  update_id: id,
  message: { message_id: id, date: 0, from: { id: 7, is_bot: false, first_name: 'A' }, chat: { id: 7, type: 'private', first_name: 'A' }, text: `m${id}` },
});

describe.each(dbTargets())('update inbox on %s', (target) => {
  const { database } = useDatabase(target);

  it('when updates of a batch are handled before their batch is written, then their rows still go and a restart finds nothing to redo', async () => {
    const inbox = new UpdateInbox(database.db);
    // Two batches taken back to back; the bot handles both before either write has run.
    const written = [inbox.keep([update(1), update(2)]), inbox.keep([update(3)])];
    for (const id of [1, 2, 3]) inbox.handled(id);
    await Promise.all(written);
    await inbox.flush();
    expect(await new UpdateInbox(database.db).left()).toEqual([]);
  });

  it('when a batch is written and only part of it is handled, then the rest is what a restart handles, oldest first', async () => {
    const inbox = new UpdateInbox(database.db);
    await inbox.keep([update(11), update(12), update(13)]);
    inbox.handled(12);
    await inbox.keep([update(14)]);
    await inbox.flush();
    expect((await new UpdateInbox(database.db).left()).map((u) => u.update_id)).toEqual([11, 13, 14]);
  });
});
