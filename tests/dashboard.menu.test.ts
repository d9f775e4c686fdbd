import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/child.js';
import { dbTargets } from './support/db.js';
import { buildReport, seedTown } from './support/factories.js';
import { useApp } from './support/suite.js';

const URL = 'https://bot.example.org/dashboard/';

describe.each(dbTargets())('dashboard entry points in chat on %s', (target) => {
  // PORT is filled before each app starts (useApp reads this object then).
  const env = { DASHBOARD_URL: URL, PORT: '' };
  beforeAll(async () => {
    env.PORT = String(await freePort());
  });
  const { h, db } = useApp(target, { env, localTime: '12/06/2026 09:00' });

  it('when the bot polls, then PORT still serves the dashboard page, and its API refuses a request without initData', async () => {
    const page = await fetch(`http://127.0.0.1:${env.PORT}/dashboard/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('app.js');
    expect(h.fake.callsOf('getUpdates').length).toBeGreaterThan(0);
    const api = await fetch(`http://127.0.0.1:${env.PORT}/dashboard/api/campaigns`);
    expect(api.status).toBe(401);
  });

  it("when an official writes, then the chat's menu button opens the dashboard and /status offers it too; a leader gets neither", async () => {
    const town = await seedTown(db, { units: 2, official: { telegramId: 3001, name: 'Trần Thị Cán Bộ' } });
    await buildReport(db, { taskId: town.task.id, unitId: town.k1.id, memberId: town.leader.id, status: 'done', number: 40, photoCount: 1 });
    const official = h.fake.user(3001);
    official.sendText('/status');
    const [, chart] = await official.nextMessages(2);
    const webApp = chart?.reply_markup && 'inline_keyboard' in chart.reply_markup ? chart.reply_markup.inline_keyboard.flat().find((b) => 'web_app' in b) : undefined;
    expect(webApp).toEqual({ text: '📊 Mở bảng theo dõi', web_app: { url: URL } });
    const menu = h.fake.callsOf('setChatMenuButton').filter((c) => c.params.chat_id === 3001);
    expect(menu.map((c) => c.params.menu_button)).toEqual([{ type: 'web_app', text: 'Bảng theo dõi', web_app: { url: URL } }]);

    const leader = h.fake.user(2001);
    leader.sendText('/status');
    await leader.nextMessage();
    await h.quiet();
    expect(h.fake.callsOf('setChatMenuButton').filter((c) => c.params.chat_id === 2001)).toEqual([]);
  });
});
