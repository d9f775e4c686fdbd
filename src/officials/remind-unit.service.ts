import { DateTime } from 'luxon';
import { recordAudit } from '../core/audit.js';
import { formatTaskDate } from '../calendar/date-format.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Outbox } from '../core/outbox-port.js';
import { clip } from '../core/text.js';
import type { Translate } from '../core/translate.js';
import { reportButtonData } from '../reports/reports.buttons.js';
import { listRecipients } from '../rework/rework.service.js';

const MAX_BUTTON_LABEL = 40;

export type RemindOutcome =
  | { ok: true; recipients: number }
  | { ok: false; reason: 'not-found' | 'closed' | 'reported' | 'nobody' | 'already-reminded' };

/**
 * "Nhắc lại": an official reminds one unit that has not reported a task (or was returned for
 * rework). Its members get a reminder with the unit's Báo cáo button, through the outbox; at most
 * once per unit, task and hour (a second press in the hour queues nothing). Audit-logged.
 */
export async function remindUnit(
  deps: { db: Db; clock: Clock; outbox: Outbox; zone: string; texts: (locale: string) => Translate; defaultLocale: string },
  input: { taskId: number; unitId: number; actorId: number },
): Promise<RemindOutcome> {
  const { db, clock } = deps;
  const row = await db
    .selectFrom('task_units as tu')
    .innerJoin('tasks as t', 't.id', 'tu.task_id')
    .innerJoin('units as u', 'u.id', 'tu.unit_id')
    .leftJoin('reports as r', (j) => j.onRef('r.task_id', '=', 'tu.task_id').onRef('r.unit_id', '=', 'tu.unit_id'))
    .select(['t.title', 't.status as taskStatus', 't.due_at as dueAt', 't.lunar_dates as lunarDates', 'u.name as unitName', 'r.id as reportId', 'r.returned_at as returnedAt'])
    .where('tu.task_id', '=', input.taskId)
    .where('tu.unit_id', '=', input.unitId)
    .executeTakeFirst();
  if (!row || row.taskStatus === 'cancelled') return { ok: false, reason: 'not-found' };
  if (row.taskStatus !== 'open') return { ok: false, reason: 'closed' };
  if (row.reportId !== null && row.returnedAt === null) return { ok: false, reason: 'reported' };
  const members = (await listRecipients(db, input.unitId)).filter((m) => m.status === 'active');
  if (members.length === 0) return { ok: false, reason: 'nobody' };
  const now = clock.now();
  const hour = DateTime.fromJSDate(now, { zone: deps.zone }).toFormat("yyyy-MM-dd'T'HH");
  const source = `remind:${input.taskId}:${input.unitId}:${hour}`;
  const queued = await deps.outbox.queue(
    members.map((m) => {
      const t = deps.texts(m.locale ?? deps.defaultLocale);
      const text = t('of-remind-text', { unit: row.unitName, title: row.title, due: formatTaskDate(row.dueAt, deps.zone, t, row.lunarDates) });
      const button = { text: t('rm-report-button', { unit: clip(row.unitName, MAX_BUTTON_LABEL) }), data: reportButtonData(input.taskId, input.unitId) };
      return { source, kind: 'reminder' as const, taskId: input.taskId, unitId: input.unitId, chatId: m.chatId, memberId: m.memberId, payload: { text, buttons: [[button]] }, notBefore: now, expiresAt: null };
    }),
  );
  if (queued === 0) return { ok: false, reason: 'already-reminded' };
  await recordAudit(db, { actorId: input.actorId, action: 'unit.reminded', subject: `task:${input.taskId}/unit:${input.unitId}`, details: { recipients: queued }, at: now });
  return { ok: true, recipients: queued };
}
