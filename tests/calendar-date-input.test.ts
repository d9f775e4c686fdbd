import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { explainDateInput, formatResolved } from '../src/calendar/date-format.js';
import { parseDateInput, type DateInput } from '../src/calendar/date-input.js';
import { createI18n, translator } from '../src/telegram/i18n.js';
import { local } from './support/clock.js';

const zone = 'Asia/Ho_Chi_Minh';
/** Saturday 10/01/2026 09:00: lunar 22 tháng 11 năm 2025, before Tết 2026 (17/02). */
const now = local('10/01/2026 09:00');
const show = (r: DateInput) => (r.ok ? DateTime.fromJSDate(r.at, { zone }).toFormat('dd/MM/yyyy HH:mm') : r.reason);

describe('parseDateInput: what people type', () => {
  it.each([
    ['mùng 10 tháng 3 âm lịch', '26/04/2026 17:00'],
    ['mung 10 thang 3 am lich', '26/04/2026 17:00'],
    ['10/3 âm lịch', '26/04/2026 17:00'],
    ['10/3 AL 08:00', '26/04/2026 08:00'],
    ['10/3/2027 âm lịch', '16/04/2027 17:00'],
    ['rằm tháng Giêng', '03/03/2026 17:00'],
    ['rằm tháng Giêng 19:00', '03/03/2026 19:00'],
    ['Ram thang gieng 19h00', '03/03/2026 19:00'],
    ['mùng 2 Tết 08:00', '18/02/2026 08:00'],
    ['Tết', '17/02/2026 17:00'],
    ['mùng 10 tháng 3 nhuận năm 2031 âm lịch', '30/04/2031 17:00'],
    ['3 ngày trước 2/9', '30/08/2026 17:00'],
    ['3 ngay truoc 2/9 lúc 07:30', '30/08/2026 07:30'],
    ['trước Tết 5 ngày', '12/02/2026 17:00'],
    ['2 ngày sau Quốc khánh', '04/09/2026 17:00'],
    ['thứ Hai tuần sau', '12/01/2026 17:00'],
    ['thu hai tuan sau', '12/01/2026 17:00'],
    ['T2 tuần sau 7h30', '12/01/2026 07:30'],
    ['thứ Sáu', '16/01/2026 17:00'],
    ['cuối tháng', '31/01/2026 17:00'],
    ['cuối tháng sau', '28/02/2026 17:00'],
    ['Chủ nhật cuối tháng', '25/01/2026 17:00'],
    ['Chủ nhật cuối tháng 6', '28/06/2026 17:00'],
    ['chu nhat cuoi thang 6 08:00', '28/06/2026 08:00'],
    ['ngày 10 tháng 3', '10/03/2026 17:00'],
    ['ngày mai', '11/01/2026 17:00'],
    ['Quốc khánh', '02/09/2026 17:00'],
    ['14/6', '14/06/2026 17:00'],
    ['17:00 14/06/2026', '14/06/2026 17:00'],
  ])('when "%s" is typed on Saturday 10/01/2026, then it means %s local time', (input, expected) => {
    expect(show(parseDateInput(input, now, zone))).toBe(expected);
  });

  it('when a lunar date is typed, then the result carries the lunar date for the preview', () => {
    const r = parseDateInput('rằm tháng Giêng 19:00', now, zone);
    expect(r.ok && r.lunar).toEqual({ year: 2026, month: 1, day: 15, leap: false });
    expect(r.ok && r.hadTime).toBe(true);
    const solar = parseDateInput('thứ Hai tuần sau', now, zone);
    expect(solar.ok && solar.lunar).toBeUndefined();
    expect(solar.ok && solar.hadTime).toBe(false);
  });

  it('when a date is resolved, then it is the right UTC instant', () => {
    const r = parseDateInput('rằm tháng Giêng 19:00', now, zone);
    expect(r.ok && r.at.toISOString()).toBe('2026-03-03T12:00:00.000Z');
  });

  it('when a lunar date of this year has passed, then it is next year\'s', () => {
    const after = local('01/05/2026 09:00');
    expect(show(parseDateInput('10/3 âm lịch', after, zone))).toBe('16/04/2027 17:00');
    expect(show(parseDateInput('rằm tháng Giêng', after, zone))).toBe('20/02/2027 17:00');
  });

  it('when the day is today and the time is still ahead, then it is today', () => {
    expect(show(parseDateInput('thứ Bảy 19:00', now, zone))).toBe('10/01/2026 19:00');
    expect(show(parseDateInput('thứ Bảy 08:00', now, zone))).toBe('17/01/2026 08:00');
  });
});

