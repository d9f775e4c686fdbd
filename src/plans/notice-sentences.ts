import { foldVietnamese } from '../core/fold.js';
import type { UnitKind } from '../core/schema.js';
import { NOBODY, type Named } from './plan-assignees.js';
import type { PlanLine } from './plan-lines.js';

/** A notice's sentences, and the kinds of units its collective words name (shared by its flag, cleanup and event readers). */

export const TIME_CUE = /^(?:[-+•]\s*)?(?:thoi gian(?! nghi)|dot \d|tu ngay)/;
/** Who a phrase names only in passing: "các ban ngành liên quan" is nobody in particular; "đường làng, ngõ xóm" are places; "Ngày truyền thống Mặt trận Tổ quốc" is an occasion. */
export const IN_PASSING = /\b(?:cac )?(?:ban nganh|co quan|don vi|nganh)(?: chuc nang)? lien quan\b|\bcanh quan (?:khu pho|thon|xom|khu dan cu|do thi)\b|\bnong thon\b|\b(?:duong lang|ngo xom|lang xom)\b|\b(?:ngay truyen thong|thanh lap) mat tran(?: dan toc thong nhat| to quoc)?(?: viet nam)?\b/g;

/** Collective words of a notice and the kind they name; households and "Nhân dân" name no unit. */
export const KINDS: [RegExp, UnitKind][] = [
  [/\b(?:thon|xom|khom|to dan pho|khu pho|khu dan cu|dia ban dan cu|khoi pho|cac khoi|(?:cac|ban|truong|moi|nhan dan cac) ap|he thong chinh tri)\b/, 'block'],
  [/\b(?:truong hoc|nha truong|co so giao duc|(?:cac )?truong (?:mam non|mau giao|tieu hoc|thcs|thpt|trung hoc|hoc)|hoc sinh)\b/, 'school'],
  [/\b(?:co quan|don vi|doanh nghiep|benh vien|tram y te|cong so|ban nganh|doan the|luc luong vu trang|xi nghiep|cong ty|he thong chinh tri|mat tran to quoc|cong an|quan su)\b/, 'organisation'],
];

/** A mass organisation named by where it is ("hội viên các đoàn thể thôn", "đoàn thể các khu phố"): the head noun names the kind. */
const ORGANISATION_OF_PLACE = /\b(doan the)(?: cac)? (?:thon|xom|khom|ap|ban|to dan pho|khu pho|khoi pho|khu dan cu)\b/g;

/** The hamlets of the highlands and the south ("Trưởng các bản", "các buôn, làng", "các sóc"); "bản" is told from "ban" (a board: "các ban, ngành") by its accent only. */
const HAMLETS = /(?:^|\s)(?:các|trưởng|mỗi)\s+(?:bản|buôn|làng|sóc|plei)(?=[\s,.;:]|$)/iu;

export function kindsIn(text: string): UnitKind[] {
  const folded = foldVietnamese(text).replace(IN_PASSING, ' ').replace(ORGANISATION_OF_PLACE, '$1');
  const kinds = KINDS.filter(([re]) => re.test(folded)).map(([, kind]) => kind);
  return HAMLETS.test(text.normalize('NFC')) && !kinds.includes('block') ? ['block', ...kinds] : kinds;
}

export function named(kinds: UnitKind[]): Named {
  return { ...NOBODY, kinds: [...new Set(kinds)] };
}

export interface Sentence {
  text: string;
  folded: string;
  /** The addressees of the intro line above a list ("đề nghị các hộ dân, cơ quan … như sau:"). */
  intro: string;
  /** The sentence's line begins with a time cue ("Thời gian treo cờ: … ; Chào mừng … từ …"). */
  timeLine: boolean;
  /** The sentence is a list item ("- Ngày 27/01/2026 tại sân Nhà văn hóa thôn Tân Phong;"). */
  listed: boolean;
}

export function sentencesOf(lines: PlanLine[]): Sentence[] {
  const out: Sentence[] = [];
  let intro = '';
  for (const line of lines) {
    const listed = line.type === 'bullet' || line.type === 'sub';
    // A list's intro: a line ending in ":", or a part's heading above its items ("III. THÀNH PHẦN").
    if (!listed) intro = line.text.trimEnd().endsWith(':') || (line.type === 'part' && !/[.;]$/.test(line.text.trim())) ? line.text : '';
    const timeLine = TIME_CUE.test(foldVietnamese(line.text)) || (listed && /\bthoi gian(?! nghi)\b/.test(foldVietnamese(intro)));
    for (const text of line.text.split(/(?<=[.;!?])\s+(?=\p{Lu})/u)) out.push({ text, folded: foldVietnamese(text), intro: listed ? intro : '', timeLine, listed });
  }
  return out;
}

/** Where and when a notice is read (a plan's ReadContext fits). */
export function periodOptions(ctx: { zone: string; year: number | undefined; issued?: Date | undefined }, timeLine: boolean) {
  return { zone: ctx.zone, defaultYear: ctx.year, issued: ctx.issued, timeLine };
}

export function isCapitals(text: string): boolean {
  const letters = text.replace(/[^\p{L}]/gu, '');
  return letters.length > 3 && letters === letters.toLocaleUpperCase('vi');
}
