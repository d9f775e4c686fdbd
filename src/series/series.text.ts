import { formatDay } from '../calendar/date-format.js';
import { formatLocal } from '../core/clock.js';
import type { Translate } from '../telegram/context.js';
import { formatRecurrence } from './recurrence-input.js';
import type { Series } from './series.service.js';
import { upcomingOccurrence } from './series.rules.js';

/** One round of a series as the admin's view lists it. */
export interface OccurrenceLine {
  dueAt: Date;
  status: string;
  assigned: number;
  reported: number;
}

function nextText(t: Translate, s: Series, now: Date, zone: string): string {
  if (s.status === 'paused') return t('series-next-paused');
  const next = upcomingOccurrence(s, now, zone);
  return next ? t('series-next', { due: formatDay(next.dueAt, zone, t), opens: formatLocal(next.opensAt, zone) }) : '';
}

/** The list: one line per series with its rule, rounds so far and what comes next. */
export function seriesListLines(t: Translate, series: Series[], now: Date, zone: string): string[] {
  if (series.length === 0) return [t('series-none')];
  return [
    t('series-list-header'),
    ...series.flatMap((s, i) => [
      t('series-line', { index: i + 1, title: s.title, rule: formatRecurrence(s.recurrence, t), count: s.occurrences }),
      nextText(t, s, now, zone),
    ]).filter(Boolean),
  ];
}

/** One series: title, campaign, rule, units, state, next round and the latest rounds with their progress. */
export function seriesDetailLines(t: Translate, s: Series, recent: OccurrenceLine[], now: Date, zone: string): string[] {
  const lines = [
    t('series-detail-title', { title: s.title }),
    t('series-detail-campaign', { campaign: s.campaignName }),
    t('series-detail-rule', { rule: formatRecurrence(s.recurrence, t), lead: s.leadDays }),
    t('series-detail-units', { count: s.units }),
    t(`series-state-${s.status}`),
  ];
  const next = nextText(t, s, now, zone);
  if (next) lines.push(next);
  if (recent.length) lines.push(t('series-detail-recent'));
  for (const o of recent) {
    lines.push(t('series-detail-round', { due: formatDay(o.dueAt, zone, t), reported: o.reported, assigned: o.assigned, state: o.status === 'open' ? '' : t('series-round-closed') }));
  }
  return lines;
}
