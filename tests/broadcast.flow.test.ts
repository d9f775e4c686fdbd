import { beforeEach, describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { buildMember, buildUnit } from './support/factories.js';
import { useApp } from './support/suite.js';

const ADMIN = 6001;
const OFFICIAL = 6002;
const [L1, L2, L3, S1] = [6101, 6102, 6103, 6104];

describe.each(dbTargets())('broadcasts on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '10/06/2026 07:00' });
  beforeEach(async () => {
    const db = database.db;
    const blocks = [await buildUnit(db, { name: 'Khối 1' }), await buildUnit(db, { name: 'Khối 2' }), await buildUnit(db, { name: 'Khối 3' })];
    const school = await buildUnit(db, { name: 'Trường THCS Cao Lộc', kind: 'school' });
    await buildMember(db, { telegramId: L1, unitId: blocks[0]!.id, name: 'An' });
    await buildMember(db, { telegramId: L2, unitId: blocks[1]!.id, name: 'Bình' });
    await buildMember(db, { telegramId: L3, unitId: blocks[2]!.id, name: 'Cường', status: 'unreachable' });
    await buildMember(db, { telegramId: S1, unitId: school.id, name: 'Dung' });
    await buildMember(db, { telegramId: OFFICIAL, role: 'official', name: 'Chủ tịch' });
    await buildMember(db, { telegramId: ADMIN, role: 'admin', name: 'Văn phòng' });
  });

  const admin = () => h.fake.user(ADMIN);
  async function answer(press: string | null, text?: string) {
    if (press) admin().pressButton(press);
    if (text) admin().sendText(text);
    return (await admin().nextMessage()).text;
  }

  it('when an admin broadcasts a text to all units now, then every reachable leader gets it, the progress message ends with the figures, and /broadcasts shows who did not get it', async () => {
    admin().sendText('/broadcast');
    expect((await admin().nextMessage()).text).toContain('Gửi nội dung thông báo');
    admin().sendLocation(21.8, 106.7);
    expect((await admin().nextMessage()).text).toContain('Chưa nhận được nội dung');
    expect(await answer(null, 'Sáng 14/6 các khối treo cờ Tổ quốc.')).toContain('Gửi tới ai?');
    admin().sendText('tất cả');
    expect((await admin().nextMessage()).text).toContain('bấm một nút');
    expect(await answer('Tất cả đơn vị (4)')).toContain('Khi nào gửi?');
    const preview = await answer('Gửi ngay');
    expect(preview).toContain('Nội dung: Sáng 14/6 các khối treo cờ Tổ quốc.');
    expect(preview).toContain('Gửi tới: tất cả đơn vị — 4 người nhận');
    expect(preview).toContain('Thời gian: gửi ngay');
    expect(await answer('✅ Gửi')).toBe('Đã nhận thông báo #1, đang gửi tới 4 người. Tiến độ sẽ hiện ở tin nhắn tiếp theo.');

    h.fake.slow(200, { method: 'sendMessage' }); // so the first progress report comes mid-way
    await h.app.dispatcher.drain();
    h.fake.slow(0);
    for (const id of [L1, L2, S1]) expect(h.fake.user(id).messages().map((m) => m.text)).toEqual(['Sáng 14/6 các khối treo cờ Tổ quốc.']);
    expect(h.fake.user(L3).messages()).toEqual([]);
    expect(h.fake.user(OFFICIAL).messages()).toEqual([]);
    const progress = await admin().nextMessage();
    // One progress message, edited in place: whether a mid-way "Đã gửi 1/4…" shows depends on timing,
    // but every later figure is an edit of that message, never a new one.
    const progressSends = h.fake.callsOf('sendMessage').filter((c) => c.params.chat_id === ADMIN && String(c.params.text).includes('Thông báo #1'));
    expect(progressSends).toHaveLength(1);
    expect(progress.editCount).toBe(h.fake.callsOf('editMessageText').filter((c) => c.params.message_id === progress.message_id).length);
    expect(admin().skipPending()).toEqual([]);
    expect(progress.text).toBe('✅ Thông báo #1 đã gửi xong: 3/4 người đã nhận · 1 đã chặn bot · 0 không gửi được. Dùng /broadcasts để xem ai chưa nhận.');
    const stored = await database.db.selectFrom('broadcasts').select(['status', 'progress_message_id']).executeTakeFirstOrThrow();
    expect(stored).toEqual({ status: 'done', progress_message_id: progress.message_id });
    const statuses = await database.db.selectFrom('deliveries').select(['chat_id', 'status', 'source']).orderBy('chat_id').execute();
    expect(statuses).toEqual([L1, L2, L3, S1].map((id) => ({ chat_id: id, status: id === L3 ? 'unreachable' : 'sent', source: 'broadcast:1' })));
    expect(h.fake.callsOf('sendMessage').filter((c) => c.params.chat_id === L3)).toHaveLength(0);

    admin().sendText('/broadcasts');
    const list = await admin().nextMessage();
    expect(list.text).toContain('✅ 3 đã nhận · ❌ 0 lỗi · 🚫 1 chặn bot · ⏳ 0 đang chờ');
    expect(await answer('👥 #1: ai chưa nhận')).toBe('Chưa nhận thông báo #1 (1 người):\n• Cường — đã chặn bot');
  });

  it('when an admin schedules a photo to officials, then it goes out at that time and not before', async () => {
    admin().sendText('/broadcast');
    await admin().nextMessage();
    admin().sendPhoto({ caption: 'Pano tuyên truyền mới' });
    await admin().nextMessage();
    await answer('Lãnh đạo');
    expect(await answer('Hẹn giờ')).toContain('Gửi lúc nào?');
    admin().sendText('31/02 08:00');
    expect((await admin().nextMessage()).text).toContain('không phải ngày có thật');
    expect(await answer(null, '10/06 08:00')).toContain('→ Thứ Tư, 10/06/2026 08:00 (');
    const preview = (await admin().nextMessage()).text;
    expect(preview).toContain('Loại: ảnh kèm chú thích');
    expect(preview).toContain('Gửi tới: lãnh đạo — 1 người nhận');
    expect(preview).toContain('Thời gian: 10/06/2026 08:00');
    expect(await answer('✅ Gửi')).toContain('Đã hẹn thông báo #1 tới 1 người: 10/06/2026 08:00');

    h.clock.setLocal('10/06/2026 07:59');
    expect((await h.app.scheduler.tick()).queued).toEqual([]);
    await h.app.dispatcher.drain();
    expect(h.fake.user(OFFICIAL).messages()).toEqual([]);
    h.clock.setLocal('10/06/2026 08:00');
    expect((await h.app.scheduler.tick()).queued).toEqual(['broadcast:1']);
    await h.app.dispatcher.drain();
    const got = await h.fake.user(OFFICIAL).nextMessage();
    expect(got.kind).toBe('photo');
    expect(got.caption).toBe('Pano tuyên truyền mới');
    expect((await admin().nextMessage()).text).toContain('✅ Thông báo #1 đã gửi xong: 1/1 người đã nhận');
  });

  it('when a scheduled broadcast is cancelled from /broadcasts, then nothing is sent at its time', async () => {
    admin().sendText('/broadcast');
    await admin().nextMessage();
    await answer(null, 'Họp khối tối nay');
    await answer('Tất cả mọi người');
    await answer('Hẹn giờ');
    expect(await answer(null, '10/06 22:00')).toContain('→ Thứ Tư, 10/06/2026 22:00 (');
    const preview = (await admin().nextMessage()).text;
    expect(preview).toContain('Gửi tới: tất cả mọi người — 6 người nhận');
    expect(preview).toContain('thông báo sẽ bắt đầu gửi lúc 11/06/2026 06:30');
    await answer('✅ Gửi');
    admin().sendText('/broadcasts');
    expect((await admin().nextMessage()).text).toContain('(đã hẹn giờ)');
    expect(await answer('🛑 Huỷ #1')).toContain('Huỷ thông báo #1 (“Họp khối tối nay”)?');
    admin().pressButton('Có, huỷ');
    await h.fake.waitFor(() => admin().lastMessage()?.text.startsWith('Đã huỷ thông báo #1'));
    h.clock.setLocal('11/06/2026 07:00');
    expect((await h.app.scheduler.tick()).queued).toEqual([]);
    await h.app.dispatcher.drain();
    expect(await database.db.selectFrom('deliveries').selectAll().execute()).toEqual([]);
    expect((await database.db.selectFrom('broadcasts').select('status').executeTakeFirstOrThrow()).status).toBe('cancelled');
    expect(h.fake.user(L1).messages()).toEqual([]);
  });

  it('when a broadcast repeats weekly, then each week it goes out once at the same time', async () => {
    admin().sendText('/broadcast');
    await admin().nextMessage();
    await answer(null, 'Nhắc thu gom rác thứ Bảy');
    await answer('Chọn theo loại (được chọn nhiều loại)');
    admin().pressButton('⬜ Trường học (1)');
    await h.fake.waitFor(() => admin().lastMessage()?.buttons.flat().includes('Xong (1)') ?? false);
    await answer('Xong (1)');
    await answer('Lặp lại hằng tuần');
    expect(await answer(null, '13/06 07:30')).toContain('→ Thứ Bảy, 13/06/2026 07:30 (');
    const preview = (await admin().nextMessage()).text;
    expect(preview).toContain('hằng tuần vào thứ Bảy lúc 07:30');
    await answer('✅ Gửi');
    for (const [time, expected] of [['13/06/2026 07:30', 1], ['13/06/2026 07:31', 1], ['14/06/2026 07:30', 1], ['20/06/2026 07:30', 2]] as const) {
      h.clock.setLocal(time);
      await h.app.scheduler.tick();
      await h.app.dispatcher.drain();
      expect(h.fake.user(S1).messages()).toHaveLength(expected);
    }
    expect(h.fake.user(L1).messages()).toEqual([]);
    const sources = await database.db.selectFrom('deliveries').select('source').orderBy('id').execute();
    expect(sources.map((s) => s.source)).toEqual(['broadcast:1:2026-06-13', 'broadcast:1:2026-06-20']);
  });

  it('when an old or forged broadcast button is pressed, then the admin is told why and nothing changes', async () => {
    admin().sendText('/start');
    await admin().nextMessage();
    admin().pressCallbackData('bcn:99');
    expect((await admin().nextMessage()).text).toBe('Không tìm thấy thông báo này. Dùng /broadcasts để xem danh sách mới.');
    admin().pressCallbackData('bcy:99');
    await h.fake.waitFor(() => admin().lastMessage()?.text.startsWith('Thông báo này đã gửi xong hoặc đã huỷ'));
    expect(await database.db.selectFrom('audit_log').select('action').where('action', 'like', 'broadcast.%').execute()).toEqual([]);
    // Ids too long for the database are refused by the button kind itself: the usual "old button", no error.
    for (const data of ['bcn:99999999999999999999', 'bcx:99999999999999999999', 'bcy:99999999999999999999', 'rmt:99999999999999999999']) admin().pressCallbackData(data);
    await h.fake.waitFor(() => admin().callbackAnswers().filter((a) => a.text?.includes('Nút này đã cũ')).length === 4);
    expect(h.logs.filter((line) => line.includes('"level":50'))).toEqual([]);
    // A leader pressing an admin's button gets the usual explanation, not the admin's screen.
    const leader = h.fake.user(L1);
    leader.sendText('/help');
    await leader.nextMessage();
    leader.pressCallbackData('bcx:1');
    await h.fake.waitFor(() => leader.callbackAnswers().length > 0);
    expect(leader.callbackAnswers()[0]?.text).toContain('Nút này đã cũ');
    await leader.expectNoMessage(100);
  });
});
