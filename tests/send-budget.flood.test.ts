import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { reportButtonData } from '../src/reports/reports.buttons.js';
import { dbTargets } from './support/db.js';
import { buildLeaders, buildMember, buildTask, buildUnit, flagForm } from './support/factories.js';
import type { SimUser } from './support/fake-telegram-user.js';
import { useApp } from './support/suite.js';

/** Telegram's flood limit as the fake applies it (sends per sliding second), scaled up so the run takes seconds, not minutes. */
const LIMIT = 300;
const LEADERS = 2000;
const ANSWERING = 200;
const FIRST = 500_000;

describe.each(dbTargets())('one send budget under flood control on %s', (target) => {
  const { h, db } = useApp(target, { env: { SEND_RATE_PER_SECOND: String(LIMIT) }, pacing: 'real' });
  beforeEach(async () => {
    await buildLeaders(db, LEADERS, { firstTelegramId: FIRST, namePrefix: 'Tổ trưởng ' });
    await sql`insert into campaigns (name) values ('Quốc khánh')`.execute(db);
    await sql`insert into tasks (campaign_id, title, due_at, created_at, form) values (1, 'Treo cờ Tổ quốc', now() + interval '7 days', now() - interval '2 days', ${JSON.stringify(flagForm)}::jsonb)`.execute(db);
    await sql`insert into task_units (task_id, unit_id) select 1, id from units`.execute(db);
    h.fake.rateLimit({ global: LIMIT });
  });

  /** The wave, queued as the reminder producer would, with each leader's Báo cáo button. */
  const queueWave = (chats: number[]) =>
    h.app.telegram.env.deps.outbox.queue(
      chats.map((chatId) => ({
        source: 'reminder:1:due:wave',
        kind: 'reminder' as const,
        taskId: 1,
        unitId: chatId - FIRST,
        chatId,
        memberId: chatId - FIRST,
        payload: { text: 'Nhắc việc: Treo cờ Tổ quốc', buttons: [[{ text: '📝 Báo cáo', data: reportButtonData(1, chatId - FIRST) }]] },
        notBefore: h.clock.now(),
        expiresAt: null,
      })),
    );

  it('when 200 leaders answer a 2,000-leader reminder wave at once, then every reply arrives, no handler fails, and no second holds more sends than the limit', { timeout: 180_000 }, async () => {
    const chats = Array.from({ length: LEADERS }, (_, i) => FIRST + i + 1);
    const answering: SimUser[] = chats.slice(0, ANSWERING).map((id) => h.fake.user(id));
    expect(await queueWave(chats)).toBe(LEADERS);
    let waveDoneAt = Infinity;
    const wave = h.app.dispatcher.drain().then((n) => {
      waveDoneAt = performance.now();
      return n;
    });

    // Once the first 200 have their reminder, they all answer at the same moment.
    await Promise.all(answering.map((u) => u.nextMessage({ timeoutMs: 60_000 })));
    const answers = await Promise.all(
      answering.map(async (u) => {
        u.pressButton('📝 Báo cáo');
        const opened = await u.nextMessage({ timeoutMs: 60_000 });
        u.pressButton('✅ Đã xong');
        const asked = await u.nextMessage({ timeoutMs: 60_000 });
        u.sendText('45');
        const photos = await u.nextMessage({ timeoutMs: 60_000 });
        return [opened, asked, photos].map((m) => m.text);
      }),
    );
    const repliesDoneAt = performance.now();
    expect(await wave).toBe(LEADERS);

    for (const texts of answers) {
      expect(texts[0]).toContain('Tình hình thực hiện');
      expect(texts[1]).toMatch(/^→ ✅ Đã xong\n\nSố hộ treo cờ\?/);
      expect(texts[2]).toContain('Gửi ảnh');
    }
    // Replies went first: the people talking to the bot were done while the wave still ran.
    expect(repliesDoneAt).toBeLessThan(waveDoneAt);
    const statuses = await db.selectFrom('deliveries').select(['status']).groupBy('status').select((eb) => eb.fn.countAll<number>().as('n')).execute();
    expect(statuses).toEqual([{ status: 'sent', n: LEADERS }]);
    expect(h.logs.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
    // The fake refuses (429) any send beyond LIMIT in a sliding second, and counts it: none was tried.
    expect(h.fake.stats().violations).toBe(0);
    expect(h.fake.stats().sent).toBe(LEADERS + ANSWERING * 3);
  });
});

describe.each(dbTargets())('a reply refused with 429 on %s', (target) => {
  // Virtual pacing time: the five retry_after pauses cost no real seconds, and are still taken in order.
  const app = useApp(target);
  const LEADER = FIRST + 1;

  it('when Telegram answers a reply with 429 five times in a row, then the reply still arrives and the handler does not fail', async () => {
    const h = app.h;
    const unit = await buildUnit(app.database.db, { name: 'Khối 1' });
    await buildMember(app.database.db, { telegramId: LEADER, name: 'Tổ trưởng 1', unitId: unit.id });
    await buildTask(app.database.db, { title: 'Treo cờ Tổ quốc', unitIds: [unit.id], dueAt: new Date(h.clock.now().getTime() + 7 * 86_400_000) });
    const leader = h.fake.user(LEADER);
    h.fake.failNext(5, { code: 429, retryAfter: 1, method: 'sendMessage', chatId: leader.id });
    leader.sendText('/tasks');
    expect((await leader.nextMessage()).text).toContain('Treo cờ Tổ quốc');
    expect(h.fake.callsOf('sendMessage').filter((c) => c.error?.code === 429)).toHaveLength(5);
    expect(h.logs.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
    expect(h.logs.filter((l) => l.includes('reply met a 429'))).toHaveLength(5);
  });
});
