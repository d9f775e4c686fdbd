import { DateTime } from 'luxon';

/**
 * Reads a campaign period: "03/2026 - 06/2026" (whole months) or "01/03/2026 - 30/06/2026".
 * Returns ISO dates, or null when unreadable or the start is after the end.
 */
export function parseCampaignPeriod(input: string): { startsOn: string; endsOn: string } | null {
  const parts = input.split(/\s*(?:-|–|—|đến|to)\s*/i).filter(Boolean);
  if (parts.length !== 2) return null;
  const start = readDate(parts[0] ?? '', 'start');
  const end = readDate(parts[1] ?? '', 'end');
  if (!start || !end || start > end) return null;
  return { startsOn: start.toISODate() ?? '', endsOn: end.toISODate() ?? '' };
}

function readDate(text: string, edge: 'start' | 'end'): DateTime | null {
  const full = DateTime.fromFormat(text.trim(), 'd/M/yyyy');
  if (full.isValid) return full;
  const month = DateTime.fromFormat(text.trim(), 'M/yyyy');
  if (!month.isValid) return null;
  return edge === 'start' ? month.startOf('month') : month.endOf('month').startOf('day');
}
