import { readFileSync } from 'node:fs';
import { DateTime } from 'luxon';
import { beforeAll, describe, expect, it } from 'vitest';
import { extractPlanText, joinPastedParts } from '../src/plans/extract-text.js';
import { toReportForm } from '../src/plans/plan-forms.js';
import { reviveDraft } from '../src/plans/plan-json.js';
import { parsePlan } from '../src/plans/plan-parser.js';
import type { DraftItem, PlanDraft } from '../src/plans/plan-types.js';
import { buildDocx, buildPdf, buildScannedPdf, splitLikeTelegram } from './fixtures/plans/documents.js';
import { ALL_IDS, ids, TOWN_UNITS } from './fixtures/plans/units.js';

const zone = 'Asia/Ho_Chi_Minh';
const sample = readFileSync(new URL('./fixtures/plans/sample-plan.vi.txt', import.meta.url), 'utf8');
const local = (d: Date | null | undefined) => (d ? DateTime.fromJSDate(d, { zone }).toFormat('dd/MM/yyyy HH:mm:ss.SSS') : null);
const parse = (text: string) => parsePlan(text, { zone, units: TOWN_UNITS });

/** An item as the review shows it: every field, dates in local time. */
function view(item: DraftItem) {
  return {
    index: item.index,
    kind: item.kind,
    title: item.title,
    section: item.section,
    start: local(item.period?.start),
    end: local(item.period?.end),
    precision: item.period?.precision,
    periodFrom: item.periodFrom,
    deadline: item.deadline,
    all: item.assign.all,
    kinds: item.assign.kinds,
    named: item.assign.namedUnitIds,
    unmatched: item.assign.unmatched,
    units: item.assign.unitIds,
    template: item.suggestion.task?.template ?? null,
    form: item.suggestion.task?.form ?? null,
    hasEvent: item.suggestion.task?.hasEvent ?? false,
    broadcast: item.suggestion.broadcast && { ...item.suggestion.broadcast, sendAt: local(item.suggestion.broadcast.sendAt) },
    resultsReport: item.suggestion.resultsReport,
  };
}

const MARCH = '01/03/2023 00:00:00.000';
const JUNE_END = '30/06/2023 23:59:59.999';
const NOTE_ONLY = { number: null, photos: 'optional', location: false, note: true };
const base = { deadline: false, all: false, kinds: [], named: [], unmatched: [], template: null, form: null, hasEvent: false, broadcast: null, resultsReport: false };
const fromPlan = { start: MARCH, end: JUNE_END, precision: 'month', periodFrom: 'plan' };

