import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { type ScheduledTask, taskSchedule } from '../src/reminders/period-schedule.rules.js';
import { needsTakeDown } from '../src/tasks/take-down.rules.js';

const zone = 'Asia/Ho_Chi_Minh';
const at = (s: string) => DateTime.fromFormat(s, 'dd/MM/yyyy HH:mm', { zone }).toJSDate();
const show = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('dd/MM HH:mm');

/** "Treo cờ từ 23/7 đến hết 27/7", made on 10/07 09:00. */
const flag = (over: Partial<ScheduledTask> = {}): ScheduledTask => ({
  createdAt: at('10/07/2026 09:00'),
  updatedAt: at('10/07/2026 09:00'),
  dueAt: at('23/07/2026 17:00'),
  eventAt: null,
  startsAt: at('23/07/2026 00:00'),
  endsAt: new Date(at('28/07/2026 00:00').getTime() - 1000),
  takeDown: true,
  ...over,
});
const lines = (task: ScheduledTask) => taskSchedule(task, zone).map((r) => `${r.kind} ${show(r.at)} ${r.audience}`);

describe('the reminders of a task over a period', () => {
  it('when the report is due at the start, then the eve and the start morning replace "due tomorrow" and "due today", and the take-down follows the end', () => {
    expect(lines(flag())).toEqual([
      'announce 10/07 09:00 pending',
      'due-3d 20/07 08:00 pending',
      'period-eve 22/07 08:00 all',
      'period-start 23/07 07:00 pending',
      'wrapup 23/07 17:00 staff',
      'overdue 24/07 08:00 pending',
      'period-take-down 28/07 07:00 all',
    ]);
  });

  it('when the admin set the report due two days before the start, then the deadline reminders stay (other days) beside the eve', () => {
    expect(lines(flag({ dueAt: at('21/07/2026 17:00') }))).toEqual([
      'announce 10/07 09:00 pending',
      'due-3d 18/07 08:00 pending',
      'due-1d 20/07 08:00 pending',
      'due-day 21/07 07:00 pending',
      'wrapup 21/07 17:00 staff',
      'overdue 22/07 08:00 pending',
      'period-eve 22/07 08:00 all',
      'period-start 23/07 07:00 pending',
      'period-take-down 28/07 07:00 all',
    ]);
  });

  it('when nothing goes up (a cleanup over a period), then there is no take-down reminder', () => {
    expect(lines(flag({ takeDown: false })).some((l) => l.startsWith('period-take-down'))).toBe(false);
  });

  it('when the period is already running at creation, then only what is still ahead is kept', () => {
    const running = flag({ createdAt: at('24/07/2026 10:00'), updatedAt: at('24/07/2026 10:00'), dueAt: at('25/07/2026 17:00') });
    expect(lines(running)).toEqual([
      'announce 24/07 10:00 pending',
      'due-day 25/07 07:00 pending',
      'wrapup 25/07 17:00 staff',
      'overdue 26/07 08:00 pending',
      'period-take-down 28/07 07:00 all',
    ]);
  });

  it('when a task has no period, then its schedule is the default one', () => {
    expect(lines(flag({ startsAt: null, endsAt: null }))).toEqual([
      'announce 10/07 09:00 pending',
      'due-3d 20/07 08:00 pending',
      'due-1d 22/07 08:00 pending',
      'due-day 23/07 07:00 pending',
      'wrapup 23/07 17:00 staff',
      'overdue 24/07 08:00 pending',
    ]);
  });
});

describe('which tasks are taken down after their period', () => {
  it.each([
    [{ template: 'flag', title: 'Ngày hội' }, true],
    [{ template: 'custom', title: 'Treo cờ, băng rôn chào mừng Đại hội' }, true],
    [{ template: null, title: 'Treo băng rôn khẩu hiệu' }, true],
    [{ template: 'cleanup', title: 'Tổng vệ sinh môi trường' }, false],
    [{ template: 'event', title: 'Hội diễn văn nghệ' }, false],
  ])('when the task is %j, then take-down is %s', (task, expected) => {
    expect(needsTakeDown(task)).toBe(expected);
  });
});
