import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { findWhen } from '../src/calendar/when-reader.js';
import { DATE_PHRASES, type DatePhraseCase } from './fixtures/dates/phrases.js';
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

  it.each(SAMPLE.map((x) => [x.typed, x] as const))('when "%s" is typed in /newtask and as one sentence, then both store the corpus start and end', async (_typed, { c, typed }) => {
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
    expect(await press(clerk, '✅ Tạo nhiệm vụ')).toContain('Đã tạo nhiệm vụ');

    expect(await periods()).toEqual([e, e]);
  });
});