const EXPECTED = [
  { ...base, index: 1, kind: 'propaganda', title: 'Công tác tuyên truyền', section: 'II.1', start: MARCH, end: JUNE_END, precision: 'month', periodFrom: 'text', all: true, units: ALL_IDS, broadcast: { sendAt: '01/03/2023 08:00:00.000', repeat: 'weekly', needsLink: false } },
  { ...base, index: 2, kind: 'movement', title: 'Tổ chức phát động phong trào thi đua lập thành tích', section: 'II.2', start: MARCH, end: '31/05/2023 23:59:59.999', precision: 'month', periodFrom: 'text', named: [17], units: [17], template: 'custom', form: NOTE_ONLY },
  { ...base, index: 3, kind: 'plaque', title: 'Gắn biển công trình', section: 'II.3', start: '01/05/2023 00:00:00.000', end: '31/05/2023 23:59:59.999', precision: 'month', periodFrom: 'text', deadline: true, named: [15], units: [15], template: 'custom', form: { ...NOTE_ONLY, photos: 'required' } },
  { ...base, index: 4, kind: 'visits', title: 'Tổ chức các hoạt động thăm hỏi, động viên', section: 'II.4', start: MARCH, end: JUNE_END, precision: 'month', periodFrom: 'text', named: [16], units: [16], template: 'custom', form: { ...NOTE_ONLY, number: { labelKey: 'plan-label-visits', max: null } } },
  { ...base, index: 5, kind: 'quiz', title: 'Tham gia Cuộc thi trắc nghiệm trên internet tìm hiểu', section: 'II.5', start: '01/04/2023 00:00:00.000', end: '30/04/2023 23:59:59.999', precision: 'month', periodFrom: 'text', all: true, units: ALL_IDS, template: 'participants', form: { number: { labelKey: 'tpl-label-participants', max: null }, photos: 'none', location: false, note: true }, broadcast: { sendAt: '01/04/2023 08:00:00.000', repeat: null, needsLink: true } },
  { ...base, index: 6, kind: 'event', title: 'Tổ chức các hoạt động văn hóa, văn nghệ', section: 'II.6', start: '01/06/2023 00:00:00.000', end: '14/06/2023 23:59:59.999', precision: 'week', periodFrom: 'text', kinds: ['organisation', 'club', 'school', 'block'], units: [...ids('block'), ...ids('school'), ...ids('club'), ...ids('organisation')], template: 'event', form: { number: { labelKey: 'tpl-label-participants', max: null }, photos: 'optional', location: false, note: true }, hasEvent: true },
  { ...base, index: 7, kind: 'billboard', title: 'Rà soát các pano khổ lớn tuyên truyền nhiệm vụ chính trị', section: 'III.1', ...fromPlan, named: [16], units: [16], template: 'photo', form: { number: null, photos: 'required', location: true, note: true } },
  { ...base, index: 8, kind: 'results-report', title: 'Tổng hợp và tham mưu UBND thị trấn báo cáo kết quả tổ chức', section: 'III.1', ...fromPlan, named: [16], units: [16], resultsReport: true },
  { ...base, index: 9, kind: 'flag', title: 'Tuyên truyền vận động các hộ gia đình treo cờ tổ quốc', section: 'III.6', ...fromPlan, kinds: ['block'], units: ids('block'), template: 'flag', form: { number: { labelKey: 'tpl-label-households-flag', max: 'households' }, photos: 'required', location: false, note: true } },
  { ...base, index: 10, kind: 'cleanup', title: 'Công tác vệ sinh môi trường tại khu vực địa bàn khối', section: 'III.6', ...fromPlan, kinds: ['block'], units: ids('block'), template: 'cleanup', form: { number: { labelKey: 'tpl-label-households-cleanup', max: 'households' }, photos: 'required', location: false, note: true } },
];

