import { sql } from 'kysely';
import { beforeEach, describe, expect, it } from 'vitest';
import { leaderReportsFlag } from './support/reports.js';
import { dbTargets } from './support/db.js';
import { buildMember, buildReport, buildTask, buildUnit, seedTown } from './support/factories.js';
import { useApp } from './support/suite.js';

const OFFICIAL = 3001;
const cleanupForm = { number: { label: 'Số hộ tham gia', max: 'households' as const }, photos: 'optional' as const, location: false, note: true };

describe.each(dbTargets())('officials on %s', (target) => {
  const { database, h } = useApp(target, { localTime: '12/06/2026 09:00' });
  beforeEach(async () => {
    await buildMember(database.db, { telegramId: OFFICIAL, name: 'Chủ tịch UBND', role: 'official' });
  });

  const sendCalls = () => ['sendPhoto', 'sendDocument', 'sendMediaGroup'].flatMap((m) => h.fake.callsOf(m));

  it('when an official asks who has not reported, then pending units are listed with tappable leaders, the unreachable and "Chưa làm" apart', async () => {
    const db = database.db;
    const [k1, k2, k3, k4, k5] = [await buildUnit(db, { name: 'Khối 1' }), await buildUnit(db, { name: 'Khối 2' }), await buildUnit(db, { name: 'Khối 3' }), await buildUnit(db, { name: 'Khối 4' }), await buildUnit(db, { name: 'Khối 5' })];
    const one = await buildMember(db, { telegramId: 2001, name: 'Hoàng Văn Một', unitId: k1.id });
    await buildMember(db, { telegramId: 2002, name: 'Lê <Hai> & Co', unitId: k2.id });
    await buildMember(db, { telegramId: 2012, name: 'Phó Hai', unitId: k2.id, position: 'deputy' });
    await buildMember(db, { telegramId: 2003, name: 'Phạm Ba', unitId: k3.id, status: 'unreachable' });
    const five = await buildMember(db, { telegramId: 2005, name: 'Đỗ Năm', unitId: k5.id });
    const units = [k1, k2, k3, k4, k5].map((u) => u.id);
    const flag = await buildTask(db, { title: 'Treo cờ Tổ quốc', unitIds: units });
    const cleanup = await buildTask(db, { title: 'Tổng vệ sinh môi trường', unitIds: [k1.id, k2.id], campaignId: flag.campaign_id, dueAt: new Date('2026-06-20T10:00:00Z'), form: cleanupForm });
    await buildReport(db, { taskId: flag.id, unitId: k1.id, memberId: one.id, status: 'done', number: 100 });
    await buildReport(db, { taskId: flag.id, unitId: k5.id, memberId: five.id, status: 'not_done', note: 'Chưa có cờ' });
    await buildReport(db, { taskId: cleanup.id, unitId: k1.id, memberId: one.id, status: 'done', number: 50 });
    const reportsBefore = await db.selectFrom('reports').selectAll().orderBy('id').execute();

    const official = h.fake.user(OFFICIAL);
    official.sendText('/pending');
    const choose = await official.nextMessage();
    expect(choose.text).toBe('Xem đơn vị chưa báo cáo của nhiệm vụ nào?');
    expect(choose.buttons.flat()).toEqual(['📋 Tất cả nhiệm vụ đang mở (2)', 'Treo cờ Tổ quốc', 'Tổng vệ sinh môi trường']);
    official.pressButton('Treo cờ Tổ quốc');
    const list = await official.nextMessage();
    expect(list.text).toBe(
      [
        '⏳ Treo cờ Tổ quốc (hạn Chủ nhật, 14/06/2026 17:00): 3 đơn vị chưa báo cáo',
        '• Khối 2 — Lê <Hai> & Co, Phó Hai',
        '• Khối 3 — Phạm Ba (đã chặn bot, không nhận được tin)',
        '• Khối 4 — chưa có ai dùng bot (chưa nhận lời mời)',
        '❌ Đã báo cáo “Chưa làm” (1):',
        '• Khối 5 — Đỗ Năm · ghi chú: Chưa có cờ',
      ].join('\n'),
    );
    expect(list.parse_mode).toBe('HTML');
    expect(list.html).toContain('<a href="tg://user?id=2002">Lê &lt;Hai&gt; &amp; Co</a>, <a href="tg://user?id=2012">Phó Hai</a>');
    expect(list.html).toContain('<a href="tg://user?id=2003">Phạm Ba</a> (đã chặn bot');

    official.pressButton('📋 Tất cả nhiệm vụ đang mở (2)', { messageId: choose.message_id });
    const all = await official.nextMessage();
    expect(all.text).toContain('⏳ Treo cờ Tổ quốc (hạn Chủ nhật, 14/06/2026 17:00): 3 đơn vị chưa báo cáo');
    expect(all.text).toContain('⏳ Tổng vệ sinh môi trường (hạn Thứ Bảy, 20/06/2026 17:00): 1 đơn vị chưa báo cáo\n• Khối 2 — Lê <Hai> & Co, Phó Hai');
    expect(all.text).not.toContain('Khối 1');

    await h.quiet();
    expect(await db.selectFrom('reports').selectAll().orderBy('id').execute()).toEqual(reportsBefore);
    expect(await db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
    expect(h.fake.callsOf('sendMessage').filter((c) => c.params.chat_id !== OFFICIAL)).toEqual([]);
  });

  it('when hundreds of units have not reported, then the list comes in several messages under 4096 characters without a cut line', async () => {
    const db = database.db;
    await sql`insert into units (kind, name, households)
      select 'block', 'Tổ dân phố số ' || g || ' thuộc khu dân cư Hoàng Văn Thụ, thị trấn Cao Lộc', 100 from generate_series(1, 230) g`.execute(db);
    const ids = (await db.selectFrom('units').select('id').orderBy('id').execute()).map((u) => u.id);
    await buildTask(db, { title: 'Treo cờ Tổ quốc', unitIds: ids });
    const official = h.fake.user(OFFICIAL);
    official.sendText('/pending');
    await official.nextMessage();
    official.pressButton('Treo cờ Tổ quốc');
    await h.fake.waitFor(() => official.messages().some((m) => m.text.includes('… và 30 đơn vị khác')), 10_000);
    const parts = official.skipPending();
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) expect(p.html?.length ?? Infinity).toBeLessThanOrEqual(4096);
    const lines = parts.flatMap((p) => p.text.split('\n'));
    expect(lines[0]).toBe('⏳ Treo cờ Tổ quốc (hạn Chủ nhật, 14/06/2026 17:00): 230 đơn vị chưa báo cáo');
    for (let i = 1; i <= 200; i++) expect(lines[i]).toBe(`• Tổ dân phố số ${i} thuộc khu dân cư Hoàng Văn Thụ, thị trấn Cao Lộc — chưa có ai dùng bot (chưa nhận lời mời)`);
    expect(lines.at(-1)).toBe('… và 30 đơn vị khác. Dùng /export để có danh sách đầy đủ.');
  });

  it('when an official asks for the status, then each task shows its totals against households, overdue stands out, and a PNG chart follows', async () => {
    const db = database.db;
    h.clock.setLocal('15/06/2026 09:00');
    const units = [await buildUnit(db, { name: 'Khối 1', households: 500 }), await buildUnit(db, { name: 'Khối 2', households: 530 }), await buildUnit(db, { name: 'Khối 3', households: 500 })];
    const leaders = await Promise.all(units.map((u, i) => buildMember(db, { telegramId: 2001 + i, unitId: u.id })));
    const ids = units.map((u) => u.id);
    const flag = await buildTask(db, { title: 'Treo cờ Tổ quốc', unitIds: ids, dueAt: new Date('2026-06-20T10:00:00Z') });
    const cleanup = await buildTask(db, { title: 'Tổng vệ sinh môi trường', unitIds: ids, campaignId: flag.campaign_id, form: cleanupForm });
    await db.updateTable('campaigns').set({ name: 'Kỷ niệm 90 năm Đảng bộ tỉnh' }).execute();
    const numbers = [480, 460, 300];
    const statuses = ['done', 'done', 'partial'] as const;
    for (const [i, l] of leaders.entries()) {
      await buildReport(db, { taskId: flag.id, unitId: ids[i] ?? 0, memberId: l.id, status: statuses[i] ?? 'done', number: numbers[i] ?? 0, flags: i === 2 ? [{ kind: 'photo-before-task', fileUniqueId: 'X', sentAt: '2026-05-01T00:00:00Z' }] : [] });
    }
    await buildReport(db, { taskId: cleanup.id, unitId: ids[0] ?? 0, memberId: leaders[0]?.id ?? 0, status: 'not_done' });

    const official = h.fake.user(OFFICIAL);
    official.sendText('/status');
    const text = await official.nextMessage();
    expect(text.text).toBe(
      [
        '📊 Tiến độ đợt “Kỷ niệm 90 năm Đảng bộ tỉnh” (lúc 15/06/2026 09:00)',
        '',
        '🔴 QUÁ HẠN · 1. Tổng vệ sinh môi trường — hạn Chủ nhật, 14/06/2026 17:00',
        '   Đã báo cáo 1/3 · ✅ 0 · 🟡 0 · ❌ 1 · ⏳ chưa báo cáo 2',
        '   Số hộ tham gia: 0/1.530 hộ (0%)',
        '',
        '2. Treo cờ Tổ quốc — hạn Thứ Bảy, 20/06/2026 17:00',
        '   Đã báo cáo 3/3 · ✅ 2 · 🟡 1 · ❌ 0 · ⏳ chưa báo cáo 0',
        '   Số hộ treo cờ: 1.240/1.530 hộ (81%)',
        '   ⚠️ 1 báo cáo có ảnh cần kiểm tra',
      ].join('\n'),
    );
    const chart = await official.nextMessage();
    expect(chart.kind).toBe('photo');
    expect(chart.text).toContain('Biểu đồ tiến độ: Kỷ niệm 90 năm Đảng bộ tỉnh');
    const png = chart.file?.bytes ?? Buffer.alloc(0);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([900, 130 + 2 * 46]);
    expect(chart.buttons.flat()).toEqual(['🔎 Tổng vệ sinh môi trường', '🔎 Treo cờ Tổ quốc', '🏘 Xem theo đơn vị']);
    expect(h.fake.callsOf('sendPhoto')).toHaveLength(1);

    official.pressButton('🔎 Treo cờ Tổ quốc');
    const reports = await official.nextMessage();
    expect(reports.text).toBe('Báo cáo nhiệm vụ “Treo cờ Tổ quốc” (trang 1). Bấm một đơn vị để xem chi tiết:');
    expect(reports.buttons.flat()).toEqual(['✅ Khối 1', '✅ Khối 2', '🟡 Khối 3 ⚠️']);
    official.pressButton('🟡 Khối 3 ⚠️');
    const detail = await official.nextMessage();
    expect(detail.text).toContain('📝 Treo cờ Tổ quốc — Khối 3\nTình hình: 🟡 Làm một phần\nSố hộ treo cờ: 300/500 hộ');
    expect(detail.text).toContain('⚠️ Ảnh được gửi lúc 01/05/2026 07:00, trước khi giao nhiệm vụ');
    expect(detail.buttons.flat()).toEqual(['↩️ Trả lại để làm lại', '🗂 Các nhiệm vụ của Khối 3']);
    official.pressButton('🗂 Các nhiệm vụ của Khối 3');
    const history = await official.nextMessage();
    expect(history.text).toBe(
      [
        '🗂 Khối 3: các nhiệm vụ (mới nhất trước)',
        '🟡 Treo cờ Tổ quốc (hạn 20/06/2026): 🟡 Làm một phần · Số hộ treo cờ: 300 · 10/06/2026 09:00',
        '   ⚠️ Ảnh được gửi lúc 01/05/2026 07:00, trước khi giao nhiệm vụ',
        '⏳ Tổng vệ sinh môi trường (hạn 14/06/2026): chưa báo cáo',
      ].join('\n'),
    );
  });

  it('when an official opens a report with eleven photos, then they come back as an album of ten and a single photo, the flagged one marked', async () => {
    const db = database.db;
    await seedTown(db, { households: 120 });
    const leader = h.fake.user(2001);
    leader.sendText('/tasks');
    await leader.nextMessage();
    const photos = Array.from({ length: 11 }, (_, i) => ({ id: `P${i + 1}`, ...(i === 2 ? { date: new Date('2026-05-20T03:00:00Z') } : {}) }));
    expect(await leaderReportsFlag(leader, /Báo cáo: Treo cờ/, { status: '✅ Đã xong', households: 110, photos })).toContain('Đã nhận báo cáo');
    const official = h.fake.user(OFFICIAL);
    official.sendText('/status');
    await official.nextMessages(2);
    official.pressButton('🔎 Treo cờ Tổ quốc');
    await official.nextMessage();
    official.pressButton('✅ Khối 1 ⚠️');
    const detail = await official.nextMessage();
    expect(detail.text).toContain('Ảnh: 11');
    official.pressButton('📷 Xem ảnh (11)');
    const album = await official.nextMessage();
    const single = await official.nextMessage();
    expect(album.kind).toBe('media_group');
    expect(h.fake.callsOf('sendMediaGroup')).toHaveLength(1);
    expect(album.media?.map((m) => m.file.file_unique_id)).toEqual(photos.slice(0, 10).map((p) => p.id));
    expect(album.media?.[0]?.caption).toBe('📷 Treo cờ Tổ quốc — Khối 1 (ảnh 1–10/11)');
    expect(album.media?.[2]?.caption).toBe('⚠️ Ảnh được gửi lúc 20/05/2026 10:00, trước khi giao nhiệm vụ');
    expect(album.media?.[1]?.caption).toBeUndefined();
    expect(single.kind).toBe('photo');
    expect(single.file?.file_unique_id).toBe('P11');
    expect(single.text).toBe('📷 Treo cờ Tổ quốc — Khối 1 (ảnh 11–11/11)');
    // The chart (an upload), then the lone evidence photo, re-sent by its file_id.
    expect(h.fake.callsOf('sendPhoto').map((c) => [Number(c.params.chat_id), typeof c.params.photo === 'string' ? c.params.photo : 'upload'])).toEqual([
      [OFFICIAL, 'upload'],
      [OFFICIAL, single.file?.file_id],
    ]);
  });

  it('when a leader or a stranger asks for official views, then they are refused and shown nothing', async () => {
    const db = database.db;
    const k1 = await buildUnit(db, { name: 'Khối 1' });
    const one = await buildMember(db, { telegramId: 2001, unitId: k1.id });
    const task = await buildTask(db, { unitIds: [k1.id] });
    await buildReport(db, { taskId: task.id, unitId: k1.id, memberId: one.id, status: 'done', number: 10, photoCount: 1 });
    const leader = h.fake.user(2001);
    for (const command of ['/pending', '/status', '/export']) {
      leader.sendText(command);
      expect((await leader.nextMessage()).text).toContain('không dành cho vai trò của anh/chị');
    }
    const forged = ['op:all', `op:t:${task.id}`, `or:d:${task.id}:${k1.id}`, `oph:${task.id}:${k1.id}`, `orw:${task.id}:${k1.id}`, 'ou:l', `ox:f:x:c:${task.campaign_id}`];
    for (const data of forged) leader.pressCallbackData(data);
    await h.fake.waitFor(() => leader.callbackAnswers().length === forged.length);
    expect(new Set(leader.callbackAnswers().map((a) => a.text))).toEqual(new Set(['Nút này đã cũ hoặc không còn dùng được. Anh/chị hãy mở lại từ menu.']));

    const stranger = h.fake.user(9999);
    for (const command of ['/pending', '/status', '/export']) {
      stranger.sendText(command);
      expect((await stranger.nextMessage()).text).toContain('Anh/chị chưa được đăng ký');
    }
    stranger.pressCallbackData('op:all');
    await h.fake.waitFor(() => stranger.callbackAnswers().length === 1);
    expect(stranger.callbackAnswers()[0]?.text).toContain('chưa được đăng ký');

    await h.expectNothingSentTo(leader, stranger);
    expect(sendCalls()).toEqual([]);
    expect(h.fake.callsOf('sendMessage').map((c) => c.params.text).join('\n')).not.toContain('Khối 1');
    expect((await db.selectFrom('reports').select(['returned_at']).executeTakeFirstOrThrow()).returned_at).toBeNull();
    expect(await db.selectFrom('audit_log').selectAll().execute()).toEqual([]);
    expect(await db.selectFrom('members').select('telegram_id').where('telegram_id', '=', 9999).execute()).toEqual([]);
  });
});
