import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { local } from './support/clock.js';
import { dbTargets } from './support/db.js';
import { flagForm } from './support/factories.js';
import type { CallRecord } from './support/fake-telegram-types.js';
import { nameOffice } from './support/offices.js';
import { useApp } from './support/suite.js';

/** Telegram's limits as the fake applies them: 30 sends in any second for the bot, one a second per chat. */
const RATE = 30;
/**
 * Big enough that serving A's broadcast first would put B's reminders past the first seconds
 * (position 500, 17 s in), small enough that the real sends and writes stay a few seconds of CPU:
 * the pacing costs no real time, so the test's wall time is its CPU time over its share of the machine.
 */
const A_LEADERS = 500;
const B_LEADERS = 30;
const A_FIRST = 500_000;
const B_FIRST = 600_000;
/** "The first seconds of the wave": B's 30 reminders, one slot in two, are out well within this. */
const FIRST_SECONDS = 5;

describe.each(dbTargets())('one bot, offices served fairly, on %s', (target) => {
  // Virtual pacing time, shared with the fake's flood control: 30 messages a second as Telegram counts them, in no real seconds.
  const { h, db } = useApp(target, { env: { SEND_RATE_PER_SECOND: String(RATE) } });

  /** `n` units of `office`, each with its own leader (Telegram ids from `first`). */
  async function seedUnits(office: number, n: number, first: number, name: string) {
    await sql`insert into units (office_id, kind, name, households)
      select ${office}, 'block', ${name} || ' ' || g, 50 from generate_series(1, ${n}) g`.execute(db);
    await sql`insert into members (office_id, telegram_id, chat_id, display_name, role)
      select ${office}, ${first} + g, ${first} + g, ${name} || ' tổ trưởng ' || g, 'leader' from generate_series(1, ${n}) g`.execute(db);
    await sql`insert into unit_members (unit_id, member_id, position)
      select u.id, m.id, 'leader' from units u join members m on m.chat_id = ${first} + substring(u.name from '[0-9]+$')::int
      where u.office_id = ${office} and m.office_id = ${office}`.execute(db);
  }

  /**
   * Commune A (office 1): a broadcast to its 500 leaders, scheduled for 08:00 on 11/06.
   * Commune B (office 2): a task due 14/06 17:00, whose 3-days-before reminder to its 30 leaders falls at 08:00 on 11/06 too.
   */
  async function seedTwoCommunes() {
    await nameOffice(db, 1, { name: 'Sơn Thủy', kind: 'xa', officeName: 'UBND xã Sơn Thủy' });
    await db.insertInto('offices').values({ id: 2, name: 'Bến Thành', kind: 'phuong', parent_id: null }).execute();
    await nameOffice(db, 2, { name: 'Bến Thành', kind: 'phuong', officeName: 'UBND phường Bến Thành', term: 'to-dan-pho' });
    await seedUnits(1, A_LEADERS, A_FIRST, 'Thôn');
    await seedUnits(2, B_LEADERS, B_FIRST, 'Tổ dân phố');
    await db
      .insertInto('broadcasts')
      .values({ office_id: 1, created_by: null, content: JSON.stringify({ kind: 'text', text: 'Thông báo họp dân xã Sơn Thủy' }), target: JSON.stringify({ mode: 'all-units' }), send_at: local('11/06/2026 08:00'), repeat: null, locale: 'vi', progress_chat_id: null, progress_message_id: null, creation_key: null })
      .execute();
    const created = local('01/06/2026 08:00');
    const campaign = await db.insertInto('campaigns').values({ office_id: 2, name: 'Quốc khánh', starts_on: null, ends_on: null, created_by: null }).returning('id').executeTakeFirstOrThrow();
    const task = await db
      .insertInto('tasks')
      .values({ office_id: 2, campaign_id: campaign.id, title: 'Treo cờ Tổ quốc', description: null, template: 'flag', due_at: local('14/06/2026 17:00'), event_at: null, form: JSON.stringify(flagForm), created_by: null, creation_key: null, created_at: created, updated_at: created })
      .returning('id')
      .executeTakeFirstOrThrow();
    await sql`insert into task_units (task_id, unit_id) select ${task.id}, id from units where office_id = 2`.execute(db);
    // The announcement of 01/06 went out then.
    await db.insertInto('outbox_runs').values({ office_id: 2, key: `reminder:${task.id}:announce:${created.toISOString().slice(0, 16)}@office:2`, status: 'queued', due_at: created, processed_at: created }).execute();
  }

  /** Seconds the fake's flood control made the bot wait: each 429 outside the last one's retry_after starts a pause. */
  function pausedSeconds(calls: readonly CallRecord[]): number {
    let until = -Infinity;
    let total = 0;
    for (const c of calls) {
      if (c.error?.code !== 429) continue;
      const retryMs = Number(/retry after (\d+)/.exec(c.error.description)?.[1] ?? 1) * 1000;
      if (c.arrivedAt < until) continue;
      total += retryMs;
      until = c.arrivedAt + retryMs;
    }
    return total / 1000;
  }

  it(
    'when commune A broadcasts to 500 leaders and commune B has 30 reminders due at the same minute, then B\'s reminders take every other slot from the start of the wave, under flood control',
    { timeout: 180_000 },
    async () => {
      await seedTwoCommunes();
      h.fake.rateLimit({ global: RATE, perChat: 1 });
      h.clock.setLocal('11/06/2026 08:00');
      const tick = await h.app.scheduler.tick();
      expect(tick.queued).toHaveLength(2);
      expect(await h.app.dispatcher.drain()).toBe(A_LEADERS + B_LEADERS);

      const calls = h.fake.callsOf('sendMessage');
      const sends = calls.filter((c) => !c.error);
      expect(sends).toHaveLength(A_LEADERS + B_LEADERS);
      const start = sends[0]?.arrivedAt ?? 0;
      const isB = (chat: unknown) => Number(chat) > B_FIRST;
      const bSends = sends.flatMap((c, position) => (isB(c.params.chat_id) ? [{ position, chat: Number(c.params.chat_id), second: (c.arrivedAt - start) / 1000, text: String(c.params.text) }] : []));
      const lastB = bSends.at(-1);
      const waveSeconds = ((sends.at(-1)?.arrivedAt ?? 0) - start) / 1000;
      console.log(
        `fairness on ${target}: wave of ${sends.length} messages in ${waveSeconds.toFixed(1)} s at ${RATE}/s; ` +
          `B's ${bSends.length} reminders at positions ${bSends[0]?.position}–${lastB?.position}, the last ${lastB?.second.toFixed(2)} s into the wave; ` +
          `429s from the fake's flood control: ${h.fake.stats().violations}`,
      );

      // What B's leaders saw: their reminder, to each of them once, every other message of the wave
      // from its start (a send refused with a 429 goes again first, and may push B's back by one),
      // so within the first seconds. Served after A's broadcast, the first would be at position 500.
      expect(bSends).toHaveLength(B_LEADERS);
      expect(new Set(bSends.map((s) => s.chat)).size).toBe(B_LEADERS);
      for (const s of bSends) expect(s.text).toContain('Treo cờ Tổ quốc');
      expect(lastB?.position).toBeLessThan(2 * B_LEADERS + h.fake.stats().violations);
      expect(lastB?.second).toBeLessThan(FIRST_SECONDS);
      // A is not starved either: its broadcast is the rest of the wave, all of it sent at the bot's
      // pace, apart from the pauses the flood control ordered.
      expect(sends.filter((c) => !isB(c.params.chat_id)).every((c) => String(c.params.text) === 'Thông báo họp dân xã Sơn Thủy')).toBe(true);
      expect(waveSeconds - pausedSeconds(calls)).toBeLessThan(((A_LEADERS + B_LEADERS) / RATE) * 1.2);
      // What was stored: every delivery sent, each under its own office.
      const stored = await db.selectFrom('deliveries').select(['office_id', 'kind', 'status']).select((eb) => eb.fn.countAll<number>().as('n')).groupBy(['office_id', 'kind', 'status']).orderBy('office_id').execute();
      expect(stored).toEqual([
        { office_id: 1, kind: 'broadcast', status: 'sent', n: A_LEADERS },
        { office_id: 2, kind: 'reminder', status: 'sent', n: B_LEADERS },
      ]);
    },
  );
});
