import { describe, expect, it } from 'vitest';
import type { UnitKind } from '../src/core/schema.js';
import { renderInviteQr } from '../src/onboarding/invite-qr.js';
import { hashInviteCode } from '../src/onboarding/invites.service.js';
import { updateOfficeSettings } from '../src/settings/settings.queries.js';
import { dbTargets } from './support/db.js';
import { buildMember, buildUnit } from './support/factories.js';
import type { SimUser } from './support/fake-telegram-user.js';
import { pdfPageTexts } from './support/pdf-text.js';
import { useApp } from './support/suite.js';
import { say } from './support/talk.js';

const ADMIN = 1001;

/** A town like Cao Lộc: 14 blocks, 3 staff positions, 3 schools, 2 clubs, 4 organisations. */
const TOWN: { name: string; kind: UnitKind }[] = [
  ...Array.from({ length: 14 }, (_, i) => ({ name: `Khối ${i + 1}`, kind: 'block' as const })),
  { name: 'Công chức Địa chính – Xây dựng', kind: 'staff' },
  { name: 'Công chức Văn hoá – Xã hội', kind: 'staff' },
  { name: 'Văn phòng – Thống kê', kind: 'staff' },
  { name: 'Trường Mầm non Hoa Sen', kind: 'school' },
  { name: 'Trường Tiểu học Cao Lộc', kind: 'school' },
  { name: 'Trường THCS Cao Lộc', kind: 'school' },
  { name: 'CLB Văn nghệ Khối 5', kind: 'club' },
  { name: 'Câu lạc bộ Thể dục dưỡng sinh', kind: 'club' },
  { name: 'Ủy ban Mặt trận Tổ quốc thị trấn', kind: 'organisation' },
  { name: 'Đoàn Thanh niên', kind: 'organisation' },
  { name: 'Hội Liên hiệp Phụ nữ', kind: 'organisation' },
  { name: 'Hội Cựu chiến binh', kind: 'organisation' },
];

const LINK = /^• (.+): (https:\/\/t\.me\/[A-Za-z0-9_]+\?start=([A-Za-z0-9_-]{24}))$/;

