import { describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { giveReportDetails, signInitData, TOKEN, useDashboardApi } from './support/dashboard.js';
import { OTHER_ID, OTHER_PEOPLE, seedOtherOffice } from './support/offices.js';

const NOW = new Date('2026-06-15T03:00:00Z');

describe.each(dbTargets())('dashboard download links (Telegram downloadFile) on %s', (target) => {
  const { db, clock, server, town } = useDashboardApi(target, NOW);

  /** Asks for a link as the page does (initData in the Authorization header). */
  const issue = (path: string, telegramId = 3001) => fetch(`${server.base}/api/links/${path}`, { method: 'POST', headers: { authorization: `tma ${signInitData(telegramId, NOW)}` } });
  const linkFor = async (path: string, telegramId = 3001) => {
    const res = await issue(path, telegramId);
    expect(res.status).toBe(200);
    return (await res.json()) as { url: string; fileName: string };
  };
  /** Fetches a link as Telegram does: no Authorization header, no cookie. */
  const fetchLink = (url: string) => fetch(new URL(url, `${server.base}/`));
  const auditCount = async () => (await db.selectFrom('audit_log').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n;
  const refusal = async (res: Response) => ({ status: res.status, body: await res.text() });

  it('when an official asks for a link to the XLSX, then the link gives the file once within five minutes, without the token or initData in it', async () => {
    const { url, fileName } = await linkFor(`campaign/${town.task.campaign_id}.xlsx`);
    expect(url).toMatch(/^api\/file\/[\w.-]+$/);
    expect(fileName).toMatch(/^[a-z0-9-]+-20260615-1000\.xlsx$/);
    for (const secret of [TOKEN, TOKEN.split(':')[1] ?? TOKEN, 'tma', 'hash=', 'auth_date']) expect(url).not.toContain(secret);
    expect(await auditCount()).toBe(0);
    clock.advance(4 * 60_000);
    const res = await fetchLink(url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename\*=UTF-8''[a-z0-9-]+\.xlsx$/);
    expect(Buffer.from(await res.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
    expect(await auditCount()).toBe(1);
    // Spent: a second fetch of the same link gets nothing.
    expect(await refusal(await fetchLink(url))).toEqual({ status: 410, body: '{"error":"link-used"}' });
    expect(await auditCount()).toBe(1);
  });

  it('when links to the CSV and the results report are fetched, then each is its file, the DOCX with a Vietnamese-safe RFC 5987 name', async () => {
    const csv = await fetchLink((await linkFor(`task/${town.task.id}.csv`)).url);
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('Khối 4');
    expect((await issue(`campaign/${town.task.campaign_id}.docx`)).status).toBe(409);
    await giveReportDetails(db, 1, 'UBND phường An Hải Bắc');
    await server.office.load(db);
    const link = await linkFor(`campaign/${town.task.campaign_id}.docx`);
    const docx = await fetchLink(link.url);
    expect(docx.status).toBe(200);
    const disposition = docx.headers.get('content-disposition') ?? '';
    expect(disposition).toMatch(/^attachment; filename\*=UTF-8''[A-Za-z0-9%._-]+\.docx$/);
    expect(decodeURIComponent(disposition.split("''")[1] ?? '')).toBe(link.fileName);
    expect(Buffer.from(await docx.arrayBuffer()).subarray(0, 2).toString()).toBe('PK');
  });

  it('when a link is expired, tampered with, or its member lost the role or left, then 4xx and nothing of the data, and nothing is logged as exported', async () => {
    const path = `campaign/${town.task.campaign_id}.xlsx`;
    const expired = (await linkFor(path)).url;
    const tampered = (await linkFor(path)).url;
    const roleRemoved = (await linkFor(path)).url;
    const left = (await linkFor(path, 3002)).url;
    const sig = tampered.slice(tampered.lastIndexOf('.') + 1);
    const otherSig = `${sig.charAt(0) === 'A' ? 'B' : 'A'}${sig.slice(1)}`;
    const forged = [
      tampered.replace(`.campaign.${town.task.campaign_id}.`, `.task.${town.task.id}.`),
      tampered.replace('.xlsx.', '.csv.'),
      tampered.replace(/^api\/file\/\d+\./, 'api/file/1.'),
      tampered.replace(/\.\d+(\.[\w-]{11}\.[\w-]+)$/, `.${Math.floor(NOW.getTime() / 1000) + 86_400}$1`),
      tampered.replace(sig, otherSig),
      tampered.replace(sig, ''),
      'api/file/not-a-link',
    ];
    const seen: string[] = [];
    for (const url of forged) {
      const res = await refusal(await fetchLink(url));
      seen.push(res.body);
      expect(res.status, url).toBe(403);
    }
    await db.updateTable('members').set({ role: 'leader' }).where('telegram_id', '=', 3001).execute();
    await db.updateTable('members').set({ status: 'left' }).where('telegram_id', '=', 3002).execute();
    for (const url of [roleRemoved, left]) {
      const res = await refusal(await fetchLink(url));
      seen.push(res.body);
      expect(res).toEqual({ status: 403, body: '{"error":"forbidden"}' });
    }
    clock.advance(5 * 60_000);
    const late = await refusal(await fetchLink(expired));
    seen.push(late.body);
    expect(late).toEqual({ status: 410, body: '{"error":"link-expired"}' });
    for (const body of seen) expect(body).not.toMatch(/Khối|PK|Treo/);
    expect(await auditCount()).toBe(0);
    // The untampered link still works for a member who still may have it: the refusals spent nothing.
    await db.updateTable('members').set({ role: 'official' }).where('telegram_id', '=', 3001).execute();
    clock.set(NOW);
    expect((await fetchLink(tampered)).status).toBe(200);
  });

  it("when a leader, a stranger or another office's official asks for a link, then no link; and their own office's link never opens this office's file", async () => {
    const path = `campaign/${town.task.campaign_id}.xlsx`;
    expect((await issue(path, 2001)).status).toBe(403);
    expect((await issue(path, 4242)).status).toBe(403);
    expect((await fetch(`${server.base}/api/links/${path}`, { method: 'POST' })).status).toBe(401);
    expect((await fetch(`${server.base}/api/links/${path}`, { headers: { authorization: `tma ${signInitData(3001, NOW)}` } })).status).toBe(405);
    expect((await issue(`task/${town.task.id}.docx`)).status).toBe(400);
    await seedOtherOffice(db);
    expect(await refusal(await issue(path, OTHER_PEOPLE.official))).toEqual({ status: 404, body: '{"error":"not-found"}' });
    expect((await issue(`task/${town.task.id}.csv`, OTHER_PEOPLE.official)).status).toBe(404);
    const own = (await linkFor(`campaign/${OTHER_ID}.csv`, OTHER_PEOPLE.official)).url;
    const swapped = own.replace(`.campaign.${OTHER_ID}.`, `.campaign.${town.task.campaign_id}.`);
    expect(await refusal(await fetchLink(swapped))).toEqual({ status: 403, body: '{"error":"bad-link"}' });
    const mine = await fetchLink(own);
    expect(mine.status).toBe(200);
    const text = await mine.text();
    expect(text).toContain('Bí Mật');
    expect(text).not.toContain('Khối');
    expect(await auditCount()).toBe(1);
  });
});
