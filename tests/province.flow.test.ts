import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { unzip } from './support/docx.js';
import { leaderReportsFlag } from './support/reports.js';
import { nameOffice } from './support/offices.js';
import { PROVINCE_PEOPLE, seedProvince } from './support/province.js';
import { useApp } from './support/suite.js';

describe.each(dbTargets())('province on %s', (target) => {
  const { database, h } = useApp(target, { localTime: '20/07/2026 09:00' });

  it('when the province sends a flag notice to all communes, two keep it in one tap and their leaders report, then the province sees each commune\'s figures and the one that never opened it', async () => {
    const db = database.db;
    const [sonThuy, dongHa, tanPhu] = await seedProvince(db);
    if (!sonThuy || !dongHa || !tanPhu) throw new Error('seed');
    await h.app.telegram.env.office.load(db);

    // The province admin sends the notice with the task as its caption.
    const province = h.fake.user(PROVINCE_PEOPLE.admin);
    province.sendDocument({ filename: 'TB-45-treo-co.pdf', caption: 'Treo cờ Tổ quốc từ 23/7 đến hết 27/7' });
    const draft = await province.nextMessage();
    expect(draft.text).toContain('📤 Gửi xuống các xã, phường (bản nháp):');
    expect(draft.text).toContain('📌 Treo cờ Tổ quốc');
    expect(draft.text).toContain('🗓 Thời gian: Thứ Năm, 23/07/2026 – hết Thứ Hai, 27/07/2026');
    expect(draft.text).toMatch(/📝 Hạn báo cáo: Thứ \S+, \d\d\/07\/2026/);
    expect(draft.text).toContain('📎 Kèm văn bản của tỉnh.');
    expect(draft.buttons.flat()).toEqual(['📤 Tất cả (3)', 'Các xã (2)', 'Các phường (1)', '🔎 Chọn theo tên', '🗑 Bỏ']);
    province.pressButton('📤 Tất cả (3)');
    const sent = await province.nextMessage();
    expect(sent.text).toContain('✅ Đã gửi “Treo cờ Tổ quốc” xuống 3 xã, phường.');
    const send = await db.selectFrom('province_sends').selectAll().executeTakeFirstOrThrow();
    expect(send.office_id).toBe(1);
    expect(send.sent_at).not.toBeNull();
    await h.app.dispatcher.drain();

    // Each commune admin gets the draft with the province's document, in the commune's own words.
    const drafts = [sonThuy, dongHa, tanPhu].map((c) => h.fake.user(c.admin));
    const received = await Promise.all(drafts.map((u) => u.nextMessage()));
    for (const m of received) {
      expect(m.text).toContain('📥 UBND tỉnh Quảng Trị giao việc:');
      expect(m.text).toContain('🗓 Thời gian: Thứ Năm, 23/07/2026 – hết Thứ Hai, 27/07/2026');
      expect(m.kind).toBe('document');
      expect(m.file?.filename).toBe('TB-45-treo-co.pdf');
    }
    expect(received[0]?.buttons.flat()).toEqual(['✅ Giao cho tất cả thôn (2)', '✏️ Điều chỉnh']);
    expect(received[1]?.buttons.flat()).toEqual(['✅ Giao cho tất cả tổ dân phố (2)', '✏️ Điều chỉnh']);
    expect(received[2]?.buttons.flat()).toEqual(['✅ Giao cho tất cả ấp (2)', '✏️ Điều chỉnh']);
    expect(h.fake.callsOf('sendDocument').map((c) => Number(c.params.chat_id)).sort()).toEqual([sonThuy.admin, dongHa.admin, tanPhu.admin].sort());

    // Sơn Thủy and Đông Hà keep it in one tap; Tân Phú never opens it.
    for (const [i, c] of [sonThuy, dongHa].entries()) {
      const admin = drafts[i];
      if (!admin) throw new Error('admin');
      admin.pressButton(/^✅ Giao cho tất cả/);
      const kept = await admin.nextMessage();
      expect(kept.text).toMatch(/^✅ Đã giao “Treo cờ Tổ quốc” cho 2 đơn vị, hạn báo cáo Thứ \S+, \d\d\/07\/2026/);
      const task = await db.selectFrom('tasks').selectAll().where('office_id', '=', c.id).executeTakeFirstOrThrow();
      expect(task.due_at).toEqual(send.due_at);
      expect(task.starts_at).toEqual(send.starts_at);
      expect(task.ends_at).toEqual(send.ends_at);
      expect((await db.selectFrom('task_units').select('unit_id').where('task_id', '=', task.id).orderBy('unit_id').execute()).map((r) => r.unit_id)).toEqual(c.units.map((u) => u.id));
    }
    expect(await db.selectFrom('tasks').select('id').where('office_id', '=', tanPhu.id).execute()).toEqual([]);

    // Leaders report: both units of Sơn Thủy, one of Đông Hà.
    const reports: [number, number][] = [[sonThuy.leaders[0] ?? 0, 90], [sonThuy.leaders[1] ?? 0, 70], [dongHa.leaders[0] ?? 0, 95]];
    for (const [tg, households] of reports) {
      const leader = h.fake.user(tg);
      leader.sendText('/tasks');
      await leader.nextMessage();
      expect(await leaderReportsFlag(leader, /Báo cáo: Treo cờ/, { status: '✅ Đã xong', households, photos: [{ id: `P${tg}` }] })).toContain('Đã nhận báo cáo');
    }

    // The province's /status: each commune's state and figures.
    const official = h.fake.user(PROVINCE_PEOPLE.official);
    official.sendText('/status');
    const status = await official.nextMessage();
    expect(status.text).toMatch(/— hạn (Thứ \S+|Chủ nhật), \d\d\/07\/2026/);
    expect(status.text).toContain('Đã giao 2/3 xã, phường · 2 xã đã có báo cáo · 3/4 đơn vị đã báo cáo (75%) · 255/360 hộ');
    expect(status.text).toContain('• phường Đông Hà: 1/2 đơn vị đã báo cáo (50%), 95/180 hộ');
    expect(status.text).toContain('• xã Sơn Thủy: 2/2 đơn vị đã báo cáo (100%), 160/180 hộ');
    expect(status.text).toContain('• xã Tân Phú: ⚪ chưa mở');
    expect(status.buttons.flat()).toEqual(['🔎 phường Đông Hà', '🔎 xã Sơn Thủy']);

    // Tap down into one commune's units.
    official.pressButton('🔎 phường Đông Hà');
    const units = await official.nextMessage();
    expect(units.text).toContain('🏘 phường Đông Hà');
    expect(units.text).toContain('• Tổ dân phố 2 — Trưởng tổ dân phố 2 Đông Hà');
    expect(units.text).not.toContain('Thôn');

    // /pending: the communes that still owe, the one that never opened it among them.
    official.sendText('/pending');
    const pending = await official.nextMessage();
    expect(pending.text).toContain('2 xã, phường chưa xong');
    expect(pending.text).toContain('• phường Đông Hà: 1/2 đơn vị đã báo cáo (50%), 95/180 hộ');
    expect(pending.text).toContain('• xã Tân Phú: ⚪ chưa mở');
    expect(pending.text).not.toContain('Sơn Thủy');
    expect(pending.buttons.flat()).toEqual(['🔎 phường Đông Hà']);

    // /export: a summary row per commune, then a sheet per commune with its units.
    official.sendText('/export');
    const file = await official.nextMessage();
    expect(file.kind).toBe('document');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(file.file?.bytes ?? Buffer.alloc(0)).buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Tổng hợp', 'phường Đông Hà', 'xã Sơn Thủy', 'xã Tân Phú']);
    const rowsOf = (name: string) => {
      const out: string[] = [];
      wb.getWorksheet(name)?.eachRow((row) => out.push(((row.values as unknown[]) ?? []).slice(1).map((v) => (v === null || v === undefined ? '' : String(v))).join('|')));
      return out;
    };
    expect(rowsOf('Tổng hợp').slice(0, 4)).toEqual([
      'STT|Xã, phường|Tình hình|Số đơn vị|Đã báo cáo|Tỉ lệ (%)|Số hộ đã làm|Tổng số hộ',
      '1|phường Đông Hà|Đã giao cho đơn vị|2|1|50|95|180',
      '2|xã Sơn Thủy|Đã giao cho đơn vị|2|2|100|160|180',
      '3|xã Tân Phú|Chưa mở',
    ]);
    expect(rowsOf('xã Sơn Thủy').slice(1).map((r) => r.split('|').slice(1, 5).join('|'))).toEqual(['Thôn 1|Trưởng thôn 1 Sơn Thủy|Đã xong|90', 'Thôn 2|Trưởng thôn 2 Sơn Thủy|Đã xong|70']);
    expect(rowsOf('xã Tân Phú')).toHaveLength(1);

    // /report at the province: the Decree-30 report from the communes' figures, the one that did not report named.
    // (Its details already said: the questions of the first /report are tests/province.report.flow.test.ts.)
    await db
      .updateTable('office_settings')
      .set({ place: 'Quảng Trị', signer_title: 'CHỦ TỊCH', signer_name: 'Võ Văn Hưng', recipients: JSON.stringify(['Văn phòng Chính phủ (b/c);', 'Lưu: VT.']) })
      .where('id', '=', 1)
      .execute();
    await h.app.telegram.env.office.load(db);
    official.sendText('/report');
    const report = await official.nextMessage();
    expect(report.kind).toBe('document');
    expect(report.file?.filename).toMatch(/^treo-co-to-quoc-\d{8}-\d{4}\.docx$/);
    const xml = (await unzip(report.file?.bytes ?? Buffer.alloc(0))).xml;
    const has = (text: string, wanted: string) => expect(text.includes(wanted), wanted).toBe(true);
    for (const cell of ['UBND TỈNH QUẢNG TRỊ', 'phường Đông Hà', '1/2 đơn vị đã báo cáo', 'xã Sơn Thủy', '2/2 đơn vị đã báo cáo', 'Chưa mở văn bản của tỉnh']) has(xml, cell);
    has(xml, 'Số hộ treo cờ: 255/360 hộ, đạt 70,8%.');
    has(xml, 'Đơn vị chưa báo cáo: xã Tân Phú.');

    // A commune's own /report cites the province's document.
    await db
      .updateTable('office_settings')
      .set({ parent_body: 'UBND tỉnh Quảng Trị', place: 'Sơn Thủy', signer_title: 'CHỦ TỊCH', signer_name: 'Lê Văn Ký', recipients: JSON.stringify(['UBND tỉnh (B/C);', 'Lưu: VT.']) })
      .where('id', '=', sonThuy.id)
      .execute();
    await h.app.telegram.env.office.load(db);
    const communeAdmin = drafts[0];
    if (!communeAdmin) throw new Error('admin');
    communeAdmin.sendText('/report');
    await communeAdmin.nextMessage();
    communeAdmin.pressButton('Treo cờ Tổ quốc');
    await h.fake.waitFor(() => communeAdmin.messages().some((m) => m.kind === 'document' && m.file?.filename.endsWith('.docx')), 20_000);
    const own = communeAdmin.messages().find((m) => m.kind === 'document' && m.file?.filename.endsWith('.docx'));
    const ownXml = (await unzip(own?.file?.bytes ?? Buffer.alloc(0))).xml;
    has(ownXml, 'Thực hiện văn bản của UBND tỉnh Quảng Trị về việc treo cờ Tổ quốc');
    has(ownXml, 'Thôn 1');
    expect(ownXml.includes('Đông Hà')).toBe(false);

    await h.quiet();
    console.info(['province', 'commune admins', 'official'].map((who, i) => `--- ${who}\n${[province, drafts[0], official][i]?.transcriptText()}`).join('\n'));
  }, 60_000);
  it('when the province admin pastes its communes, then each becomes an office with one admin invitation (links and printable cards), and a link makes its opener that commune\'s admin', async () => {
    const db = database.db;
    await nameOffice(db, 1, { name: 'Quảng Trị', kind: 'tinh', officeName: 'UBND tỉnh Quảng Trị' });
    await db.insertInto('members').values({ telegram_id: PROVINCE_PEOPLE.admin, chat_id: PROVINCE_PEOPLE.admin, display_name: 'Quản trị tỉnh', username: null, locale: null, role: 'admin' }).execute();
    await h.app.telegram.env.office.load(db);
    const province = h.fake.user(PROVINCE_PEOPLE.admin);
    province.sendText('/communes');
    expect((await province.nextMessage()).text).toContain('Dán danh sách xã, phường, đặc khu của tỉnh');
    province.sendText('Xã Sơn Thủy\nPhường Đông Hà\n• Đặc khu Cồn Cỏ');
    const [links, cards] = await province.nextMessages(2);
    expect(links?.text).toContain('✅ Tỉnh có 3 xã, phường trong danh sách.');
    const lines = (links?.text.split('\n') ?? []).filter((l) => l.startsWith('• '));
    expect(lines.map((l) => l.replace(/https:\/\/t\.me\/\S+/, 'LINK'))).toEqual(['• UBND xã Sơn Thủy: LINK', '• UBND phường Đông Hà: LINK', '• UBND đặc khu Cồn Cỏ: LINK']);
    expect(cards?.kind).toBe('document');
    expect(cards?.file?.filename).toMatch(/^the-moi-.*\.pdf$/);
    const offices = await db.selectFrom('offices').select(['id', 'name', 'kind', 'parent_id']).where('parent_id', '=', 1).orderBy('id').execute();
    expect(offices.map((o) => [o.name, o.kind])).toEqual([['Sơn Thủy', 'xa'], ['Đông Hà', 'phuong'], ['Cồn Cỏ', 'dac-khu']]);
    const invites = await db.selectFrom('invites').select(['office_id', 'role', 'unit_id']).orderBy('office_id').execute();
    expect(invites).toEqual(offices.map((o) => ({ office_id: o.id, role: 'admin', unit_id: null })));

    // Đông Hà's clerk opens its link: admin of Đông Hà, and the bot names their own office.
    const code = /start=(\S+)/.exec(lines[1] ?? '')?.[1] ?? '';
    const clerk = h.fake.user(4201);
    clerk.sendText(`/start ${code}`);
    await clerk.nextMessage();
    const member = await db.selectFrom('members').select(['office_id', 'role']).where('telegram_id', '=', 4201).executeTakeFirstOrThrow();
    expect(member).toEqual({ office_id: offices[1]?.id, role: 'admin' });
    await h.quiet();
    console.info(`--- province set-up\n${province.transcriptText()}\n--- commune clerk\n${clerk.transcriptText()}`);
  });
  it('when a commune admin adjusts the province\'s task, then a deadline later than the province\'s is refused and an earlier one is kept for the units chosen', async () => {
    const db = database.db;
    const [sonThuy] = await seedProvince(db);
    if (!sonThuy) throw new Error('seed');
    await h.app.telegram.env.office.load(db);
    const province = h.fake.user(PROVINCE_PEOPLE.admin);
    province.sendText('Tổng vệ sinh môi trường đến hết ngày 31/07/2026');
    await province.nextMessage();
    province.pressButton('📤 Tất cả (3)');
    await province.nextMessage();
    await h.app.dispatcher.drain();
    const admin = h.fake.user(sonThuy.admin);
    await admin.nextMessage();
    admin.pressButton('✏️ Điều chỉnh');
    expect((await admin.nextMessage()).text).toContain('Hạn của tỉnh là Thứ Sáu, 31/07/2026 23:59');
    admin.sendText('05/08/2026 17:00');
    await h.fake.waitFor(() => admin.messages().some((m) => m.text.startsWith('Hạn của xã không được muộn hơn hạn của tỉnh (Thứ Sáu, 31/07/2026 23:59)')));
    await h.quiet();
    admin.skipPending();
    admin.sendText('28/07/2026 17:00');
    await h.fake.waitFor(() => admin.messages().some((m) => m.text === 'Giao cho những đơn vị nào?'));
    admin.skipPending();
    admin.pressButton(/^Tất cả đơn vị/);
    const kept = await admin.nextMessage();
    expect(kept.text).toBe('✅ Đã giao “Tổng vệ sinh môi trường” cho 2 đơn vị, hạn báo cáo Thứ Ba, 28/07/2026 17:00. Các trưởng đơn vị sẽ nhận thông báo.');
    const task = await db.selectFrom('tasks').selectAll().where('office_id', '=', sonThuy.id).executeTakeFirstOrThrow();
    expect(task.due_at).toEqual(new Date('2026-07-28T10:00:00Z'));
    const row = await db.selectFrom('send_offices').selectAll().where('office_id', '=', sonThuy.id).executeTakeFirstOrThrow();
    expect(row.task_id).toBe(task.id);
    expect(row.assigned).toBe(2);
    console.info(`--- adjust\n${admin.transcriptText()}`);
  });
  it('when two admins of one commune press "Giao cho tất cả" at the same moment, then the task is kept once (one campaign, one task) and the second admin is told it is already kept', async () => {
    const db = database.db;
    const [sonThuy] = await seedProvince(db);
    if (!sonThuy) throw new Error('seed');
    const SECOND_ADMIN = 4102;
    await db.insertInto('members').values({ office_id: sonThuy.id, telegram_id: SECOND_ADMIN, chat_id: SECOND_ADMIN, display_name: 'Phó quản trị Sơn Thủy', username: null, locale: null, role: 'admin' }).execute();
    await h.app.telegram.env.office.load(db);
    const province = h.fake.user(PROVINCE_PEOPLE.admin);
    province.sendText('Treo cờ Tổ quốc từ 23/7 đến hết 27/7');
    await province.nextMessage();
    province.pressButton('📤 Tất cả (3)');
    await province.nextMessage();
    await h.app.dispatcher.drain();
    const admins = [h.fake.user(sonThuy.admin), h.fake.user(SECOND_ADMIN)];
    await Promise.all(admins.map((a) => a.nextMessage()));

    for (const a of admins) a.pressButton(/^✅ Giao cho tất cả/);
    const replies = (await Promise.all(admins.map((a) => a.nextMessage()))).map((m) => m.text).sort();
    expect(replies).toEqual([
      'Việc này đã được giao cho các đơn vị rồi. Gõ /status để xem tiến độ.',
      expect.stringMatching(/^✅ Đã giao “Treo cờ Tổ quốc” cho 2 đơn vị, hạn báo cáo Thứ /),
    ]);
    expect(await db.selectFrom('campaigns').select('id').where('office_id', '=', sonThuy.id).execute()).toHaveLength(1);
    const tasks = await db.selectFrom('tasks').select('id').where('office_id', '=', sonThuy.id).execute();
    expect(tasks).toHaveLength(1);
    expect(await db.selectFrom('task_units').select('unit_id').where('task_id', '=', tasks[0]?.id ?? 0).execute()).toHaveLength(2);
    expect(await db.selectFrom('audit_log').select('action').where('office_id', '=', sonThuy.id).where('action', 'in', ['campaign.created', 'task.created']).execute()).toHaveLength(2);
  });

  it('when the province admin sends a task to communes typed by name, then only those communes get it', async () => {
    const db = database.db;
    const [sonThuy, dongHa, tanPhu] = await seedProvince(db);
    if (!sonThuy || !dongHa || !tanPhu) throw new Error('seed');
    await h.app.telegram.env.office.load(db);
    const province = h.fake.user(PROVINCE_PEOPLE.admin);
    province.sendText('Tổng vệ sinh môi trường đến hết ngày 31/07/2026');
    await province.nextMessage();
    province.pressButton('🔎 Chọn theo tên');
    expect((await province.nextMessage()).text).toContain('Gõ tên các xã, phường cần gửi');
    province.sendText('Hà Nội');
    expect((await province.nextMessage()).text).toContain('Không tìm thấy xã, phường nào có tên như vậy');
    await province.nextMessage();
    province.sendText('son thuy, Tân phú');
    expect((await province.nextMessage()).text).toBe('✅ Đã gửi “Tổng vệ sinh môi trường” xuống 2 xã, phường: xã Sơn Thủy, xã Tân Phú. Gõ /status để xem tiến độ.');
    expect((await db.selectFrom('send_offices').select('office_id').orderBy('office_id').execute()).map((r) => r.office_id)).toEqual([sonThuy.id, tanPhu.id]);
    await h.app.dispatcher.drain();
    await h.quiet();
    expect(h.fake.user(sonThuy.admin).messages().map((m) => m.text.split('\n')[0])).toEqual(['📥 UBND tỉnh Quảng Trị giao việc:']);
    expect(h.fake.user(tanPhu.admin).messages()).toHaveLength(1);
    expect(h.fake.user(dongHa.admin).messages()).toEqual([]);
  });
});
