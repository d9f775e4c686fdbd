import { DateTime } from 'luxon';

/** Where code reads the time from, so tests move time instead of sleeping. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Formats an instant for people: dd/MM/yyyy HH:mm in the configured zone. */
export function formatLocal(at: Date, zone: string, format = 'dd/MM/yyyy HH:mm'): string {
  return DateTime.fromJSDate(at, { zone }).toFormat(format);
}
