import { describe, expect, it } from 'vitest';
import { hashInviteCode } from '../src/onboarding/invites.service.js';
import { offerSetupLink } from '../src/onboarding/setup-link.service.js';
import { translator } from '../src/telegram/i18n.js';
import { dbTargets } from './support/db.js';
import { useApp } from './support/suite.js';
import { say } from './support/talk.js';

const ADMIN = 1001;
const TERMS = [['Khối phố', 'Tổ dân phố'], ['Thôn', 'Bản'], ['Ấp', 'Khóm']];


describe.each(dbTargets())('the first start without a known Telegram id on %s', (target) => {
  const { database, h } = useApp(target, { localTime: '01/12/2026 09:00' });

  /** What start-up does (src/app.ts calls the same function): the lines it printed, and the code in them. */
  async function startUp(adminIds: number[] = []): Promise<{ made: boolean; lines: string[]; code: string }> {
    const lines: string[] = [];
    const t = translator(h.app.telegram.env.i18n, 'vi');
    const made = await offerSetupLink(database.db, h.clock, { botUsername: h.fake.botInfo.username, adminIds, t, write: (text) => lines.push(text) });
    return { made, lines, code: /\?start=([A-Za-z0-9_-]+)/.exec(lines.join(''))?.[1] ?? '' };
  }
  /** Setup codes that still work (whatever start-ups made before the test, only these count). */
  const openSetupCodes = () =>
    database.db.selectFrom('invites').selectAll().where('purpose', '=', 'setup').where('used_at', 'is', null).where('expires_at', '>', h.clock.now()).execute();
  const setupCode = (code: string) => database.db.selectFrom('invites').selectAll().where('code_hash', '=', hashInviteCode(code)).executeTakeFirstOrThrow();
  const members = () => database.db.selectFrom('members').select(['telegram_id', 'role']).orderBy('id').execute();

  it('when nobody is admin, then one printed link makes its first opener admin, asks the local term, and refuses everyone after', async () => {
    const first = await startUp();
    expect(first.made).toBe(true);
    expect(first.lines).toEqual([
      `Bot chưa có quản trị viên. Mở link này trên Telegram trong vòng 24 giờ để trở thành quản trị viên (chỉ dùng được một lần): https://t.me/${h.fake.botInfo.username}?start=${first.code}\n`,
    ]);
    const stored = await setupCode(first.code);
    expect(await openSetupCodes()).toEqual([stored]);
    expect(stored).toMatchObject({ purpose: 'setup', role: 'admin', unit_id: null, position: null, created_by: null, used_at: null });
    expect(stored.expires_at.toISOString()).toBe(new Date(h.clock.now().getTime() + 24 * 3_600_000).toISOString());

    const clerk = h.fake.user(2001, { firstName: 'Chị Hoa' });
    const welcome = await say(clerk, `/start ${first.code}`);
    expect(welcome).toContain('Chào mừng Chị Hoa! Anh/chị đã được đăng ký là quản trị viên.');
    expect(welcome).toContain('1. /units — thêm danh sách khối phố, trường học, đoàn thể…');
    expect(welcome).toContain('Trước hết, ở địa phương mình đơn vị dân cư được gọi là gì?');
    expect(clerk.lastMessage()?.buttons).toEqual(TERMS);
    await h.fake.waitFor(() => clerk.commands());
    expect(clerk.commands()?.map((c) => c.command)).toContain('invite');
    clerk.pressButton('Thôn');
    expect((await clerk.nextMessage()).text).toBe('Đã lưu. Từ nay bot gọi là “thôn”, người phụ trách là “trưởng thôn”.');
    expect((await database.db.selectFrom('office_settings').select('residential_term').executeTakeFirstOrThrow()).residential_term).toBe('thon');

    const latecomer = h.fake.user(2002, { firstName: 'Anh Nam' });
    expect(await say(latecomer, `/start ${first.code}`)).toBe(
      'Link cài đặt này đã được dùng rồi: bot đã có quản trị viên. Nếu anh/chị cần tham gia, hãy xin quản trị viên gửi link mời.',
    );
    expect(await members()).toEqual([{ telegram_id: 2001, role: 'admin' }]);
    expect((await setupCode(first.code)).used_by).toBe(1);

    // The next start-up has an admin: no new link.
    const again = await startUp();
    expect(again).toEqual({ made: false, lines: [], code: '' });
    expect(await openSetupCodes()).toEqual([]);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'actor_id']).where('subject', '=', `invite:${stored.id}`).orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'setup.link-created', actor_id: null },
      { action: 'invite.used', actor_id: 1 },
    ]);
    expect(h.logs.join('')).not.toContain(first.code);
    await h.expectNothingSentTo(latecomer, clerk);
  });

  it('when the bot starts again before anyone opened the link, then only the newest link works; after 24 hours it expires', async () => {
    const old = await startUp();
    const fresh = await startUp();
    expect(fresh.code).not.toBe(old.code);
    const someone = h.fake.user(3001);
    expect(await say(someone, `/start ${old.code}`)).toBe(
      'Link cài đặt này đã hết hạn hoặc đã được thay bằng link mới. Khởi động lại bot, link mới sẽ hiện trên màn hình máy chủ.',
    );
    expect(await members()).toEqual([]);

    h.clock.advance(24 * 3_600_000 + 1);
    expect(await say(someone, `/start ${fresh.code}`)).toContain('Link cài đặt này đã hết hạn');
    const third = await startUp();
    expect(await say(someone, `/start ${third.code}`)).toContain('Anh/chị đã được đăng ký là quản trị viên.');
    expect(await members()).toEqual([{ telegram_id: 3001, role: 'admin' }]);
  });

  it('when ADMIN_IDS is set, then no link is made and an older one stops working', async () => {
    const old = await startUp();
    const withIds = await startUp([ADMIN]);
    expect(withIds).toEqual({ made: false, lines: [], code: '' });
    expect(await openSetupCodes()).toEqual([]);
    const someone = h.fake.user(3001);
    expect(await say(someone, `/start ${old.code}`)).toContain('Link cài đặt này đã hết hạn');
    expect(await members()).toEqual([]);
  });
});

describe.each(dbTargets())('the first admin from ADMIN_IDS on %s', (target) => {
  const { h, db } = useApp(target, { adminIds: [ADMIN] });

  it('when the term is not chosen yet, then /start asks it once with the welcome, and not after it is chosen', async () => {
    const admin = h.fake.user(ADMIN, { firstName: 'Văn phòng' });
    const welcome = await say(admin, '/start');
    expect(welcome.split('\n')[0]).toBe('Chào Văn phòng! Anh/chị là quản trị viên của bot.');
    expect(welcome).toContain('Trước hết, ở địa phương mình đơn vị dân cư được gọi là gì?');
    expect(admin.messages()).toHaveLength(1);
    expect(admin.lastMessage()?.buttons).toEqual(TERMS);
    admin.pressButton('Bản');
    expect((await admin.nextMessage()).text).toBe('Đã lưu. Từ nay bot gọi là “bản”, người phụ trách là “trưởng bản”.');
    expect(admin.messages()[0]?.buttons).toEqual([]);

    const again = await say(admin, '/start');
    expect(again).not.toContain('được gọi là gì');
    expect(again).toContain('1. /units — thêm danh sách bản, trường học, đoàn thể…');
    expect(admin.lastMessage()?.buttons).toEqual([]);
    const row = await db.selectFrom('office_settings').select('residential_term').executeTakeFirstOrThrow();
    expect(row.residential_term).toBe('ban');
  });
});
