import { describe, expect, it } from 'vitest';
import { reportDetailLines } from '../src/officials/officials.text.js';
import type { ReportDetail } from '../src/officials/officials.service.js';
import { createI18n, translator } from '../src/telegram/i18n.js';

const ZONE = 'Asia/Ho_Chi_Minh';

const lateReport: ReportDetail = {
  taskId: 1,
  title: 'Treo cờ Tổ quốc',
  taskOpen: true,
  // 17:00 on Sunday 14/06/2026 in Vietnam
  dueAt: new Date('2026-06-14T10:00:00Z'),
  unitId: 1,
  unitName: 'Khối 1',
  households: 120,
  numberLabel: null,
  againstHouseholds: false,
  status: 'done',
  numberValue: null,
  note: null,
  location: null,
  photoCount: 1,
  flags: [],
  late: true,
  revision: 1,
  reportedAt: new Date('2026-06-15T01:30:00Z'),
  reportedBy: 'Nguyễn Văn An',
  returned: null,
};

describe('an official reading one report', () => {
  it('when the report came in after its deadline, then the detail names the deadline with its weekday', () => {
    const i18n = createI18n('vi');
    const vi = reportDetailLines(translator(i18n, 'vi'), lateReport, ZONE);
    expect(vi).toContain('⏰ Nộp muộn (hạn Chủ nhật, 14/06/2026 17:00)');
    const en = reportDetailLines(translator(i18n, 'en'), lateReport, ZONE);
    expect(en.some((l) => l.startsWith('⏰ Late (due ') && l.includes('14/06/2026 17:00'))).toBe(true);
  });
});
