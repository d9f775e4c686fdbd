import type { Transaction } from 'kysely';
import type { Database } from '../core/schema.js';
import { localeOf } from '../outbox/recipients.queries.js';
import type { Outgoing, Texts } from '../outbox/outbox.js';
import type { OpenPeriodTask } from '../tasks/tasks.queries.js';
import { needsTakeDown } from '../tasks/take-down.rules.js';
import { listUnitRecipients, type UnitRecipient } from './period-recipients.queries.js';
import { taskSchedule } from './period-schedule.rules.js';
import { type PeriodKind, periodPayload } from './period-texts.js';
import type { ReminderInstant, ReminderKind } from './reminder.rules.js';

/** Every reminder of an open task, its period ones included (see taskSchedule). */
export function scheduleOf(task: OpenPeriodTask, zone: string): ReminderInstant[] {
  return taskSchedule({ ...task, takeDown: needsTakeDown(task) }, zone);
}

export function isPeriodKind(kind: ReminderKind): kind is PeriodKind {
  return kind === 'period-eve' || kind === 'period-start' || kind === 'period-take-down';
}

function byMember(rows: UnitRecipient[]): { member: UnitRecipient; units: UnitRecipient[] }[] {
  const groups = new Map<number, { member: UnitRecipient; units: UnitRecipient[] }>();
  for (const row of rows) {
    const group = groups.get(row.memberId);
    if (group) group.units.push(row);
    else groups.set(row.memberId, { member: row, units: [row] });
  }
  return [...groups.values()];
}

/**
 * Who gets a period reminder and what: the eve goes to every unit given the task, the start
 * morning only to units still owing their report, the take-down to units that have not confirmed
 * it. One message per member, whatever number of their units.
 */
export async function buildPeriodReminder(
  deps: { zone: string; defaultLocale: string; texts: Texts },
  trx: Transaction<Database>,
  task: OpenPeriodTask & { startsAt: Date; endsAt: Date },
  kind: PeriodKind,
): Promise<Outgoing[]> {
  const rows = await listUnitRecipients(trx, task.id, { notTakenDown: kind === 'period-take-down' });
  const recipients = kind === 'period-start' ? rows.filter((r) => r.pending) : rows;
  return byMember(recipients).map(({ member, units }) => {
    const t = deps.texts(localeOf(member.locale, deps.defaultLocale));
    return { chatId: member.chatId, memberId: member.memberId, payload: periodPayload(t, kind, task, units, deps.zone) };
  });
}