describe.each(dbTargets())('inviting many units at once on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '01/12/2026 09:00' });

  const actions = (user: SimUser) => user.transcript().filter((e) => e.from === 'user').length;
  const invites = () => database.db.selectFrom('invites').selectAll().orderBy('id').execute();
  /** Unit → link, from the lines of the list messages. */
  const linksIn = (texts: string[]) => new Map(texts.flatMap((t) => t.split('\n')).flatMap((line) => (LINK.exec(line) ? [[LINK.exec(line)?.[1] ?? '', LINK.exec(line)?.[2] ?? '']] : [])));
  const count = (text: string, part: string) => text.split(part).length - 1;

  /** The office's choice of term, as /settings stores it (tests empty every table, the settings row too). */
  async function useTerm(term: 'thon' | 'khoi') {
    await updateOfficeSettings(database.db, { residential_term: term }, h.clock.now());
    await h.app.telegram.env.office.load(database.db);
  }

  it('when the admin invites every unit nobody has joined, then 26 single-use links come as one list and one printable PDF with a card per unit, in two taps', async () => {
    for (const u of TOWN) await buildUnit(database.db, u);
    await useTerm('khoi');
    const admin = h.fake.user(ADMIN);
    await say(admin, '/start');
    const before = actions(admin);
    expect(await say(admin, '/invite')).toBe('Tạo link mời cho ai?\n26 trên 26 đơn vị chưa có người phụ trách.');
    const menu = admin.lastMessage();
    expect(menu?.buttons).toEqual([
      ['📨 Mời tất cả đơn vị chưa có người (26)'],
      ['☑️ Chọn đơn vị để mời (in thẻ)'],
      ['Người phụ trách một đơn vị', 'Cấp phó một đơn vị'],
      ['Lãnh đạo / theo dõi', 'Quản trị viên'],
    ]);
    admin.pressButton('📨 Mời tất cả đơn vị chưa có người (26)');
    const [list, pdf] = await admin.nextMessages(2);
    expect(actions(admin) - before).toBe(2);

    // What the admin saw: one list, unit → link, and the cards to print.
    expect(list?.text.split('\n').slice(0, 2)).toEqual([
      '📨 Đã tạo 26 link mời cho người phụ trách đơn vị. Mỗi link chỉ dùng một lần, hạn đến 08/12/2026 09:00.',
      'Gửi riêng từng link cho đúng đơn vị, hoặc in thẻ mời trong tệp PDF bên dưới.',
    ]);
    const links = linksIn([list?.text ?? '']);
    const byKind = (k: UnitKind) => TOWN.filter((u) => u.kind === k).map((u) => u.name);
    expect([...links.keys()]).toEqual([...byKind('block'), ...byKind('school'), ...byKind('club'), ...byKind('organisation'), ...byKind('staff')]);
    expect(new Set(links.values()).size).toBe(26);
    expect(pdf?.kind).toBe('document');
    expect(pdf?.file?.filename).toBe('the-moi-01-12-2026.pdf');
    expect(pdf?.caption).toBe('🖨 Thẻ mời để in: 26 thẻ, 6 thẻ một trang A4. In ra, cắt theo đường nét đứt, trao tận tay từng đơn vị.');
    expect(admin.messages().find((m) => m.message_id === menu?.message_id)?.buttons).toEqual([]);

    // The PDF opens, has five A4 pages and one card per unit, each with its name, role and own link.
    const pages = await pdfPageTexts(pdf?.file?.bytes ?? Buffer.alloc(0));
    expect(pages).toHaveLength(5);
    const all = pages.join(' ');
    for (const [name, link] of links) {
      expect(all, name).toContain(name);
      expect(count(all, link), name).toBe(1);
    }
    expect(count(all, 'https://t.me/')).toBe(26);
    expect(count(all, 'Người phụ trách khối phố (khối trưởng)')).toBe(14);
    expect(count(all, 'Người phụ trách đơn vị')).toBe(12);
    expect(count(all, 'Dùng trước 09:00 ngày 08/12/2026')).toBe(26);

    // What was stored: 26 hashes of one batch, no code; audit-logged once; no code in the logs.
    const rows = await invites();
    expect(rows).toHaveLength(26);
    const codes = [...links.values()].map((l) => l.split('start=')[1] ?? '');
    expect(new Set(rows.map((r) => r.code_hash))).toEqual(new Set(codes.map(hashInviteCode)));
    expect(new Set(rows.map((r) => r.creation_key)).size).toBe(1);
    expect(rows.every((r) => r.role === 'leader' && r.position === 'leader' && r.purpose === 'invite' && r.used_at === null)).toBe(true);
    const audit = await database.db.selectFrom('audit_log').select(['action', 'details']).where('action', 'like', 'invite.%').execute();
    expect(audit).toMatchObject([{ action: 'invite.batch-created', details: { count: 26, position: 'leader' } }]);
    const logs = h.logs.join('');
    for (const code of codes) expect(logs).not.toContain(code);

    // The same press delivered again makes nothing new.
    admin.pressCallbackData('inv:all', menu?.message_id);
    expect((await admin.nextMessage()).text).toBe('Các link mời của lần bấm này đã được tạo ở trên rồi, bot không tạo thêm.');
    expect(await invites()).toHaveLength(26);

    // Two leaders open their links: the welcome names their role as their kind of unit says it.
    const school = h.fake.user(2001, { firstName: 'Cô Lan' });
    school.sendText(`/start ${links.get('Trường THCS Cao Lộc')?.split('start=')[1] ?? ''}`);
    expect((await school.nextMessage()).text).toContain('Anh/chị đã được đăng ký là người phụ trách của Trường THCS Cao Lộc.');
    const block = h.fake.user(2002, { firstName: 'Bác Tư' });
    block.sendText(`/start ${links.get('Khối 3')?.split('start=')[1] ?? ''}`);
    expect((await block.nextMessage()).text).toContain('Anh/chị đã được đăng ký là khối trưởng của Khối 3.');
    expect(await say(admin, '/invite')).toBe(
      'Tạo link mời cho ai?\n24 trên 26 đơn vị chưa có người phụ trách.\n24 đơn vị trong số đó đã có link mời còn hạn mà chưa ai dùng; tạo link mới thì link cũ vẫn dùng được.',
    );
    expect(admin.lastMessage()?.buttons[0]).toEqual(['📨 Mời tất cả đơn vị chưa có người (24)']);
  });

  it('when 60 units with long names are invited, then the list is split into messages under 4,096 characters and no line is cut', async () => {
    const names = Array.from({ length: 60 }, (_, i) => `Tổ dân phố số ${i + 1} khu dân cư Đồng Đăng – Phú Xá – Hoàng Đồng`);
    for (const name of names) await buildUnit(database.db, { name, kind: 'block' });
    await buildMember(database.db, { telegramId: 5005, unitId: 1 });
    const admin = h.fake.user(ADMIN);
    await say(admin, '/start');
    await say(admin, '/invite');
    admin.pressButton('📨 Mời tất cả đơn vị chưa có người (59)');
    await h.fake.waitFor(() => admin.lastMessage()?.kind === 'document');
    const texts = admin.skipPending().filter((m) => m.kind === 'text').map((m) => m.text);
    expect(texts.length).toBeGreaterThanOrEqual(2);
    for (const text of texts) expect(text.length).toBeLessThanOrEqual(4096);
    const lines = texts.flatMap((t) => t.split('\n')).filter((l) => l.startsWith('• '));
    expect(lines).toHaveLength(59);
    expect(lines.every((l) => LINK.test(l))).toBe(true);
    expect([...linksIn(texts).keys()]).toEqual(names.slice(1));
    const pages = await pdfPageTexts(admin.lastMessage()?.file?.bytes ?? Buffer.alloc(0));
    expect(pages).toHaveLength(10);
    expect(count(pages.join(' '), 'https://t.me/')).toBe(59);
  });

  it('when the admin picks "all residential units" in a commune that says thôn, then only those are invited, each card says trưởng thôn', async () => {
    await useTerm('thon');
    for (let i = 1; i <= 14; i++) await buildUnit(database.db, { name: `Thôn ${i}`, kind: 'block' });
    await buildUnit(database.db, { name: 'Trường Tiểu học Cao Lộc', kind: 'school' });
    const admin = h.fake.user(ADMIN);
    await say(admin, '/start');
    const before = actions(admin);
    await say(admin, '/invite');
    admin.pressButton('☑️ Chọn đơn vị để mời (in thẻ)');
    expect((await admin.nextMessage()).text).toContain('Mời người phụ trách của những đơn vị nào?');
    expect(admin.lastMessage()?.buttons.flat()).toContain('Tất cả thôn (14)');
    admin.pressButton('Tất cả thôn (14)');
    const [list, pdf] = await admin.nextMessages(2);
    expect(actions(admin) - before).toBe(3);
    expect([...linksIn([list?.text ?? '']).keys()]).toEqual(Array.from({ length: 14 }, (_, i) => `Thôn ${i + 1}`));
    const all = (await pdfPageTexts(pdf?.file?.bytes ?? Buffer.alloc(0))).join(' ');
    expect(count(all, 'Người phụ trách thôn (trưởng thôn)')).toBe(14);
    expect(all).not.toContain('Trường Tiểu học');
    expect((await invites()).map((r) => r.unit_id)).toEqual(Array.from({ length: 14 }, (_, i) => i + 1));
    // The dialogue is over and its stored state gone: the codes are kept nowhere but in the chat.
    await h.quiet();
    expect(await database.db.selectFrom('kv_store').select('key').execute()).toEqual([]);
  });

  it('when one deputy and one official are invited, then each QR image carries the unit name and the role worded for its kind', async () => {
    await useTerm('thon');
    await buildUnit(database.db, { name: 'Thôn 1', kind: 'block' });
    await buildUnit(database.db, { name: 'Thôn Nà Pàn', kind: 'block' });
    const admin = h.fake.user(ADMIN);
    await say(admin, '/start');
    await say(admin, '/invite');
    admin.pressButton('Cấp phó một đơn vị');
    await h.fake.waitFor(() => admin.lastMessage()?.text === 'Mời cấp phó của đơn vị nào?');
    admin.pressButton('Thôn Nà Pàn');
    const [text, qr] = await admin.nextMessages(2);
    const link = /https:\/\/t\.me\/\S+/.exec(text?.text ?? '')?.[0] ?? '';
    expect(text?.text).toBe(
      `🔗 Link mời — Cấp phó (phó trưởng thôn) — Thôn Nà Pàn:\n${link}\nLink chỉ dùng được một lần, hạn đến 08/12/2026 09:00. Anh/chị gửi link này cho đúng người, hoặc in mã QR dưới đây.`,
    );
    expect(qr?.caption).toBe('Mã QR mời Cấp phó (phó trưởng thôn) — Thôn Nà Pàn. Mở camera điện thoại, quét mã, rồi bấm Bắt đầu (Start) trong Telegram. Hạn đến 08/12/2026 09:00.');
    expect(qr?.file?.bytes.equals(await renderInviteQr({ link, unitName: 'Thôn Nà Pàn', role: 'Cấp phó (phó trưởng thôn)' }))).toBe(true);

    const deputy = h.fake.user(3003, { firstName: 'Anh Páo' });
    deputy.sendText(`/start ${link.split('start=')[1] ?? ''}`);
    expect((await deputy.nextMessage()).text).toContain('Anh/chị đã được đăng ký là phó trưởng thôn của Thôn Nà Pàn.');

    await say(admin, '/invite');
    admin.pressButton('Lãnh đạo / theo dõi');
    const [officialText, officialQr] = await admin.nextMessages(2);
    const officialLink = /https:\/\/t\.me\/\S+/.exec(officialText?.text ?? '')?.[0] ?? '';
    expect(officialText?.text.split('\n')[0]).toBe('🔗 Link mời — Lãnh đạo / theo dõi:');
    expect(officialQr?.file?.bytes.equals(await renderInviteQr({ link: officialLink, unitName: null, role: 'Lãnh đạo / theo dõi' }))).toBe(true);
    expect((await invites()).map((r) => [r.role, r.unit_id, r.position])).toEqual([
      ['leader', 2, 'deputy'],
      ['official', null, null],
    ]);
  });

  it('when Telegram refuses the printable cards, then the admin gets an apology and no invite code reaches the logs', async () => {
    for (const u of TOWN.slice(0, 8)) await buildUnit(database.db, u);
    const admin = h.fake.user(ADMIN);
    await say(admin, '/start');
    await say(admin, '/invite');
    h.fake.failNext(1, { method: 'sendDocument', code: 400, description: 'Bad Request: file is too big' });
    admin.pressButton(/Mời tất cả/);
    const [list, apology] = await admin.nextMessages(2);
    expect(apology?.text).toBe('Xin lỗi, đã có lỗi xảy ra. Anh/chị vui lòng thử lại sau ít phút.');
    const logs = h.logs.join('');
    expect(logs).toContain('could not send invitations: 400 Bad Request: file is too big');
    for (const link of linksIn([list?.text ?? '']).values()) expect(logs).not.toContain(link.split('start=')[1]);
    expect(logs).not.toContain('start=');
  });
});
