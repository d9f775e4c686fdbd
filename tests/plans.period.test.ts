import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../src/plans/period-parse.js';

const zone = 'Asia/Ho_Chi_Minh';
const local = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('dd/MM/yyyy HH:mm:ss.SSS');
const read = (text: string, defaultYear?: number) => {
  const p = parsePeriod(text, { zone, defaultYear });
  return p && { start: local(p.start), end: local(p.end), precision: p.precision, deadline: p.deadline };
};
const END = '23:59:59.999';

describe('parsePeriod: notices as written', () => {
  it.each([
    ['Thời gian treo cờ Tổ quốc: Từ ngày 23/7/2025 đến hết ngày 27/7/2025', '23/07/2025 00:00:00.000', `27/07/2025 ${END}`, 'day', false],
    ['treo Quốc kỳ từ chiều ngày 18/01/2026 đến hết ngày 25/01/2026 (chủ nhật)', '18/01/2026 13:30:00.000', `25/01/2026 ${END}`, 'day', false],
    ['Hoàn thành xong trong tháng 5/2023.', '01/05/2023 00:00:00.000', `31/05/2023 ${END}`, 'month', true],
    ['Thời gian thực hiện: Tuần 1, 2 tháng 6 năm 2023.', '01/06/2023 00:00:00.000', `14/06/2023 ${END}`, 'week', false],
    ['Từ tháng 3 đến hết tháng 5 năm 2023. Tổng kết vào dịp kỷ niệm.', '01/03/2023 00:00:00.000', `31/05/2023 ${END}`, 'month', false],
    ['Giải bóng chuyền được tổ chức từ ngày 12 đến 14-10-2020 tại sân vận động', '12/10/2020 00:00:00.000', `14/10/2020 ${END}`, 'day', false],
    ['Từ tháng 3/2023 đến tháng 6/2023, tập trung cao điểm trong tháng 5, tháng 6 năm 2023.', '01/03/2023 00:00:00.000', `30/06/2023 ${END}`, 'month', false],
    ['tháng 3-6/2023', '01/03/2023 00:00:00.000', `30/06/2023 ${END}`, 'month', false],
    ['Tổ chức phát động Cuộc thi trong tháng 4/2023.', '01/04/2023 00:00:00.000', `30/04/2023 ${END}`, 'month', false],
    ['Nộp báo cáo trước ngày 14/6/2023', '13/06/2023 00:00:00.000', `13/06/2023 ${END}`, 'day', true],
    ['gửi về Văn phòng trước 17h00 ngày 14/6/2023', '14/06/2023 00:00:00.000', '14/06/2023 17:00:00.000', 'day', true],
    ['chậm nhất ngày 14.6.2023', '14/06/2023 00:00:00.000', `14/06/2023 ${END}`, 'day', true],
    ['Lễ mít tinh lúc 7h30 ngày 12 tháng 10 năm 2020', '12/10/2020 07:30:00.000', `12/10/2020 ${END}`, 'day', false],
    ['Từ 20/5 - 25/5/2023', '20/05/2023 00:00:00.000', `25/05/2023 ${END}`, 'day', false],
    ['Từ ngày 28/12 đến ngày 3/1/2026', '28/12/2025 00:00:00.000', `03/01/2026 ${END}`, 'day', false],
    ['từ sáng ngày 01/9 đến tối ngày 02/9/2025', '01/09/2025 07:00:00.000', '02/09/2025 19:00:00.000', 'day', false],
    ['tuần cuối tháng 2/2024', '23/02/2024 00:00:00.000', `29/02/2024 ${END}`, 'week', false],
    ['Tuần 3 tháng 6/2023', '15/06/2023 00:00:00.000', `21/06/2023 ${END}`, 'week', false],
    ['Từ tháng 11/2025 đến tháng 2/2026', '01/11/2025 00:00:00.000', `28/02/2026 ${END}`, 'month', false],
    ['Từ tháng 3 đến ngày 15/6/2023', '01/03/2023 00:00:00.000', `15/06/2023 ${END}`, 'day', false],
  ])('when "%s" is read, then it runs from %s to %s (%s, deadline %s)', (text, start, end, precision, deadline) => {
    expect(read(text)).toEqual({ start, end, precision, deadline });
  });

  it.each([
    ['từ ngày 12 đến 14/10', 2020, '12/10/2020 00:00:00.000', `14/10/2020 ${END}`],
    ['Tuần 1, 2 tháng 6', 2023, '01/06/2023 00:00:00.000', `14/06/2023 ${END}`],
    ['từ ngày 28/12 đến 3/1', 2025, '28/12/2025 00:00:00.000', `03/01/2026 ${END}`],
  ])('when "%s" names no year and the plan is of %i, then that year is used', (text, year, start, end) => {
    expect(read(text, year)).toMatchObject({ start, end });
  });

  it.each([
    ['Thời gian: theo kế hoạch của tỉnh'],
    ['ngày 31/4/2023'],
    ['nhiệm kỳ 2020 – 2025'],
    ['Tuần 1, 2 tháng 6'],
  ])('when "%s" is read, then there is no period (no date, an impossible day, or no year)', (text) => {
    expect(parsePeriod(text, { zone })).toBeNull();
  });

  it('when a bare number stands before "tháng" (no "ngày"), then it is not a day: the month is read', () => {
    expect(read('cử 5 tháng 2 năm 2023')).toEqual({ start: '01/02/2023 00:00:00.000', end: `28/02/2023 ${END}`, precision: 'month', deadline: false });
  });

  it('when a local day is stored, then it is the right UTC instant (UTC+7)', () => {
    const p = parsePeriod('Từ ngày 23/7/2025 đến hết ngày 27/7/2025', { zone });
    expect(p?.start.toISOString()).toBe('2025-07-22T17:00:00.000Z');
    expect(p?.end.toISOString()).toBe('2025-07-27T16:59:59.999Z');
  });
});
