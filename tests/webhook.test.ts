import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/child.js';
import { dbTargets, openTestDatabase, type TestDatabase } from './support/db.js';
import { type Harness, startHarness } from './support/harness.js';

const SECRET = 'hook-secret_123';

describe.each(dbTargets())('webhook mode on %s', (target) => {
  let database: TestDatabase;
  let h: Harness;
  let base: string;

  beforeAll(async () => {
    database = await openTestDatabase(target);
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    h = await startHarness(database, {
      adminIds: [1001],
      env: { WEBHOOK_URL: 'https://bot.example.org/telegram', WEBHOOK_SECRET: SECRET, PORT: String(port) },
    });
  });
  afterAll(async () => {
    await h?.stop();
    await database?.close();
  });

  const update = (id: number, text: string) => ({
    update_id: id,
    message: { message_id: id, date: 1_780_000_000, chat: { id: 1001, type: 'private', first_name: 'A' }, from: { id: 1001, is_bot: false, first_name: 'A' }, text, entities: [{ type: 'bot_command', offset: 0, length: text.length }] },
  });
  const post = (body: unknown, secret?: string) =>
    fetch(`${base}/`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(secret ? { 'x-telegram-bot-api-secret-token': secret } : {}) },
      body: JSON.stringify(body),
    });

  it('when the bot starts in webhook mode, then it registers the URL with its secret', () => {
    expect(h.fake.webhook?.url).toBe('https://bot.example.org/telegram');
    expect(h.fake.callsOf('setWebhook')[0]?.params.secret_token).toBe(SECRET);
    expect(h.fake.callsOf('getUpdates')).toHaveLength(0);
  });

  it('when an update comes without or with a wrong secret, then it gets 401 and nothing happens', async () => {
    expect((await post(update(1, '/start'))).status).toBe(401);
    expect((await post(update(2, '/start'), 'wrong')).status).toBe(401);
    await h.quiet();
    expect(h.fake.callsOf('sendMessage')).toHaveLength(0);
    expect(await database.db.selectFrom('members').selectAll().execute()).toEqual([]);
  });

  it('when an update comes with the right secret, then it is handled', async () => {
    expect((await post(update(3, '/start'), SECRET)).status).toBe(200);
    const admin = h.fake.user(1001);
    await h.fake.waitFor(() => admin.messages().length > 0);
    expect(admin.messages()[0]?.text).toContain('quản trị viên');
    const stored = await database.db.selectFrom('members').select(['telegram_id', 'role']).execute();
    expect(stored).toEqual([{ telegram_id: 1001, role: 'admin' }]);
  });

  it('when /healthz is asked, then it reports the database as reachable', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, database: 'reachable' });
  });
});
