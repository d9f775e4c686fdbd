import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { createCanvas } from '@napi-rs/canvas';
import { sign } from '@telegram-apps/init-data-node';
import type { Config } from '../../src/config.js';
import type { Clock } from '../../src/core/clock.js';
import type { Db } from '../../src/core/db.js';
import { createDashboard } from '../../src/dashboard/dashboard.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { officeVariables } from '../../src/settings/office-terms.js';
import { OfficeSettingsCache } from '../../src/settings/settings.service.js';
import { createLogger } from '../../src/core/logger.js';
import { createI18n, translator } from '../../src/telegram/i18n.js';
import { ManualClock } from './clock.js';
import type { DbTarget } from './db.js';
import { buildMember, buildReport, seedTown } from './factories.js';
import { current, useDatabase } from './suite.js';

export const TOKEN = '123456:dashboard-test-token';

/** initData signed the way Telegram signs it (HMAC-SHA256 keyed by HMAC("WebAppData", token)). */
export function signInitData(telegramId: number, authDate: Date, token = TOKEN): string {
  return sign({ user: { id: telegramId, first_name: 'Cán bộ', language_code: 'vi' }, query_id: 'AAH' }, token, authDate);
}

/** A report photo as a phone would send it: a flag on a pole, its sky a colour of its own per file. */
function flagPhoto(name: string): Buffer {
  const hue = [...name].reduce((h, c) => (h * 31 + c.charCodeAt(0)) % 360, 7);
  const canvas = createCanvas(240, 180);
  const g = canvas.getContext('2d');
  g.fillStyle = `hsl(${hue}, 55%, 72%)`;
  g.fillRect(0, 0, 240, 180);
  g.fillStyle = '#6d4c41';
  g.fillRect(60, 30, 6, 150);
  g.fillStyle = '#da251d';
  g.fillRect(66, 30, 110, 72);
  g.fillStyle = '#ffcd00';
  g.beginPath();
  for (let i = 0; i < 10; i++) {
    const r = i % 2 ? 11 : 26;
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    g.lineTo(121 + r * Math.cos(a), 66 + r * Math.sin(a));
  }
  g.fill();
  return canvas.toBuffer('image/jpeg');
}

