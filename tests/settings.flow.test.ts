import { describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { buildUnit } from './support/factories.js';
import { useApp } from './support/suite.js';
import { press, say } from './support/talk.js';

const ADMIN = 1001;

describe.each(dbTargets())('office settings on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '01/12/2026 09:00' });


  it('when the admin names residential units "thôn", then the texts say thôn and the choice is stored and audit-logged', async () => {
    for (const name of ['Thôn Nà Pàn', 'Thôn Khòn Pầu']) await buildUnit(database.db, { name, kind: 'block' });
    const admin = h.fake.user(ADMIN);
    await say(admin, '/start');
    const settings = await say(admin, '/settings');
    expect(settings).toContain('Đơn vị dân cư gọi là: Khối phố');
    expect(admin.lastMessage()?.buttons.flat()).toEqual(['🏘 Đổi tên gọi đơn vị dân cư', '🎆 Tắt tạm dừng dịp Tết']);
    expect(await press(admin, '🏘 Đổi tên gọi đơn vị dân cư')).toContain('đơn vị dân cư được gọi là gì?');
    expect(admin.lastMessage()?.buttons).toEqual([['Khối phố', 'Tổ dân phố'], ['Thôn', 'Bản'], ['Ấp', 'Khóm']]);
    expect(await press(admin, 'Thôn')).toBe('Đã lưu. Từ nay bot gọi là “thôn”, người phụ trách là “trưởng thôn”.');

    expect(await say(admin, '/units')).toContain('Thôn Nà Pàn');
    await say(admin, '/newtask');
    await press(admin, '➕ Đợt mới');
    await say(admin, 'Vệ sinh môi trường');
    await press(admin, 'Bỏ qua');
    await press(admin, /Tổng vệ sinh/);
    await press(admin, 'Dùng tên này');
    await press(admin, 'Bỏ qua');
    expect(await say(admin, '14/12 17:00')).toMatch(/^→ .*, 14\/12\/\d{4} 17:00 \(.* âm lịch\)$/);
    await admin.nextMessage();
    expect(await press(admin, 'Tiếp tục ▶')).toContain('Giao cho đơn vị nào?');
    expect(admin.lastMessage()?.buttons.flat()).toContain('Tất cả thôn (2)');

    const row = await database.db.selectFrom('office_settings').select(['residential_term', 'tet_pause']).executeTakeFirstOrThrow();
    expect(row).toEqual({ residential_term: 'thon', tet_pause: true });
    const audit = await database.db.selectFrom('audit_log').select(['action', 'details']).where('action', 'like', 'settings.%').execute();
    expect(audit).toEqual([{ action: 'settings.term', details: { term: 'thon' } }]);
  });

  it('when the admin turns the Tết pause off, then the same message shows it off and it is stored', async () => {
    const admin = h.fake.user(ADMIN);
    await say(admin, '/start');
    await say(admin, '/settings');
    admin.pressButton('🎆 Tắt tạm dừng dịp Tết');
    await h.fake.waitFor(() => admin.lastMessage()?.text.includes('Tết: tắt') ?? false);
    expect(admin.messages()).toHaveLength(2);
    expect(admin.lastMessage()?.text).toContain('mùng 1–3 Tết: tắt');
    expect(admin.lastMessage()?.buttons.flat()).toContain('🎆 Bật tạm dừng dịp Tết');
    const row = await database.db.selectFrom('office_settings').select('tet_pause').executeTakeFirstOrThrow();
    expect(row.tet_pause).toBe(false);
  });
});
