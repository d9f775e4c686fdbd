import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { ButtonField, ButtonKind } from '../src/core/buttons.js';
import { dbTargets } from './support/db.js';
import { unzip } from './support/docx.js';
import { createBroadcast, outboxSettings } from '../src/broadcasts/broadcasts.service.js';
import { inOffice } from '../src/core/office-scope.js';
import { buildMember, buildReport, seedTown } from './support/factories.js';
import type { BotMessage } from './support/fake-telegram-types.js';
import { nameOffice, OTHER_ID, OTHER_INVITE_CODE, OTHER_MARKERS, OTHER_PEOPLE, otherOfficeSnapshot, seedOtherOffice } from './support/offices.js';
import { pdfPageTexts } from './support/pdf-text.js';
import { useApp } from './support/suite.js';
import { PROVINCE_PEOPLE, seedProvince } from './support/province.js';
import { communeButtons, provinceButtons } from '../src/province/province.buttons.js';
import { sendDown } from '../src/province/province.service.js';

type AnyKind = ButtonKind<readonly ButtonField[]>;

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const isKind = (v: unknown): v is AnyKind => typeof v === 'object' && v !== null && 'prefix' in v && 'fields' in v && 'pattern' in v && v.pattern instanceof RegExp;
const kindsIn = (v: unknown, depth = 0): AnyKind[] =>
  isKind(v) ? [v] : depth > 1 || typeof v !== 'object' || v === null || Array.isArray(v) ? [] : Object.values(v).flatMap((x) => kindsIn(x, depth + 1));
const kinds: AnyKind[] = [];
for (const file of readdirSync(SRC, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.buttons.ts'))) {
  kinds.push(...kindsIn(await import(pathToFileURL(join(SRC, file)).href)));
}

/** Every button that names a row, packed with the other office's id in each id field, once per choice of its words. */
function forgedPresses(): string[] {
  const out: string[] = [];
  for (const kind of kinds.filter((k) => k.fields.includes('id'))) {
    let combos: (number | string)[][] = [[]];
    for (const f of kind.fields) {
      const options: (number | string)[] = f === 'id' ? [OTHER_ID] : f === 'int' ? [0] : [...f];
      combos = combos.flatMap((c) => options.map((o) => [...c, o]));
    }
    for (const values of combos) out.push(kind.pack(...values));
  }
  return out;
}

/** What a refused press may say (all of them name nothing and change nothing). */
const REFUSALS = [
  'Nút này đã cũ hoặc không còn dùng được. Anh/chị hãy mở lại từ menu.',
  'Anh/chị không phụ trách đơn vị này nên không báo cáo được.',
  'Anh/chị không phụ trách đơn vị này nên không xác nhận được.',
  'Không tìm thấy báo cáo này.',
  'Phiên xem lại kế hoạch này đã kết thúc. Gửi lại kế hoạch (hoặc gõ /import) để nhập lại.',
  'Không tìm thấy thông báo này. Dùng /broadcasts để xem danh sách mới.',
  'Thông báo này đã gửi xong hoặc đã huỷ, không huỷ được nữa.',
  'Đơn vị này không còn trong danh sách.',
  'Không tìm thấy đơn vị này.',
  'Không tìm thấy nhiệm vụ này. Anh/chị gõ /pending để chọn lại.',
  'Không tìm thấy báo cáo này (có thể đơn vị chưa báo cáo).',
  'Không tìm thấy đợt này nữa. Anh/chị gõ /status để xem lại.',
  'Không tìm thấy đợt hoặc nhiệm vụ này. Anh/chị gõ /export để chọn lại.',
  'Nhiệm vụ này không còn mở.',
  'Việc định kỳ này đã kết thúc hoặc không còn nữa.',
  'Nhiệm vụ này không còn mở nên không thay đổi được.',
  'Không tìm thấy đợt này nữa. Gõ /report để chọn lại.',
  'Báo cáo này chưa được lưu.',
  'Không tìm thấy việc tỉnh giao này.',
];

/** Every command a member of any role has. */
const COMMANDS = ['/start', '/help', '/me', '/tasks', '/pending', '/status', '/export', '/report', '/broadcast', '/broadcasts', '/reminders', '/units', '/invite', '/settings', '/import', '/newtask'];

/** What a document says, as far as its kind can be read. */
async function documentText(m: BotMessage): Promise<string> {
  const file = m.file;
  if (!file) return '';
  if (file.filename.endsWith('.xlsx')) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(new Uint8Array(file.bytes).buffer);
    const cells: string[] = [];
    wb.eachSheet((s) => {
      cells.push(s.name);
      s.eachRow((row) => row.eachCell((c) => cells.push(String(c.text))));
    });
    return cells.join('\n');
  }
  if (file.filename.endsWith('.docx')) return (await unzip(file.bytes)).xml;
  if (file.filename.endsWith('.pdf')) return (await pdfPageTexts(file.bytes)).join('\n');
  return file.bytes.toString('utf8');
}

