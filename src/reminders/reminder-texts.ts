import { formatLocal } from '../core/clock.js';
import type { DeliveryPayload } from '../core/schema.js';
import type { Outgoing } from '../outbox/outbox.js';
import { reportButtonData } from '../reports/reports.buttons.js';
import type { Translate } from '../telegram/context.js';
import { MAX_TEXT } from '../telegram/split.js';
import type { OpenTask, PendingRecipient, TaskProgressSummary } from './reminders.queries.js';
import { BEFORE_EVENT, type ReminderKind } from './reminder.rules.js';
import { DateTime } from 'luxon';
import { clip } from '../core/text.js';
import { formatDay, formatTaskDate, formatTaskPeriod, withLunarDate } from '../calendar/date-format.js';

const MAX_BUTTON_LABEL = 40;

/**
 * What one leader gets for one reminder: the text, and one "Báo cáo" button per unit of theirs
 * that has not reported (a member may lead several).
 */
export function reminderPayload(t: Translate, kind: ReminderKind, task: OpenTask & { startsAt?: Date | null; endsAt?: Date | null }, units: PendingRecipient[], zone: string, now: Date): DeliveryPayload {
  const when = (at: Date) => formatTaskDate(at, zone, t, task.lunarDates);
  const vars = {
    title: task.title,
    campaign: task.campaignName,
    due: when(task.dueAt),
    // Event reminders already say "ngày mai" / "hôm nay" / "còn 1 giờ": the time reads better without a weekday.
    event: task.eventAt ? (task.lunarDates ? withLunarDate(task.eventAt, zone, t) : formatLocal(task.eventAt, zone)) : '',
    units: units.map((u) => u.unitName).join(', '),
  };
  // Sent late (after downtime) on the event's own day, the evening-before reminder says "today".
  const late = kind === 'event-eve' && task.eventAt && sameLocalDay(now, task.eventAt, zone);
  const lines = [t(late ? 'rm-event-eve-today' : `rm-${kind}`, vars)];
  if (BEFORE_EVENT.includes(kind)) return { text: clip(lines.join('\n'), MAX_TEXT) };
  if (kind === 'announce') {
    if (task.description) lines.push(t('rm-announce-description', { description: task.description }));
    if (task.startsAt && task.endsAt) lines.push(t('rm-announce-period', { period: formatTaskPeriod({ start: task.startsAt, end: task.endsAt }, zone, t, task.lunarDates) }));
    if (task.eventAt) lines.push(t('rm-announce-event', vars));
    lines.push(t('rm-announce-units', vars));
  }
  lines.push(t('rm-press-button'));
  return {
    text: clip(lines.join('\n'), MAX_TEXT),
    buttons: units.map((u) => [{ text: t('rm-report-button', { unit: clip(u.unitName, MAX_BUTTON_LABEL) }), data: reportButtonData(task.id, u.unitId) }]),
  };
}

/** One message per member, whatever number of their units are pending. */
export function groupByMember(rows: PendingRecipient[]): { member: PendingRecipient; units: PendingRecipient[] }[] {
  const byMember = new Map<number, { member: PendingRecipient; units: PendingRecipient[] }>();
  for (const row of rows) {
    const group = byMember.get(row.memberId);
    if (group) group.units.push(row);
    else byMember.set(row.memberId, { member: row, units: [row] });
  }
  return [...byMember.values()];
}

/** "12/15 đơn vị đã báo cáo · Chưa báo cáo: Khối 3, Khối 7, …" cut to fit one message. */
export function wrapupText(t: Translate, task: OpenTask, p: TaskProgressSummary, zone: string): string {
  const head = { title: task.title, reported: p.reported, assigned: p.assigned, due: formatDay(task.dueAt, zone, t) };
  if (p.pendingUnits.length === 0) return t('rm-wrapup-all', head);
  return t('rm-wrapup', { ...head, units: namesThatFit(t, p.pendingUnits, MAX_TEXT - 400) });
}

export function namesThatFit(t: Translate, names: string[], budget: number): string {
  let text = '';
  for (const [i, name] of names.entries()) {
    const next = text ? `${text}, ${name}` : name;
    if (next.length > budget) return `${text} ${t('rm-more', { count: names.length - i })}`;
    text = next;
  }
  return text;
}

export function staffMessages(recipients: { memberId: number; chatId: number; locale: string }[], render: (locale: string) => string): Outgoing[] {
  const cache = new Map<string, string>();
  return recipients.map((r) => {
    const text = cache.get(r.locale) ?? render(r.locale);
    cache.set(r.locale, text);
    return { chatId: r.chatId, memberId: r.memberId, payload: { text } };
  });
}

function sameLocalDay(a: Date, b: Date, zone: string): boolean {
  return DateTime.fromJSDate(a, { zone }).hasSame(DateTime.fromJSDate(b, { zone }), 'day');
}
