import { readFileSync } from 'node:fs';
import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { updateOfficeSettings } from '../src/settings/settings.queries.js';
import { buildDocx } from './fixtures/plans/documents.js';
import { dbTargets } from './support/db.js';
import { buildMember, buildUnit } from './support/factories.js';
import { useApp } from './support/suite.js';

const ADMIN = 8101;
const LEADERS = [8201, 8202, 8203];
/** A real commune notice (Sơn Thủy, Quảng Ngãi, 2025): the flag period is a line of its own before item 1. */
const NOTICE = readFileSync(new URL('./fixtures/plans/real/06-sonthuy-dai-hoi-dang-bo-thuong-binh-2025.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((l) => !l.startsWith('# '))
  .join('\n');

describe.each(dbTargets())('a real flag notice sent as a Word file, on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '15/07/2025 09:00' });
  beforeEach(async () => {
    await updateOfficeSettings(database.db, { residential_term: 'thon' }, h.clock.now());
    for (const [i, id] of LEADERS.entries()) {
      const unit = await buildUnit(database.db, { name: `Thôn ${i + 1}`, households: 100 + i });
      await buildMember(database.db, { telegramId: id, name: `Trưởng thôn ${i + 1}`, unitId: unit.id });
    }
  });

  async function at(time: string) {
    h.clock.setLocal(time);
    await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
  }

  it('when a commune using "thôn" sends the notice, then one tap creates one flag task over its period for every thôn, and the eve, start and take-down reminders arrive', async () => {
    const admin = h.fake.user(ADMIN, { firstName: 'Văn phòng' });
    admin.sendText('/start');
    await admin.nextMessage();
    admin.sendDocument({ filename: 'TB treo co.docx', bytes: Buffer.from(await buildDocx(NOTICE)) });
    const [intro, flag, cleanup, summary] = await admin.nextMessages(4);
    expect(intro?.text).toContain('Đã đọc thông báo “Treo cờ Tổ quốc chào mừng Đại hội Đại biểu Đảng bộ xã Sơn Thủy');
    const lines = flag?.text.split('\n') ?? [];
    expect(lines[0]).toBe('✅ Mục 1/2 · Treo cờ');
    expect(lines[1]?.startsWith('Treo cờ Tổ quốc chào mừng Đại hội')).toBe(true);
    expect((lines[1] ?? '').length).toBeLessThanOrEqual(60);
    expect(lines.slice(2)).toEqual([
      '🗓 Thứ Tư, 23/07/2025 – Chủ nhật, 27/07/2025',
      '👥 Tất cả đơn vị (3)',
      '📋 Báo cáo gồm: tình hình, số hộ treo cờ, ảnh (bắt buộc), ghi chú',
      '📝 Hạn báo cáo: Thứ Tư, 23/07/2025 17:00',
      '⬇️ Hết thời gian: nhắc hạ cờ, tháo băng rôn lúc Thứ Hai, 28/07/2025 07:00',
    ]);
    // The cleanup sentence prints no date of its own: it runs through the notice's period, and says so.
    expect(cleanup?.text).toContain('🗓 Thứ Tư, 23/07/2025 – Chủ nhật, 27/07/2025 (theo thời gian chung của kế hoạch)\n👥 Tất cả đơn vị (3)');
    expect(summary?.buttons).toEqual([['Tạo tất cả (2)', 'Huỷ']]);

    let taps = 0;
    admin.pressButton('Tạo tất cả (2)');
    taps++;
    expect((await admin.nextMessage()).text).toContain('”: 2 nhiệm vụ. Văn bản gốc được lưu cùng đợt.');
    expect(taps).toBeLessThanOrEqual(3);

    // Stored: one flag task over the period, for every thôn.
    const tasks = await database.db
      .selectFrom('tasks')
      .select([
        'id',
        'title',
        'template',
        sql<string>`to_char(starts_at at time zone 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI')`.as('from'),
        sql<string>`to_char(ends_at at time zone 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI')`.as('to'),
        sql<string>`to_char(due_at at time zone 'Asia/Ho_Chi_Minh', 'DD/MM/YYYY HH24:MI')`.as('due'),
      ])
      .where('template', '=', 'flag')
      .execute();
    expect(tasks.map((t) => [t.template, t.from, t.to, t.due])).toEqual([['flag', '23/07/2025 00:00', '27/07/2025 23:59', '23/07/2025 17:00']]);
    const title = tasks[0]?.title ?? '';
    const assigned = await database.db.selectFrom('task_units').select('unit_id').where('task_id', '=', tasks[0]?.id ?? 0).orderBy('unit_id').execute();
    expect(assigned.map((a) => a.unit_id)).toEqual([1, 2, 3]);

    // What each trưởng thôn receives about the flag task, by the manual clock (the cleanup has its own messages).
    const flagMessages = (id: number) =>
      h.fake
        .user(id)
        .messages()
        .map((m) => m.text)
        .filter((text) => (text.split('\n')[0] ?? '').includes(title));
    const expectEach = (fragment: string, count: number) => {
      for (const id of LEADERS) {
        const seen = flagMessages(id);
        expect(seen, JSON.stringify(seen)).toHaveLength(count);
        expect(seen.at(-1)).toContain(fragment);
      }
    };
    await at('15/07/2025 09:05');
    expectEach(`📢 Nhiệm vụ mới: ${title}`, 1);
    await at('22/07/2025 07:59');
    expectEach(`📢 Nhiệm vụ mới: ${title}`, 1);
    await at('22/07/2025 08:00');
    expectEach(`Ngày mai bắt đầu “${title}”: từ Thứ Tư, 23/07/2025 đến hết Chủ nhật, 27/07/2025`, 2);
    await at('23/07/2025 07:00');
    expectEach(`Hôm nay bắt đầu “${title}”`, 3);
    await at('28/07/2025 07:00');
    expectEach(`🏁 Hết thời gian “${title}”`, 4);
  });
});