describe.each(dbTargets())('offices: isolation on %s', (target) => {
  const { database, h } = useApp(target, { localTime: '12/06/2026 09:00' });

  it('when the admin, an official and a leader of one office use every command and press every button with another office\'s ids, then all is refused, nothing of the other office is written, sent or shown', async () => {
    const db = database.db;
    const A = { admin: 1001, official: 3001, leader: 2001 };
    await nameOffice(db, 1, { name: 'Sơn Thủy', kind: 'xa', officeName: 'UBND xã Sơn Thủy', term: 'thon' });
    const town = await seedTown(db, { units: 2, official: { telegramId: A.official, name: 'Chủ tịch Sơn Thủy' } });
    await buildMember(db, { telegramId: A.admin, name: 'Quản trị Sơn Thủy', role: 'admin' });
    await buildReport(db, { taskId: town.task.id, unitId: town.k1.id, memberId: town.leader.id, status: 'done', number: 40 });
    await seedOtherOffice(db);
    await h.app.telegram.env.office.load(db);
    const before = await otherOfficeSnapshot(db);
    const auditBefore = await db.selectFrom('audit_log').select('id').execute();

    const forged = forgedPresses();
    let commands = 0;
    let presses = 0;
    const replies: string[] = [];
    const inDialogue = async (chatId: number) =>
      (await sql<{ n: number }>`select count(*)::int as n from kv_store where key in (${`conversation:${chatId}`}, ${`dialogue:${chatId}`})`.execute(db)).rows[0]?.n ?? 0;
    const tryAll = async (role: string, id: number) => {
      const user = h.fake.user(id);
      const leaveDialogue = async () => {
        if (!(await inDialogue(id))) return;
        user.sendText('/cancel');
        await user.nextMessage();
      };
      for (const command of [...COMMANDS, `/start ${OTHER_INVITE_CODE}`]) {
        user.sendText(command);
        commands++;
        await h.quiet();
        await leaveDialogue();
      }
      for (const data of forged) {
        // Each press on a fresh message of its own, so every refusal shows as a new text.
        user.skipPending();
        user.sendText('/help');
        const host = await user.nextMessage();
        const answered = user.callbackAnswers().length;
        user.pressCallbackData(data, host.message_id);
        presses++;
        await h.fake.waitFor(() => user.callbackAnswers().length > answered);
        await h.quiet();
        // The refusal: an alert, else a new message, else the host message edited.
        const newer = user.messages().filter((m) => m.message_id > host.message_id);
        const edited = user.messages().find((m) => m.message_id === host.message_id)?.text ?? '';
        const reply = user.callbackAnswers().at(-1)?.text ?? (newer.length ? newer.map((m) => m.text).join('\n') : edited);
        replies.push(`${role} ${data}: ${reply}`);
        user.skipPending();
        await leaveDialogue();
      }
    };
    // One role after another: waiting for quiet needs the bot idle, which parallel chats would rarely leave it.
    for (const [role, id] of Object.entries(A)) await tryAll(role, id);
    // Every forged press was refused: a stale button, or "not found / not yours / no longer open", nothing else.
    const unexpected = replies.filter((r) => !REFUSALS.some((refusal) => r.endsWith(`: ${refusal}`)));
    expect(unexpected).toEqual([]);
    // What the three saw: replies, captions, buttons and documents; none names the other office.
    const seen: string[] = [];
    for (const id of Object.values(A)) {
      for (const m of h.fake.user(id).messages({ includeDeleted: true })) {
        seen.push(m.text, m.html ?? '', m.buttons.flat().join(' '), await documentText(m));
      }
    }
    const all = seen.join('\n');
    for (const marker of OTHER_MARKERS) expect(all, marker).not.toContain(marker);
    expect(all).toContain('UBND xã Sơn Thủy');
    // Nothing of the other office was written, nor sent to its people.
    expect(await otherOfficeSnapshot(db)).toBe(before);
    const audits = await db.selectFrom('audit_log').select(['id', 'subject']).where('id', 'not in', auditBefore.length ? auditBefore.map((a) => a.id) : [0]).execute();
    expect(audits.filter((a) => a.subject.includes(String(OTHER_ID)))).toEqual([]);
    expect(await db.selectFrom('members').select('id').where('telegram_id', 'in', Object.values(A)).where('office_id', '!=', 1).execute()).toEqual([]);
    const otherChats = Object.values(OTHER_PEOPLE);
    expect(h.fake.calls.filter((c) => otherChats.some((o) => o === Number(c.params.chat_id)))).toEqual([]);
    expect(await db.selectFrom('deliveries').select('id').where('chat_id', 'in', otherChats).execute()).toEqual([]);
    // The count, for the record.
    console.info(`isolation (${target}): ${commands} commands and ${presses} forged presses (${forged.length} forged buttons of every kind that names a row × 3 roles) refused; office B unchanged`);
    expect(presses).toBe(forged.length * 3);
    expect(forged.length).toBeGreaterThanOrEqual(70);
  }, 120_000);

  it('when the digest hour, a deadline and a broadcast to everyone come in both offices, then each office\'s people get their own office\'s messages only', async () => {
    const db = database.db;
    const A = { admin: 1001, official: 3001, leader: 2001 };
    await nameOffice(db, 1, { name: 'Sơn Thủy', kind: 'xa', officeName: 'UBND xã Sơn Thủy', term: 'thon' });
    await seedTown(db, { units: 2, official: { telegramId: A.official, name: 'Chủ tịch Sơn Thủy' } });
    await buildMember(db, { telegramId: A.admin, name: 'Quản trị Sơn Thủy', role: 'admin' });
    await seedOtherOffice(db);
    await h.app.telegram.env.office.load(db);
    h.clock.setLocal('14/06/2026 17:00');
    // Made as the admin's /broadcast would, inside an update of office A (through the app's scoped handle).
    const admin = await db.selectFrom('members').select('id').where('telegram_id', '=', A.admin).executeTakeFirstOrThrow();
    const draft = { content: { kind: 'text' as const, text: 'Họp dân Sơn Thủy' }, target: { mode: 'everyone' as const }, sendAt: h.clock.now(), repeat: null, locale: 'vi', progressChatId: A.admin };
    await inOffice(1, () => createBroadcast(h.app.telegram.env.deps.db, h.clock, outboxSettings({ config: h.config }), admin.id, draft, 'a-everyone'));
    await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
    await h.quiet();

    const textsOf = (id: number) => h.fake.user(id).messages().map((m) => m.text);
    for (const id of Object.values(A)) {
      const all = textsOf(id).join('\n');
      for (const marker of OTHER_MARKERS) expect(all, `${id} ${marker}`).not.toContain(marker);
    }
    expect(textsOf(A.official).some((t) => t.startsWith('📊 Tổng hợp ngày 14/06/2026') && t.includes('Treo cờ Tổ quốc'))).toBe(true);
    expect(textsOf(A.leader)).toContain('Họp dân Sơn Thủy');
    // Office B's people got their own digest and wrap-up, and nothing of office A.
    const other = Object.values(OTHER_PEOPLE).flatMap((id) => textsOf(id)).join('\n');
    expect(textsOf(OTHER_PEOPLE.official).some((t) => t.startsWith('📊 Tổng hợp ngày 14/06/2026') && t.includes('Việc riêng phường Bến Thành'))).toBe(true);
    for (const marker of ['Sơn Thủy', 'Treo cờ Tổ quốc', 'Khối 1', 'Hoàng Văn Một']) expect(other, marker).not.toContain(marker);
    const runs = (await db.selectFrom('outbox_runs').select('key').where('key', 'like', 'digest:%').orderBy('key').execute()).map((r) => r.key);
    expect(runs).toEqual(['digest:2026-06-14', 'digest:2026-06-14@office:2']);
  });

  it('when a commune admin presses another province\'s draft or one not sent to them, and a province admin presses another province\'s sends and communes, then all is refused and nothing of the other side is written or shown', async () => {
    const db = database.db;
    const [sonThuy, , tanPhu] = await seedProvince(db);
    if (!sonThuy || !tanPhu) throw new Error('seed');
    // Another province (Bí Mật) with its commune (Bến Thành), its admin and a send to it, every id OTHER_ID.
    await db.insertInto('offices').values([{ id: OTHER_ID, name: 'Bí Mật', kind: 'tinh', parent_id: null }, { id: OTHER_ID + 1, name: 'Bến Thành', kind: 'phuong', parent_id: OTHER_ID }]).execute();
    await db.insertInto('members').values({ office_id: OTHER_ID + 1, telegram_id: OTHER_PEOPLE.admin, chat_id: OTHER_PEOPLE.admin, display_name: 'Quản trị Bến Thành', username: null, locale: null, role: 'admin' }).execute();
    await db.insertInto('units').values({ office_id: OTHER_ID + 1, kind: 'block', name: 'Tổ dân phố Bí Mật 7', households: 70 }).execute();
    const form = JSON.stringify({ number: { label: 'Số hộ', max: 'households' }, photos: 'optional', location: false, note: true });
    const at = new Date('2026-06-01T01:00:00Z');
    await db.insertInto('province_sends').values({ id: OTHER_ID, office_id: OTHER_ID, title: 'Việc riêng Bí Mật', template: null, form, due_at: new Date('2026-06-20T10:00:00Z'), source_text: 'Việc riêng Bí Mật', target: null, created_by: null, sent_at: at }).execute();
    await db.insertInto('send_offices').values({ office_id: OTHER_ID + 1, send_id: OTHER_ID }).execute();
    await h.app.telegram.env.office.load(db);
    // Province 1 sends its own task to Sơn Thủy only (not Tân Phú).
    const province = h.fake.user(PROVINCE_PEOPLE.admin);
    province.sendText('Treo cờ Tổ quốc đến hết ngày 20/06/2026');
    await province.nextMessage();
    const own = await db.selectFrom('province_sends').select('id').where('office_id', '=', 1).executeTakeFirstOrThrow();
    await inOffice(1, () => sendDown(h.app.telegram.env.deps.db, h.clock, { provinceId: 1, actorId: 1, sendId: own.id, target: { mode: 'pick', officeIds: [sonThuy.id] } }));
    const snapshot = async () =>
      JSON.stringify([
        await db.selectFrom('province_sends').selectAll().where('office_id', '=', OTHER_ID).execute(),
        await db.selectFrom('send_offices').selectAll().orderBy('office_id').execute(),
        await db.selectFrom('tasks').select('id').execute(),
        await db.selectFrom('campaigns').select('id').execute(),
      ]);
    const before = await snapshot();

    const b = { keep: communeButtons.keep, adjust: communeButtons.adjust, ...provinceButtons };
    const presses: [number, string][] = [
      [sonThuy.admin, b.keep.pack(OTHER_ID)],
      [sonThuy.admin, b.adjust.pack(OTHER_ID)],
      [tanPhu.admin, b.keep.pack(own.id)],
      [tanPhu.admin, b.adjust.pack(own.id)],
      [sonThuy.admin, b.status.pack(own.id)],
      [sonThuy.admin, b.commune.pack(own.id, sonThuy.id)],
      ...[b.status, b.pending, b.export, b.report, b.sendAll, b.sendNames, b.drop].map((k): [number, string] => [PROVINCE_PEOPLE.admin, k.pack(OTHER_ID)]),
      [PROVINCE_PEOPLE.admin, b.sendKind.pack('phuong', OTHER_ID)],
      [PROVINCE_PEOPLE.admin, b.commune.pack(OTHER_ID, OTHER_ID + 1)],
      [PROVINCE_PEOPLE.admin, b.commune.pack(own.id, OTHER_ID + 1)],
      [PROVINCE_PEOPLE.official, b.commune.pack(own.id, OTHER_ID + 1)],
    ];
    const replies: string[] = [];
    for (const [id, data] of presses) {
      const user = h.fake.user(id);
      user.skipPending();
      user.sendText('/help');
      const host = await user.nextMessage();
      const answered = user.callbackAnswers().length;
      user.pressCallbackData(data, host.message_id);
      await h.fake.waitFor(() => user.callbackAnswers().length > answered);
      await h.quiet();
      const newer = user.messages().filter((m) => m.message_id > host.message_id);
      replies.push(`${data}: ${user.callbackAnswers().at(-1)?.text ?? newer.at(-1)?.text ?? ''}`);
      user.sendText('/cancel');
      await user.nextMessage();
    }
    const refused = ['Nút này đã cũ hoặc không còn dùng được. Anh/chị hãy mở lại từ menu.', 'Không tìm thấy việc tỉnh giao này.', 'Không tìm thấy việc này. Gõ /status để chọn lại.'];
    expect(replies.filter((r) => !refused.some((x) => r.endsWith(`: ${x}`)))).toEqual([]);
    for (const id of [sonThuy.admin, tanPhu.admin, PROVINCE_PEOPLE.admin, PROVINCE_PEOPLE.official]) {
      const seen = h.fake.user(id).messages({ includeDeleted: true }).map((m) => `${m.text}${m.buttons.flat().join(' ')}`).join('\n');
      for (const marker of ['Bí Mật', 'Bến Thành']) expect(seen, marker).not.toContain(marker);
    }
    expect(await snapshot()).toBe(before);
    expect(h.fake.calls.filter((c) => Number(c.params.chat_id) === OTHER_PEOPLE.admin)).toEqual([]);
    console.info(`isolation (${target}): ${presses.length} forged province presses refused; the other province and its commune unchanged`);
  });
});
