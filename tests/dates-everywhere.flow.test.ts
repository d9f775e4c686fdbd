import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { findWhen } from '../src/calendar/when-reader.js';
import { DATE_PHRASES, type DatePhraseCase } from './fixtures/dates/phrases.js';
import { splitLikeTelegram } from './fixtures/plans/documents.js';
import { localInstant, ZONE } from './support/date-corpus.js';
import { dbTargets, type TestDatabase } from './support/db.js';
import { buildUnit } from './support/factories.js';
import type { Harness } from './support/harness.js';
import { useApp } from './support/suite.js';
import { press, say } from './support/talk.js';

const ADMIN = 1001;
const show = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone: ZONE }).toFormat('yyyy-MM-dd HH:mm') : null);

/**
 * A sample of the corpus (tests/fixtures/dates/phrases.ts): multi-day periods, solar and lunar.
 * The clerk types the period the reader found in the phrase, as a clerk copies it from the notice.
 */
const PERIODS = DATE_PHRASES.filter((c) => 'start' in c.expect && c.expect.start !== null && c.expect.start.slice(0, 10) !== c.expect.end.slice(0, 10))
  .map((c) => ({ c, typed: findWhen(c.phrase, { now: localInstant(c.now), zone: ZONE }).found?.matched.replace(/[.,;]+$/, '') ?? '', lunar: 'lunar' in c.expect }))
  .filter((x) => x.typed !== '');
const SAMPLE: { c: DatePhraseCase; typed: string; lunar: boolean }[] = [...PERIODS.filter((x, i) => !x.lunar && i % 9 === 0).slice(0, 5), ...PERIODS.filter((x) => x.lunar).slice(0, 3)];

describe.each(dbTargets())('the same corpus phrases through /newtask and the one-sentence task on %s', (target) => {
  const app = useApp(target, { adminIds: [ADMIN], localTime: '01/01/2026 09:00' });
  let database: TestDatabase;
  let h: Harness;
  beforeEach(async () => {
    ({ database, h } = app);
    await buildUnit(database.db, { name: 'Khối 1', households: 120 });
    await buildUnit(database.db, { name: 'Khối 2', households: 80 });
  });

  const periods = async () => (await database.db.selectFrom('tasks').select(['starts_at', 'ends_at']).orderBy('id').execute()).map((t) => ({ start: show(t.starts_at), end: show(t.ends_at) }));

  it('when the sample is taken, then it has lunar and solar periods', () => {
    expect(SAMPLE.filter((x) => x.lunar).length).toBeGreaterThanOrEqual(2);
    expect(SAMPLE.filter((x) => !x.lunar).length).toBeGreaterThanOrEqual(4);
  });

  it.each(SAMPLE.map((x) => [x.typed, x] as const))('when "%s" is typed in /newtask and as one sentence, then both store the corpus start and end, and whether it was lunar', async (_typed, { c, typed, lunar }) => {
    const { start, end } = c.expect as { start: string; end: string };
    const e = { start, end };
    h.clock.set(localInstant(c.now));
    const clerk = h.fake.user(ADMIN, { firstName: 'Chị Hoa' });
    await say(clerk, '/start');

    await say(clerk, '/newtask');
    await press(clerk, '➕ Đợt mới');
    await say(clerk, 'Đợt thử');
    await press(clerk, 'Bỏ qua');
    await press(clerk, '🇻🇳 Treo cờ');
    await press(clerk, 'Dùng tên này');
    await press(clerk, 'Bỏ qua');
    clerk.sendText(typed);
    const [resolved] = await clerk.nextMessages(2);
    expect(resolved?.text).toContain('âm lịch)');
    await press(clerk, '✅ Giữ hạn này');
    await press(clerk, 'Tiếp tục ▶');
    await press(clerk, /^Tất cả khối phố/);
    expect(await press(clerk, '✅ Tạo nhiệm vụ')).toContain('Đã tạo nhiệm vụ');

    const preview = await say(clerk, `Treo cờ Tổ quốc ${typed}, các khối`);
    expect(preview).toContain('Nhiệm vụ đọc được từ câu anh/chị gõ');
    // The period is shown once, each end with its weekday and lunar date, not as a bare line and then its echo.
    expect(preview).toMatch(/\nThời gian: từ (Thứ \S+|Chủ nhật), \d\d\/\d\d\/\d{4}[^\n]*âm lịch\) đến/);
    expect(preview).not.toContain('\n→');
    expect(await press(clerk, '✅ Tạo nhiệm vụ')).toContain('Đã tạo nhiệm vụ');

    expect(await periods()).toEqual([e, e]);
    // A lunar period is told to the leaders with its lunar dates; a solar one is not.
    expect((await database.db.selectFrom('tasks').select('lunar_dates').orderBy('id').execute()).map((t) => t.lunar_dates)).toEqual([lunar, lunar]);
  });
});

