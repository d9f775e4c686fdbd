import { describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { giveReportDetails, signInitData, useDashboardApi } from './support/dashboard.js';
import { nameOffice, OTHER_ID, OTHER_MARKERS, OTHER_PEOPLE, otherOfficeSnapshot, seedOtherOffice } from './support/offices.js';

const NOW = new Date('2026-06-15T03:00:00Z');
/** Words only office A's rows have (its units, task, leader, notes). */
const A_MARKERS = ['Khối', 'Treo cờ Tổ quốc', 'Hoàng Văn Một', 'Thiếu cờ', 'Ảnh mờ', 'Sơn Trà'];

describe.each(dbTargets())('dashboard API across offices on %s', (target) => {
  const { db, files, server, town } = useDashboardApi(target, NOW, async (fresh) => {
    await nameOffice(fresh, 1, { name: 'An Hải Sơn Trà', kind: 'phuong', officeName: 'UBND phường An Hải Sơn Trà' });
    await seedOtherOffice(fresh);
    // Both offices gave the results report's details, so a refusal is never for want of them.
    await giveReportDetails(fresh, 1, 'UBND phường An Hải Sơn Trà');
    await giveReportDetails(fresh, 2, 'UBND phường Bến Thành');
  });

  const call = (path: string, telegramId: number, method = 'GET') => fetch(`${server.base}/api/${path}`, { method, headers: { authorization: `tma ${signInitData(telegramId, NOW)}` } });
  const count = async (table: 'audit_log' | 'deliveries') => (await db.selectFrom(table).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  /** Every path of the API that names a row, with the given ids. */
  const paths = (ids: { campaign: number; task: number; unit: number; photos: number[] }) => [
    ['GET', `campaigns/${ids.campaign}`],
    ...['all', 'pending', 'returned', 'late'].map((f) => ['GET', `tasks/${ids.task}/units?filter=${f}`]),
    ['GET', `tasks/${ids.task}/photos`],
    ...ids.photos.map((id) => ['GET', `photos/${id}`]),
    ['GET', `export/task/${ids.task}.csv`],
    ['GET', `export/task/${ids.task}.xlsx`],
    ['GET', `export/campaign/${ids.campaign}.csv`],
    ['GET', `export/campaign/${ids.campaign}.xlsx`],
    ['GET', `export/campaign/${ids.campaign}.docx`],
    ['POST', `tasks/${ids.task}/units/${ids.unit}/remind`],
  ];
  const photoIds = async (officeId: number) =>
    (await db.selectFrom('report_photos as p').innerJoin('units as u', 'u.id', 'p.unit_id').select('p.id').where('u.office_id', '=', officeId).execute()).map((p) => p.id);

  it('when an official of another office signs in with valid initData, then not one campaign, task, unit, photo, export or Nhắc lại of this office reaches them, and nothing is written or fetched', async () => {
    // Khối 4 has a leader, so Nhắc lại would send if the task were theirs.
    await db.insertInto('unit_members').values({ unit_id: town.units[3]?.id ?? 0, member_id: town.leader.id, position: 'leader' }).execute();
    const before = { audit: await count('audit_log'), deliveries: await count('deliveries') };
    const aPhotos = await photoIds(1);
    expect(aPhotos).toHaveLength(3);
    const forged = paths({ campaign: town.task.campaign_id, task: town.task.id, unit: town.units[3]?.id ?? 0, photos: aPhotos });
    const seen: string[] = [];
    for (const telegramId of [OTHER_PEOPLE.official, OTHER_PEOPLE.admin]) {
      // Their own office answers: the scoping is by office, not a blanket refusal.
      const list = await call('campaigns', telegramId);
      expect(list.status).toBe(200);
      expect(await list.json()).toEqual({ campaigns: [{ id: OTHER_ID, name: 'Đợt Bến Thành', openTasks: 1 }] });
      for (const [method, path] of forged) {
        const res = await call(path ?? '', telegramId, method);
        const body = await res.text();
        seen.push(body);
        expect(res.status, `${method} ${path}`).toBe(404);
        expect(JSON.parse(body), `${method} ${path}`).toEqual({ error: 'not-found' });
      }
    }
    for (const marker of A_MARKERS) expect(seen.join('\n'), marker).not.toContain(marker);
    // No photo of office A was fetched from Telegram, no reminder queued, nothing audit-logged.
    expect(files.served).toEqual([]);
    expect(await count('deliveries')).toBe(before.deliveries);
    expect(await count('audit_log')).toBe(before.audit);
  });

  it("when an official presses with the other office's ids (whole, or mixed with their own), then 404 for each, the other office is unchanged and nothing is sent", async () => {
    const snapshot = await otherOfficeSnapshot(db);
    const auditBefore = await count('audit_log');
    const bPhotos = await photoIds(2);
    expect(bPhotos).toHaveLength(1);
    const own = { campaign: town.task.campaign_id, task: town.task.id, unit: town.units[3]?.id ?? 0 };
    const forged = [
      ...paths({ campaign: OTHER_ID, task: OTHER_ID, unit: OTHER_ID, photos: bPhotos }),
      // Their own task with the other office's unit, and the other's task with their own unit.
      ['POST', `tasks/${own.task}/units/${OTHER_ID}/remind`],
      ['POST', `tasks/${OTHER_ID}/units/${own.unit}/remind`],
    ];
    const seen: string[] = [];
    for (const telegramId of [3001, 3002]) {
      for (const [method, path] of forged) {
        const res = await call(path ?? '', telegramId, method);
        seen.push(await res.text());
        expect(res.status, `${method} ${path}`).toBe(404);
      }
    }
    for (const marker of OTHER_MARKERS) expect(seen.join('\n'), marker).not.toContain(marker);
    expect(files.served).toEqual([]);
    expect(await otherOfficeSnapshot(db)).toBe(snapshot);
    expect(await count('deliveries')).toBe(0);
    expect(await count('audit_log')).toBe(auditBefore);
  });

  it("when each office's official opens their own task, then the units, photos and files are their office's only", async () => {
    const units = async (telegramId: number, taskId: number) => ((await (await call(`tasks/${taskId}/units`, telegramId)).json()) as { units: { unitName: string }[] }).units.map((u) => u.unitName);
    expect(await units(OTHER_PEOPLE.official, OTHER_ID)).toEqual(['Tổ dân phố Bí Mật 7']);
    expect(await units(3001, town.task.id)).toEqual(['Khối 1', 'Khối 2', 'Khối 3', 'Khối 4']);
    const wall = (await (await call(`tasks/${OTHER_ID}/photos`, OTHER_PEOPLE.official)).json()) as { photos: { id: number }[] };
    expect(wall.photos).toHaveLength(1);
    expect((await call(`photos/${wall.photos[0]?.id}`, OTHER_PEOPLE.official)).status).toBe(200);
    expect(files.served).toEqual(['B-PHOTO-777.png']);
    const csv = await (await call(`export/campaign/${OTHER_ID}.csv`, OTHER_PEOPLE.official)).text();
    expect(csv).toContain('Bí Mật');
    for (const marker of A_MARKERS) expect(csv, marker).not.toContain(marker);
    const docx = await call(`export/campaign/${OTHER_ID}.docx`, OTHER_PEOPLE.official);
    expect(docx.status).toBe(200);
    const { unzip } = await import('./support/docx.js');
    const xml = (await unzip(Buffer.from(await docx.arrayBuffer()))).xml;
    expect(xml).toContain('UBND phường Bến Thành');
    expect(xml).toContain('Bí Mật');
    for (const marker of A_MARKERS) expect(xml, marker).not.toContain(marker);
  });
});
