import { formatTaskDate, formatTaskPeriod } from '../calendar/date-format.js';
import type { DeliveryPayload } from '../core/schema.js';
import { clip } from '../core/text.js';
import { reportButtonData } from '../reports/reports.buttons.js';
import { takeDownButton } from '../tasks/take-down.buttons.js';
import type { Translate } from '../telegram/context.js';
import { MAX_TEXT } from '../telegram/split.js';
import type { UnitRecipient } from './period-recipients.queries.js';

const MAX_BUTTON_LABEL = 40;

/** The period of a task that has one. */
export interface TaskPeriodTimes {
  startsAt: Date;
  endsAt: Date;
}

export type PeriodKind = 'period-eve' | 'period-start' | 'period-take-down';

/**
 * What one leader gets for a period reminder. The eve ("mai bắt đầu") and the start morning carry
 * a *Báo cáo* button per unit still owing its report; the take-down after the end ("đề nghị hạ
 * cờ, tháo băng rôn") a *Đã hạ cờ* button per unit that has not confirmed it.
 */
export function periodPayload(
  t: Translate,
  kind: PeriodKind,
  task: { id: number; title: string; dueAt: Date; lunarDates?: boolean } & TaskPeriodTimes,
  units: Pick<UnitRecipient, 'unitId' | 'unitName' | 'pending'>[],
  zone: string,
): DeliveryPayload {
  const vars = {
    title: task.title,
    period: formatTaskPeriod({ start: task.startsAt, end: task.endsAt }, zone, t, task.lunarDates),
    due: formatTaskDate(task.dueAt, zone, t, task.lunarDates),
    units: units.map((u) => u.unitName).join(', '),
  };
  const label = (u: { unitName: string }) => clip(u.unitName, MAX_BUTTON_LABEL);
  if (kind === 'period-take-down') {
    return {
      text: clip([t('rm-period-take-down', vars), t('rm-take-down-press')].join('\n'), MAX_TEXT),
      buttons: units.map((u) => [{ text: t('rm-take-down-button', { unit: label(u) }), data: takeDownButton.pack(task.id, u.unitId) }]),
    };
  }
  const pending = units.filter((u) => u.pending);
  const lines = [t(`rm-${kind}`, vars), ...(pending.length ? [t('rm-press-button')] : [])];
  return {
    text: clip(lines.join('\n'), MAX_TEXT),
    buttons: pending.map((u) => [{ text: t('rm-report-button', { unit: label(u) }), data: reportButtonData(task.id, u.unitId) }]),
  };
}
