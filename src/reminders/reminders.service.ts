import type { Transaction } from 'kysely';
import { formatLocal } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Database } from '../core/schema.js';
import { listStaffRecipients, localeOf } from '../outbox/recipients.queries.js';
import type { DueItem, Outgoing, Producer, Texts } from '../outbox/outbox.js';
import { groupByMember, reminderPayload, staffMessages, wrapupText } from './reminder-texts.js';
import { type ReminderInstant, reminderKey } from './reminder.rules.js';
import { cancelSupersededReminders, listDisabledKinds, listOpenTasks, listPendingRecipients, type OpenTask, taskProgressSummary } from './reminders.queries.js';
import type { OpenPeriodTask } from '../tasks/tasks.queries.js';
import { buildPeriodReminder, isPeriodKind, scheduleOf } from './period-reminders.js';

export interface ReminderDeps {
  db: Db;
  zone: string;
  defaultLocale: string;
  texts: Texts;
}

/** Task reminders, announcements and deadline wrap-ups as the scheduler's due items. */
export function reminderProducer(deps: ReminderDeps): Producer {
  return {
    async due(now) {
      const tasks = await listOpenTasks(deps.db);
      const disabled = await listDisabledKinds(deps.db, tasks.map((t) => t.id));
      const items: DueItem[] = [];
      for (const task of tasks) {
        for (const r of scheduleOf(task, deps.zone)) {
          // Every past instant of an open task, however old: the scheduler skips those already
          // recorded, and one missed during a long outage must still reach the admins' notice.
          const due = r.at.getTime() <= now.getTime();
          if (due && !disabled.has(`${task.id}:${r.kind}`)) items.push(reminderItem(deps, task, r));
        }
      }
      return items;
    },
  };
}

function reminderItem(deps: ReminderDeps, task: OpenPeriodTask, r: ReminderInstant): DueItem {
  const { startsAt, endsAt } = task;
  const period = startsAt && endsAt && isPeriodKind(r.kind) ? { ...task, startsAt, endsAt, kind: r.kind } : null;
  return {
    key: reminderKey(task.id, r),
    origin: { kind: r.kind === 'wrapup' ? 'wrapup' : 'reminder', taskId: task.id },
    dueAt: r.at,
    expiresAt: r.expiresAt,
    build: (trx, now) => {
      if (r.audience === 'staff') return buildWrapup(deps, trx, task);
      return period ? buildPeriodReminder(deps, trx, period, period.kind) : buildReminder(deps, trx, task, r, now);
    },
    describe: (t) => t('rm-skipped-line', { title: task.title, kind: t(`rm-kind-${r.kind}`), at: formatLocal(r.at, deps.zone) }),
  };
}

/** The deadline reminders, in order: a later one makes an earlier one still waiting untrue. */
const DEADLINE_KINDS: readonly string[] = ['due-3d', 'due-1d', 'due-day', 'overdue'];

async function buildReminder(deps: ReminderDeps, trx: Transaction<Database>, task: OpenPeriodTask, r: ReminderInstant, now: Date): Promise<Outgoing[]> {
  if (DEADLINE_KINDS.includes(r.kind)) {
    const earlier = scheduleOf(task, deps.zone).filter((x) => DEADLINE_KINDS.includes(x.kind) && x.at < r.at);
    await cancelSupersededReminders(trx, task.id, earlier.map((x) => reminderKey(task.id, x)));
  }
  const pending = await listPendingRecipients(trx, task.id);
  return groupByMember(pending).map(({ member, units }) => {
    const t = deps.texts(localeOf(member.locale, deps.defaultLocale));
    return { chatId: member.chatId, memberId: member.memberId, payload: reminderPayload(t, r.kind, task, units, deps.zone, now) };
  });
}

async function buildWrapup(deps: ReminderDeps, trx: Transaction<Database>, task: OpenTask): Promise<Outgoing[]> {
  const progress = await taskProgressSummary(trx, task.id);
  const staff = await listStaffRecipients(trx, ['official', 'admin']);
  const recipients = staff.map((s) => ({ ...s, locale: localeOf(s.locale, deps.defaultLocale) }));
  return staffMessages(recipients, (locale) => wrapupText(deps.texts(locale), task, progress, deps.zone));
}

