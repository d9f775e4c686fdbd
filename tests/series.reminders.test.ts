import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import type { Recurrence } from '../src/calendar/recurrence.rules.js';
import { createSeries } from '../src/series/series.service.js';
import { dbTargets } from './support/db.js';
import { buildMember, buildUnit, flagForm } from './support/factories.js';
import { useApp } from './support/suite.js';
import { localOf } from './support/clock.js';

const ZONE = 'Asia/Ho_Chi_Minh';
const [ADMIN, OFFICIAL] = [7701, 7702];
const [A, B] = [7801, 7802];

describe.each(dbTargets())('rounds of a recurring task on %s', (target) => {
  const { database, h } = useApp(target, { adminIds: [ADMIN], localTime: '01/06/2026 09:00' });

  async function seed(rule: Recurrence, title: string) {
    const db = database.db;
    const [u1, u2] = [await buildUnit(db, { name: 'Khối 1' }), await buildUnit(db, { name: 'Khối 2' })];
    const one = await buildMember(db, { telegramId: A, unitId: u1.id, name: 'An' });
    await buildMember(db, { telegramId: B, unitId: u2.id, name: 'Bình' });
    await buildMember(db, { telegramId: OFFICIAL, role: 'official', name: 'Chủ tịch' });
    const admin = await buildMember(db, { telegramId: ADMIN, role: 'admin', name: 'Văn phòng' });
    const campaign = await db.insertInto('campaigns').values({ name: 'Môi trường', starts_on: null, ends_on: null, created_by: null }).returning('id').executeTakeFirstOrThrow();
    const draft = { campaignId: campaign.id, title, description: null, template: 'cleanup', form: flagForm, recurrence: rule, unitIds: [u1.id, u2.id] };
    const seriesId = await createSeries(db, h.clock, admin.id, draft, 'test-series');
    return { u1, u2, one, seriesId };
  }

  async function at(time: string) {
    h.clock.setLocal(time);
    await h.app.scheduler.tick();
    await h.app.dispatcher.drain();
  }
  const tasks = () => database.db.selectFrom('tasks').select(['id', 'due_at']).orderBy('due_at').execute();

  it('when a weekly cleanup runs three rounds, then each is its own task with its own announcement and pending list', async () => {
    const { u1, one } = await seed({ kind: 'weekly', weekday: 7, time: { hour: 17, minute: 0 } }, 'Ngày Chủ nhật xanh');
    await at('01/06/2026 09:00');
    await at('05/06/2026 07:59');
    expect(await tasks()).toEqual([]);
    await at('05/06/2026 08:00');
    const first = await h.fake.user(A).nextMessage();
    expect(first.text).toContain('📢 Nhiệm vụ mới: Ngày Chủ nhật xanh');
    expect(first.text).toContain('Hạn báo cáo: Chủ nhật, 07/06/2026 17:00');
    expect(localOf(first.date)).toBe('05/06/2026 08:00');
    await h.fake.user(B).nextMessage();

    const [round1] = await tasks();
    if (!round1) throw new Error('no first round');
    await database.db
      .insertInto('reports')
      .values({ task_id: round1.id, unit_id: u1.id, status: 'done', number_value: 50, note: null, latitude: null, longitude: null, photo_count: 1, flags: JSON.stringify([]), late: false, revision_count: 1, reported_by: one.id, reported_at: h.clock.now(), returned_at: null, returned_by: null, return_reason: null })
      .execute();
    await at('07/06/2026 07:00');
    expect((await h.fake.user(B).nextMessage()).text).toContain('Hôm nay là hạn báo cáo');
    await h.expectNothingSentTo(h.fake.user(A));

    await at('12/06/2026 08:00');
    expect((await h.fake.user(A).nextMessage()).text).toContain('Hạn báo cáo: Chủ nhật, 14/06/2026 17:00');
    await at('19/06/2026 08:00');
    expect((await h.fake.user(A).nextMessage()).text).toContain('Hạn báo cáo: Chủ nhật, 21/06/2026 17:00');
    const rounds = await tasks();
    expect(rounds.map((r) => DateTime.fromJSDate(r.due_at, { zone: ZONE }).toFormat('dd/MM HH:mm'))).toEqual(['07/06 17:00', '14/06 17:00', '21/06 17:00']);

    const pending = await database.db.selectFrom('task_pending').select(['task_id', 'unit_id']).orderBy('task_id').orderBy('unit_id').execute();
    const [r1, r2, r3] = rounds.map((r) => r.id);
    const unitsOf = (taskId: number | undefined) => pending.filter((p) => p.task_id === taskId).map((p) => p.unit_id);
    expect([unitsOf(r1).length, unitsOf(r2).length, unitsOf(r3).length]).toEqual([1, 2, 2]);
    expect(unitsOf(r1)).not.toContain(u1.id);

    const official = h.fake.user(OFFICIAL);
    official.sendText('/pending');
    await official.nextMessage();
    official.pressButton(/Tất cả nhiệm vụ đang mở/);
    const list = (await official.nextMessage()).text;
    expect(list).toContain('⏳ Ngày Chủ nhật xanh (hạn Chủ nhật, 07/06/2026 17:00): 1 đơn vị chưa báo cáo');
    expect(list).toContain('⏳ Ngày Chủ nhật xanh (hạn Chủ nhật, 14/06/2026 17:00): 2 đơn vị chưa báo cáo');
    expect(list).toContain('⏳ Ngày Chủ nhật xanh (hạn Chủ nhật, 21/06/2026 17:00): 2 đơn vị chưa báo cáo');
  });

  it('when a monthly "Chủ nhật cuối tháng" series crosses the new year, then its rounds land on 27/12/2026, 31/01/2027 and 28/02/2027', async () => {
    h.clock.setLocal('20/12/2026 09:00');
    await seed({ kind: 'monthly-last-weekday', weekday: 7, time: { hour: 17, minute: 0 } }, 'Tổng vệ sinh cuối tháng');
    for (const time of ['20/12/2026 09:00', '24/12/2026 08:00', '31/12/2026 08:00', '28/01/2027 08:00', '25/02/2027 08:00']) await at(time);
    const announced = h.fake.user(A).messages().filter((m) => m.text.startsWith('📢'));
    expect(announced.map((m) => [localOf(m.date), m.text.match(/Hạn báo cáo: (.+)/)?.[1]])).toEqual([
      ['24/12/2026 08:00', 'Chủ nhật, 27/12/2026 17:00'],
      ['28/01/2027 08:00', 'Chủ nhật, 31/01/2027 17:00'],
      ['25/02/2027 08:00', 'Chủ nhật, 28/02/2027 17:00'],
    ]);
    const occurrences = await database.db.selectFrom('tasks').select((eb) => eb.cast<string>('occurrence_on', 'text').as('day')).orderBy('due_at').execute();
    expect(occurrences.map((o) => o.day)).toEqual(['2026-12-27', '2027-01-31', '2027-02-28']);
  });
});
