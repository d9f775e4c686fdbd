import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { readQuickTask } from '../src/quick/quick-task.js';
import { ALL_IDS, ids, TOWN_UNITS } from './fixtures/plans/units.js';

const zone = 'Asia/Ho_Chi_Minh';
const now = DateTime.fromObject({ year: 2026, month: 3, day: 1, hour: 9 }, { zone }).toJSDate();
const local = (d: Date | null) => (d ? DateTime.fromJSDate(d, { zone }).toFormat('dd/MM/yyyy HH:mm') : null);
const read = (text: string) => {
  const q = readQuickTask(text, { zone, now, units: TOWN_UNITS });
  return { title: q.title, kind: q.kind, template: q.template, due: local(q.dueAt), starts: local(q.startsAt), units: q.unitIds, by: q.chosenBy };
};

// "trước 31/5" is read as the plan reader reads it: done before that day, so due at the end of 30/5.
describe('reading a task typed as one sentence', () => {
  it.each([
    ['Treo cờ Tổ quốc từ 23/7 đến hết 27/7, các khối', { title: 'Treo cờ Tổ quốc', kind: 'flag', template: 'flag', due: '27/07/2026 23:59', starts: '23/07/2026 00:00', units: ids('block'), by: 'kinds' }],
    ['Gắn biển công trình trước 31/5, Công chức Địa chính – Xây dựng', { title: 'Gắn biển công trình', kind: 'plaque', template: 'custom', due: '30/05/2026 23:59', starts: null, units: [15], by: 'named' }],
    ['Tổng vệ sinh môi trường trước ngày 12/6', { title: 'Tổng vệ sinh môi trường', kind: 'cleanup', template: 'cleanup', due: '11/06/2026 23:59', starts: null, units: ids('block'), by: 'default' }],
    ['Cuộc thi trắc nghiệm trong tháng 4', { title: 'Cuộc thi trắc nghiệm', kind: 'quiz', template: 'participants', due: '30/04/2026 23:59', starts: '01/04/2026 00:00', units: ALL_IDS, by: 'default' }],
    ['Thăm hỏi gia đình chính sách, hạn 30/6, Công chức Văn hoá - Xã hội', { title: 'Thăm hỏi gia đình chính sách', kind: 'visits', template: 'custom', due: '30/06/2026 23:59', starts: null, units: [16], by: 'named' }],
  ])('when the admin types "%s", then it reads as %o', (text, expected) => {
    expect(read(text)).toEqual(expected);
  });

  it('when the sentence names no date and no units, then both are left for the preview to ask', () => {
    expect(read('Họp tổ dân vận')).toMatchObject({ title: 'Họp tổ dân vận', due: null, units: [], by: 'none' });
  });
});
