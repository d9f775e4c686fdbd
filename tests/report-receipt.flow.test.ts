import { beforeEach, describe, expect, it, vi } from 'vitest';
import { dbTargets, type TestDatabase } from './support/db.js';
import { buildMember, buildTask, buildUnit } from './support/factories.js';
import type { SimUser } from './support/fake-telegram-user.js';
import type { Harness } from './support/harness.js';
import { useApp } from './support/suite.js';

const SIMPLE_FORM = { number: null, photos: 'none', location: false, note: false } as const;

/** "Gửi" with no dialogue open says "saved" only when the report from that summary is stored. */
describe.each(dbTargets())('no false receipt on %s', (target) => {
  const app = useApp(target, { localTime: '02/06/2026 08:00' });
  let database: TestDatabase;
  let h: Harness;
  beforeEach(() => {
    ({ database, h } = app);
  });

  async function toSummary(): Promise<{ leader: SimUser; summaryId: number }> {
    const k1 = await buildUnit(database.db, { name: 'Khối 1' });
    await buildMember(database.db, { telegramId: 2001, unitId: k1.id });
    await buildTask(database.db, { unitIds: [k1.id], title: 'Tổng vệ sinh', form: SIMPLE_FORM });
    const leader = h.fake.user(2001);
    leader.sendText('/tasks');
    await leader.nextMessage();
    leader.pressButton(/Báo cáo: Tổng vệ sinh/);
    await leader.nextMessage();
    leader.pressButton('✅ Đã xong');
    const summary = await leader.nextMessage();
    expect(summary.text).toContain('→ ✅ Đã xong\n\nKiểm tra lại báo cáo');
    // Both presses are answered (at the same time as their messages are sent) before the tests count answers.
    await h.fake.waitFor(() => leader.callbackAnswers().length === 2);
    return { leader, summaryId: summary.message_id };
  }

  const stored = async () => (await database.db.selectFrom('report_revisions').select('id').execute()).length;

  /** Presses Gửi on the old summary; returns the press's answer and the message that follows. */
  async function pressOldSend(leader: SimUser, summaryId: number): Promise<{ answer: string | undefined; text: string; buttons: string[] }> {
    const answered = leader.callbackAnswers().length;
    leader.pressButton('📤 Gửi', { messageId: summaryId });
    const reply = await leader.nextMessage();
    await h.fake.waitFor(() => leader.callbackAnswers().length > answered);
    return { answer: leader.callbackAnswers().at(-1)?.text, text: reply.text, buttons: (reply.buttons ?? []).flat() };
  }

  it('when Gửi is pressed on a summary after /cancel, then the leader hears it was not saved, gets Báo cáo to start again, and nothing is stored', async () => {
    const { leader, summaryId } = await toSummary();
    leader.sendText('/cancel');
    expect((await leader.nextMessage()).text).toBe('Đã huỷ. Không có gì được lưu.');
    const { answer, text, buttons } = await pressOldSend(leader, summaryId);
    expect(answer).toBe('Báo cáo này chưa được lưu.');
    expect(text).toContain('bản tóm tắt này không còn mở');
    expect(buttons).toEqual(['📝 Báo cáo lại từ đầu']);
    expect(await stored()).toBe(0);
    // The button starts the report again.
    leader.pressButton('📝 Báo cáo lại từ đầu');
    expect((await leader.nextMessage()).text).toContain('Tình hình thực hiện');
  });

  it('when Gửi is pressed on a summary left idle for more than a day, then the leader hears it was not saved and nothing is stored', async () => {
    const { leader, summaryId } = await toSummary();
    await h.settle();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 25 * 3600 * 1000 });
    const { answer, text } = await pressOldSend(leader, summaryId);
    expect(answer).toBe('Báo cáo này chưa được lưu.');
    expect(text).toContain('bản tóm tắt này không còn mở');
    expect(await stored()).toBe(0);
  });

  it('when Gửi is pressed again on a summary whose report was sent, then the leader hears it is saved and one revision is stored', async () => {
    const { leader, summaryId } = await toSummary();
    // The press is answered at the same time as the receipt is sent: wait for both.
    const before = leader.callbackAnswers().length;
    leader.pressButton('📤 Gửi', { messageId: summaryId });
    expect((await leader.nextMessage()).text).toContain('Đã nhận báo cáo');
    await h.fake.waitFor(() => leader.callbackAnswers().length > before);
    const answered = leader.callbackAnswers().length;
    leader.pressButton('📤 Gửi', { messageId: summaryId });
    await h.fake.waitFor(() => leader.callbackAnswers().length > answered);
    expect(leader.callbackAnswers().at(-1)?.text).toBe('Báo cáo đã được gửi và lưu rồi, không cần bấm lại.');
    await h.expectNothingSentTo(leader);
    expect(await stored()).toBe(1);
  });
});
