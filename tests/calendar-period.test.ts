import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { explainPeriodInput, formatFlagWindow, formatPeriod, parsePeriodInput, type PeriodInput } from '../src/calendar/period-input.js';
import { findWhen } from '../src/calendar/when-reader.js';
import { isWithinPeriod, periodReportDue, periodSchedule, takeDownAt, type PeriodTimes } from '../src/calendar/period.rules.js';
import { createI18n, translator } from '../src/telegram/i18n.js';

const zone = 'Asia/Ho_Chi_Minh';
const local = (s: string) => DateTime.fromFormat(s, 'dd/MM/yyyy HH:mm:ss', { zone }).toJSDate();
const fmt = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('dd/MM/yyyy HH:mm:ss');
const shown = (r: PeriodInput) => (r.ok ? [fmt(r.period.start), fmt(r.period.end)] : r.reason);

describe('parsePeriodInput', () => {
  const july = local('01/07/2026 09:00:00');
  it.each([
    ['từ 23/7 đến hết 27/7', july, ['23/07/2026 00:00:00', '27/07/2026 23:59:59']],
    ['Từ ngày 23/7/2026 đến hết ngày 27/7/2026', july, ['23/07/2026 00:00:00', '27/07/2026 23:59:59']],
    ['tu 23/7 den het 27/7', july, ['23/07/2026 00:00:00', '27/07/2026 23:59:59']],
    ['23/7 - 27/7', july, ['23/07/2026 00:00:00', '27/07/2026 23:59:59']],
    ['từ 23/7 đến 27/7 17:00', july, ['23/07/2026 00:00:00', '27/07/2026 17:00:00']],
    ['từ chiều ngày 18/01/2026 đến hết ngày 25/01/2026', local('10/01/2026 09:00:00'), ['18/01/2026 13:30:00', '25/01/2026 23:59:59']],
    ['từ sáng 23/7 đến hết 27/7', july, ['23/07/2026 07:00:00', '27/07/2026 23:59:59']],
    ['từ 28/12 đến hết 3/1', local('01/12/2026 09:00:00'), ['28/12/2026 00:00:00', '03/01/2027 23:59:59']],
    ['từ 23/7 đến hết 27/7', local('25/07/2026 09:00:00'), ['23/07/2026 00:00:00', '27/07/2026 23:59:59']],
    ['từ 28/12 đến hết 3/1', local('30/12/2026 09:00:00'), ['28/12/2026 00:00:00', '03/01/2027 23:59:59']],
    ['từ 28 tháng Chạp âm lịch đến hết mùng 3 Tết', local('01/12/2026 09:00:00'), ['04/02/2027 00:00:00', '08/02/2027 23:59:59']],
  ])('when "%s" is typed, then the period runs from %s to %s', (input, now, expected) => {
    expect(shown(parsePeriodInput(input, now, zone))).toEqual(expected);
  });

  it('when a period is lunar, then it carries the lunar dates of both ends', () => {
    const r = parsePeriodInput('từ 28 tháng Chạp âm lịch đến hết mùng 3 Tết', local('01/12/2026 09:00:00'), zone);
    expect(r.ok && [r.startLunar, r.endLunar]).toEqual([{ year: 2026, month: 12, day: 28, leap: false }, { year: 2027, month: 1, day: 3, leap: false }]);
  });

  it.each([
    ['treo cờ 23/7', 'format'],
    ['từ 27/7/2026 đến hết 23/7/2026', 'backwards'],
    ['từ 23/7/2025 đến hết 27/7/2025', 'over'],
    ['từ 23/7 đến hết 31/2', 'invalid-date'],
    ['từ mùng 10 tháng 3 đến hết 27/7', 'ambiguous'],
  ])('when "%s" is typed, then it is refused as %s', (input, reason) => {
    expect(shown(parsePeriodInput(input, local('01/07/2026 09:00:00'), zone))).toBe(reason);
  });
});

