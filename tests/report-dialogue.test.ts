import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openReport, submitReport } from '../src/reports/reports.service.js';
import { dialogueKey } from '../src/telegram/dialogue-store.js';
import { DialogueWrites } from '../src/telegram/dialogue-writes.js';
import { startBotInstance, StatementCounter, type BotInstance } from './support/bot-instance.js';
import { ManualClock } from './support/clock.js';
import { dbTargets } from './support/db.js';
import { useDatabase } from './support/suite.js';
import { buildMember, buildUnit, seedTown } from './support/factories.js';
import { FakeTelegram } from './support/fake-telegram.js';
import type { SimUser } from './support/fake-telegram-user.js';

describe.each(dbTargets())('the report dialogue as a state machine on %s', (target) => {
  const { database } = useDatabase(target);
  let fake: FakeTelegram;
  let clock: ManualClock;
  let leader: SimUser;
  beforeEach(async () => {
    clock = new ManualClock();
    clock.setLocal('02/06/2026 08:00');
    fake = await FakeTelegram.start({ now: () => clock.now().getTime() });
    await seedTown(database.db);
    leader = fake.user(2001);
  });
  afterEach(async () => {
    await fake.close();
  });

  const instance = () => startBotInstance(fake, database.db, clock);
  /** The texts of the bot's next `n` messages. */
  const next = async (n = 1) => (await leader.nextMessages(n)).map((m) => m.text);
  const revisions = () => database.db.selectFrom('report_revisions').select(['number_value', 'status']).execute();
  const photos = () => database.db.selectFrom('report_photos').select('file_unique_id').execute();

  async function openOn(bot: BotInstance): Promise<void> {
    await bot.handle(leader.sendText('/tasks'));
    await next();
    await bot.handle(leader.pressButton(/Báo cáo: Treo cờ/));
    expect((await next())[0]).toContain('Tình hình thực hiện');
  }

  it('when two instances take turns on one chat, then each answers from the stored step, never from its own older copy', async () => {
    const a = await instance();
    const b = await instance();
    await openOn(a);
    await b.handle(leader.pressButton('✅ Đã xong'));
    expect((await next())[0]).toContain('Số hộ treo cờ?');
    // A still holds the dialogue at the status question; the stored row has moved on.
    await a.handle(leader.sendText('45'));
    expect(await next()).toEqual([expect.stringContaining('Gửi ảnh')]);
    // B holds it at the number question; A moved it to the photos.
    await b.handle(leader.sendPhoto({ fileUniqueId: 'P-1' }));
    expect(await next()).toEqual(['Đã nhận 1 ảnh. Gửi thêm ảnh, hoặc bấm “Xong”.']);
    await a.handle(leader.pressButton('Xong'));
    expect(await next()).toEqual([expect.stringContaining('Ghi chú thêm')]);
    await b.handle(leader.pressButton('Bỏ qua'));
    expect((await next())[0]).toContain('Kiểm tra lại báo cáo');
    await a.handle(leader.pressButton('📤 Gửi'));
    expect((await next())[0]).toContain('Đã nhận báo cáo “Treo cờ Tổ quốc” của Khối 1');
    expect(await revisions()).toEqual([{ number_value: 45, status: 'done' }]);
    expect(await photos()).toEqual([{ file_unique_id: 'P-1' }]);
    expect(leader.unread()).toEqual([]);
  });

  it('when one instance cancels the dialogue, then the other, still holding it, does not go on with it', async () => {
    const a = await instance();
    const b = await instance();
    await openOn(a);
    await a.handle(leader.pressButton('✅ Đã xong'));
    await next();
    await b.handle(leader.sendText('/cancel'));
    expect(await next()).toEqual(['Đã huỷ. Không có gì được lưu.']);
    await a.handle(leader.sendText('45'));
    expect((await next())[0]).toContain('Anh/chị hãy dùng các nút bấm');
    expect(await database.db.selectFrom('kv_store').select('key').execute()).toEqual([]);
    expect(await revisions()).toEqual([]);
  });

  it('when one instance holds the dialogue, then every step costs one statement and the submission one', async () => {
    const bot = await instance();
    await bot.handle(leader.sendText('/tasks'));
    await next();
    const costs: number[] = [];
    const cost = async (act: () => ReturnType<SimUser['sendText']>, replies: number) => {
      const before = bot.statements.count;
      await bot.handle(act());
      await next(replies);
      costs.push(bot.statements.count - before);
    };
    await cost(() => leader.pressButton(/Báo cáo: Treo cờ/), 1);
    await cost(() => leader.pressButton('✅ Đã xong'), 1);
    await cost(() => leader.sendText('abc'), 1);
    await cost(() => leader.sendText('45'), 1);
    await cost(() => leader.sendPhoto({ fileUniqueId: 'P-1' }), 1);
    await cost(() => leader.pressButton('Xong'), 1);
    await cost(() => leader.pressButton('Bỏ qua'), 1);
    await cost(() => leader.pressButton('📤 Gửi'), 1);
    expect(costs).toEqual([1, 1, 1, 1, 1, 1, 1, 1]);
    expect(await revisions()).toEqual([{ number_value: 45, status: 'done' }]);
  });

  it('when the dialogue is not in memory (restart, evicted), then the step reads it once and goes on', async () => {
    const first = await instance();
    await openOn(first);
    const second = await instance();
    const before = second.statements.count;
    await second.handle(leader.pressButton('✅ Đã xong'));
    expect((await next())[0]).toContain('Số hộ treo cờ?');
    expect(second.statements.count - before).toBe(2);
    const after = second.statements.count;
    await second.handle(leader.sendText('45'));
    expect((await next())[0]).toContain('Gửi ảnh');
    expect(second.statements.count - after).toBe(1);
  });

  it('when the submission statement runs again on a server connection, then Postgres reuses its prepared plan instead of parsing and planning it anew', async (ctx) => {
    if (target !== 'postgres') return ctx.skip(); // PGlite runs the text as it is
    const [unit] = await database.db.selectFrom('units').select('id').execute();
    const [member] = await database.db.selectFrom('members').select('id').execute();
    const [task] = await database.db.selectFrom('tasks').select('id').execute();
    const answers = { status: 'done' as const, number: 45, note: null, location: null, photos: [] };
    const { before, after } = await database.db.connection().execute(async (one) => {
      // The connection may have run it for an earlier test already: what counts is what these three add.
      const statements = () =>
        sql<{ name: string; runs: number; text: string }>`
          select name, (generic_plans + custom_plans)::int as runs, left(statement, 40) as text from pg_prepared_statements
          where statement like '%insert into report_revisions%'`.execute(one).then((r) => r.rows);
      const before = await statements();
      for (const key of ['cb:1', 'cb:2', 'cb:3']) {
        const input = { memberId: member?.id ?? 0, taskId: task?.id ?? 0, unitId: unit?.id ?? 0, submissionKey: key, answers };
        expect((await submitReport(one, clock, input)).outcome).toBe('saved');
      }
      return { before, after: await statements() };
    });
    expect(after).toEqual([{ name: expect.stringMatching(/^kp_[0-9a-f]{20}$/), runs: (before[0]?.runs ?? 0) + 3, text: expect.stringContaining('/* prepared */') }]);
    expect(await revisions()).toHaveLength(3);
  });

  it('when several chats write their steps at the same moment, then one statement carries them, each checked against its own version', async () => {
    const rows = [1, 2, 3].map((chat) => ({ key: dialogueKey(chat), value: JSON.stringify({ v: 1, at: 0, kind: 'test', s: { chat } }), updated_at: clock.now() }));
    await database.db.insertInto('kv_store').values(rows).execute();
    const statements = new StatementCounter();
    const writes = new DialogueWrites(database.db.withPlugin(statements), clock);
    const next = (chat: number) => ({ v: 2, at: 1, kind: 'test', s: { chat, step: 'next' } });
    // Chat 3 is written from an old copy (version 0): refused, the others go through.
    const results = await Promise.all([writes.replace(1, 1, next(1)), writes.replace(2, 1, next(2)), writes.replace(3, 0, next(3))]);
    expect(results).toEqual([true, true, false]);
    expect(statements.count).toBe(1);
    const stored = await database.db.selectFrom('kv_store').select(['key', 'value']).orderBy('key').execute();
    expect(stored.map((r) => r.value)).toEqual([next(1), next(2), { v: 1, at: 0, kind: 'test', s: { chat: 3 } }]);
  });

  it('when several leaders press Báo cáo at the same moment, then one statement opens them, each with its own answer', async () => {
    const [task] = await database.db.selectFrom('tasks').select('id').execute();
    const [k1] = await database.db.selectFrom('units').select('id').execute();
    const k2 = await buildUnit(database.db, { name: 'Khối 2' });
    await buildMember(database.db, { telegramId: 2002, unitId: k2.id });
    const statements = new StatementCounter();
    const counted = database.db.withPlugin(statements);
    const press = (telegramId: number, unitId: number) =>
      openReport(counted, clock, { telegramId, taskId: task?.id ?? 0, unitId, dialogueKey: dialogueKey(telegramId), conversationKey: `conversation:${telegramId}`, atMs: 1 });
    // 2001 leads Khối 1 (assigned), 2002 leads Khối 2 (not assigned), 9999 is nobody.
    const [opened, notAssigned, stranger] = await Promise.all([press(2001, k1?.id ?? 0), press(2002, k2.id), press(9999, k1?.id ?? 0)]);
    expect(statements.count).toBe(1);
    expect(opened).toMatchObject({ kind: 'opened', intro: { title: 'Treo cờ Tổ quốc', unit: 'Khối 1' }, state: { step: 'status', unit: 'Khối 1' } });
    expect(notAssigned).toEqual({ kind: 'refused', reason: 'not-assigned', locale: null });
    expect(stranger).toEqual({ kind: 'pass' });
    const rows = await database.db.selectFrom('kv_store').select('key').where('key', 'like', 'dialogue:%').execute();
    expect(rows.map((r) => r.key)).toEqual([dialogueKey(2001)]);
    // Pressed again: the open dialogue is found, nothing new is written.
    expect(await press(2001, k1?.id ?? 0)).toMatchObject({ kind: 'open-already' });
    expect(statements.count).toBe(2);
  });
});
