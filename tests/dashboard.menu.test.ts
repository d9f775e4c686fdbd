import { beforeAll, describe, expect, it } from 'vitest';
import { freePort } from './support/child.js';
import { dbTargets } from './support/db.js';
import { signInitData } from './support/dashboard.js';
import { buildReport, seedTown } from './support/factories.js';
import { nameOffice } from './support/offices.js';
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

  it("when an official presses Nhắc lại for a commune's unit, then its leader reads the commune's own name and the deadline with its weekday, with the Báo cáo button", async () => {
    await nameOffice(db, 1, { name: 'Sơn Thủy', kind: 'xa', officeName: 'UBND xã Sơn Thủy', term: 'thon' });
    const town = await seedTown(db, { units: 2, official: { telegramId: 3001, name: 'Trần Thị Cán Bộ' } });
    await h.app.telegram.env.office.load(db);
    const res = await fetch(`http://127.0.0.1:${env.PORT}/dashboard/api/tasks/${town.task.id}/units/${town.k1.id}/remind`, { method: 'POST', headers: { authorization: `tma ${signInitData(3001, h.clock.now(), h.fake.token)}` } });
    expect(await res.json()).toEqual({ ok: true, recipients: 1 });
    await h.app.dispatcher.drain();
    const reminder = await h.fake.user(2001).nextMessage();
    expect(reminder.text).toBe('🔔 Nhắc lại từ UBND xã Sơn Thủy: đơn vị Khối 1 chưa báo cáo “Treo cờ Tổ quốc” (hạn Chủ nhật, 14/06/2026 17:00). Bấm nút “Báo cáo” bên dưới để gửi kết quả.');
    expect(reminder.reply_markup).toEqual({ inline_keyboard: [[{ text: '📝 Báo cáo — Khối 1', callback_data: `rp:${town.task.id}:${town.k1.id}` }]] });
  });

  it('when the task was set by lunar dates, then the reminder of Nhắc lại shows the lunar date beside the deadline too', async () => {
    const town = await seedTown(db, { units: 1, official: { telegramId: 3001, name: 'Trần Thị Cán Bộ' } });
    await db.updateTable('tasks').set({ lunar_dates: true }).where('id', '=', town.task.id).execute();
    const res = await fetch(`http://127.0.0.1:${env.PORT}/dashboard/api/tasks/${town.task.id}/units/${town.k1.id}/remind`, { method: 'POST', headers: { authorization: `tma ${signInitData(3001, h.clock.now(), h.fake.token)}` } });
    expect(res.status).toBe(200);
    await h.app.dispatcher.drain();
    expect((await h.fake.user(2001).nextMessage()).text).toContain('(hạn Chủ nhật, 14/06/2026 17:00 (29/4 âm lịch))');
  });
});
