import { describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { seedTown } from './support/factories.js';
import { useApp } from './support/suite.js';

describe.each(dbTargets())('faults from outside on %s', (target) => {
  const { database, h } = useApp(target, { localTime: '02/06/2026 08:00' });

  const seed = () => seedTown(database.db, { official: { telegramId: 3001, name: 'Lý Thị Chủ Tịch' } });

  const errorLines = () => h.logs.filter((l) => /"level":(50|60)/.test(l));
  const stored = async () => ({
    reports: await database.db.selectFrom('reports').select(['number_value', 'status']).execute(),
    members: (await database.db.selectFrom('members').select('id').execute()).length,
    conversations: (await database.db.selectFrom('kv_store').select('key').execute()).length,
  });

  it('when Báo cáo and Gửi are pressed while the bot is down, then after the restart the report opens and is stored', async () => {
    await seed();
    const leader = h.fake.user(2001);
    leader.sendText('/tasks');
    expect((await leader.nextMessage()).text).toContain('Treo cờ Tổ quốc');
    await h.restart(() => {
      leader.pressButton(/Báo cáo: Treo cờ/);
      h.fake.expireCallbackQueries();
    });
    const opened = (await leader.nextMessage()).text;
    expect(opened).toContain('Báo cáo: Treo cờ Tổ quốc');
    expect(opened).toContain('Tình hình thực hiện');
    leader.pressButton('✅ Đã xong');
    await leader.nextMessage();
    leader.sendText('45');
    await leader.nextMessage();
    leader.sendPhoto({ fileUniqueId: 'P-late' });
    await leader.nextMessage();
    leader.pressButton('Xong');
    await leader.nextMessage();
    leader.pressButton('Bỏ qua');
    expect((await leader.nextMessage()).text).toContain('Kiểm tra lại báo cáo');
    await h.restart(() => {
      leader.pressButton('📤 Gửi');
      h.fake.expireCallbackQueries();
    });
    expect((await leader.nextMessage()).text).toContain('Đã nhận báo cáo “Treo cờ Tổ quốc” của Khối 1');
    expect((await stored()).reports).toEqual([{ number_value: 45, status: 'done' }]);
    expect(errorLines()).toEqual([]);
  });

  it('when a group message, a channel post and an added-to-group event arrive, then only the one note is posted and nothing is stored', async () => {
    await seed();
    const before = await stored();
    const group = { id: -100123, type: 'supergroup' as const, title: 'Tổ dân phố 3' };
    const channel = { id: -100456, type: 'channel' as const, title: 'Tin thị trấn' };
    h.fake.registerChat(group);
    h.fake.registerChat(channel);
    const from = { id: 2001, is_bot: false, first_name: 'Một' };
    const botUser = { id: Number(h.config.botToken.split(':')[0]), is_bot: true, first_name: 'Bot' };
    h.fake.pushUpdate({ my_chat_member: { chat: group, from, date: 1, old_chat_member: { status: 'left', user: botUser }, new_chat_member: { status: 'member', user: botUser } } });
    h.fake.pushUpdate({ message: { message_id: 1, date: 1, chat: group, from, text: '/cancel' } });
    h.fake.pushUpdate({ message: { message_id: 2, date: 1, chat: group, from, text: '/start' } });
    h.fake.pushUpdate({ channel_post: { message_id: 3, date: 1, chat: channel, text: '/tasks' } });
    await h.fake.waitFor(() => h.fake.pendingUpdates === 0);
    await h.settle();
    const sent = h.fake.calls.filter((c) => c.method.startsWith('send'));
    expect(sent.map((c) => [c.params.chat_id, String(c.params.text).slice(0, 40)])).toEqual([[group.id, 'Xin chào! Bot chỉ làm việc trong tin nhắ']]);
    expect(await stored()).toEqual(before);
    expect(errorLines()).toEqual([]);
  });

  it('when an official presses buttons carrying 20-digit ids, then each is refused as no longer valid without an error line', async () => {
    await seed();
    const official = h.fake.user(3001);
    official.sendText('/help');
    await official.nextMessage();
    const junk = ['op:t:99999999999999999999', 'rp:99999999999999999999:1', 'or:99999999999999999999', 'units:99999999999999999999'];
    for (const data of junk) official.pressCallbackData(data);
    await h.fake.waitFor(() => official.callbackAnswers().length === junk.length);
    expect(official.callbackAnswers().map((a) => a.text)).toEqual(junk.map(() => expect.stringContaining('Nút này đã cũ')));
    expect(errorLines()).toEqual([]);
  });
});

describe.each(dbTargets())('what an update Telegram could send logs on %s', (target) => {
  const app = useApp(target, { adminIds: [1001], localTime: '02/06/2026 08:00' });

  it('when members and strangers send every kind of input, then each gets a calm answer and no line is logged as an error', async () => {
    const { database, h } = app;
    await seedTown(database.db, { official: { telegramId: 3001, name: 'Lý Thị Chủ Tịch' } });
    for (const id of [1001, 2001, 3001, 9009]) {
      const user = h.fake.user(id);
      user.sendText('/start');
      await user.nextMessage();
      const before = user.messages().length;
      user.sendSticker();
      user.sendLocation(21.85, 106.76);
      user.sendDocument({ filename: 'ke-hoach.xlsx' });
      user.sendPhoto();
      user.sendText('/khonglenhnao');
      user.sendText('xin chào');
      user.pressCallbackData('rp:1:1');
      user.pressCallbackData('zz:junk');
      user.pressCallbackData('op:t:99999999999999999999');
      const chat = { id, type: 'private' as const, first_name: 'U' };
      h.fake.pushUpdate({ edited_message: { message_id: 1, date: 1, edit_date: 2, chat, from: { id, is_bot: false, first_name: 'U' }, text: 'sửa' } });
      await h.fake.waitFor(() => h.fake.pendingUpdates === 0);
      await h.settle();
      expect(user.messages().length, user.transcriptText()).toBeGreaterThan(before);
    }
    expect(h.logs.filter((l) => /"level":(50|60)/.test(l))).toEqual([]);
  });
});