describe('parsePlan: the sample plan of Cao Lộc town, imported three ways', () => {
  let fromPaste: PlanDraft;
  let fromDocx: PlanDraft;
  let fromPdf: PlanDraft;
  let parts: string[];

  beforeAll(async () => {
    parts = splitLikeTelegram(sample);
    fromPaste = parse(joinPastedParts(parts));
    const docx = await extractPlanText({ bytes: await buildDocx(sample), fileName: 'Kế hoạch 90 năm.docx' });
    const pdf = await extractPlanText({ bytes: await buildPdf(sample), fileName: 'Kế hoạch 90 năm.pdf', mimeType: 'application/pdf' });
    if (!docx.ok || !pdf.ok) throw new Error(`extraction failed: ${JSON.stringify([docx, pdf])}`);
    fromDocx = parse(docx.text);
    fromPdf = parse(pdf.text);
  });

  it('when the plan is pasted, then it arrives as several Telegram messages cut mid-line', () => {
    expect(parts.length).toBe(3);
    expect(parts.every((p) => p.length <= 4096)).toBe(true);
    expect(parts.slice(0, -1).some((p) => !/[.:;)]$/.test(p))).toBe(true);
  });

  it('when the paste, the DOCX and the PDF are read, then all three give the same drafts', () => {
    expect(fromDocx).toEqual(fromPaste);
    expect(fromPdf).toEqual(fromPaste);
  });

  it('when the plan is read, then the campaign is its title line, number, place and 03/2023–06/2023', () => {
    const { items, period, ...campaign } = fromPaste;
    expect(campaign).toEqual({
      title: 'Tổ chức các hoạt động chào mừng Kỷ niệm 90 năm Ngày truyền thống Đảng bộ tỉnh Lạng Sơn (15/6/1933 -15/6/2023)',
      docType: 'KẾ HOẠCH',
      number: '/KH-UBND',
      place: 'Cao Lộc',
      issuedText: 'ngày tháng 04 năm 2023',
      issuedOn: null,
      startsOn: '2023-03-01',
      endsOn: '2023-06-30',
      unmatched: [],
    });
    expect([local(period?.start), local(period?.end)]).toEqual([MARCH, JUNE_END]);
    expect(items).toHaveLength(10);
  });

  it.each(EXPECTED.map((e) => [e.index, e.kind, e] as const))('when item %i is drafted, then it is the %s with every field as expected', (index, _kind, expected) => {
    expect(view(fromPaste.items[index - 1] as DraftItem)).toEqual(expected);
  });

  it("when a drafted item's form is stored, then its number label is in the admin's language", () => {
    const visits = fromPaste.items.find((i) => i.kind === 'visits');
    const form = visits?.suggestion.task && toReportForm(visits.suggestion.task.form, (key) => `«${key}»`);
    expect(form).toEqual({ number: { label: '«plan-label-visits»', max: null }, photos: 'optional', location: false, note: true });
  });

  it('when a scanned PDF (a picture, no text layer) is sent, then it is refused as a scan', async () => {
    const result = await extractPlanText({ bytes: await buildScannedPdf(), fileName: 'scan.pdf', mimeType: 'application/pdf' });
    expect(result).toEqual({ ok: false, reason: 'scanned-pdf' });
  });
});

const FLAG_NOTICE = `UBND THỊ TRẤN CAO LỘC
Số: 45/TB-UBND
Cao Lộc, ngày 20 tháng 7 năm 2025
THÔNG BÁO
Về việc treo cờ Tổ quốc chào mừng Quốc khánh
Thời gian treo cờ Tổ quốc: Từ ngày 23/7/2025 đến hết ngày 27/7/2025.
Đề nghị các khối trưởng tuyên truyền, vận động các hộ gia đình treo cờ Tổ quốc; hạ cờ, tháo dỡ băng rôn khi hết thời gian.`;

const EVENT_PLAN = `KẾ HOẠCH
Tổ chức Giải bóng chuyền hơi chào mừng Ngày Phụ nữ Việt Nam 20/10
1. Giải bóng chuyền hơi
- Thời gian: được tổ chức từ ngày 12 đến 14-10-2020.
- Cơ quan tham mưu: Công chức VH-XH phối hợp với Hội Phụ nữ, Đoàn Thanh niên, Công an thị trấn và các câu lạc bộ thể thao.
2. Tổng vệ sinh
- Giao các tổ dân phố thực hiện tổng vệ sinh trước ngày 10/10/2020.`;

// Shaped like a real notice (tests/fixtures/plans/real/08-…): the periods come after the numbered items.
const TWO_PERIODS = `Thực hiện Thông báo số 675/TB-UBND ngày 12/8/2024 của UBND Thành phố về việc treo cờ Tổ Quốc.
UBND xã đề nghị các thôn, xóm, trường học, trạm y tế, các cơ quan đơn vị và nhân dân trên địa bàn xã thực hiện các nội dung sau:
1. Tổ chức treo Cờ Tổ quốc tại trụ sở UBND xã, các thôn, các trường học.
2. Các thôn vận động nhân dân treo cờ Tổ quốc tại gia đình.
3. Tháo dỡ những khẩu hiệu đã hết thời hạn, cờ đã cũ, bạc màu để thay thế bằng cờ mới.
Thời gian trang trí, tuyên truyền:
- Kỷ niệm Cách mạng tháng Tám (19/8/1945 - 19/8/2024): treo cờ Tổ quốc từ ngày 18/8/2024 đến hết ngày 20/8/2024.
- Quốc khánh (2/9/1945 - 2/9/2024): treo cờ Tổ quốc từ ngày 31/8/2024 đến hết ngày 05/9/2024.`;

