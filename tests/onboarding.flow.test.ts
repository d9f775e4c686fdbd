import { describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { buildMember, buildUnit } from './support/factories.js';
import { useApp } from './support/suite.js';

const ADMIN = 1001;

describe.each(dbTargets())('onboarding on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN] });

  const count = async (table: 'members' | 'units' | 'unit_members' | 'invites' | 'audit_log') =>
    Number((await database.db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  async function adminInvitesLeader(unitName: string): Promise<string> {
    const admin = h.fake.user(ADMIN, { firstName: 'Văn phòng' });
    admin.sendText('/invite');
    expect((await admin.nextMessage()).text).toMatch(/^Tạo link mời cho ai\?\n\d+ trên \d+ đơn vị chưa có người phụ trách\./);
    admin.pressButton('Người phụ trách một đơn vị');
    await h.fake.waitFor(() => admin.lastMessage()?.text === 'Mời người phụ trách của đơn vị nào?');
    admin.pressButton(unitName);
    const [link, qr] = await admin.nextMessages(2);
    const url = /https:\/\/t\.me\/\S+\?start=([A-Za-z0-9_-]+)/.exec(link?.text ?? '');
    expect(url, link?.text).not.toBeNull();
    expect(qr?.kind).toBe('photo');
    expect(qr?.file?.bytes.subarray(1, 4).toString()).toBe('PNG');
    return url?.[1] ?? '';
  }

  it('when an admin adds units and invites a leader who opens the link, then the leader joins that unit with a leader menu', async () => {
    const admin = h.fake.user(ADMIN, { firstName: 'Văn phòng', lastName: 'UBND' });
    admin.sendText('/start');
    const welcome = (await admin.nextMessage()).text;
    expect(welcome).toContain('Anh/chị là quản trị viên');
    // The first steps say that the plan file itself can be sent, and so does /help.
    expect(welcome).toContain('3. Gửi tệp kế hoạch hoặc thông báo (Word, PDF) vào đây: bot đọc và soạn sẵn các việc');
    await h.fake.waitFor(() => admin.commands());
    admin.sendText('/help');
    expect((await admin.nextMessage()).text).toContain('📄 Gửi thẳng tệp kế hoạch, thông báo (Word .docx, PDF, .txt) hoặc dán nội dung vào đây');
    expect(admin.commands()?.map((c) => c.command)).toEqual([
      'import', 'newtask', 'tasks', 'pending', 'status', 'export', 'report', 'broadcast', 'broadcasts', 'reminders', 'units', 'invite', 'settings', 'me', 'help', 'lang', 'cancel',
    ]);

    admin.sendText('/units');
    const empty = await admin.nextMessage();
    expect(empty.text).toContain('Chưa có đơn vị nào');
    expect(empty.buttons.flat()).toEqual(['➕ Khối phố', '➕ Trường học', '➕ Câu lạc bộ', '➕ Tổ chức, đoàn thể', '➕ Công chức']);
    admin.pressButton('➕ Khối phố');
    expect((await admin.nextMessage()).text).toContain('Dán danh sách khối phố, mỗi dòng một khối phố, ghi kèm số hộ nếu có');
    admin.sendText('Khối 1; 120\nKhối 2; 1.050\nKhối 3');
    const added = await admin.nextMessage();
    expect(added.text.split('\n').slice(0, 4)).toEqual(['Đã thêm 3 đơn vị (Khối phố):', '• Khối 1 (120 hộ)', '• Khối 2 (1.050 hộ)', '• Khối 3 (chưa ghi số hộ)']);
    expect(added.buttons.flat()).toContain('➕ Trường học');

    const code = await adminInvitesLeader('Khối 2');
    const stored = await database.db.selectFrom('invites').selectAll().executeTakeFirstOrThrow();
    expect(stored.code_hash).not.toContain(code);
    expect(stored.code_hash).toMatch(/^[0-9a-f]{64}$/);

    const leader = h.fake.user(2002, { firstName: 'Nguyễn Văn', lastName: 'Bình' });
    leader.sendText(`/start ${code}`);
    expect((await leader.nextMessage()).text).toContain('Chào mừng Nguyễn Văn Bình! Anh/chị đã được đăng ký là khối trưởng của Khối 2.');
    await h.fake.waitFor(() => leader.commands());
    expect(leader.commands()?.map((c) => c.command)).toEqual(['tasks', 'me', 'help', 'lang', 'cancel']);

    const member = await database.db.selectFrom('members').selectAll().where('telegram_id', '=', 2002).executeTakeFirstOrThrow();
    expect(member).toMatchObject({ role: 'leader', status: 'active', display_name: 'Nguyễn Văn Bình', chat_id: 2002 });
    const link = await database.db.selectFrom('unit_members').innerJoin('units', 'units.id', 'unit_members.unit_id').select(['units.name', 'position']).where('member_id', '=', member.id).execute();
    expect(link).toEqual([{ name: 'Khối 2', position: 'leader' }]);
    const actions = (await database.db.selectFrom('audit_log').select('action').orderBy('id').execute()).map((r) => r.action);
    expect(actions).toEqual(['member.admin-from-config', 'unit.added', 'invite.created', 'invite.used']);
    expect((await database.db.selectFrom('invites').select(['used_by']).executeTakeFirstOrThrow()).used_by).toBe(member.id);
    expect(h.logs.join('')).not.toContain(code);
    expect(h.logs.join('')).not.toContain(h.config.botToken);

    admin.sendText('/units');
    const list = (await admin.nextMessage()).text;
    expect(list).toContain('Khối phố (3):');
    expect(list).toContain('2. Khối 2 (1.050 hộ) — Nguyễn Văn Bình (trưởng)');
    expect(list).toContain('3. Khối 3 (chưa ghi số hộ) — chưa có người phụ trách');
    expect(list).not.toContain('người báo cáo');
  });

  it('when an invite is reused, expired or unknown, then the person is told why and nothing is stored', async () => {
    await buildUnit(database.db, { name: 'Khối 5' });
    const admin = h.fake.user(ADMIN);
    admin.sendText('/start');
    await admin.nextMessage();
    const code = await adminInvitesLeader('Khối 5');
    const first = h.fake.user(3001);
    first.sendText(`/start ${code}`);
    await first.nextMessage();
    const before = { members: await count('members'), links: await count('unit_members'), audit: await count('audit_log') };

    const second = h.fake.user(3002);
    second.sendText(`/start ${code}`);
    expect((await second.nextMessage()).text).toContain('Link mời này đã được dùng rồi');
    await h.quiet();
    expect(await count('audit_log')).toBe(before.audit);

    const expiring = await adminInvitesLeader('Khối 5');
    const auditBefore = before.audit + 1; // invite.created
    expect(await count('audit_log')).toBe(auditBefore);
    h.clock.advance(8 * 24 * 3600 * 1000);
    second.sendText(`/start ${expiring}`);
    expect((await second.nextMessage()).text).toContain('Link mời này đã hết hạn');

    second.sendText('/start AAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await second.nextMessage()).text).toContain('Link mời không đúng');
    second.sendText('/start <script>');
    expect((await second.nextMessage()).text).toContain('Link mời không đúng');

    await h.quiet();
    expect(await count('members')).toBe(before.members);
    expect(await count('unit_members')).toBe(before.links);
    expect(await count('audit_log')).toBe(auditBefore);
    expect(second.commands()).toBeUndefined();
  });

  it('when a stranger writes, then they are told to ask the town office and nothing is stored', async () => {
    const stranger = h.fake.user(4004, { firstName: 'Lạ' });
    stranger.sendText('/start');
    expect((await stranger.nextMessage()).text).toContain('cần link mời');
    stranger.sendText('/units');
    expect((await stranger.nextMessage()).text).toContain('Anh/chị chưa được đăng ký');
    stranger.sendText('xin chào');
    expect((await stranger.nextMessage()).text).toContain('Anh/chị chưa được đăng ký');
    stranger.pressCallbackData('units:add');
    await h.fake.waitFor(() => stranger.callbackAnswers().length === 1);
    expect(stranger.callbackAnswers()[0]?.text).toContain('chưa được đăng ký');
    await h.quiet();
    expect(await count('members')).toBe(0);
    expect(await count('units')).toBe(0);
    expect(h.fake.defaultCommands()?.map((c) => c.command)).toEqual(['start', 'help']);
  });

  it('when a leader tries admin commands or buttons, then they are refused and nothing changes', async () => {
    const unit = await buildUnit(database.db, { name: 'Khối 7' });
    await buildMember(database.db, { telegramId: 5005, unitId: unit.id });
    const leader = h.fake.user(5005);
    for (const command of ['/units', '/invite', '/newtask']) {
      leader.sendText(command);
      expect((await leader.nextMessage()).text).toContain('không dành cho vai trò của anh/chị');
    }
    leader.pressCallbackData(`units:offok:${unit.id}`);
    leader.pressCallbackData('inv:r:admin');
    await h.fake.waitFor(() => leader.callbackAnswers().length === 2);
    expect(leader.callbackAnswers().map((a) => a.text)).toEqual([expect.stringContaining('Nút này đã cũ'), expect.stringContaining('Nút này đã cũ')]);
    await h.quiet();
    expect(await count('invites')).toBe(0);
    expect((await database.db.selectFrom('units').select('active').executeTakeFirstOrThrow()).active).toBe(true);
    expect(await count('audit_log')).toBe(0);
  });

  it('when pasted unit lines are wrong, then each bad line is explained and nothing is added until all are right', async () => {
    const admin = h.fake.user(ADMIN);
    admin.sendText('/start');
    await admin.nextMessage();
    await buildUnit(database.db, { name: 'Khối 1' });
    admin.sendText('/units');
    await admin.nextMessage();
    admin.pressButton('➕ Thêm đơn vị');
    await admin.nextMessage();
    admin.pressButton('Trường học');
    expect((await admin.nextMessage()).text).toContain('Dán danh sách trường học, mỗi dòng một trường (không cần số hộ)');
    admin.sendText('Trường THCS Cao Lộc; 12a\n; 40');
    const error = await admin.nextMessage();
    expect(error.text).toContain('Dòng 1 “Trường THCS Cao Lộc; 12a”: dòng có quá nhiều phần');
    expect(error.text).toContain('Dòng 2 “; 40”: loại đơn vị này không cần số hộ');
    expect(await count('units')).toBe(1);
    admin.sendText('Trường THCS Cao Lộc\nTrường Tiểu học Cao Lộc');
    const added = (await admin.nextMessage()).text;
    expect(added).toContain('Đã thêm 2 đơn vị (Trường học):\n• Trường THCS Cao Lộc\n• Trường Tiểu học Cao Lộc\n');
    expect(added).not.toContain('hộ');
    const kinds = await database.db.selectFrom('units').select(['kind', 'households']).where('kind', '=', 'school').execute();
    expect(kinds).toEqual([{ kind: 'school', households: null }, { kind: 'school', households: null }]);
  });

  it('when an admin renames and deactivates a unit, then both are stored and audit-logged', async () => {
    await buildUnit(database.db, { name: 'Khối 1' });
    const admin = h.fake.user(ADMIN);
    admin.sendText('/start');
    await admin.nextMessage();
    admin.sendText('/units');
    await admin.nextMessage();
    admin.pressButton('✏️ Đổi tên');
    await admin.nextMessage();
    admin.pressButton('Khối 1');
    expect((await admin.nextMessage()).text).toContain('Nhập tên mới cho “Khối 1”');
    admin.sendText('Khối Một');
    expect((await admin.nextMessage()).text).toBe('Đã đổi tên “Khối 1” thành “Khối Một”.');
    admin.sendText('/units');
    await admin.nextMessage();
    admin.pressButton('🚫 Ngừng hoạt động');
    await admin.nextMessage();
    admin.pressButton('Khối Một');
    await h.fake.waitFor(() => admin.lastMessage()?.text.startsWith('Ngừng hoạt động'));
    admin.pressButton('Đồng ý ngừng');
    await h.fake.waitFor(() => admin.lastMessage()?.text.startsWith('Đã ngừng hoạt động “Khối Một”.'));
    const unit = await database.db.selectFrom('units').selectAll().executeTakeFirstOrThrow();
    expect(unit).toMatchObject({ name: 'Khối Một', active: false });
    const audit = await database.db.selectFrom('audit_log').select(['action', 'details']).where('action', 'like', 'unit.%').orderBy('id').execute();
    expect(audit).toEqual([
      { action: 'unit.renamed', details: { from: 'Khối 1', to: 'Khối Một' } },
      { action: 'unit.deactivated', details: { name: 'Khối Một' } },
    ]);
  });

  it('when a member blocks and unblocks the bot, then they become unreachable and then active', async () => {
    await buildMember(database.db, { telegramId: 6006 });
    const leader = h.fake.user(6006);
    const status = async () => (await database.db.selectFrom('members').select('status').executeTakeFirstOrThrow()).status;
    leader.block();
    await expect.poll(status).toBe('unreachable');
    leader.unblock();
    await expect.poll(status).toBe('active');
  });

  it('when a leader switches to English, then replies and the menu are in English, and /me and /help follow the role', async () => {
    const unit = await buildUnit(database.db, { name: 'Khối 9' });
    await buildMember(database.db, { telegramId: 7007, name: 'Trần Thị Hoa', unitId: unit.id, position: 'deputy' });
    const leader = h.fake.user(7007);
    leader.sendText('/me');
    const me = await leader.nextMessage();
    expect(me.text).toContain('Vai trò: Trưởng đơn vị');
    expect(me.text).toContain('Đơn vị: Khối 9 (phó)');
    leader.sendText('/lang');
    await leader.nextMessage();
    leader.pressButton('English');
    await h.fake.waitFor(() => leader.lastMessage()?.text === 'Switched to English.');
    expect((await database.db.selectFrom('members').select('locale').executeTakeFirstOrThrow()).locale).toBe('en');
    await h.fake.waitFor(() => leader.commands()?.find((c) => c.command === 'tasks')?.description === 'Tasks and reports');
    leader.sendText('/help');
    const help = await leader.nextMessage();
    expect(help.text).toContain('/tasks — Tasks and reports');
    expect(help.text).not.toContain('/units');
  });
});
