import { describe, expect, it } from 'vitest';
import { dbTargets } from './support/db.js';
import { buildMember, buildTask, seedTown } from './support/factories.js';
import type { SimUser } from './support/fake-telegram-user.js';
import { useApp } from './support/suite.js';

describe.each(dbTargets())('the leader report path without friction on %s', (target) => {
  const { database, h } = useApp(target, { localTime: '02/06/2026 08:00' });

  async function seed() {
    const { k1, leader, task: flag } = await seedTown(database.db);
    const pano = await buildTask(database.db, {
      unitIds: [k1.id],
      title: 'Rà soát pano, áp phích',
      form: { number: null, photos: 'optional', location: true, note: false },
    });
    return { k1, leader, flag, pano };
  }

  async function next(user: SimUser, n = 1): Promise<string> {
    return (await user.nextMessages(n)).map((m) => m.text).join('\n---\n');
  }
  const reports = () => database.db.selectFrom('reports').select(['task_id', 'status', 'number_value', 'latitude']).orderBy('task_id').execute();

  it('when Báo cáo for another task is pressed mid-report, then the leader is told which is open and can go on or switch', async () => {
    const { flag, pano } = await seed();
    const leader = h.fake.user(2001);
    leader.sendText('/tasks');
    await next(leader);
    leader.pressButton(/Báo cáo: Treo cờ/);
    await next(leader);
    leader.pressButton('✅ Đã xong');
    expect(await next(leader)).toContain('Số hộ treo cờ?');
    leader.pressButton(/Báo cáo: Rà soát pano/, { messageId: leader.messages()[0]?.message_id });
    expect(await next(leader)).toBe(
      'Anh/chị đang báo cáo dở “Treo cờ Tổ quốc” (Khối 1). Tiếp tục báo cáo này, hay chuyển sang báo cáo mới? (Chuyển thì phần đang làm không được lưu.)',
    );
    expect(leader.lastMessage()?.buttons).toEqual([['▶ Tiếp tục báo cáo đang làm'], ['↪ Chuyển sang báo cáo mới']]);
    leader.pressButton('▶ Tiếp tục báo cáo đang làm');
    // The unit has 50 households: the hints name that range, never an example above it.
    expect(await next(leader)).toBe('Số hộ treo cờ? Nhập một số từ 0 đến 50. (Gõ /cancel để huỷ.)');
    leader.sendText('năm mươi');
    expect(await next(leader)).toBe('“năm mươi” không phải là số nguyên. Chỉ nhập chữ số, từ 0 đến 50 (không ghi chữ). (Gõ /cancel để huỷ.)');
    leader.sendPhoto();
    expect(await next(leader)).toBe('Anh/chị hãy nhập con số bằng chữ số, từ 0 đến 50. (Gõ /cancel để huỷ.)');
    leader.pressButton(/Báo cáo: Rà soát pano/, { messageId: leader.messages()[0]?.message_id });
    await next(leader);
    leader.pressButton('↪ Chuyển sang báo cáo mới');
    expect(await next(leader)).toContain('Báo cáo: Rà soát pano, áp phích');
    leader.pressButton('❌ Chưa làm');
    const afterNotDone = await next(leader);
    expect(afterNotDone).toContain('Kiểm tra lại báo cáo');
    expect(afterNotDone).not.toContain('vị trí');
    // Photos are not asked after “Chưa làm”, and the summary does not list them (it read “Ảnh: 0”).
    expect(afterNotDone).not.toContain('Ảnh');
    leader.pressButton('📤 Gửi');
    expect(await next(leader)).toContain('Đã nhận báo cáo “Rà soát pano, áp phích” của Khối 1');
    expect(await reports()).toEqual([{ task_id: pano.id, status: 'not_done', number_value: null, latitude: null }]);
    expect(flag.id).not.toBe(pano.id);
  });

  it('when a sticker comes at the photo step and Gửi is tapped twice, then each is answered in plain words', async () => {
    await seed();
    const leader = h.fake.user(2001);
    leader.sendText('/tasks');
    await next(leader);
    leader.pressButton(/Báo cáo: Rà soát pano/);
    await next(leader);
    leader.pressButton('✅ Đã xong');
    expect(await next(leader)).toContain('Gửi ảnh chụp kết quả nếu có');
    leader.sendSticker();
    expect(await next(leader)).toContain('Anh/chị vừa gửi nhãn dán (sticker), chưa phải ảnh.');
    leader.sendDocument({ filename: 'anh-pano.jpg', mime: 'image/jpeg', fileUniqueId: 'DOC-IMG' });
    expect(await next(leader)).toContain('Đã nhận 1 ảnh.');
    leader.pressButton('Xong');
    expect(await next(leader)).toContain('Gửi vị trí');
    leader.sendLocation(21.8537, 106.7615);
    const summary = await next(leader);
    expect(summary).toContain('Vị trí: https://maps.google.com/?q=21.853700,106.761500');
    const send = leader.lastMessage();
    // The press is answered at the same time as the receipt is sent: wait for both.
    const answeredBefore = leader.callbackAnswers().length;
    leader.pressButton('📤 Gửi');
    expect(await next(leader)).toContain('Đã nhận báo cáo');
    await h.fake.waitFor(() => leader.callbackAnswers().length === answeredBefore + 1);
    const answered = leader.callbackAnswers().length;
    leader.pressButton('📤 Gửi', { messageId: send?.message_id ?? 0 });
    await h.fake.waitFor(() => leader.callbackAnswers().length === answered + 1);
    expect(leader.callbackAnswers().at(-1)?.text).toBe('Báo cáo đã được gửi và lưu rồi, không cần bấm lại.');
    const photos = await database.db.selectFrom('report_photos').select(['file_unique_id']).execute();
    expect(photos).toEqual([{ file_unique_id: 'DOC-IMG' }]);
  });

  it('when a returned report is reported again, then the official\'s reason is shown at the top', async () => {
    const { k1, leader: member, flag } = await seed();
    const official = await buildMember(database.db, { telegramId: 3001, name: 'Chủ tịch', role: 'official' });
    await database.db.insertInto('reports').values({
      task_id: flag.id, unit_id: k1.id, status: 'done', number_value: 10, note: null, latitude: null, longitude: null,
      flags: '[]', late: false, photo_count: 0, revision_count: 1, reported_by: member.id, reported_at: new Date('2026-06-02T00:00:00Z'),
    }).execute();
    await database.db.updateTable('reports').set({ returned_at: new Date('2026-06-02T01:00:00Z'), returned_by: official.id, return_reason: 'Ảnh mờ, chụp lại giúp' }).execute();
    const leader = h.fake.user(2001);
    leader.sendText('/tasks');
    const list = await next(leader);
    // The list says the report came back (before: "Đã báo cáo: …" under an open task, with nothing to say why).
    expect(list).toContain('⏳ Treo cờ Tổ quốc — Khối 1 · hạn Chủ nhật, 14/06/2026 17:00\n   ↩️ Báo cáo đã bị trả lại để làm lại: bấm “Báo cáo” bên dưới để gửi lại.');
    expect(list).not.toContain('Đã báo cáo:');
    leader.pressButton(/Treo cờ/);
    const intro = await next(leader);
    expect(intro).toContain('↩️ Báo cáo trước đã được trả lại để làm lại. Lý do: Ảnh mờ, chụp lại giúp');
    expect(intro).not.toContain('Đơn vị đã báo cáo rồi');
  });
});