const plan = readFileSync(new URL('./fixtures/plans/sample-plan.vi.txt', import.meta.url), 'utf8');
/** The sample's phrases that name their years (a plan review keeps the day it started as "now"). */
const WITH_YEARS = SAMPLE.filter((x) => !/tháng giâng/.test(x.typed));
/** The lunar days a lunar phrase names, as the review shows them beside the solar days (read off the phrase, not computed). */
function lunarShown(typed: string): [string, string] {
  if (/29 tháng Chạp .* mùng 5 tháng Giêng/u.test(typed)) return [' (29/12 âm lịch)', ' (5/1 âm lịch)'];
  throw new Error(`write down the lunar days of “${typed}”`);
}

describe.each(dbTargets())('the same corpus phrases through the plan review\'s Sửa ngày on %s', (target) => {
  const app = useApp(target, { adminIds: [ADMIN], localTime: '01/01/2019 09:00' });
  let database: TestDatabase;
  let h: Harness;
  beforeEach(async () => {
    ({ database, h } = app);
    for (let i = 1; i <= 14; i++) await buildUnit(database.db, { name: `Khối ${i}`, households: 100 + i });
    await buildUnit(database.db, { name: 'Văn phòng UBND', kind: 'staff' });
  });

  it('when each phrase is typed in Sửa ngày, then the item shows the corpus days, as /newtask and the one-sentence task store them', async () => {
    const clerk = h.fake.user(ADMIN, { firstName: 'Chị Hoa' });
    await say(clerk, '/start');
    for (const part of splitLikeTelegram(plan)) await say(clerk, part);
    clerk.pressButton('✅ Xong');
    // Plan names that match no unit are skipped: the review is about dates.
    for (let m = await clerk.nextMessage(); m.text.startsWith('Tên ') || m.text.startsWith('→ Bỏ qua'); m = await clerk.nextMessage()) {
      if (m.text.startsWith('Tên ')) clerk.pressButton('⏭ Bỏ qua tên này');
    }
    await h.quiet();
    clerk.skipPending();
    const item = clerk.messages().find((m) => m.buttons.flat().includes('Sửa ngày'));
    if (!item) throw new Error(`no reviewed item: ${clerk.transcriptText().slice(-1500)}`);
    const day = (s: string) => DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm').toFormat('dd/MM/yyyy');
    // The review shows each day with its weekday ("Thứ Tư, 31/12/2025"), written out here rather than read from the locale.
    const WEEKDAYS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'];
    const withWeekday = (s: string) => `${WEEKDAYS[DateTime.fromFormat(s, 'yyyy-MM-dd HH:mm').weekday - 1]}, ${day(s)}`;
    for (const { c, typed, lunar } of WITH_YEARS) {
      const e = c.expect as { start: string; end: string };
      // A period given in lunar dates is shown with them too.
      const [ls, le] = lunar ? lunarShown(typed) : ['', ''];
      clerk.pressButton('Sửa ngày', { messageId: item.message_id });
      expect((await clerk.nextMessage()).text).toContain('Nhập thời gian mới');
      clerk.sendText(typed);
      const [shown] = await clerk.nextMessages(2);
      expect(shown?.text).toContain(day(e.start));
      expect(clerk.messages().find((m) => m.message_id === item.message_id)?.text).toContain(`🗓 ${withWeekday(e.start)}${ls} – ${withWeekday(e.end)}${le}`);
    }
  });
});
