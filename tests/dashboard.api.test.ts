import { describe, expect, it } from 'vitest';
import { campaignStatus } from '../src/status/status.service.js';
import { dbTargets } from './support/db.js';
import { giveReportDetails, signInitData, TOKEN, useDashboardApi } from './support/dashboard.js';
import { unzip } from './support/docx.js';

const NOW = new Date('2026-06-15T03:00:00Z');

describe.each(dbTargets())('dashboard API on %s', (target) => {
  const { db, files, server, town } = useDashboardApi(target, NOW);

  const get = (path: string, initData: string | null = signInitData(3001, NOW)) =>
    fetch(`${server.base}/api/${path}`, { headers: initData === null ? {} : { authorization: `tma ${initData}` } });
  const auditCount = async () => (await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;

  it('when an official asks for the campaigns, then each campaign with tasks is listed', async () => {
    const res = await get('campaigns');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ campaigns: [{ id: town.task.campaign_id, name: expect.any(String), openTasks: 1 }] });
  });

  it("when the campaign's progress is asked, then the numbers are /status's own", async () => {
    const body = (await (await get(`campaigns/${town.task.campaign_id}`)).json()) as { tasks: { reported: number; done: number; partial: number; pending: number; assigned: number }[] };
    const status = await campaignStatus(db, town.task.campaign_id, NOW);
    expect(body.tasks).toHaveLength(1);
    const [line] = status.tasks;
    expect(body.tasks[0]).toMatchObject({ assigned: line?.assigned, reported: line?.reported, done: line?.done, partial: line?.partial, pending: line?.pending });
    expect(body.tasks[0]).toMatchObject({ assigned: 4, reported: 2, done: 1, partial: 1, pending: 2 });
  });

  it('when the units are filtered, then each filter returns its units only', async () => {
    const names = async (filter: string) => ((await (await get(`tasks/${town.task.id}/units?filter=${filter}`)).json()) as { units: { unitName: string; state: string }[] }).units.map((u) => `${u.unitName}:${u.state}`);
    expect(await names('all')).toEqual(['Khối 1:done', 'Khối 2:partial', 'Khối 3:returned', 'Khối 4:pending']);
    expect(await names('pending')).toEqual(['Khối 3:returned', 'Khối 4:pending']);
    expect(await names('returned')).toEqual(['Khối 3:returned']);
    expect(await names('late')).toEqual(['Khối 2:partial', 'Khối 3:returned', 'Khối 4:pending']);
  });

  it('when the photo wall is asked, then each current photo is listed once, newest first, and streamed without a Telegram URL', async () => {
    const body = (await (await get(`tasks/${town.task.id}/photos`)).json()) as { photos: { id: number; unitName: string }[] };
    expect(body.photos.map((p) => p.unitName)).toEqual(['Khối 2', 'Khối 1', 'Khối 1']);
    expect(JSON.stringify(body)).not.toMatch(/file|bot|k1-p/);
    const first = body.photos[0];
    const photo = await get(`photos/${first?.id}`);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/jpeg');
    expect((await photo.arrayBuffer()).byteLength).toBeGreaterThan(20);
    expect(files.served).toContain('k2-p0.png');
  });

  it('when an export is downloaded, then the XLSX and CSV of the exports slice come back and the export is audit-logged', async () => {
    const csv = await get(`export/task/${town.task.id}.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-disposition')).toMatch(/attachment/);
    expect(await csv.text()).toContain('Khối 4');
    const xlsx = await get(`export/campaign/${town.task.campaign_id}.xlsx`);
    expect(xlsx.status).toBe(200);
    expect(Buffer.from(await xlsx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    expect(await auditCount()).toBe(2);
  });

  it("when the results report is downloaded, then the results-report slice's DOCX comes back with the office's details, and it is audit-logged", async () => {
    await giveReportDetails(db, 1, 'UBND phường An Hải Bắc');
    await server.office.load(db);
    const res = await get(`export/campaign/${town.task.campaign_id}.docx`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''.+\.docx$/);
    const docx = await unzip(Buffer.from(await res.arrayBuffer()));
    expect(docx.xml).toContain('UBND phường An Hải Bắc');
    expect(docx.tables.flat(2).join('\n')).toContain('Khối 4');
    const audits = await db.selectFrom('audit_log').select(['action', 'subject']).execute();
    expect(audits).toEqual([{ action: expect.stringContaining('report'), subject: expect.stringContaining(String(town.task.campaign_id)) }]);
  });

  it("when the office has not given the report's details yet, then 409 and the page's hint, no file and nothing written; wrong ids or methods are 4xx", async () => {
    await server.office.load(db);
    const served = files.served.length;
    const res = await get(`export/campaign/${town.task.campaign_id}.docx`);
    expect(res.status).toBe(409);
    expect(await res.json()).toEqual({ error: 'report-details-missing' });
    expect((await get('export/campaign/999999.docx')).status).toBe(404);
    expect((await get(`export/task/${town.task.id}.docx`)).status).toBe(400);
    expect((await get('export/campaign/0.docx')).status).toBe(400);
    expect((await get('export/campaign/99999999999999999999.docx')).status).toBe(400);
    expect((await get(`export/campaign/${town.task.campaign_id}.DOCX`)).status).toBe(400);
    expect((await get(`export/campaign/${town.task.campaign_id}.docx`, signInitData(2001, NOW))).status).toBe(403);
    expect((await fetch(`${server.base}/api/export/campaign/${town.task.campaign_id}.docx`, { method: 'POST', headers: { authorization: `tma ${signInitData(3001, NOW)}` } })).status).toBe(405);
    expect(await auditCount()).toBe(0);
    expect(files.served.length).toBe(served);
  });

  it('when an official presses Nhắc lại for a unit that has not reported, then its leader gets one reminder with the Báo cáo button, once an hour', async () => {
    const post = (unitId: number, initData = signInitData(3001, NOW)) => fetch(`${server.base}/api/tasks/${town.task.id}/units/${unitId}/remind`, { method: 'POST', headers: { authorization: `tma ${initData}` } });
    const k4 = town.units[3]?.id ?? 0;
    await db.insertInto('unit_members').values({ unit_id: k4, member_id: town.leader.id, position: 'leader' }).execute();
    const first = await post(k4);
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ ok: true, recipients: 1 });
    const deliveries = await db.selectFrom('deliveries').select(['chat_id', 'kind', 'payload', 'unit_id']).execute();
    expect(deliveries).toHaveLength(1);
    expect(deliveries[0]).toMatchObject({ chat_id: 2001, kind: 'reminder', unit_id: k4 });
    expect(deliveries[0]?.payload.text).toBe('🔔 Nhắc lại từ UBND xã: đơn vị Khối 4 chưa báo cáo “Treo cờ Tổ quốc” (hạn Chủ nhật, 14/06/2026 17:00). Bấm nút “Báo cáo” bên dưới để gửi kết quả.');
    expect(deliveries[0]?.payload.buttons).toEqual([[{ text: '📝 Báo cáo — Khối 4', data: expect.stringMatching(/^rp:/) }]]);
    const again = await post(k4);
    expect(again.status).toBe(409);
    expect(await again.json()).toEqual({ error: 'already-reminded' });
    // Khối 1 has reported; a leader may not press it at all.
    expect((await post(town.k1.id)).status).toBe(409);
    expect((await post(k4, signInitData(2001, NOW))).status).toBe(403);
    expect((await post(999999)).status).toBe(404);
    expect(await db.selectFrom('deliveries').select('id').execute()).toHaveLength(1);
    expect(await auditCount()).toBe(1);
  });

  it('when an admin asks, then the data comes too', async () => {
    expect((await get('campaigns', signInitData(3002, NOW))).status).toBe(200);
  });

  it('when a leader, a stranger or someone who left asks, then 403 and no data', async () => {
    for (const id of [2001, 4242, 3003]) {
      const res = await get(`tasks/${town.task.id}/units`, signInitData(id, NOW));
      expect(res.status).toBe(403);
      expect(await res.text()).not.toContain('Khối');
    }
  });

  it('when initData is missing, forged, signed with another token, a day old or from the future, then 401 and no data', async () => {
    const good = signInitData(3001, NOW);
    const forged = good.replace('%22id%22%3A3001', '%22id%22%3A3002');
    expect(forged).not.toBe(good);
    const cases = [null, '', 'garbage', forged, signInitData(3001, NOW, '999:other-token'), signInitData(3001, new Date(NOW.getTime() - 24 * 3600_000 - 1000)), signInitData(3001, new Date(NOW.getTime() + 3600_000)), 'x'.repeat(5000)];
    for (const initData of cases) {
      const res = await get(`campaigns/${town.task.campaign_id}`, initData);
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain('Khối');
    }
  });

  it('when ids, filters, paths or methods are malformed or oversized, then a clear 4xx and nothing is written', async () => {
    const before = await auditCount();
    expect((await get('tasks/abc/units')).status).toBe(400);
    expect((await get('tasks/99999999999999999999/units')).status).toBe(400);
    expect((await get(`tasks/${town.task.id}/units?filter=drop`)).status).toBe(400);
    expect((await get('tasks/999999/units')).status).toBe(404);
    expect((await get('photos/999999')).status).toBe(404);
    expect((await get(`export/task/${town.task.id}.exe`)).status).toBe(400);
    expect((await get(`tasks/${town.task.id}/units?${'a'.repeat(3000)}`)).status).toBe(414);
    const post = await fetch(`${server.base}/api/campaigns`, { method: 'POST', headers: { authorization: `tma ${signInitData(3001, NOW)}` }, body: 'x' });
    expect(post.status).toBe(413);
    const bodiless = await fetch(`${server.base}/api/campaigns`, { method: 'POST', headers: { authorization: `tma ${signInitData(3001, NOW)}` } });
    expect(bodiless.status).toBe(405);
    const getRemind = await get(`tasks/${town.task.id}/units/${town.k1.id}/remind`);
    expect(getRemind.status).toBe(405);
    const put = await fetch(`${server.base}/api/campaigns`, { method: 'PUT', headers: { authorization: `tma ${signInitData(3001, NOW)}` } });
    expect(put.status).toBe(405);
    expect(await auditCount()).toBe(before);
    expect(await db.selectFrom('deliveries').select('id').execute()).toEqual([]);
  });

  it('when the page is asked for, then it and its bundle are served by the bot, with no CDN and the texts in both languages', async () => {
    const html = await (await fetch(`${server.base}/`)).text();
    expect(html).toContain('app.js');
    expect(html).not.toMatch(/https?:\/\/(?!tiles\.invalid)/);
    const js = await fetch(`${server.base}/app.js`);
    expect(js.status).toBe(200);
    const texts = (await (await fetch(`${server.base}/texts.json`)).json()) as Record<string, Record<string, string>>;
    expect(texts.vi?.['db-filter-pending']).toBe('Chưa báo cáo');
    expect(texts.en?.['db-filter-pending']).toBe('Not reported');
    expect(TOKEN).toBeTruthy();
  });
});
