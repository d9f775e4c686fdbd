import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { isDatabaseUnavailable, isDiskFull } from '../src/core/db-errors.js';
import { dbTargets, openTestDatabase, type TestDatabase } from './support/db.js';
import { buildMember, buildTask, buildUnit } from './support/factories.js';
import type { SimUser } from './support/fake-telegram-user.js';
import { type Harness, startHarness } from './support/harness.js';
import { useApp } from './support/suite.js';
import { openReportToHouseholds } from './support/reports.js';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const errorLines = (h: Harness) => h.logs.filter((l) => /"level":(50|60)/.test(l));

describe('the outage classifier', () => {
  it('when Postgres says it is not accepting connections (starting up, recovering), then that is an outage, not a handler failure', () => {
    expect(isDatabaseUnavailable(new Error('the database system is not accepting connections'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('the database system is in recovery mode'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('the database system is starting up'))).toBe(true);
    expect(isDatabaseUnavailable(new Error('column "x" does not exist'))).toBe(false);
  });

  it('when a write fails for lack of disk space (53100 or ENOSPC), then it is recognised as a full disk', () => {
    expect(isDiskFull(Object.assign(new Error('could not extend file "base/5/16500": No space left on device'), { code: '53100' }))).toBe(true);
    expect(isDiskFull(new Error('write failed', { cause: Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' }) }))).toBe(true);
    expect(isDiskFull(new Error('the database system is starting up'))).toBe(false);
  });
});

describe.each(dbTargets())('updates at the edge on %s', (target) => {
  const app = useApp(target, { localTime: '02/06/2026 08:00' });
  let database: TestDatabase;
  let h: Harness;
  beforeEach(() => {
    ({ database, h } = app);
  });

  it('when a stranger presses an old button that Telegram can no longer answer, then nothing fails and no apology is sent', async () => {
    const stranger = h.fake.user(5001);
    stranger.sendText('xin chào');
    expect((await stranger.nextMessage()).text).toContain('chưa được đăng ký');
    await h.restart(() => {
      stranger.pressCallbackData('zz:1');
      h.fake.expireCallbackQueries();
    });
    await h.expectNothingSentTo(stranger);
    expect(errorLines(h)).toEqual([]);
  });

  it('when an update’s text is not a string, then it is dropped with one log line and the next message is answered', async () => {
    const k1 = await buildUnit(database.db, { name: 'Khối 1' });
    await buildMember(database.db, { telegramId: 2001, unitId: k1.id });
    const leader = h.fake.user(2001);
    h.fake.pushUpdate({ message: { message_id: 90_001, date: 1_780_000_000, chat: { id: 2001, type: 'private', first_name: 'A' }, from: { id: 2001, is_bot: false, first_name: 'A' }, text: 12345 } } as never);
    await h.expectNothingSentTo(leader);
    expect(errorLines(h)).toEqual([]);
    expect(h.logs.filter((l) => l.includes('malformed update dropped'))).toHaveLength(1);
    leader.sendText('/tasks');
    expect((await leader.nextMessage()).text).toBeTruthy();
  });

  it('when a number answer ends in an emoji past 40 characters, then the explanation shows it without cutting the emoji in half', async () => {
    const k1 = await buildUnit(database.db, { name: 'Khối 1', households: 50 });
    await buildMember(database.db, { telegramId: 2001, unitId: k1.id });
    await buildTask(database.db, { unitIds: [k1.id], title: 'Treo cờ Tổ quốc' });
    const leader = h.fake.user(2001);
    leader.sendText('/tasks');
    await leader.nextMessage();
    await openReportToHouseholds(leader, /Báo cáo: Treo cờ/);
    // 39 characters, then an emoji across the 40th: a cut at 40 UTF-16 units splits it.
    leader.sendText(`${'khoảng ba mươi hộ '.repeat(2)}nhé😀😀`);
    const reply = (await leader.nextMessage()).text;
    expect(reply).toContain('khoảng ba mươi hộ');
    expect(LONE_SURROGATE.test(reply), reply).toBe(false);
    expect(errorLines(h)).toEqual([]);
  });
});

/** Fails the report's submission statement as a full disk does, while `armed`. */
class DiskFull implements KyselyPlugin {
  armed = false;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    const node = args.node as { kind: string; sqlFragments?: readonly string[] };
    if (this.armed && node.kind === 'RawNode' && node.sqlFragments?.join('?').includes('insert into report_revisions')) {
      throw Object.assign(new Error('could not extend file "base/16384/16500": No space left on device'), { code: '53100' });
    }
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

describe.each(dbTargets())('a full disk on %s', (target) => {
  let database: TestDatabase;
  let h: Harness;
  const disk = new DiskFull();
  beforeAll(async () => {
    database = await openTestDatabase(target);
  });
  afterAll(async () => {
    await database?.close();
  });
  beforeEach(async () => {
    await database.reset();
    disk.armed = false;
    h = await startHarness({ ...database, db: database.db.withPlugin(disk) }, { adminIds: [7001] });
  });
  afterEach(async () => {
    await h?.stop();
  });

  async function toSummary(leader: SimUser): Promise<void> {
    leader.sendText('/tasks');
    await leader.nextMessage();
    leader.pressButton(/Báo cáo: Tổng vệ sinh/);
    await leader.nextMessage();
    leader.pressButton('✅ Đã xong');
    await leader.nextMessage();
  }

  it('when a report cannot be written because the disk is full, then the leader hears it was not saved and to press Gửi later, the admins are told once, and Gửi works once there is space', async () => {
    const form = { number: null, photos: 'none', location: false, note: false } as const;
    const [k1, k2] = [await buildUnit(database.db, { name: 'Khối 1' }), await buildUnit(database.db, { name: 'Khối 2' })];
    await buildMember(database.db, { telegramId: 2001, unitId: k1.id });
    await buildMember(database.db, { telegramId: 2002, unitId: k2.id });
    await buildMember(database.db, { telegramId: 7001, role: 'admin' });
    await buildTask(database.db, { unitIds: [k1.id, k2.id], title: 'Tổng vệ sinh', form });
    const [a, b, admin] = [h.fake.user(2001), h.fake.user(2002), h.fake.user(7001)];
    await toSummary(a);
    await toSummary(b);
    disk.armed = true;
    for (const leader of [a, b]) {
      leader.pressButton('📤 Gửi');
      const reply = (await leader.nextMessage()).text;
      expect(reply).toContain('Chưa lưu được');
      expect(reply).toContain('bấm “Gửi”');
    }
    await h.quiet();
    expect(admin.messages().filter((m) => m.text.includes('Ổ đĩa của máy chủ bot đã đầy'))).toHaveLength(1);
    expect(await database.db.selectFrom('report_revisions').select('id').execute()).toEqual([]);

    disk.armed = false;
    a.pressButton('📤 Gửi');
    expect((await a.nextMessage()).text).toContain('Đã nhận báo cáo');
    expect(await database.db.selectFrom('report_revisions').select('id').execute()).toHaveLength(1);
  });
});
