import { DateTime } from 'luxon';
import { beforeEach, describe, expect, it } from 'vitest';
import { dbTargets, type TestDatabase } from './support/db.js';
import { buildMember, buildUnit } from './support/factories.js';
import type { Harness } from './support/harness.js';
import { useApp } from './support/suite.js';
import { press, say } from './support/talk.js';

const ADMIN = 1001;
const ZONE = 'Asia/Ho_Chi_Minh';
const local = (d: Date) => DateTime.fromJSDate(d, { zone: ZONE }).toFormat('dd/MM/yyyy HH:mm');

describe.each(dbTargets())('a task typed as one sentence, read by the one date reader, on %s', (target) => {
  const app = useApp(target, { adminIds: [ADMIN], localTime: '05/12/2026 09:00' });
  let database: TestDatabase;
  let h: Harness;
  beforeEach(async () => {
    ({ database, h } = app);
    const k1 = await buildUnit(database.db, { name: 'Khối 1', households: 120 });
    await buildUnit(database.db, { name: 'Khối 2', households: 80 });
    await buildMember(database.db, { telegramId: 2001, name: 'Hoàng Văn Một', unitId: k1.id });
  });

  it('when the clerk types the Giỗ Tổ sentence in December 2026, then the preview and the task say 16/04/2027, shown with its weekday and lunar date', async () => {
    const clerk = h.fake.user(ADMIN, { firstName: 'Chị Hoa' });
    await say(clerk, '/start');
    const preview = await say(clerk, 'Treo cờ Giỗ Tổ Hùng Vương mùng 10 tháng 3 âm lịch, các khối');
    expect(preview).toContain('Nhiệm vụ đọc được từ câu anh/chị gõ');
    expect(preview).toContain('Treo cờ Giỗ Tổ Hùng Vương');
    expect(preview).toContain('Thứ Sáu, 16/04/2027');
    expect(preview).toContain('(10/3 âm lịch)');
    expect(preview).not.toContain('/03/2027');
    const created = await press(clerk, '✅ Tạo nhiệm vụ');
    expect(created).toContain('Đã tạo nhiệm vụ');
    expect(created).toContain('16/04/2027');

    const tasks = await database.db.selectFrom('tasks').select(['title', 'due_at']).execute();
    expect(tasks.map((t) => [t.title, local(t.due_at).slice(0, 10)])).toEqual([['Treo cờ Giỗ Tổ Hùng Vương', '16/04/2027']]);
    await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
    const leader = h.fake.user(2001);
    const announced = await leader.nextMessage();
    expect(announced.text).toContain('Treo cờ Giỗ Tổ Hùng Vương');
    expect(announced.text).toContain('16/04/2027');
  });

  it('when a sentence has a date the reader cannot read, then /newtask opens with the title filled in and nothing is created', async () => {
    const clerk = h.fake.user(ADMIN, { firstName: 'Chị Hoa' });
    await say(clerk, '/start');
    clerk.sendText('Tổng vệ sinh môi trường ngày 31/2, các khối');
    const [explained, campaign] = await clerk.nextMessages(2);
    expect(explained?.text).toContain('Chưa đọc được thời gian “ngày 31/2”');
    expect(explained?.text).toContain('/newtask');
    expect(campaign?.text).toContain('Nhiệm vụ thuộc đợt / kế hoạch nào?');
    expect(await press(clerk, '➕ Đợt mới')).toContain('Nhập tên đợt');
    expect(await say(clerk, 'Việc thường xuyên')).toContain('Thời gian của đợt');
    // The kind and title were understood: no template question, the title is offered.
    expect(await press(clerk, 'Bỏ qua')).toContain('Tên nhiệm vụ: “Tổng vệ sinh môi trường”');
    await h.expectNothingSentTo(2001);
    expect(await database.db.selectFrom('tasks').select('id').execute()).toHaveLength(0);
  });

  it('when a sentence names a date already past, then it is not accepted silently: /newtask opens and nothing is created', async () => {
    const clerk = h.fake.user(ADMIN, { firstName: 'Chị Hoa' });
    await say(clerk, '/start');
    clerk.sendText('Tổng vệ sinh môi trường trước ngày 12/6/2026, các khối');
    const [explained] = await clerk.nextMessages(2);
    expect(explained?.text).toContain('ngày này đã qua');
    await h.expectNothingSentTo(2001);
    expect(await database.db.selectFrom('tasks').select('id').execute()).toHaveLength(0);
  });
});
