import type { Translate } from '../core/translate.js';
import type { KeepResult } from './province.service.js';
import { formatDayAt } from '../calendar/date-format.js';

/** What the commune's admin is told after keeping (or failing to keep) the province's task. */
export function keptReply(t: Translate, result: KeepResult, zone: string): string {
  if (!result.ok) return t(`pk-${result.reason}`, { due: result.provinceDueAt ? formatDayAt(result.provinceDueAt, zone, t) : '' });
  if (result.already) return t('pk-already-kept');
  return t('pk-kept', { title: result.title, count: result.units, due: formatDayAt(result.dueAt, zone, t) });
}
