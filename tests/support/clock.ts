import { DateTime } from 'luxon';
import type { Clock } from '../../src/core/clock.js';

const ZONE = 'Asia/Ho_Chi_Minh';
const FORMAT = 'dd/MM/yyyy HH:mm';

/** '23/07/2026 17:00' in Asia/Ho_Chi_Minh as an instant (throws on a malformed text). */
export function local(text: string): Date {
  const dt = DateTime.fromFormat(text, FORMAT, { zone: ZONE });
  if (!dt.isValid) throw new Error(`bad local time ${text}`);
  return dt.toJSDate();
}

/** A Telegram date (unix seconds) as people there read it: '23/07/2026 17:00'. */
export const localOf = (unixSeconds: number): string => DateTime.fromSeconds(unixSeconds, { zone: ZONE }).toFormat(FORMAT);

/** A clock tests move by hand. `at('14/06/2026 08:00')` reads local Asia/Ho_Chi_Minh time. */
export class ManualClock implements Clock {
  private current: Date;
  constructor(start: Date | string = '2026-06-01T01:00:00Z') {
    this.current = typeof start === 'string' ? new Date(start) : start;
  }
  now(): Date {
    return new Date(this.current);
  }
  set(at: Date): void {
    this.current = new Date(at);
  }
  setLocal(text: string): void {
    this.current = local(text);
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
