import { existsSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { campaignStatus } from '../src/status/status.service.js';
import { ManualClock } from './support/clock.js';
import { giveReportDetails, seedDashboardTown, signInitData, startDashboardServer, startFileServer } from './support/dashboard.js';
import { OTHER_ID, OTHER_PEOPLE, seedOtherOffice } from './support/offices.js';
import { dbTargets } from './support/db.js';
import { useDatabase } from './support/suite.js';

const CHROMIUM = '/usr/bin/chromium';
const NOW = new Date('2026-06-15T03:00:00Z');
/** Screenshots of the main views, to look at (the README's come from here). */
const SHOTS = `${process.env.DASHBOARD_SCREENSHOTS ?? join(tmpdir(), 'khoipho-dashboard-screenshots')}/`;
const TILE = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010806000000' + '1f15c4890000000d49444154789c63f8cf80f00f0005fe02fea7d6a4d10000000049454e44ae426082', 'hex');

/** How wide the page is laid out (wider than the viewport: it scrolls sideways). */
const pageWidth = (page: Page) => page.evaluate<number>('document.documentElement.scrollWidth');

if (!existsSync(CHROMIUM)) console.warn(`dashboard browser tests skipped: ${CHROMIUM} is missing (apt-get install -y chromium; .ci/run does)`);

describe.skipIf(!existsSync(CHROMIUM)).each(dbTargets())('dashboard in a real browser (360×780) on %s', (target) => {
  const { db } = useDatabase(target);
  const clock = new ManualClock(NOW);
  let browser: Browser;
  let files: Awaited<ReturnType<typeof startFileServer>>;
  let server: Awaited<ReturnType<typeof startDashboardServer>>;
  let town: Awaited<ReturnType<typeof seedDashboardTown>>;
  /** Every request the page made outside the bot's server (tiles included). */
  let outside: string[];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    console.info(`dashboard screenshots: ${SHOTS}`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu'] });
    files = await startFileServer();
  });
  beforeEach(async () => {
    town = await seedDashboardTown(db);
    server ??= await startDashboardServer({ db, clock, fileRoot: files.root });
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    await files?.close();
  });

  async function open(initData: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 360, height: 780 }, deviceScaleFactor: 1 });
    outside = [];
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.base)) return route.continue();
      outside.push(url);
      // The map's tiles are stubbed: no network in tests.
      return url.startsWith('https://tiles.invalid/') ? route.fulfill({ status: 200, contentType: 'image/png', body: TILE }) : route.abort();
    });
    await page.goto(`${server.base}/#tgWebAppData=${encodeURIComponent(initData)}&tgWebAppVersion=8.0`);
    return page;
  }

  it('when an official opens it, then the progress equals /status, filters narrow the table, the map has one marker per located report and the wall each photo once', async () => {
    const page = await open(signInitData(3001, NOW));
    await page.getByTestId('campaigns').getByRole('button').first().click();
    const card = page.locator(`[data-task="${town.task.id}"]`);
    await card.waitFor();
    const [line] = (await campaignStatus(db, town.task.campaign_id, NOW)).tasks;
    const num = (k: string) => card.locator(`[data-k="${k}"] b`).textContent();
    expect(await num('reported')).toBe(`${line?.reported}/${line?.assigned}`);
    expect(await num('done')).toBe(String(line?.done));
    expect(await num('partial')).toBe(String(line?.partial));
    expect(await num('pending')).toBe(String(line?.pending));
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SHOTS}progress.png`, fullPage: true });

    await card.getByRole('button').click();
    const rows = page.getByTestId('units').locator('tbody tr');
    await rows.first().waitFor();
    expect(await rows.count()).toBe(4);
    await page.locator('path.leaflet-interactive').first().waitFor();
    expect(await page.locator('path.leaflet-interactive').count()).toBe(2);
    await page.locator('[data-photo] img[src^="blob:"]').nth(2).waitFor();
    const ids = await page.locator('[data-photo]').evaluateAll((els) => els.map((e) => e.getAttribute('data-photo')));
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(3);
    // At 360 px nothing touches the screen's edge or makes the page scroll sideways.
    const box = await page.getByTestId('units').boundingBox();
    expect(box?.x).toBeGreaterThanOrEqual(12);
    expect((box?.x ?? 0) + (box?.width ?? 999)).toBeLessThanOrEqual(360 - 12);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SHOTS}units.png`, fullPage: true });
    await page.getByTestId('map').scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${SHOTS}map.png` });

    // A tap on Khối 2's marker: the unit, its status, note and its one photo, streamed by the bot.
    await page.locator('path.leaflet-interactive').nth(1).click();
    const pop = page.locator(`[data-popup="${town.units[1]?.id}"]`);
    await pop.locator('img[src^="blob:"]').first().waitFor();
    expect(await pop.innerText()).toContain('Khối 2');
    expect(await pop.innerText()).toContain('Thiếu cờ <b>');
    expect(await pop.locator('img').count()).toBe(1);
    // The map pans so the whole popup shows (the screenshot is of what the official sees).
    const inside = async () => {
      const [p, m] = [await pop.locator('..').boundingBox(), await page.getByTestId('map').boundingBox()];
      return !!p && !!m && p.y >= m.y && p.y + p.height <= m.y + m.height && p.x >= m.x && p.x + p.width <= m.x + m.width;
    };
    await expect.poll(inside).toBe(true);
    await page.screenshot({ path: `${SHOTS}popup.png` });
    await pop.locator('img').click();
    await page.getByTestId('full-photo').waitFor();
    await page.getByTestId('full-photo').click();
    await page.keyboard.press('Escape');

    // Nhắc lại on Khối 4 (its leader is Hoàng Văn Một): one reminder queued, the answer in the row.
    await db.insertInto('unit_members').values({ unit_id: town.units[3]?.id ?? 0, member_id: town.leader.id, position: 'leader' }).execute();
    await page.locator(`[data-remind="${town.units[3]?.id}"]`).click();
    expect(await page.locator(`[data-reminded="${town.units[3]?.id}"]`).textContent()).toBe('Đã gửi nhắc cho 1 người.');
    expect(await db.selectFrom('deliveries').select(['chat_id', 'kind']).execute()).toEqual([{ chat_id: 2001, kind: 'reminder' }]);

    await page.locator('[data-filter="pending"]').click();
    await page.locator('[data-filter="pending"].on').waitFor();
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('Khối 3'), expect.stringContaining('Khối 4')]);
    await page.locator('[data-filter="returned"]').click();
    await page.locator('[data-filter="returned"].on').waitFor();
    expect(await rows.allTextContents()).toEqual([expect.stringContaining('Khối 3')]);
    expect(outside.every((u) => u.startsWith('https://tiles.invalid/'))).toBe(true);
    expect(outside.length).toBeGreaterThan(0);
    await page.close();
  });

  it('when a leader, a stranger, forged or day-old initData opens it, then an error and nothing of the data', async () => {
    const forged = signInitData(3001, NOW).replace('%22id%22%3A3001', '%22id%22%3A3002');
    const cases = [signInitData(2001, NOW), signInitData(4242, NOW), forged, signInitData(3001, new Date(NOW.getTime() - 25 * 3600_000))];
    for (const [i, initData] of cases.entries()) {
      const page = await open(initData);
      await page.getByTestId('error').waitFor();
      const text = await page.locator('body').innerText();
      expect(text).not.toContain('Khối');
      expect(text).not.toContain('Đợt');
      if (i === 0) await page.screenshot({ path: `${SHOTS}refused.png` });
      await page.close();
    }
  });

  it('when an official downloads the results report, then the DOCX comes, or, before the office gave its details, the hint to type /report', async () => {
    await server.office.load(db);
    const page = await open(signInitData(3001, NOW));
    await page.getByTestId('campaigns').getByRole('button').first().click();
    const docx = page.locator(`[data-export="campaign/${town.task.campaign_id}.docx"]`);
    await docx.click();
    const status = page.getByTestId('export-status');
    await expect.poll(() => status.textContent()).toContain('/report');
    expect(await status.textContent()).toBe('Báo cáo kết quả cần thông tin của cơ quan (tên cơ quan, người ký, nơi nhận). Hãy gõ /report trong bot một lần để nhập, rồi tải lại ở đây.');
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SHOTS}report-hint.png`, fullPage: true });
    await giveReportDetails(db, 1, 'UBND phường An Hải Bắc');
    await server.office.load(db);
    const [download] = await Promise.all([page.waitForEvent('download'), docx.click()]);
    expect(download.suggestedFilename()).toMatch(/\.docx$/);
    await expect.poll(() => status.textContent()).toContain(download.suggestedFilename());
    await page.close();
  });

  it('when an official of another office opens it with valid initData, then their own campaign only, and forged ids of this office get nothing', async () => {
    await seedOtherOffice(db);
    const page = await open(signInitData(OTHER_PEOPLE.official, NOW));
    const list = page.getByTestId('campaigns');
    await list.waitFor();
    expect(await list.innerText()).toContain('Đợt Bến Thành');
    await list.getByRole('button').first().click();
    await page.locator(`[data-task="${OTHER_ID}"]`).getByRole('button').click();
    await page.getByTestId('units').waitFor();
    expect(await page.getByTestId('units').locator('tbody tr').allTextContents()).toEqual([expect.stringContaining('Bí Mật')]);
    expect(await pageWidth(page)).toBeLessThanOrEqual(360);
    await page.screenshot({ path: `${SHOTS}other-office.png`, fullPage: true });
    // Office A's ids, asked from the page with this official's own valid initData.
    const photoIds = (await db.selectFrom('report_photos').select('id').where('task_id', '=', town.task.id).execute()).map((p) => p.id);
    const forged = [`campaigns/${town.task.campaign_id}`, `tasks/${town.task.id}/units`, `tasks/${town.task.id}/photos`, ...photoIds.map((id) => `photos/${id}`), `export/campaign/${town.task.campaign_id}.docx`, `export/task/${town.task.id}.xlsx`];
    const answers = await page.evaluate(
      async ({ paths, remind, initData }) => {
        const headers = { authorization: `tma ${initData}` };
        const got = await Promise.all(paths.map(async (p) => { const r = await fetch(`api/${p}`, { headers }); return `${r.status} ${await r.text()}`; }));
        const r = await fetch(`api/${remind}`, { method: 'POST', headers });
        return [...got, `${r.status} ${await r.text()}`];
      },
      { paths: forged, remind: `tasks/${town.task.id}/units/${town.units[3]?.id}/remind`, initData: signInitData(OTHER_PEOPLE.official, NOW) },
    );
    expect(answers).toEqual(Array(forged.length + 1).fill('404 {"error":"not-found"}'));
    const text = await page.locator('body').innerText();
    const campaign = await db.selectFrom('campaigns').select('name').where('id', '=', town.task.campaign_id).executeTakeFirstOrThrow();
    for (const marker of ['Khối', 'Treo cờ Tổ quốc', campaign.name]) expect(text).not.toContain(marker);
    expect(await db.selectFrom('deliveries').select('id').execute()).toEqual([]);
    await page.close();
  });
});