describe('parsePlan: short notices', () => {
  it('when a flag notice names a period, then one flag task runs through it for every block, and the take-down sentence is its last step', () => {
    const draft = parse(FLAG_NOTICE);
    expect([draft.docType, draft.title, draft.number, draft.issuedOn]).toEqual(['THÔNG BÁO', 'Về việc treo cờ Tổ quốc chào mừng Quốc khánh', '45/TB-UBND', '2025-07-20']);
    expect(draft.items.map((i) => [i.kind, i.title, local(i.period?.start), local(i.period?.end), i.periodFrom, i.takeDown, i.assign.unitIds])).toEqual([
      ['flag', 'Treo cờ Tổ quốc chào mừng Quốc khánh', '23/07/2025 00:00:00.000', '27/07/2025 23:59:59.999', 'text', true, ids('block')],
    ]);
  });

  it('when a notice prints two periods outside its numbered items, then each is a flag task titled by its occasion and day, for the kinds its sentences name', () => {
    const draft = parse(TWO_PERIODS);
    expect(draft.items.map((i) => [i.kind, i.title, local(i.period?.start), local(i.period?.end), i.takeDown, i.assign.kinds])).toEqual([
      ['flag', 'Treo cờ Tổ quốc kỷ niệm Cách mạng tháng Tám (19/8)', '18/08/2024 00:00:00.000', '20/08/2024 23:59:59.999', false, ['block', 'school', 'organisation']],
      ['flag', 'Treo cờ Tổ quốc Quốc khánh (2/9)', '31/08/2024 00:00:00.000', '05/09/2024 23:59:59.999', false, ['block', 'school', 'organisation']],
    ]);
  });

  it('when an event names a partner that is no unit, then it is listed as unmatched and the known partners are assigned', () => {
    const draft = parse(EVENT_PLAN);
    expect(draft.unmatched).toEqual(['Công an thị trấn']);
    expect(draft.items.map((i) => [i.kind, i.title, local(i.period?.start), local(i.period?.end), i.deadline, i.assign.unitIds])).toEqual([
      ['event', 'Giải bóng chuyền hơi', '12/10/2020 00:00:00.000', '14/10/2020 23:59:59.999', false, [21, 22, 24, 25]],
      ['cleanup', 'Tổng vệ sinh', '09/10/2020 00:00:00.000', '09/10/2020 23:59:59.999', true, ids('block')],
    ]);
  });

  it('when the admin mapped an unmatched name once (or chose to skip it), then the next import uses the answer', () => {
    const mapped = parsePlan(EVENT_PLAN, { zone, units: TOWN_UNITS, aliases: [{ name: 'công an Thị trấn', unitId: 26 }] });
    expect([mapped.unmatched, mapped.items[0]?.assign.unitIds]).toEqual([[], [21, 22, 24, 25, 26]]);
    const skipped = parsePlan(EVENT_PLAN, { zone, units: TOWN_UNITS, aliases: [{ name: 'Công an thị trấn', unitId: null }] });
    expect([skipped.unmatched, skipped.items[0]?.assign.unitIds]).toEqual([[], [21, 22, 24, 25]]);
  });

  it('when a draft is kept as JSON in the conversation, then it comes back with its dates', () => {
    const draft = parse(FLAG_NOTICE);
    expect(reviveDraft(JSON.parse(JSON.stringify(draft)))).toEqual(draft);
  });

  it('when a text has no dates at all, then its items have no period and nothing is invented', () => {
    const draft = parse('KẾ HOẠCH\nTổng vệ sinh môi trường\n1. Tổng vệ sinh\n- Giao các khối trưởng thực hiện.');
    expect(draft.period).toBeNull();
    expect(draft.items.map((i) => [i.kind, i.period, i.periodFrom, i.suggestion.broadcast])).toEqual([['cleanup', null, 'none', null]]);
  });
});
