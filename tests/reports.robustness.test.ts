import { beforeEach, describe, expect, it, vi } from 'vitest';
import { submitReport } from '../src/reports/reports.service.js';
import { dbTargets } from './support/db.js';
import { seedTown } from './support/factories.js';
import type { SimUser } from './support/fake-telegram-user.js';
import { useApp } from './support/suite.js';

describe.each(dbTargets())('report robustness on %s', (target) => {
  const { database, h } = useApp(target, { localTime: '02/06/2026 08:00' });
  let seed: Awaited<ReturnType<typeof seedTask>>;
  beforeEach(async () => {
    seed = await seedTask();
  });

  async function seedTask() {
    const { units, k1, leader, task } = await seedTown(database.db, { units: 2 });
    if (!units[1]) throw new Error('seedTown made one unit');
    return { k1, k2: units[1], leader, task };
  }

  /** Row counts once the app is quiet (nothing in flight can still write). */
  const counts = async () => {
    await h.quiet();
    return {
      reports: (await database.db.selectFrom('reports').select('id').execute()).length,
      revisions: (await database.db.selectFrom('report_revisions').select('id').execute()).length,
      conversations: (await database.db.selectFrom('kv_store').select('key').execute()).length,
    };
  };

  /** Opens the report dialogue and answers up to the number question. */
  async function startReport(user: SimUser): Promise<void> {
    user.sendText('/tasks');
    await user.nextMessage();
    user.pressButton(/Báo cáo: Treo cờ/);
    await user.nextMessage();
    user.pressButton('✅ Đã xong');
    expect((await user.nextMessage()).text).toContain('Số hộ treo cờ?');
  }

  async function finishReport(user: SimUser, number = '45') {
    user.sendText(number);
    expect((await user.nextMessage()).text).toContain('Gửi ảnh');
    user.sendPhoto({ fileUniqueId: `P-${number}` });
    await user.nextMessage();
    user.pressButton('Xong');
    await user.nextMessage();
    user.pressButton('Bỏ qua');
    expect((await user.nextMessage()).text).toContain('Kiểm tra lại báo cáo');
  }

  it('when the bot restarts in the middle of a confirmation, then the leader finishes it where it was', async () => {
    const leader = h.fake.user(2001);
    await startReport(leader);
    await h.restart();
    await finishReport(leader);
    leader.pressButton('📤 Gửi');
    expect((await leader.nextMessage()).text).toContain('Đã nhận báo cáo “Treo cờ Tổ quốc” của Khối 1');
    const revisions = await database.db.selectFrom('report_revisions').select(['number_value', 'status']).execute();
    expect(revisions).toEqual([{ number_value: 45, status: 'done' }]);
    expect((await counts()).conversations).toBe(0);
  });

  it('when the same Gửi press is delivered twice, then one revision is stored and the repeat is answered', async () => {
    const leader = h.fake.user(2001);
    await startReport(leader);
    await finishReport(leader);
    const update = leader.pressButton('📤 Gửi');
    await leader.nextMessage();
    const { update_id: _id, ...again } = update;
    h.fake.pushUpdate(again);
    const answersOf = () => h.fake.callsOf('answerCallbackQuery').filter((c) => c.params.callback_query_id === update.callback_query?.id);
    await h.fake.waitFor(() => answersOf().length === 2);
    // Telegram refuses a second answer to the same query; the bot shrugs it off without an apology.
    expect(answersOf()[1]?.error?.code).toBe(400);
    await h.expectNothingSentTo(leader);
    expect(await counts()).toEqual({ reports: 1, revisions: 1, conversations: 0 });

    const answers = { status: 'done' as const, number: 1, note: null, location: null, photos: [] };
    const input = { memberId: seed.leader.id, taskId: seed.task.id, unitId: seed.k1.id, submissionKey: 'cb:same', answers };
    expect((await submitReport(database.db, h.clock, input)).outcome).toBe('saved');
    expect((await submitReport(database.db, h.clock, input)).outcome).toBe('duplicate');
    expect((await counts()).revisions).toBe(2);
  });

  it('when a button names a unit or task the leader does not belong to, then it is refused and nothing is stored', async () => {
    const leader = h.fake.user(2001);
    leader.sendText('/tasks');
    await leader.nextMessage();
    for (const data of [`rp:${seed.task.id}:${seed.k2.id}`, `rp:999999:${seed.k1.id}`]) leader.pressCallbackData(data);
    await h.fake.waitFor(() => leader.callbackAnswers().length === 2);
    expect(leader.callbackAnswers().map((a) => [a.text, a.show_alert])).toEqual([
      ['Anh/chị không phụ trách đơn vị này nên không báo cáo được.', true],
      ['Không tìm thấy nhiệm vụ này.', true],
    ]);
    const stranger = h.fake.user(9009);
    stranger.sendText('/start');
    await stranger.nextMessage();
    stranger.pressCallbackData(`rp:${seed.task.id}:${seed.k1.id}`);
    await h.fake.waitFor(() => stranger.callbackAnswers().length === 1);
    expect(stranger.callbackAnswers()[0]?.text).toContain('chưa được đăng ký');
    await h.expectNothingSentTo(leader, stranger);
    expect(await counts()).toEqual({ reports: 0, revisions: 0, conversations: 0 });
  });

  it('when a task is closed, then its old button and an unfinished report are refused and nothing is stored', async () => {
    const leader = h.fake.user(2001);
    await startReport(leader);
    await finishReport(leader);
    await database.db.updateTable('tasks').set({ status: 'closed' }).execute();
    leader.pressButton('📤 Gửi');
    expect((await leader.nextMessage()).text).toBe('Nhiệm vụ này đã kết thúc, không nhận báo cáo nữa.');
    leader.pressCallbackData(`rp:${seed.task.id}:${seed.k1.id}`);
    await h.fake.waitFor(() => leader.callbackAnswers().at(-1)?.text === 'Nhiệm vụ này đã kết thúc, không nhận báo cáo nữa.');
    expect(await counts()).toEqual({ reports: 0, revisions: 0, conversations: 0 });
  });

  it("when the leader sends /cancel, then the dialogue ends, nothing is stored, old buttons are explained, and what they type next gets a button to their tasks, not a command to type", async () => {
    const leader = h.fake.user(2001);
    await startReport(leader);
    leader.sendText('/cancel');
    expect((await leader.nextMessage()).text).toBe('Đã huỷ. Không có gì được lưu.');
    leader.sendText('45');
    const fallback = await leader.nextMessage();
    expect(fallback.text).toBe('Anh/chị hãy dùng các nút bấm. Bấm nút dưới đây để xem nhiệm vụ của đơn vị và báo cáo.');
    expect(fallback.text).not.toContain('/help');
    expect(fallback.buttons).toEqual([['📋 Nhiệm vụ của đơn vị']]);
    expect(fallback.callbackData).toEqual([['rpl']]);
    leader.sendText('/newtask');
    const refused = await leader.nextMessage();
    expect(refused.text).toBe('Lệnh này không có hoặc không dành cho vai trò của anh/chị. Bấm nút dưới đây để xem nhiệm vụ của đơn vị và báo cáo.');
    expect(refused.buttons).toEqual([['📋 Nhiệm vụ của đơn vị']]);
    leader.pressButton('📋 Nhiệm vụ của đơn vị', { messageId: fallback.message_id });
    const list = await leader.nextMessage();
    expect(list.text).toBe('Nhiệm vụ của đơn vị:\n⏳ Treo cờ Tổ quốc — Khối 1 · hạn Chủ nhật, 14/06/2026 17:00');
    expect(list.callbackData).toEqual([[`rp:${seed.task.id}:${seed.k1.id}`]]);
    leader.pressButton('📝 Báo cáo: Treo cờ Tổ quốc — Khối 1');
    expect((await leader.nextMessage()).text).toMatch(/^Báo cáo: Treo cờ Tổ quốc\nĐơn vị: Khối 1 · Hạn: Chủ nhật, 14\/06\/2026 17:00\n\nTình hình thực hiện thế nào\?/);
    leader.sendText('/cancel');
    await leader.nextMessage();
    const statusMessage = leader.messages().find((m) => m.text.includes('Tình hình thực hiện'));
    leader.pressCallbackData('rs:done', statusMessage?.message_id);
    await h.fake.waitFor(() => leader.callbackAnswers().at(-1)?.text?.includes('Nút này đã cũ'));
    expect(await counts()).toEqual({ reports: 0, revisions: 0, conversations: 0 });
  });

  it('when a dialogue is left idle for more than a day, then it ends quietly', async () => {
    const leader = h.fake.user(2001);
    await startReport(leader);
    await h.settle();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 25 * 3600 * 1000 });
    leader.sendText('45');
    expect((await leader.nextMessage()).text).toContain('Anh/chị hãy dùng các nút bấm');
    expect(await counts()).toEqual({ reports: 0, revisions: 0, conversations: 0 });
  });
});
