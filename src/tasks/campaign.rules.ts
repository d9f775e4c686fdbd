import { readWhen } from '../calendar/when-reader.js';

/**
 * Reads a campaign period through the one date reader: "03/2026 - 06/2026" (whole months),
 * "01/03/2026 - 30/06/2026", "từ tháng 3 đến hết tháng 6 năm 2026". Years must be written.
 * Returns ISO dates, or null when unreadable or the start is after the end.
 */
export function parseCampaignPeriod(input: string): { startsOn: string; endsOn: string } | null {
  const r = readWhen(input, { now: new Date(0), zone: 'UTC', allowPast: true, yearRequired: true });
  if (!r.ok || r.value.shape !== 'range' || !r.value.start) return null;
  return { startsOn: r.value.start.toISODate() ?? '', endsOn: r.value.end.toISODate() ?? '' };
}
