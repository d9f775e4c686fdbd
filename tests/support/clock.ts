import { DateTime } from 'luxon';
import type { Clock } from '../../src/core/clock.js';

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
  setLocal(text: string, zone = 'Asia/Ho_Chi_Minh'): void {
    const dt = DateTime.fromFormat(text, 'dd/MM/yyyy HH:mm', { zone });
    if (!dt.isValid) throw new Error(`bad local time ${text}`);
    this.current = dt.toJSDate();
  }
  advance(ms: number): void {
    this.current = new Date(this.current.getTime() + ms);
  }
}
