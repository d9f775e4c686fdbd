import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { occurrences } from '../src/broadcasts/broadcast-producer.js';
import { loadConfig } from '../src/config.js';
import { backoffMs, isQuiet, nextSendable, sendableDeadline, timeoutRetryMs } from '../src/outbox/outbox.rules.js';
import { reminderSchedule } from '../src/reminders/reminder.rules.js';

const zone = 'Asia/Ho_Chi_Minh';
const w = { zone, quiet: { startMinute: 21 * 60, endMinute: 6 * 60 + 30 } };
const at = (text: string) => DateTime.fromFormat(text, 'dd/MM/yyyy HH:mm', { zone }).toJSDate();
const show = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('dd/MM/yyyy HH:mm');

describe('outbox time rules', () => {
  it('when it is between 21:00 and 06:30 local, then it is quiet, and sending resumes at 06:30', () => {
    expect(['20:59', '21:00', '23:59', '00:00', '06:29', '06:30'].map((t) => isQuiet(at(`10/06/2026 ${t}`), w))).toEqual([false, true, true, true, true, false]);
    expect(show(nextSendable(at('10/06/2026 22:15'), w))).toBe('11/06/2026 06:30');
    expect(show(nextSendable(at('11/06/2026 03:00'), w))).toBe('11/06/2026 06:30');
    expect(show(nextSendable(at('11/06/2026 09:00'), w))).toBe('11/06/2026 09:00');
  });

  it('when counting the grace window, then quiet hours do not count', () => {
    expect(show(sendableDeadline(at('10/06/2026 08:00'), 6, w))).toBe('10/06/2026 14:00');
    expect(show(sendableDeadline(at('10/06/2026 20:00'), 6, w))).toBe('11/06/2026 11:30');
    expect(show(sendableDeadline(at('10/06/2026 23:00'), 6, w))).toBe('11/06/2026 12:30');
    expect(show(sendableDeadline(at('10/06/2026 23:00'), 6, { zone, quiet: null }))).toBe('11/06/2026 05:00');
  });

  it.each([
    [1, 0, 1],
    [2, 1, 2],
    [3, 2, 4],
    [4, 4, 8],
  ])('when attempt %i gets no answer in time, then it is sent again after %i min (a 5xx: %i min)', (attempts, afterTimeout, afterError) => {
    expect(timeoutRetryMs(attempts)).toBe(afterTimeout * 60_000);
    expect(backoffMs(attempts)).toBe(afterError * 60_000);
  });

  it('when QUIET_HOURS and SEND_RATE_PER_SECOND are configured, then they are read and checked', () => {
    const base = { BOT_TOKEN: '123456:ABCdef_ghi' };
    expect(loadConfig(base)).toMatchObject({ sendRatePerSecond: 25, quietHours: { startMinute: 1260, endMinute: 390 }, catchupGraceHours: 6, digestHour: 17 });
    expect(loadConfig({ ...base, QUIET_HOURS: 'off' }).quietHours).toBeNull();
    expect(() => loadConfig({ ...base, SEND_RATE_PER_SECOND: '31' })).toThrow(/SEND_RATE_PER_SECOND must be at most 30/);
    expect(loadConfig({ ...base, SEND_RATE_PER_SECOND: '400', TELEGRAM_API_ROOT: 'http://127.0.0.1:9' }).sendRatePerSecond).toBe(400);
    expect(() => loadConfig({ ...base, QUIET_HOURS: '9pm-6am' })).toThrow(/QUIET_HOURS must be two local times/);
  });
});

describe('reminder schedule', () => {
  const task = { createdAt: at('01/06/2026 08:00'), updatedAt: at('01/06/2026 08:00'), dueAt: at('14/06/2026 17:00'), eventAt: at('13/06/2026 19:30') };

  it('when a task has a deadline and an event, then the default reminders fall at the documented local times', () => {
    expect(reminderSchedule(task, zone).map((r) => `${r.kind} ${show(r.at)}`)).toEqual([
      'announce 01/06/2026 08:00',
      'due-3d 11/06/2026 08:00',
      'event-eve 12/06/2026 19:00',
      'due-1d 13/06/2026 08:00',
      'event-1h 13/06/2026 18:30',
      'event-start 13/06/2026 21:30',
      'due-day 14/06/2026 07:00',
      'wrapup 14/06/2026 17:00',
      'overdue 15/06/2026 08:00',
    ]);
  });

  it('when the task is created late or its deadline was changed, then reminders from before that are left out', () => {
    const late = reminderSchedule({ ...task, createdAt: at('13/06/2026 07:30'), updatedAt: at('13/06/2026 07:30'), eventAt: null }, zone);
    expect(late.map((r) => r.kind)).toEqual(['announce', 'due-day', 'wrapup', 'overdue']);
    const moved = reminderSchedule({ ...task, updatedAt: at('12/06/2026 10:00'), eventAt: null }, zone);
    expect(moved.map((r) => r.kind)).toEqual(['announce', 'due-1d', 'due-day', 'wrapup', 'overdue']);
  });
});

describe('repeating broadcasts', () => {
  it('when a broadcast repeats weekly, then only the same weekday at the same time counts, from the first one on', () => {
    const b = { sendAt: at('13/06/2026 07:30'), repeat: 'weekly' as const };
    expect(occurrences(b, at('13/06/2026 07:29'), zone)).toEqual([]);
    expect(occurrences(b, at('16/06/2026 12:00'), zone).map((o) => o.date)).toEqual(['2026-06-13']);
    expect(occurrences(b, at('20/06/2026 07:30'), zone).map((o) => o.date)).toEqual(['2026-06-13', '2026-06-20']);
    expect(occurrences({ ...b, repeat: 'daily' }, at('15/06/2026 07:30'), zone).map((o) => o.date)).toEqual(['2026-06-14', '2026-06-15']);
  });
});