describe('showing periods', () => {
  const vi = translator(createI18n('vi'), 'vi');

  it('when a period is shown, then it reads like a notice', () => {
    expect(formatPeriod({ start: local('23/07/2026 00:00:00'), end: local('27/07/2026 23:59:59') }, zone, vi)).toBe('từ ngày 23/07/2026 đến hết ngày 27/07/2026');
    expect(formatPeriod({ start: local('18/01/2026 13:30:00'), end: local('25/01/2026 17:00:00') }, zone, vi)).toBe('từ 13:30 ngày 18/01/2026 đến 17:00 ngày 25/01/2026');
  });

  it('when the flag window of 27/7 is suggested, then the admin sees the dates of the real notice', () => {
    expect(formatFlagWindow('war-invalids', 2025, zone, vi)).toBe(
      'Gợi ý thời gian treo cờ dịp Ngày Thương binh – Liệt sĩ: từ ngày 23/07/2025 đến hết ngày 27/07/2025. Anh/chị kiểm tra lại theo văn bản hướng dẫn năm nay.',
    );
  });

  it('when a period is refused, then the reply explains it', () => {
    const r = parsePeriodInput('từ 23/7/2025 đến hết 27/7/2025', local('01/07/2026 09:00:00'), zone);
    if (r.ok) throw new Error('expected a refusal');
    expect(explainPeriodInput(r, zone, vi)).toBe('Khoảng thời gian này đã kết thúc (27/07/2025 23:59).');
  });
});

describe('periodSchedule', () => {
  const flags: PeriodTimes = { start: local('23/07/2026 00:00:00'), end: local('27/07/2026 23:59:59'), createdAt: local('10/07/2026 09:00:00') };
  const rows = (p: PeriodTimes) => periodSchedule(p, zone).map((r) => [r.kind, fmt(r.at), r.audience]);

  it('when flags go up from 23/7 to the end of 27/7, then eve, start, due and take-down fall at the right local times', () => {
    expect(rows(flags)).toEqual([
      ['period-eve', '22/07/2026 08:00:00', 'all'],
      ['period-start', '23/07/2026 07:00:00', 'pending'],
      ['period-due', '23/07/2026 17:00:00', 'staff'],
      ['period-take-down', '28/07/2026 07:00:00', 'all'],
    ]);
    expect(periodSchedule(flags, zone)[0]?.at.toISOString()).toBe('2026-07-22T01:00:00.000Z');
  });

  it('when the period starts in the afternoon, then the report is due at the start', () => {
    const p = { ...flags, start: local('18/01/2026 13:30:00'), end: local('25/01/2026 23:59:59'), createdAt: local('10/01/2026 09:00:00') };
    expect(rows(p)).toEqual([
      ['period-eve', '17/01/2026 08:00:00', 'all'],
      ['period-start', '18/01/2026 07:00:00', 'pending'],
      ['period-due', '18/01/2026 13:30:00', 'staff'],
      ['period-take-down', '26/01/2026 07:00:00', 'all'],
    ]);
  });

  it('when the admin sets the report time, then the report is due then', () => {
    const p = { ...flags, reportDueAt: local('22/07/2026 17:00:00') };
    expect(fmt(periodReportDue(p, zone))).toBe('22/07/2026 17:00:00');
    expect(rows(p).find((r) => r[0] === 'period-due')?.[1]).toBe('22/07/2026 17:00:00');
  });

  it('when the task is made the evening before, then there is no eve reminder', () => {
    expect(rows({ ...flags, createdAt: local('22/07/2026 20:00:00') }).map((r) => r[0])).toEqual(['period-start', 'period-due', 'period-take-down']);
  });

  it('when the task is made at 06:30 on the start day, then the start reminder would repeat the announcement and is left out', () => {
    expect(rows({ ...flags, createdAt: local('23/07/2026 06:30:00') }).map((r) => r[0])).toEqual(['period-due', 'period-take-down']);
  });

  it('when the period was changed, then reminders from before the change are left out', () => {
    expect(rows({ ...flags, updatedAt: local('23/07/2026 08:00:00') }).map((r) => r[0])).toEqual(['period-due', 'period-take-down']);
  });

  it.each([
    ['27/07/2026 23:59:59', '28/07/2026 07:00:00'],
    ['27/07/2026 17:00:00', '28/07/2026 07:00:00'],
    ['28/07/2026 05:00:00', '28/07/2026 07:00:00'],
    ['28/07/2026 07:00:00', '29/07/2026 07:00:00'],
  ])('when the period ends at %s, then the take-down reminder is at %s', (end, expected) => {
    expect(fmt(takeDownAt(local(end), zone))).toBe(expected);
  });

  it('when a moment is inside or outside the period, then isWithinPeriod says so', () => {
    expect(isWithinPeriod(local('27/07/2026 23:00:00'), flags)).toBe(true);
    expect(isWithinPeriod(local('28/07/2026 00:00:00'), flags)).toBe(false);
    expect(isWithinPeriod(local('22/07/2026 23:59:59'), flags)).toBe(false);
  });
});

