import { formatDay, formatDayAt } from '../calendar/date-format.js';
import { escapeHtml } from '../core/html.js';
import type { Office } from '../core/office-settings.js';
import type { Translate } from '../core/translate.js';
import type { CommuneProgress, ProvinceSend, ProvinceStatus } from './province.service.js';

/** "xã Sơn Thủy" (a commune's kind and name as the province's lists show it). */
export function communeName(t: Translate, c: { name: string | null; kind: Office['kind'] }): string {
  const kind = t(`office-kind-${c.kind}`);
  return c.name ? t('pv-commune-name', { kind, name: c.name }) : kind;
}

const percent = (part: number, whole: number) => (whole > 0 ? Math.round((100 * part) / whole) : 0);

/** The task's lines: title, period, deadline (plain text, no markup), every date with its weekday. */
export function sendLines(t: Translate, send: ProvinceSend, zone: string): string[] {
  const period = send.startsAt && send.endsAt ? [t('pv-send-period', { from: formatDayAt(send.startsAt, zone, t), to: formatDayAt(send.endsAt, zone, t, false) })] : [];
  return [t('pv-send-title', { title: send.title }), ...period, t('pv-send-due', { due: formatDayAt(send.dueAt, zone, t) })];
}

/** One commune's line of the roll-up (HTML: names are escaped). */
export function communeLine(t: Translate, c: CommuneProgress): string {
  const name = escapeHtml(communeName(t, c));
  if (c.state === 'not-opened') return t('pv-line-not-opened', { name });
  if (c.state === 'opened') return t('pv-line-opened', { name });
  const key = c.reported === 0 ? 'pv-line-not-started' : 'pv-line-kept';
  return t(key, { name, reported: c.reported, assigned: c.assigned, percent: percent(c.reported, c.assigned), number: c.numberTotal, households: c.households });
}

/** The province's /status of one send: totals, then one line per commune listed. */
export function rollupLines(t: Translate, send: ProvinceSend, status: ProvinceStatus, zone: string): string[] {
  const { totals } = status;
  return [
    t('pv-status-header', { title: escapeHtml(send.title), due: formatDay(send.dueAt, zone, t) }),
    t('pv-status-totals', {
      kept: totals.kept,
      communes: totals.communes,
      started: totals.started,
      reported: totals.reported,
      assigned: totals.assigned,
      percent: percent(totals.reported, totals.assigned),
      number: totals.numberTotal,
      households: totals.households,
    }),
    ...status.communes.map((c) => communeLine(t, c)),
    ...(status.more > 0 ? [t('pv-more', { count: status.more })] : []),
  ];
}

/** The province's /pending of one send: the communes that have not opened it, not kept it, or still owe units. */
export function owingLines(t: Translate, send: ProvinceSend, status: ProvinceStatus, zone: string): string[] {
  if (status.totals.owing === 0) return [t('pv-pending-none', { title: escapeHtml(send.title) })];
  return [
    t('pv-pending-header', { title: escapeHtml(send.title), due: formatDay(send.dueAt, zone, t), count: status.totals.owing }),
    ...status.communes.map((c) => communeLine(t, c)),
    ...(status.more > 0 ? [t('pv-more', { count: status.more })] : []),
  ];
}
