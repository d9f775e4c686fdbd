import { describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { buildMember, buildUnit } from './support/factories.js';
import type { SimUser } from './support/fake-telegram-user.js';
import { useApp } from './support/suite.js';
import { say, press } from './support/talk.js';

const ADMIN = 1001;

/** The 14 residential units of a commune that says "thôn", pasted the way people really type them. */
const SLOPPY_BLOCKS = [
  'Thôn 1; 230',
  'Thôn 2; 230 hộ',
  'Thôn 3: 120',
  'Thôn 4 - 95 hộ',
  'Thôn 5, 1.200',
  'Thôn 6\t310',
  'Thôn 7 230 hộ',
  '• Thôn 8; 140',
  'Thôn 9 – 88',
  'Thôn 10;  76 hộ dân',
  'Thôn 11: 1.050 hộ',
  'Thôn 12',
  'Thôn 13, 64',
  'Thôn 14\t 150 hộ',
].join('\n');
const BLOCK_HOUSEHOLDS = [230, 230, 120, 95, 1200, 310, 230, 140, 88, 76, 1050, null, 64, 150];

const OTHERS = {
  staff: ['Công chức Địa chính – Xây dựng', 'Công chức Văn hoá - Xã hội', 'Văn phòng - Thống kê'],
  school: ['Trường Mầm non Cao Lộc', 'Trường Tiểu học Cao Lộc', 'Trường THCS Cao Lộc'],
  club: ['CLB Văn nghệ Thôn 5', 'Câu lạc bộ Thể dục dưỡng sinh'],
  organisation: ['UBMTTQ thị trấn', 'Đoàn Thanh niên', 'Hội Phụ nữ', 'Hội Cựu chiến binh'],
} as const;

describe.each(dbTargets())('units on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '01/12/2026 09:00' });

  /** What the admin did: every message sent and every button pressed. */
  const actions = (user: SimUser) => user.transcript().filter((e) => e.from === 'user').length;
  const stored = () => database.db.selectFrom('units').select(['name', 'kind', 'households', 'active']).orderBy('id').execute();

  it('when the admin answers the first-run question and pastes 26 units of five kinds with sloppy separators, then each is stored with its households in 13 actions', async () => {
    const admin = h.fake.user(ADMIN, { firstName: 'Chị Hoa' });
    const welcome = await say(admin, '/start');
    expect(welcome).toContain('ở địa phương mình đơn vị dân cư được gọi là gì?');
    expect(await press(admin, 'Thôn')).toBe('Đã lưu. Từ nay bot gọi là “thôn”, người phụ trách là “trưởng thôn”.');

    expect(await say(admin, '/units')).toContain('Chưa có đơn vị nào');
    expect(admin.lastMessage()?.buttons).toEqual([['➕ Thôn', '➕ Trường học'], ['➕ Câu lạc bộ', '➕ Tổ chức, đoàn thể'], ['➕ Công chức']]);
    const blockPrompt = await press(admin, '➕ Thôn');
    expect(blockPrompt).toContain('Dán danh sách thôn, mỗi dòng một thôn, ghi kèm số hộ nếu có');
    expect(blockPrompt).toContain('Thôn 1; 120');
    const blocks = await say(admin, SLOPPY_BLOCKS);
    expect(blocks.split('\n').slice(0, 15)).toEqual([
      'Đã thêm 14 đơn vị (Thôn):',
      ...BLOCK_HOUSEHOLDS.map((n, i) => `• Thôn ${i + 1} (${n === null ? 'chưa ghi số hộ' : `${n.toLocaleString('vi-VN')} hộ`})`),
    ]);
    expect(blocks).toContain('Số hộ nào ghi nhầm thì bấm /units → “🏠 Sửa số hộ”.');

    for (const [kind, label] of [['staff', 'Công chức'], ['school', 'Trường học'], ['club', 'Câu lạc bộ'], ['organisation', 'Tổ chức, đoàn thể']] as const) {
      const prompt = await press(admin, `➕ ${label}`);
      expect(prompt, kind).toContain('(không cần số hộ)');
      expect(prompt, kind).not.toContain(';');
      const added = await say(admin, OTHERS[kind].join('\n'));
      expect(added, kind).toBe(
        [`Đã thêm ${OTHERS[kind].length} đơn vị (${label}):`, ...OTHERS[kind].map((n) => `• ${n}`), 'Thêm loại khác? Bấm một nút dưới đây, hoặc gõ /units để xem danh sách.'].join('\n'),
      );
    }
    expect(actions(admin)).toBe(13);

    const units = await stored();
    expect(units).toHaveLength(26);
    expect(units.filter((u) => u.kind === 'block').map((u) => [u.name, u.households])).toEqual(BLOCK_HOUSEHOLDS.map((n, i) => [`Thôn ${i + 1}`, n]));
    expect(units.filter((u) => u.kind !== 'block').every((u) => u.households === null)).toBe(true);
    expect(units.filter((u) => u.kind === 'staff').map((u) => u.name)).toEqual(OTHERS.staff);
    const audit = await database.db.selectFrom('audit_log').select('action').where('action', '=', 'unit.added').execute();
    expect(audit).toHaveLength(5);

    const list = await say(admin, '/units');
    expect(list).toContain('Danh sách đơn vị (26):');
    expect(list).toContain('Thôn (14):\n1. Thôn 1 (230 hộ) — chưa có người phụ trách');
    expect(list).toContain('Công chức (3):\n1. Công chức Địa chính – Xây dựng — chưa có người phụ trách');
    expect(list).not.toContain('khối');
    expect(list).not.toContain('người báo cáo');
    await h.expectNothingSentTo(admin);
  });

  it('when a household count has a typo, then the admin fixes it by typing the name without accents, and a wrong line is explained first', async () => {
    await buildUnit(database.db, { name: 'Khối 5', kind: 'block', households: 1200 });
    await buildUnit(database.db, { name: 'Khối 15', kind: 'block', households: 90 });
    await buildUnit(database.db, { name: 'Trường THCS Cao Lộc', kind: 'school' });
    const admin = h.fake.user(ADMIN);
    await say(admin, '/start');
    const list = await say(admin, '/units');
    expect(list).toContain('1. Khối 5 (1.200 hộ)');
    const before = actions(admin);
    const prompt = await press(admin, '🏠 Sửa số hộ');
    expect(prompt).toContain('Gõ tên khối phố và số hộ đúng, mỗi dòng một khối phố, ví dụ:\nKhối 5; 1200');

    const refused = await say(admin, 'khoi 5; 120\nKhối 51; 40\nTrường THCS Cao Lộc; 30\nKhối 15');
    expect(refused).toBe(
      [
        'Chưa sửa được vì có dòng chưa đúng:',
        '• Dòng 2 “Khối 51; 40”: không có khối phố nào tên như vậy (xem đúng tên trong /units)',
        '• Dòng 3 “Trường THCS Cao Lộc; 30”: đơn vị này không phải khối phố nên không ghi số hộ',
        '• Dòng 4 “Khối 15”: thiếu số hộ sau tên (ví dụ: Khối 5; 1200)',
        'Anh/chị sửa rồi gửi lại toàn bộ danh sách. (Gõ /cancel để huỷ.)',
      ].join('\n'),
    );
    expect((await stored())[0]?.households).toBe(1200);

    expect(await say(admin, 'khoi 5; 120\nKhối 15 - 95 hộ')).toBe('Đã sửa số hộ:\n• Khối 5: 1.200 → 120 hộ\n• Khối 15: 90 → 95 hộ');
    expect(actions(admin) - before).toBe(3); // the button and two pastes, the first one refused
    expect((await stored()).map((u) => u.households)).toEqual([120, 95, null]);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'details']).where('action', '=', 'unit.households').execute();
    expect(audit).toEqual([{ action: 'unit.households', details: { changes: [{ unitId: 1, from: 1200, to: 120 }, { unitId: 2, from: 90, to: 95 }] } }]);
  });

  it('when a deactivated unit is reopened, then it is active again with its members, unless another unit took its name', async () => {
    const kept = await buildUnit(database.db, { name: 'Khối 3', kind: 'block', households: 80, active: false });
    await buildMember(database.db, { telegramId: 3003, name: 'Ông Tư', unitId: kept.id });
    await buildUnit(database.db, { name: 'Khối 4', kind: 'block', active: false });
    await buildUnit(database.db, { name: 'khối 4', kind: 'block' });
    const admin = h.fake.user(ADMIN);
    await say(admin, '/start');
    await say(admin, '/units');
    expect(admin.lastMessage()?.buttons.flat()).toContain('♻️ Mở lại đơn vị đã ngừng (2)');
    expect(await press(admin, '♻️ Mở lại đơn vị đã ngừng (2)')).toBe('Chọn đơn vị cần mở lại:');
    expect(admin.lastMessage()?.buttons.flat()).toEqual(['Khối 3', 'Khối 4']);

    admin.pressButton('Khối 4');
    await h.fake.waitFor(() => admin.lastMessage()?.buttons.length === 0);
    expect(admin.lastMessage()?.text).toBe('Chưa mở lại được: đang có đơn vị khác tên “Khối 4”. Anh/chị đổi tên đơn vị kia trước.');

    await say(admin, '/units');
    await press(admin, /♻️ Mở lại/);
    admin.pressButton('Khối 3');
    await h.fake.waitFor(() => admin.lastMessage()?.text.startsWith('Đã mở lại'));
    expect(admin.lastMessage()?.text).toBe('Đã mở lại “Khối 3”. Đơn vị này lại nhận nhắc việc và báo cáo như trước.');

    expect((await stored()).map((u) => [u.name, u.active])).toEqual([['Khối 3', true], ['Khối 4', false], ['khối 4', true]]);
    const list = await say(admin, '/units');
    expect(list).toContain('Khối 3 (80 hộ) — Ông Tư (trưởng)');
    expect(admin.lastMessage()?.buttons.flat()).toContain('♻️ Mở lại đơn vị đã ngừng (1)');
    const audit = await database.db.selectFrom('audit_log').select(['action', 'details']).where('action', 'like', 'unit.%').execute();
    expect(audit).toEqual([{ action: 'unit.reactivated', details: { name: 'Khối 3' } }]);
  });
});
