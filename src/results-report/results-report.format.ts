import { DateTime } from 'luxon';
import { foldVietnamese } from '../core/fold.js';
import type { ResultsReportData } from './results-report.data.js';

// Administrative documents write numbers the Vietnamese way whatever the reader's language: 1.200; 87,5%.
const COUNT = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 0 });
const PERCENT = new Intl.NumberFormat('vi-VN', { style: 'percent', maximumFractionDigits: 1 });

export function formatCount(value: number): string {
  return COUNT.format(value);
}

/** "87,5%", or null when there is nothing to divide by. */
export function formatPercent(part: number, whole: number): string | null {
  return whole > 0 ? PERCENT.format(part / whole) : null;
}

export function formatDate(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('dd/MM/yyyy');
}

export function formatDateTime(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat('dd/MM/yyyy HH:mm');
}

/** "2023-03-01" (a date column) → "01/03/2023". */
export function formatIsoDate(iso: string): string {
  return DateTime.fromISO(iso).toFormat('dd/MM/yyyy');
}

/** The date line's parts. Decree 30 pads days below 10 and the months 1 and 2 with a zero: "ngày 05 tháng 02", "tháng 3". */
export function documentDateParts(at: Date, zone: string): { day: string; month: string; year: string } {
  const d = DateTime.fromJSDate(at, { zone });
  return { day: String(d.day).padStart(2, '0'), month: d.month < 3 ? `0${d.month}` : String(d.month), year: String(d.year) };
}

/** Lower-cases the first letter for use mid-sentence, unless the first word is an acronym ("UBND"). */
export function lowerFirst(text: string): string {
  const first = text.trim().split(/\s+/)[0] ?? '';
  if (first.length > 1 && first === first.toLocaleUpperCase('vi')) return text.trim();
  return text.trim().replace(/^./u, (c) => c.toLocaleLowerCase('vi'));
}

/** True when a campaign title already reads as an activity ("Tổ chức các hoạt động …"), so the subject line needs no prefix. */
export function titleIsActivities(title: string): boolean {
  return foldVietnamese(title).startsWith('to chuc');
}

/** "PHÓ CHỦ TỊCH" signs on behalf of the head ("KT. CHỦ TỊCH" above it); any other title signs alone. */
export function onBehalfOf(signerTitle: string): string | null {
  const title = signerTitle.trim();
  if (!foldVietnamese(title).startsWith('pho ')) return null;
  return title.replace(/^\S+\s+/u, '');
}

/** Drops characters XML 1.0 forbids (Word refuses the file otherwise); the docx library escapes the rest. */
export function xmlSafe(text: string): string {
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '');
}

export interface OverallFigures {
  tasks: number;
  /** Distinct units given at least one task. */
  units: number;
  /** Units with a standing report for every task they were given. */
  complete: number;
  /** Units with no standing report at all. */
  silent: number;
  /** Units owing at least one report, with the tasks they owe, in unit order. */
  missing: { unitName: string; tasks: string[] }[];
}

/**
 * Figures across the whole campaign, for the overall assessment. Only what adds up across
 * activities is counted: units, not households (a household counted under flags and again under
 * cleanup is one household, and a sum across activities would say otherwise).
 */
export function overallFigures(data: ResultsReportData): OverallFigures {
  const given = new Map<number, number>();
  const missing = new Map<number, { unitName: string; tasks: string[] }>();
  for (const task of data.tasks) {
    for (const row of task.rows) given.set(row.unitId, (given.get(row.unitId) ?? 0) + 1);
    for (const m of task.missing) {
      const entry = missing.get(m.unitId) ?? { unitName: m.unitName, tasks: [] };
      entry.tasks.push(task.title);
      missing.set(m.unitId, entry);
    }
  }
  const silent = [...missing.entries()].filter(([id, m]) => m.tasks.length === given.get(id)).length;
  return {
    tasks: data.tasks.length,
    units: given.size,
    complete: given.size - missing.size,
    silent,
    missing: [...missing.entries()].sort((a, b) => a[0] - b[0]).map(([, v]) => v),
  };
}
