import { beforeEach, describe, expect, it } from 'vitest';
import { materializeOccurrences } from '../src/series/series-occurrences.js';
import { parseRecurrenceInput } from '../src/series/recurrence-input.js';
import { dbTargets, type TestDatabase } from './support/db.js';
import { buildMember, buildUnit } from './support/factories.js';
import type { Harness } from './support/harness.js';
import { useApp } from './support/suite.js';
import { press, say } from './support/talk.js';

const ADMIN = 1301;
const ZONE = 'Asia/Ho_Chi_Minh';

describe('reading monthly lunar repeats', () => {
  it.each([
    ['mùng 1 và rằm hằng tháng', [1, 15], { hour: 17, minute: 0 }],
    ['rằm hằng tháng 19:00', [15], { hour: 19, minute: 0 }],
    ['mùng 1 âm lịch hằng tháng', [1], { hour: 17, minute: 0 }],
  ])('when the admin types "%s", then it repeats on lunar days %o', (text, days, time) => {
    expect(parseRecurrenceInput(text)).toEqual({ ok: true, recurrence: { kind: 'monthly-lunar', days, time } });
  });
});

describe.each(dbTargets())('a duty on mùng 1 and rằm of every lunar month on %s', (target) => {
  const app = useApp(target, { adminIds: [ADMIN], localTime: '01/06/2026 09:00' });
  let database: TestDatabase;
  let h: Harness;
  beforeEach(() => {
    ({ database, h } = app);
  });

  it('when the admin makes "mùng 1 và rằm hằng tháng", then rounds are made on lunar 1 and 15 (15/6, 29/6, 14/7 in 2026), each once', async () => {
    const thon = await buildUnit(database.db, { name: 'Thôn 1' });
    await buildMember(database.db, { telegramId: 2301, name: 'Trưởng thôn 1', unitId: thon.id });
    const admin = h.fake.user(ADMIN);
    await say(admin, '/start');
    await say(admin, '/newtask');
    await press(admin, '➕ Đợt mới');
    await say(admin, 'Việc thường xuyên của thôn');
    await press(admin, 'Bỏ qua');
    await press(admin, '🧹 Tổng vệ sinh');
    await press(admin, 'Dùng tên này');
    await press(admin, 'Bỏ qua');
    expect(await press(admin, '🔁 Lặp lại')).toContain('Việc lặp lại thế nào?');
    admin.sendText('mùng 1 và rằm hằng tháng');
    const [resolved] = await admin.nextMessages(2);
    expect(resolved?.text).toBe('→ Hiểu là: mùng 1 và rằm hằng tháng (âm lịch), hạn 17:00. Lần đầu: Thứ Hai, 15/06/2026 17:00.');
    await press(admin, 'Tiếp tục ▶');
    await press(admin, /^Tất cả khối phố/);
    expect(await press(admin, '✅ Tạo nhiệm vụ')).toContain('Đã tạo việc định kỳ “Tổng vệ sinh môi trường” (mùng 1 và rằm hằng tháng (âm lịch), hạn 17:00)');
    const series = await database.db.selectFrom('task_series').selectAll().executeTakeFirstOrThrow();
    expect(series.recurrence).toEqual({ kind: 'monthly-lunar', days: [1, 15], time: { hour: 17, minute: 0 } });

    // Each round opens three days before its day, once.
    for (const [at, day] of [['12/06/2026 08:00', '2026-06-15'], ['26/06/2026 08:00', '2026-06-29'], ['11/07/2026 08:00', '2026-07-14']] as const) {
      h.clock.setLocal(at);
      expect((await materializeOccurrences(database.db, h.clock, ZONE)).map((m) => m.date)).toEqual([day]);
      expect(await materializeOccurrences(database.db, h.clock, ZONE)).toEqual([]);
    }
    const tasks = await database.db.selectFrom('tasks').select(['series_id', 'lunar_dates']).execute();
    expect(tasks.map((t) => t.series_id)).toEqual([series.id, series.id, series.id]);
    expect(tasks.map((t) => t.lunar_dates)).toEqual([true, true, true]);

    // The thôn's leader is told each round with its lunar day.
    await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
    const announced = h.fake.user(2301).messages().filter((m) => m.text.startsWith('📢 Nhiệm vụ mới'));
    expect(announced.map((m) => /Hạn báo cáo: (.*)/.exec(m.text)?.[1])).toEqual(['Thứ Ba, 14/07/2026 17:00 (1/6 âm lịch)']);
  });
});
