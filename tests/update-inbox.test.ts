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

describe.each(dbTargets())('update inbox with a NUL character on %s', (target) => {
  const { database } = useDatabase(target);

  it('when a message holds a NUL character (which jsonb refuses), then its batch is still kept and a restart handles it with the character replaced', async () => {
    const inbox = new UpdateInbox(database.db);
    const odd = update(21);
    if (odd.message) odd.message.text = 'Khối 3\u0000 xong';
    // A user typing a backslash sequence keeps it as typed.
    const typed = update(22);
    if (typed.message) typed.message.text = 'gõ \\u0000 như chữ';
    await inbox.keep([odd, typed, update(23)]);
    const left = await new UpdateInbox(database.db).left();
    expect(left.map((u) => u.update_id)).toEqual([21, 22, 23]);
    expect(left[0]?.message?.text).toBe('Khối 3\uFFFD xong');
    expect(left[1]?.message?.text).toBe('gõ \\u0000 như chữ');
  });
});
