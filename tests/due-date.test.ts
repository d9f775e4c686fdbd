import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parseDateInput } from '../src/calendar/date-input.js';

const zone = 'Asia/Ho_Chi_Minh';
const now = DateTime.fromObject({ year: 2026, month: 6, day: 1, hour: 9 }, { zone }).toJSDate();
const local = (r: ReturnType<typeof parseDateInput>) =>
  r.ok ? DateTime.fromJSDate(r.at, { zone }).toFormat('dd/MM/yyyy HH:mm') : r.reason;

describe('parseDateInput: deadlines typed as numbers', () => {
  it.each([
    ['14/6', '14/06/2026 17:00'],
    ['14/6/2026', '14/06/2026 17:00'],
    ['14/6 17:00', '14/06/2026 17:00'],
    ['17:00 14/06/2026', '14/06/2026 17:00'],
    ['14/06 7h30', '14/06/2026 07:30'],
    ['1/3', '01/03/2027 17:00'],
    ['ngày mai', '02/06/2026 17:00'],
    ['14-6-26', '14/06/2026 17:00'],
  ])('when "%s" is typed on 01/06/2026, then the deadline is %s local time', (input, expected) => {
    expect(local(parseDateInput(input, now, zone))).toBe(expected);
  });

  it.each([
    ['14/6 sớm', 'format'],
    ['31/2/2027', 'invalid-date'],
    ['14/6 25:00', 'invalid-date'],
    ['14/5/2026', 'past'],
    ['01/06/2026 08:00', 'past'],
  ])('when "%s" is typed, then it is refused as %s', (input, reason) => {
    expect(local(parseDateInput(input, now, zone))).toBe(reason);
  });

  it('when a local deadline is stored, then it is the right UTC instant', () => {
    const r = parseDateInput('14/6/2026 07:00', now, zone);
    expect(r.ok && r.at.toISOString()).toBe('2026-06-14T00:00:00.000Z');
  });
});

describe('parseCampaignPeriod', () => {
  it('when months are given, then the period runs from the first to the last day', async () => {
    const { parseCampaignPeriod } = await import('../src/tasks/campaign.rules.js');
    expect(parseCampaignPeriod('03/2023 - 06/2023')).toEqual({ startsOn: '2023-03-01', endsOn: '2023-06-30' });
    expect(parseCampaignPeriod('1/3/2026 – 15/6/2026')).toEqual({ startsOn: '2026-03-01', endsOn: '2026-06-15' });
  });

  it('when the text is unreadable or backwards, then it is refused', async () => {
    const { parseCampaignPeriod } = await import('../src/tasks/campaign.rules.js');
    expect(parseCampaignPeriod('tháng 3')).toBeNull();
    expect(parseCampaignPeriod('06/2023 - 03/2023')).toBeNull();
  });
});