describe('parseDateInput: what is refused, and why', () => {
  it('when day 30 of a 29-day lunar month is asked, then it is invalid and says the month has 29 days', () => {
    const r = parseDateInput('30 tháng 2 âm lịch', now, zone);
    expect(r).toMatchObject({ ok: false, reason: 'invalid-date', detail: { lunar: { year: 2026, month: 2, day: 30, leap: false }, monthLength: 29 } });
  });

  it('when the same day is asked in a year whose month 2 has 30 days, then it exists', () => {
    expect(show(parseDateInput('30 tháng 2 âm lịch', local('10/01/2027 09:00'), zone))).toBe('06/04/2027 17:00');
  });

  it('when a leap month that does not exist is asked, then it is invalid and says which month is leap', () => {
    expect(parseDateInput('10 tháng 4 nhuận năm 2025 âm lịch', now, zone)).toMatchObject({
      ok: false, reason: 'invalid-date', detail: { lunar: { year: 2025, month: 4, day: 10, leap: true }, leapMonth: 6 },
    });
    const none = parseDateInput('mùng 1 tháng 4 nhuận âm lịch', now, zone);
    expect(!none.ok && none.detail).toEqual({ lunar: { year: 2026, month: 4, day: 1, leap: true }, leapMonth: null });
  });

  it('when "mùng 10 tháng 3" has no calendar, then it is ambiguous, not guessed', () => {
    expect(parseDateInput('mùng 10 tháng 3', now, zone)).toEqual({ ok: false, reason: 'ambiguous', detail: { ambiguity: 'lunar-or-solar' }, part: 'mùng 10 tháng 3' });
  });

  it.each([
    ['hôm qua', 'past'],
    ['sớm nhất có thể', 'format'],
    ['rằm tháng 13', 'format'],
    ['31/2 âm lịch', 'invalid-date'],
    ['rằm tháng Giêng 25:00', 'invalid-date'],
    ['10/3/2150 âm lịch', 'out-of-range'],
    ['31/2/2027', 'invalid-date'],
  ])('when "%s" is typed, then it is refused as %s', (input, reason) => {
    expect(show(parseDateInput(input, now, zone))).toBe(reason);
  });

  it('when the words mean a moment already gone, then it is refused as past with the moment they meant', () => {
    const thisWeek = parseDateInput('thứ Hai tuần này', now, zone);
    expect(thisWeek).toEqual({ ok: false, reason: 'past', detail: { resolved: local('05/01/2026 17:00') }, part: 'thứ Hai tuần này' });
    const late = parseDateInput('3 ngày trước 2/9', local('31/08/2026 09:00'), zone);
    expect(late).toEqual({ ok: false, reason: 'past', detail: { resolved: local('30/08/2026 17:00') }, part: '3 ngày trước 2/9' });
  });
});

describe('previews and explanations', () => {
  const i18n = createI18n('vi');
  const vi = translator(i18n, 'vi');
  const en = translator(i18n, 'en');

  it('when a lunar date is previewed, then it shows the weekday, dd/MM/yyyy and the lunar date', () => {
    const r = parseDateInput('rằm tháng Giêng 19:00', now, zone);
    if (!r.ok) throw new Error('expected a date');
    expect(formatResolved(r, zone, vi)).toBe('Thứ Ba, 03/03/2026 19:00 (tức ngày 15 tháng 1 năm 2026 âm lịch)');
    expect(formatResolved(r, zone, en)).toBe('Tuesday, 03/03/2026 19:00 (lunar: day 15 of month 1, year 2026)');
  });

  it('when a solar date is previewed, then there is no lunar part', () => {
    const r = parseDateInput('Chủ nhật cuối tháng 6', now, zone);
    if (!r.ok) throw new Error('expected a date');
    expect(formatResolved(r, zone, vi)).toBe('Chủ nhật, 28/06/2026 17:00');
  });

  it.each([
    ['30 tháng 2 âm lịch', 'Tháng 2 âm lịch năm 2026 chỉ có 29 ngày, không có ngày 30.'],
    ['10 tháng 4 nhuận năm 2025 âm lịch', 'Năm 2025 âm lịch nhuận tháng 6, không có tháng 4 nhuận.'],
    ['thứ Hai tuần này', 'Thời điểm này đã qua: Thứ Hai, 05/01/2026 17:00. Anh/chị chọn một ngày sắp tới (có thể ghi thêm năm).'],
  ])('when "%s" is refused, then the reply explains it', (input, expected) => {
    const r = parseDateInput(input, now, zone);
    if (r.ok) throw new Error('expected a refusal');
    expect(explainDateInput(r, zone, vi)).toBe(expected);
  });

  it('when an ambiguous date is refused, then the reply says how to write it', () => {
    const r = parseDateInput('mùng 10 tháng 3', now, zone);
    if (r.ok) throw new Error('expected a refusal');
    expect(explainDateInput(r, zone, vi)).toContain('âm lịch');
  });
});
