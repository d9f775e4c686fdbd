import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { buildMember } from './support/factories.js';
import { useApp } from './support/suite.js';

describe.each(dbTargets())('errors and stopping on %s', (target) => {
  const { database, h } = useApp(target);

  it('when a handler fails, then the user gets a short apology and the log has the error without the token', async () => {
    await buildMember(database.db, { telegramId: 1001, role: 'admin' });
    await sql`alter table kv_store rename to kv_store_away`.execute(database.db);
    try {
      const admin = h.fake.user(1001);
      admin.sendText('/units');
      const reply = await admin.nextMessage();
      expect(reply.text).toBe('Xin lỗi, đã có lỗi xảy ra. Anh/chị vui lòng thử lại sau ít phút.');
    } finally {
      await sql`alter table kv_store_away rename to kv_store`.execute(database.db);
    }
    await h.settle();
    const log = h.logs.join('');
    expect(log).toContain('handler failed');
    expect(log).toContain('kv_store');
    expect(log).not.toContain(h.config.botToken);
  });

  it('when the app stops while an update is being handled, then that update is finished first', async () => {
    h.fake.slow(400, { method: 'sendMessage' });
    const stranger = h.fake.user(4004);
    stranger.sendText('/start');
    await h.fake.waitFor(() => h.app.telegram.inFlight.busy);
    await h.app.stop();
    h.fake.slow(0);
    expect(stranger.messages().map((m) => m.text)).toEqual([expect.stringContaining('cần link mời')]);
    await stranger.nextMessage();
    // The handled update was confirmed, so a new instance does not get it again.
    await h.restart();
    await h.expectNothingSentTo(stranger);
  });
});
