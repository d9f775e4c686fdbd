import { formatDay } from '../calendar/date-format.js';
import { DateTime } from 'luxon';
import { listStaffRecipients, localeOf } from '../outbox/recipients.queries.js';
import type { DueItem, Producer } from '../outbox/outbox.js';
import type { Translate } from '../telegram/context.js';
import { MAX_TEXT } from '../telegram/split.js';
import { listTasksWithProgress, type TaskProgress } from '../tasks/tasks.service.js';
import { staffMessages } from './reminder-texts.js';
import type { ReminderDeps } from './reminders.service.js';
import { clip } from '../core/text.js';

/**
 * The daily digest to officials and admins at `hour` local, on days with open tasks. Not on the
 * days `paused` says (mùng 1–3 Tết): a digest held until after Tết would show stale figures, and
 * the next day's digest says the same, up to date.
 */
export function digestProducer(deps: ReminderDeps & { hour: number; paused?: (at: Date) => Promise<boolean> }): Producer {
  return {
    async due(now) {
      const today = DateTime.fromJSDate(now, { zone: deps.zone }).set({ hour: deps.hour, minute: 0, second: 0, millisecond: 0 });
      // Only today's: after downtime it still goes out the same evening (within the grace window),
      // but yesterday's figures the next morning would only confuse.
      const days = [today].filter((d) => d.toMillis() <= now.getTime());
      if (days.length === 0) return [];
      if (deps.paused && (await deps.paused(today.toJSDate()))) return [];
      const tasks = (await listTasksWithProgress(deps.db)).filter((t) => t.createdAt.getTime() <= today.toMillis());
      if (tasks.length === 0) return [];
      return days.map((day): DueItem => {
        const date = day.toFormat('yyyy-MM-dd');
        const label = day.toFormat('dd/MM/yyyy');
        return {
          key: `digest:${date}`,
          origin: { kind: 'digest' },
          dueAt: day.toJSDate(),
          expiresAt: null,
          // The progress read just before, in due(): inside the run's transaction only trx may be used.
          build: async (trx, at) => {
            const staff = await listStaffRecipients(trx, ['official', 'admin']);
            const recipients = staff.map((s) => ({ ...s, locale: localeOf(s.locale, deps.defaultLocale) }));
            return staffMessages(recipients, (locale) => digestText(deps.texts(locale), label, tasks, at, deps.zone));
          },
          describe: (t) => t('rm-skipped-digest', { date: label }),
        };
      });
    },
  };
}

/** Open tasks grouped by campaign: "• Treo cờ — 12/15 đã báo cáo · hạn 14/06/2026 17:00". */
export function digestText(t: Translate, date: string, tasks: TaskProgress[], now: Date, zone: string): string {
  const lines = [t('rm-digest-header', { date })];
  let campaign = '';
  for (const task of [...tasks].sort((a, b) => a.campaignName.localeCompare(b.campaignName) || a.dueAt.getTime() - b.dueAt.getTime())) {
    if (task.campaignName !== campaign) {
      campaign = task.campaignName;
      lines.push('', t('rm-digest-campaign', { name: campaign }));
    }
    const overdue = task.dueAt.getTime() < now.getTime() && task.reported < task.assigned ? t('rm-digest-overdue') : '';
    lines.push(t('rm-digest-line', { title: task.title, reported: task.reported, assigned: task.assigned, due: formatDay(task.dueAt, zone, t), overdue }));
  }
  const text = lines.join('\n');
  return clip(text, MAX_TEXT);
}