describe('findWhen: periods as notices print them (issue 20)', () => {
  const april = local('20/04/2025 09:00:00');
  const august = local('15/08/2025 09:00:00');
  const read = (text: string, now: Date) => {
    const r = findWhen(text, { now, zone, allowPast: true });
    if (!r.found) return { unread: r.unread.map((u) => u.part) };
    const v = r.found.value;
    return [v.start ? fmt(v.start.toJSDate()) : null, fmt(v.end.toJSDate())];
  };

  describe('a list of days with a hyphenated month and no year', () => {
    it.each([
      ['Treo cờ Tổ quốc (25, 26-7)', ['25/07/2025 00:00:00', '26/07/2025 23:59:59']],
      ['treo cờ ngày 25, 26-7', ['25/07/2025 00:00:00', '26/07/2025 23:59:59']],
      ['treo cờ các ngày 29, 30-4 và 1-5', ['29/04/2025 00:00:00', '01/05/2025 23:59:59']],
      ['các ngày 29, 30-4 và 1-5-2025', ['29/04/2025 00:00:00', '01/05/2025 23:59:59']],
      ['các ngày 30, 31-12 và 1-1-2026', ['30/12/2025 00:00:00', '01/01/2026 23:59:59']],
      ['ngày 10 và 11-2, ngày 12-2', ['10/02/2026 00:00:00', '12/02/2026 23:59:59']],
    ])('when a notice says "%s", then the consecutive days are one period %s', (text, expected) => {
      expect(read(text, april)).toEqual(expected);
    });

    it('when the listed days do not follow each other ("ngày 25, 27-7"), then nothing is read and the words are named', () => {
      expect(read('treo cờ ngày 25, 27-7', april)).toEqual({ unread: ['ngày 25, 27-7'] });
    });

    it('when a list goes on past its month with a gap ("29, 30-4 và 2-5"), then it is refused, not cut at 30/4', () => {
      expect(read('các ngày 29, 30-4 và 2-5', april)).toEqual({ unread: ['các ngày 29, 30-4 và 2-5'] });
    });
  });

  describe('a list of full dates', () => {
    it('when dates listed with commas follow each other ("ngày 21/8, 22/8, 23/8"), then they are one period', () => {
      expect(read('ngày 21/8, 22/8, 23/8', august)).toEqual(['21/08/2025 00:00:00', '23/08/2025 23:59:59']);
    });

    it('when dates listed with commas do not follow each other ("các ngày 21/8, 24/8"), then nothing is read (never the first day alone)', () => {
      expect(read('Trước đó vào các ngày 21/8, 24/8', august)).toEqual({ unread: ['ngày 21/8, 24/8'] });
    });

    it('when a comma after a date leads into the sentence ("Ngày 21/8, UBND xã …"), then the date stands alone', () => {
      expect(read('Ngày 21/8, UBND xã tổ chức ra quân', august)).toEqual(['21/08/2025 00:00:00', '21/08/2025 23:59:59']);
    });
  });

  describe('a day count then a range', () => {
    it.each([
      ['Treo cờ trong 02 ngày: 23-24/8/2025', august, ['23/08/2025 00:00:00', '24/08/2025 23:59:59']],
      ['treo cờ trong 03 ngày (từ 28 đến 30/4/2025)', april, ['28/04/2025 00:00:00', '30/04/2025 23:59:59']],
      ['tổ chức trong 2 ngày 7 và 8 tháng 10 năm 2025', august, ['07/10/2025 00:00:00', '08/10/2025 23:59:59']],
      ['được nghỉ trong 3 ngày từ ngày 02.9 đến ngày 4.9', august, ['02/09/2025 00:00:00', '04/09/2025 23:59:59']],
      ['Treo cờ trong hai ngày 25 - 26/7', april, ['25/07/2025 00:00:00', '26/07/2025 23:59:59']],
    ])('when a notice says "%s", then the period is the range after the count', (text, now, expected) => {
      expect(read(text, now)).toEqual(expected);
    });

    it.each([
      ['Treo cờ trong 02 ngày: 23-25/8/2025', august, 'trong 02 ngày: 23-25/8/2025'],
      ['treo cờ trong 02 ngày (từ 28 đến 30/4/2025)', april, 'trong 02 ngày (từ 28 đến 30/4/2025)'],
      ['Treo cờ trong ba ngày 25 - 26/7', april, 'trong ba ngày 25 - 26/7'],
    ])('when the count of days does not match the range ("%s"), then nothing is read and the words are named', (text, now, part) => {
      expect(read(text, now)).toEqual({ unread: [part] });
    });
  });

  describe('minutes followed by an apostrophe', () => {
    it.each([
      ['Ra quân bắt đầu từ 7h30’ ngày 23/8/2025', ['23/08/2025 07:30:00', '23/08/2025 23:59:59']],
      ["Ra quân bắt đầu từ 7h30' ngày 23/8/2025", ['23/08/2025 07:30:00', '23/08/2025 23:59:59']],
      ['Tập trung lúc 7 giờ 30’ ngày 23/8/2025', ['23/08/2025 07:30:00', '23/08/2025 23:59:59']],
      ['Họp từ 14h00’ ngày 23/8/2025', ['23/08/2025 14:00:00', '23/08/2025 23:59:59']],
      ['Họp từ 14h00’ đến 17h00’ ngày 23/8/2025', ['23/08/2025 14:00:00', '23/08/2025 17:00:00']],
      ["Bắn pháo hoa 20h00' ngày 30/08/2025 (Thứ Bảy)", ['30/08/2025 20:00:00', '30/08/2025 23:59:59']],
    ])('when a notice says "%s", then the time is kept', (text, expected) => {
      expect(read(text, august)).toEqual(expected);
    });

    it('when only a time is written ("lúc 7 giờ 30’"), then no day is made up', () => {
      expect(read('Tập trung lúc 7 giờ 30’', august)).toEqual({ unread: ['lúc 7 giờ 30’'] });
    });
  });

  describe('a range with a dash sharing the month and year', () => {
    it.each([
      ['23-24/8/2025', august, ['23/08/2025 00:00:00', '24/08/2025 23:59:59']],
      ['Giải đấu 23-24/8, sân vận động xã', august, ['23/08/2025 00:00:00', '24/08/2025 23:59:59']],
      ['thi đấu 27 – 28.3', april, ['27/03/2026 00:00:00', '28/03/2026 23:59:59']],
      ['ngày 30/4-01/5/2025', april, ['30/04/2025 00:00:00', '01/05/2025 23:59:59']],
      ['ngày 30/4 - 01/5/2025', april, ['30/04/2025 00:00:00', '01/05/2025 23:59:59']],
    ])('when a notice says "%s", then both days are one period', (text, now, expected) => {
      expect(read(text, now)).toEqual(expected);
    });

    it('when a document number looks like two days ("Số 23-24/KH-UBND"), then no period is read', () => {
      expect(read('Kế hoạch số 23-24/KH-UBND', august)).not.toBeInstanceOf(Array);
    });

    it('when the second day is before the first ("24-23/8"), then it is refused', () => {
      expect(read('24-23/8/2025', august)).not.toBeInstanceOf(Array);
    });
  });
});
