import { describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { buildUnit } from './support/factories.js';
import type { SimUser } from './support/fake-telegram-user.js';
import { useApp } from './support/suite.js';
import { press, say } from './support/talk.js';

const ADMIN = 1001;

describe.each(dbTargets())('choosing who a task is for on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '01/12/2026 09:00' });

  async function pressAndWait(user: SimUser, label: string | RegExp, until: string): Promise<void> {
    user.pressButton(label);
    await h.fake.waitFor(() => user.lastMessage()?.buttons.flat().includes(until) ?? false);
  }

  async function seedTown() {
    for (let i = 1; i <= 3; i++) await buildUnit(database.db, { name: `Khối ${i}`, kind: 'block', households: 100 + i });
    await buildUnit(database.db, { name: 'Trường Tiểu học Cao Lộc', kind: 'school' });
    await buildUnit(database.db, { name: 'CLB Dân vũ', kind: 'club' });
    await buildUnit(database.db, { name: 'Công chức Địa chính – Xây dựng', kind: 'staff' });
    await buildUnit(database.db, { name: 'Công chức Văn hoá – Xã hội', kind: 'staff' });
  }

  /** /newtask up to the "who is it for" question, in a new campaign with the quiz template. */
  async function upToUnits(admin: SimUser): Promise<string> {
    await say(admin, '/start');
    await say(admin, '/newtask');
    await press(admin, '➕ Đợt mới');
    await say(admin, 'Cuộc thi trắc nghiệm');
    await press(admin, 'Bỏ qua');
    await press(admin, /Số người tham gia/);
    await press(admin, 'Dùng tên này');
    await press(admin, 'Bỏ qua');
    expect(await say(admin, '20/12 17:00')).toMatch(/^→ .*, 20\/12\/\d{4} 17:00 \(.* âm lịch\)$/);
    await admin.nextMessage();
    return press(admin, 'Tiếp tục ▶');
  }

  const assigned = async () =>
    (await database.db.selectFrom('task_units as tu').innerJoin('units as u', 'u.id', 'tu.unit_id').select('u.name').orderBy('u.id').execute()).map((r) => r.name);

  it('when the admin picks two kinds at once, then the task goes to every unit of both, in four taps', async () => {
    await seedTown();
    const admin = h.fake.user(ADMIN);
    expect(await upToUnits(admin)).toBe('Giao cho đơn vị nào?');
    expect(admin.lastMessage()?.buttons).toEqual([
      ['Tất cả đơn vị (7)'],
      ['Tất cả khối phố (3)'],
      ['Chọn theo loại (được chọn nhiều loại)'],
      ['Chọn từng đơn vị / tìm theo tên'],
    ]);
    expect(await press(admin, 'Chọn theo loại (được chọn nhiều loại)')).toContain('Bấm để chọn / bỏ chọn từng loại');
    await pressAndWait(admin, '⬜ Khối phố (3)', 'Xong (3)');
    await pressAndWait(admin, '⬜ Công chức (2)', 'Xong (5)');
    const preview = await press(admin, 'Xong (5)');
    expect(preview).toContain('Giao cho 5 đơn vị: Khối 1, Khối 2, Khối 3, Công chức Địa chính – Xây dựng, Công chức Văn hoá – Xã hội');
    await press(admin, '✅ Tạo nhiệm vụ');
    expect(await assigned()).toEqual(['Khối 1', 'Khối 2', 'Khối 3', 'Công chức Địa chính – Xây dựng', 'Công chức Văn hoá – Xã hội']);
  });

  it('when the admin types "dia chinh" in the unit list, then the search finds the unit without accents and select all/none work', async () => {
    await seedTown();
    const admin = h.fake.user(ADMIN);
    await upToUnits(admin);
    expect(await press(admin, 'Chọn từng đơn vị / tìm theo tên')).toContain('gõ một phần tên để tìm (không cần dấu)');
    await pressAndWait(admin, '✅ Chọn tất cả (7)', 'Xong (7)');
    await pressAndWait(admin, '⬜ Bỏ chọn tất cả', 'Xong (0)');
    expect(await say(admin, 'dia chinh')).toBe(
      'Tìm “dia chinh”: 1 đơn vị (đã chọn 0). Bấm để chọn / bỏ chọn, xong bấm “Xong”. (Gõ /cancel để huỷ.)',
    );
    expect(admin.lastMessage()?.buttons).toEqual([
      ['⬜ Công chức Địa chính – Xây dựng'],
      ['✅ Chọn tất cả (1)', '⬜ Bỏ chọn tất cả'],
      ['🔎 Hiện tất cả'],
      ['Xong (0)'],
    ]);
    await pressAndWait(admin, '✅ Chọn tất cả (1)', 'Xong (1)');
    expect(await say(admin, 'khong co')).toContain('Không có đơn vị nào có tên chứa “khong co”');
    await pressAndWait(admin, '🔎 Hiện tất cả', '✅ Chọn tất cả (7)');
    await pressAndWait(admin, '⬜ CLB Dân vũ', 'Xong (2)');
    const preview = await press(admin, 'Xong (2)');
    expect(preview).toContain('Giao cho 2 đơn vị: CLB Dân vũ, Công chức Địa chính – Xây dựng');
    await press(admin, '✅ Tạo nhiệm vụ');
    expect(await assigned()).toEqual(['CLB Dân vũ', 'Công chức Địa chính – Xây dựng']);
  });
});
