import { describe, expect, it } from 'vitest';
import { reportButtonData } from '../src/reports/reports.buttons.js';
import { leaderReportsFlag } from './support/reports.js';
import { dbTargets } from './support/db.js';
import { buildMember, seedTown } from './support/factories.js';
import type { SimUser } from './support/fake-telegram-user.js';
import { useApp } from './support/suite.js';

const OFFICIAL = 3001;
const REASON = 'Ảnh chưa thấy cờ, đề nghị chụp lại';

describe.each(dbTargets())('return for rework on %s', (target) => {
  const { database, h } = useApp(target, { localTime: '12/06/2026 09:00' });

  async function seed() {
    const db = database.db;
    const { k1, official, task } = await seedTown(db, { households: 120, official: { telegramId: OFFICIAL, name: 'Chủ tịch UBND' } });
    if (!official) throw new Error('seedTown made no official');
    // The deputy blocked the bot: stored as unreachable, and Telegram answers 403.
    await buildMember(db, { telegramId: 2011, name: 'Phó Một', unitId: k1.id, position: 'deputy', status: 'unreachable' });
    h.fake.user(2011).block();
    const leader = h.fake.user(2001);
    leader.sendText('/tasks');
    await leader.nextMessage();
    expect(await leaderReportsFlag(leader, /Báo cáo: Treo cờ/, { status: '✅ Đã xong', households: 100, photos: [{ id: 'K1-A' }] })).toContain('lần gửi thứ 1');
    return { k1, task, official, leader };
  }

  /** /status → the task → the unit → its report. */
  async function openReport(user: SimUser): Promise<void> {
    user.sendText('/status');
    await user.nextMessages(2);
    user.pressButton('🔎 Treo cờ Tổ quốc');
    await user.nextMessage();
    user.pressButton('✅ Khối 1');
    await user.nextMessage();
  }

  const stats = () => database.db.selectFrom('task_stats').select(['reported', 'done']).executeTakeFirstOrThrow();

  it('when an official returns a report with a reason, then the leader is told with a "Báo cáo lại" button, it counts as pending, and a resubmission clears it', async () => {
    const { k1, task, official: officialMember, leader } = await seed();
    expect(await stats()).toEqual({ reported: 1, done: 1 });

    const official = h.fake.user(OFFICIAL);
    await openReport(official);
    official.pressButton('↩️ Trả lại để làm lại');
    expect((await official.nextMessage()).text).toBe(
      'Trả lại báo cáo “Treo cờ Tổ quốc” của Khối 1 để đơn vị làm lại. Nhập lý do để gửi cho đơn vị (ví dụ: ảnh chưa rõ, thiếu số hộ). (Gõ /cancel để huỷ.)',
    );
    official.sendText('ok');
    expect((await official.nextMessage()).text).toContain('Lý do cần từ 3 đến 500 ký tự');
    official.sendText(REASON);
    const confirm = await official.nextMessage();
    expect(confirm.text).toBe(`Trả lại báo cáo của Khối 1 với lý do: “${REASON}”? (Gõ /cancel để huỷ.)`);
    official.pressButton('↩️ Trả lại');
    expect((await official.nextMessage()).text).toBe(
      [
        '✅ Đã trả lại báo cáo của Khối 1; báo cáo được tính là chưa báo cáo cho đến khi đơn vị gửi lại. Đã báo cho 1/2 người phụ trách.',
        'Không gửi được tin cho: Phó Một. Anh/chị hãy liên hệ trực tiếp.',
      ].join('\n'),
    );

    // The notices go through the outbox: queued with the return, sent when the dispatcher runs.
    const queued = await database.db.selectFrom('deliveries').select(['chat_id', 'status', 'kind', 'task_id', 'unit_id']).orderBy('chat_id').execute();
    expect(queued).toEqual([
      { chat_id: 2001, status: 'queued', kind: 'rework', task_id: task.id, unit_id: k1.id },
      { chat_id: 2011, status: 'unreachable', kind: 'rework', task_id: task.id, unit_id: k1.id },
    ]);
    expect(await h.app.dispatcher.drain()).toBe(1);
    const notice = await leader.nextMessage();
    // The leader is told by when to send it again, with the weekday.
    expect(notice.text).toBe(
      `↩️ Báo cáo “Treo cờ Tổ quốc” của Khối 1 được trả lại để làm lại.\nLý do: ${REASON}\nHạn báo cáo: Chủ nhật, 14/06/2026 17:00.\nAnh/chị bấm “Báo cáo lại” bên dưới để gửi lại báo cáo.`,
    );
    expect(notice.buttons).toEqual([['📝 Báo cáo lại']]);
    expect(notice.callbackData).toEqual([[reportButtonData(task.id, k1.id)]]);
    // The deputy is known to have blocked the bot: recorded, not sent to.
    expect(h.fake.callsOf('sendMessage').filter((c) => Number(c.params.chat_id) === 2011)).toEqual([]);
    expect((await database.db.selectFrom('deliveries').select('status').where('chat_id', '=', 2011).executeTakeFirstOrThrow()).status).toBe('unreachable');

    const returned = await database.db.selectFrom('reports').selectAll().executeTakeFirstOrThrow();
    expect(returned).toMatchObject({ returned_by: officialMember.id, return_reason: REASON, revision_count: 1 });
    expect(returned.returned_at?.toISOString()).toBe(h.clock.now().toISOString());
    const audit = await database.db.selectFrom('audit_log').select(['actor_id', 'action', 'subject', 'details']).where('action', '=', 'report.returned').execute();
    expect(audit).toEqual([{ actor_id: officialMember.id, action: 'report.returned', subject: `task:${task.id}/unit:${k1.id}`, details: { revision: 1, reason: REASON } }]);
    expect(await stats()).toEqual({ reported: 0, done: 0 });

    official.sendText('/pending');
    await official.nextMessage();
    official.pressButton('Treo cờ Tổ quốc');
    expect((await official.nextMessage()).text).toBe(
      `⏳ Treo cờ Tổ quốc (hạn Chủ nhật, 14/06/2026 17:00): 1 đơn vị chưa báo cáo\n• Khối 1 ↩️ bị trả lại: ${REASON} — Hoàng Văn Một, Phó Một (đã chặn bot, không nhận được tin)`,
    );
    official.pressButton('↩️ Trả lại để làm lại');
    await h.fake.waitFor(() => official.callbackAnswers().some((a) => a.text?.includes('đã được trả lại rồi')));

    h.clock.setLocal('12/06/2026 15:00');
    const receipt = await leaderReportsFlag(leader, '📝 Báo cáo lại', { status: '✅ Đã xong', households: 118, photos: [{ id: 'K1-NEW' }] });
    expect(receipt).toBe('✅ Đã nhận báo cáo “Treo cờ Tổ quốc” của Khối 1 lúc 12/06/2026 15:00 (lần gửi thứ 2). Cảm ơn anh/chị!');
    const resubmitted = await database.db.selectFrom('reports').selectAll().executeTakeFirstOrThrow();
    expect(resubmitted).toMatchObject({ returned_at: null, returned_by: null, return_reason: null, revision_count: 2, number_value: 118 });
    expect(await stats()).toEqual({ reported: 1, done: 1 });
    official.sendText('/pending');
    await official.nextMessage();
    official.pressButton('Treo cờ Tổ quốc');
    expect((await official.nextMessage()).text).toBe('✅ Treo cờ Tổ quốc (hạn Chủ nhật, 14/06/2026 17:00): tất cả đơn vị đã báo cáo.');
  });

  it('when the official changes their mind, then nothing is returned and nobody is told', async () => {
    const { leader } = await seed();
    const official = h.fake.user(OFFICIAL);
    await openReport(official);
    official.pressButton('↩️ Trả lại để làm lại');
    await official.nextMessage();
    official.sendText(REASON);
    await official.nextMessage();
    official.sendText('thôi');
    expect((await official.nextMessage()).text).toBe('Anh/chị hãy bấm “Trả lại” hoặc “Không trả lại” ở trên. (Gõ /cancel để huỷ.)');
    official.pressButton('Không trả lại');
    expect((await official.nextMessage()).text).toBe('Đã giữ nguyên báo cáo, không trả lại.');
    expect(await h.app.dispatcher.drain()).toBe(0);
    expect(await database.db.selectFrom('deliveries').selectAll().execute()).toEqual([]);
    await leader.expectNoMessage(100);
    expect((await database.db.selectFrom('reports').select(['returned_at', 'return_reason']).executeTakeFirstOrThrow())).toEqual({ returned_at: null, return_reason: null });
    expect(await database.db.selectFrom('audit_log').select('action').where('action', '=', 'report.returned').execute()).toEqual([]);
    expect(await stats()).toEqual({ reported: 1, done: 1 });
  });

  it('when a report is returned in quiet hours, then the official is told when the unit will hear, and the notice goes out at 06:30', async () => {
    const { leader } = await seed();
    h.clock.setLocal('12/06/2026 22:10');
    const official = h.fake.user(OFFICIAL);
    await openReport(official);
    official.pressButton('↩️ Trả lại để làm lại');
    await official.nextMessage();
    official.sendText(REASON);
    await official.nextMessage();
    official.pressButton('↩️ Trả lại');
    const done = (await official.nextMessage()).text;
    expect(done.split('\n').at(-1)).toBe('Bây giờ là ngoài giờ gửi tin: đơn vị sẽ nhận tin báo lúc 13/06/2026 06:30.');
    expect(await h.app.dispatcher.drain()).toBe(0);
    await leader.expectNoMessage();
    h.clock.setLocal('13/06/2026 06:30');
    expect(await h.app.dispatcher.drain()).toBe(1);
    expect((await leader.nextMessage()).text).toContain(`Lý do: ${REASON}`);
  });
});