/** A stand-in for the Bot API's getFile and file download: each file a small JPEG of its own, named by its id. */
export async function startFileServer(): Promise<{ root: string; served: string[]; close(): Promise<void> }> {
  const served: string[] = [];
  const server: Server = createServer((req, res) => {
    const file = /^\/file\/bot[^/]+\/photos\/(.+)$/.exec(req.url ?? '');
    if (file?.[1]) {
      served.push(file[1]);
      res.writeHead(200, { 'content-type': 'image/jpeg' }).end(flagPhoto(file[1]));
    } else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { root: `http://127.0.0.1:${port}`, served, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** The dashboard's handler on its own port, as the app serves it on PORT. */
export async function startDashboardServer(o: { db: Db; clock: Clock; fileRoot: string; tileUrl?: string }): Promise<{ base: string; office: OfficeSettingsCache; logs: string[]; close(): Promise<void> }> {
  const config = { botToken: TOKEN, telegramApiRoot: o.fileRoot, timezone: 'Asia/Ho_Chi_Minh', defaultLocale: 'vi', dashboardTileUrl: o.tileUrl ?? 'https://tiles.invalid/{z}/{x}/{y}.png' } as Config;
  // The offices' settings as the app holds them: a test that changes them reloads this cache.
  const office = new OfficeSettingsCache();
  // The office's own name in texts, as the bot's i18n gives it (src/bot.ts).
  const i18n: ReturnType<typeof createI18n> = createI18n('vi', (locale, translate) => officeVariables(office.currentOffice, (key, vars) => (vars ? i18n.translate(locale, key, vars) : translate(key))));
  const texts = (locale: string) => translator(i18n, locale);
  // The real outbox (deliveries rows); no dispatcher runs here, so what is queued stays queued for the test to read.
  const outbox = createOutbox(o.db, () => {});
  const logs: string[] = [];
  const logger = createLogger({ level: 'info', secrets: [TOKEN], destination: { write: (line: string) => void logs.push(line) } });
  const handler = await createDashboard({ db: o.db, clock: o.clock, config, logger, office, texts, outbox, getFile: (id) => Promise.resolve({ file_path: `photos/${id}.png` }) });
  const server = createServer((req, res) => {
    if (!handler(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { base: `http://127.0.0.1:${port}/dashboard`, office, logs, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Adds a revision and its photos to a stored report (as submitReport leaves them). */
async function addPhotos(db: Db, report: { id: number; task_id: number; unit_id: number; reported_by: number }, sentAt: Date[], key: string) {
  const rv = await db
    .insertInto('report_revisions')
    .values({ report_id: report.id, task_id: report.task_id, unit_id: report.unit_id, revision: 1, member_id: report.reported_by, submission_key: key, status: 'done', number_value: null, note: null, latitude: null, longitude: null, flags: JSON.stringify([]), late: false, submitted_at: sentAt[0] ?? new Date() })
    .returning('id')
    .executeTakeFirstOrThrow();
  await db
    .insertInto('report_photos')
    .values(sentAt.map((at, i) => ({ revision_id: rv.id, task_id: report.task_id, unit_id: report.unit_id, file_id: `${key}-p${i}`, file_unique_id: `${key}-u${i}`, sent_at: at, position: i })))
    .execute();
}

/**
 * A ward for the dashboard: Khối 1 done (located, 2 photos), Khối 2 partial and late (located, 1 photo),
 * Khối 3 returned, Khối 4 not reported; an official (3001), an admin (3002), a leader (2001), a former official (3003).
 */
export async function seedDashboardTown(db: Db) {
  const town = await seedTown(db, { units: 4, official: { telegramId: 3001, name: 'Trần Thị Cán Bộ' } });
  const [k1, k2, k3] = town.units as [(typeof town.units)[number], (typeof town.units)[number], (typeof town.units)[number]];
  const admin = await buildMember(db, { telegramId: 3002, name: 'Quản Trị', role: 'admin' });
  await buildMember(db, { telegramId: 3003, name: 'Đã Nghỉ', role: 'official', status: 'left' });
  const by = town.leader.id;
  const r1 = await buildReport(db, { taskId: town.task.id, unitId: k1.id, memberId: by, status: 'done', number: 48, photoCount: 2, at: new Date('2026-06-10T02:00:00Z') });
  const r2 = await buildReport(db, { taskId: town.task.id, unitId: k2.id, memberId: by, status: 'partial', number: 20, photoCount: 1, late: true, at: new Date('2026-06-14T12:00:00Z') });
  await buildReport(db, { taskId: town.task.id, unitId: k3.id, memberId: by, status: 'done', number: 5, at: new Date('2026-06-11T02:00:00Z') });
  await db.updateTable('reports').set({ latitude: 16.047, longitude: 108.206 }).where('id', '=', r1.id).execute();
  await db.updateTable('reports').set({ latitude: 16.061, longitude: 108.221, note: 'Thiếu cờ <b>' }).where('id', '=', r2.id).execute();
  await db.updateTable('reports').set({ returned_at: new Date('2026-06-12T02:00:00Z'), return_reason: 'Ảnh mờ' }).where('unit_id', '=', k3.id).execute();
  await addPhotos(db, r1, [new Date('2026-06-10T01:00:00Z'), new Date('2026-06-10T01:30:00Z')], 'k1');
  await addPhotos(db, r2, [new Date('2026-06-14T11:00:00Z')], 'k2');
  return { ...town, admin };
}

/** The details the results report prints, as the first /report saves them for the office. */
export async function giveReportDetails(db: Db, officeId: number, officeName: string) {
  const details = { office_name: officeName, parent_body: 'UBND thành phố Đà Nẵng', place: 'Đà Nẵng', signer_title: 'CHỦ TỊCH', signer_name: 'Lê Văn Ký', recipients: JSON.stringify(['- Lưu: VT.']) };
  await db
    .insertInto('office_settings')
    .values({ id: officeId, ...details })
    .onConflict((oc) => oc.column('id').doUpdateSet(details))
    .execute();
}

/**
 * The dashboard API tests' setup: a database on `target` emptied before each test, the photo file
 * server, the seeded town (then `prepare`, e.g. a second office), the dashboard server (started once,
 * its office settings read again) and a clock at `now`; the served-photo list starts empty.
 */
export function useDashboardApi(target: DbTarget, now: Date, prepare?: (db: Db) => Promise<void>) {
  const { db } = useDatabase(target);
  const clock = new ManualClock(now);
  let files: Awaited<ReturnType<typeof startFileServer>> | undefined;
  let server: Awaited<ReturnType<typeof startDashboardServer>> | undefined;
  let town: Awaited<ReturnType<typeof seedDashboardTown>> | undefined;
  beforeAll(async () => {
    files = await startFileServer();
  });
  beforeEach(async () => {
    clock.set(now);
    town = await seedDashboardTown(db);
    await prepare?.(db);
    server ??= await startDashboardServer({ db, clock, fileRoot: (files as NonNullable<typeof files>).root });
    await server.office.load(db);
    if (files) files.served.length = 0;
  });
  afterAll(async () => {
    await server?.close();
    await files?.close();
  });
  return { db, clock, files: current('files', () => files), server: current('server', () => server), town: current('town', () => town) };
}
