import { formatDay } from '../calendar/date-format.js';
import { formatLocal } from '../core/clock.js';
import type { Translate } from '../telegram/context.js';
import { escapeHtml } from '../core/html.js';
import { periodLine } from '../tasks/tasks.text.js';
import type { ListedUnit, PendingList, TaskProgressLine, UnitContact } from './status.service.js';
import { clip } from '../core/text.js';

// Numbers go to the texts as numbers: Fluent writes them with Intl.NumberFormat in the reader's
// language ("1.240" in Vietnamese, "1,240" in English).

function numberLine(t: Translate, task: TaskProgressLine): string | null {
  if (!task.numberLabel || task.reported === 0) return null;
  const label = task.numberLabel;
  if (task.againstHouseholds && task.households > 0) {
    const percent = Math.round((100 * task.numberTotal) / task.households);
    return t('st-number-households', { label, total: task.numberTotal, households: task.households, percent });
  }
  return t('st-number-total', { label, total: task.numberTotal });
}

/** The /status text: one block per task, overdue ones marked. */
export function statusLines(t: Translate, campaign: string, tasks: TaskProgressLine[], zone: string, now: Date): string[] {
  if (tasks.length === 0) return [t('st-no-tasks', { campaign })];
  const lines = [t('st-header', { campaign, at: formatLocal(now, zone) })];
  tasks.forEach((task, i) => {
    const head = { index: i + 1, title: task.title, due: formatDay(task.dueAt, zone, t) };
    lines.push('');
    lines.push(t(task.overdue ? 'st-task-overdue' : task.status === 'closed' ? 'st-task-closed' : 'st-task', head));
    lines.push(...periodLine(t, task, zone));
    lines.push(
      t('st-counts', { reported: task.reported, assigned: task.assigned, done: task.done, partial: task.partial, notDone: task.notDone, pending: task.pending }),
    );
    const numbers = numberLine(t, task);
    if (numbers) lines.push(numbers);
    if (task.flagged > 0) lines.push(t('st-flagged', { count: task.flagged }));
    if (task.takenDown !== undefined && task.endsAt && task.endsAt < now) lines.push(t('st-taken-down', { count: task.takenDown, assigned: task.assigned }));
  });
  return lines;
}

function contactHtml(t: Translate, c: UnitContact): string {
  const link = `<a href="tg://user?id=${c.telegramId}">${escapeHtml(c.name)}</a>`;
  return c.reachable ? link : t('pd-contact-blocked', { name: link });
}

function unitLine(t: Translate, u: ListedUnit, key: 'pd-unit' | 'pd-unit-returned' | 'pd-unit-not-done-note'): string {
  const contacts = u.contacts.length ? u.contacts.map((c) => contactHtml(t, c)).join(', ') : t('pd-no-contact');
  return t(key, { unit: escapeHtml(u.unitName), contacts, note: escapeHtml(clip(u.note ?? '', 120)) });
}

/**
 * The /pending text for one task, in parse_mode HTML: one line per unit (each line's tags
 * are closed on that line, so splitting between lines never breaks the markup).
 */
export function pendingLines(t: Translate, list: PendingList, zone: string, mode: 'one-task' | 'all-tasks'): string[] {
  const more = mode === 'one-task' ? 'pd-more' : 'pd-more-all';
  const title = escapeHtml(list.title);
  const due = formatDay(list.dueAt, zone, t);
  if (list.pendingCount === 0 && list.notDoneCount === 0) return [t('pd-none', { title, due }), ...takeDownLines(t, list, zone)];
  const lines = [t(list.pendingCount ? 'pd-header' : 'pd-header-all-reported', { title, due, count: list.pendingCount }), ...periodLine(t, list, zone)];
  for (const u of list.pending) lines.push(unitLine(t, u, u.returned ? 'pd-unit-returned' : 'pd-unit'));
  if (list.pendingCount > list.pending.length) lines.push(t(more, { count: list.pendingCount - list.pending.length }));
  if (list.notDoneCount > 0) {
    lines.push(t('pd-not-done-header', { count: list.notDoneCount }));
    for (const u of list.notDone) lines.push(unitLine(t, u, u.note ? 'pd-unit-not-done-note' : 'pd-unit'));
    if (list.notDoneCount > list.notDone.length) lines.push(t(more, { count: list.notDoneCount - list.notDone.length }));
  }
  return [...lines, ...takeDownLines(t, list, zone)];
}

/** "Đã hạ cờ, tháo băng rôn: 2 đơn vị" then "• Khối 1 — đã hạ cờ lúc 28/07/2026 07:10", for a task over a period. */
function takeDownLines(t: Translate, list: PendingList, zone: string): string[] {
  if (!list.takenDown) return [];
  const units = list.takenDown.map((d) => t('pd-taken-down-unit', { unit: escapeHtml(d.unitName), at: formatLocal(d.at, zone) }));
  return [t('pd-taken-down-header', { count: list.takenDown.length }), ...units];
}
