import { DateTime } from 'luxon';
import { taskPeriodsIn } from '../../src/plans/notice-periods.js';
import { parsePlan } from '../../src/plans/plan-parser.js';
import type { PlanUnit } from '../../src/plans/plan-types.js';

/** Short made-up notices read by the plan reader, for the reading-rule tests (tests/plans.reading-*.test.ts). */

export const zone = 'Asia/Ho_Chi_Minh';
export const local = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('dd/MM/yyyy HH:mm');

/** The task periods a sentence gives, as local start and end. */
export const periods = (text: string, o: { year?: number; issued?: string; timeLine?: boolean } = {}) =>
  taskPeriodsIn(text, {
    zone,
    defaultYear: o.year ?? 2026,
    issued: o.issued ? DateTime.fromISO(o.issued, { zone }).toJSDate() : undefined,
    timeLine: o.timeLine ?? false,
  }).map((p) => [local(p.period.start), local(p.period.end)]);

export const units: PlanUnit[] = [
  { id: 1, name: 'Thôn Tân Phong', kind: 'block' },
  { id: 2, name: 'Thôn Chiềng Khạt', kind: 'block' },
  { id: 3, name: 'Trường Tiểu học', kind: 'school' },
  { id: 4, name: 'Đoàn Thanh niên', kind: 'organisation' },
];
export const read = (text: string, o: { year?: number; received?: string } = {}) =>
  parsePlan(text, { zone, units, defaultYear: o.year ?? 2026, ...(o.received ? { received: DateTime.fromISO(o.received, { zone }).toJSDate() } : {}) });
export const kindsOf = (ids: number[]) => [...new Set(ids.map((id) => units.find((u) => u.id === id)?.kind))].sort();
