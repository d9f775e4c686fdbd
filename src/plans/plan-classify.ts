import { fitTitle } from './notice-titles.js';
import type { PlanItemKind } from './plan-types.js';

/**
 * Keywords of each kind of work, on folded text (no accents, "cờ" = "co"). A kind is found
 * where its keyword stands; club names ("Câu lạc bộ Văn nghệ") do not make an event: an event
 * needs an activity word before "văn nghệ" / "thể thao".
 */
const KEYWORDS: [PlanItemKind, RegExp][] = [
  ['takedown', / (?:thao do|ha co|ha quoc ky|thu don bang ron)/g],
  ['flag', / (?:treo co|treo quoc ky|co to quoc|quoc ky|treo ru)/g],
  ['cleanup', / (?:ve sinh|don dep)/g],
  ['plaque', / (?:gan bien|bien cong trinh|bien ky niem)/g],
  ['billboard', / (?:pano|pa no|bien quang cao|bang quang cao|bien tuyen truyen)/g],
  ['visits', / (?:tham hoi|tang qua|chuc tho|tham vieng)/g],
  ['quiz', / (?:cuoc thi|trac nghiem|thi tim hieu)/g],
  ['event', / (?:(?:hoat dong|chuong trinh|giao luu|bieu dien|hoi dien|giai|thi dau)(?: \S+){0,3} (?:van nghe|the thao|tdtt)|giai (?:bong|cau long|chay|co tuong|vo)|mit tinh|hoi thao|le ky niem)/g],
  ['results-report', / (?:bao cao ket qua|tong hop ket qua|tong hop bao cao|bao cao tong ket)/g],
  ['movement', / thi dua/g],
  ['propaganda', / (?:tuyen truyen|pho bien)/g],
];

/** Kinds that only describe how other work is done ("tuyên truyền vận động … treo cờ"). */
const GENERAL: readonly PlanItemKind[] = ['propaganda', 'movement'];
const STOP = /[,;.:](?!\d)/;

/** One kind of work found in a text: the clause naming it, and the text up to that clause's end. */
export interface KindHit {
  kind: PlanItemKind;
  clause: string;
  through: string;
}

/**
 * The kinds of work a heading or sentence names, in the order they appear. Where it names
 * concrete work, the general kinds are left out ("tuyên truyền, vận động các hộ treo cờ" is
 * flags); in a clause (split at , ; . :) that says "hạ cờ", it is a take-down, not a flag raising.
 */
export function classify(text: string): KindHit[] {
  const plain = text.replace(/\([^)]*\)?/g, ' ');
  const clauses = plain.split(STOP);
  const folded = ` ${foldKeepingStops(plain)} `;
  const stops = [...folded.matchAll(/ [,;.:] /g)].map((m) => m.index);
  const hits: { kind: PlanItemKind; clause: number; at: number }[] = [];
  for (const [kind, re] of KEYWORDS) {
    for (const m of folded.matchAll(re)) hits.push({ kind, clause: stops.filter((s) => s < m.index).length, at: m.index });
  }
  const concrete = hits.some((o) => !GENERAL.includes(o.kind));
  const kept = hits.filter((h) => {
    if (GENERAL.includes(h.kind) && concrete) return false;
    return !(h.kind === 'flag' && hits.some((o) => o.kind === 'takedown' && o.clause === h.clause));
  });
  kept.sort((a, b) => a.at - b.at);
  return kept
    .filter((h, i) => kept.findIndex((o) => o.kind === h.kind) === i)
    .map((h) => ({ kind: h.kind, clause: (clauses[h.clause] ?? '').trim(), through: clauses.slice(0, h.clause + 1).join(',') }));
}

/** Like foldVietnamese, but the clause stops stay, as separate tokens. */
function foldKeepingStops(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(new RegExp(`(${STOP.source})`, 'g'), ' $1 ')
    .replace(/[^\p{L}\p{N},;.:]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const MAX_TITLE = 60;
/** A duty sentence's subject before its verb ("Các khối trưởng tuyên truyền …"): the title starts at the work. */
const SUBJECT_THEN_VERB = /^(?:các|những|đề nghị các)\s+[^,;]{1,40}?\s+(?=(?:tuyên truyền|vận động|treo|tổ chức|thực hiện|rà soát|tổng hợp|triển khai|tham gia|phát động|gắn|thăm|dọn|ra quân)\b)/iu;
/** Where the occasion begins ("… chào mừng Kỷ niệm 90 năm …"): the title stops there. */
const OCCASION = /\s+(?:chào mừng|nhân dịp|gắn với|hướng tới|nhằm|theo kế hoạch)\s/i;
const LEADING_FILLER = /^(?:đề nghị|thực hiện|chủ động|tiếp tục)\s+/i;

/** A short, clean title: no asides in brackets, no occasion, no filler verb, at most 80 characters. */
export function shortTitle(text: string): string {
  let t = text.replace(/\([^)]*\)?/g, ' ').replace(/\s+/g, ' ').trim();
  const cut = OCCASION.exec(t);
  if (cut && cut.index >= 12) t = t.slice(0, cut.index);
  t = t.replace(LEADING_FILLER, '').replace(SUBJECT_THEN_VERB, '').replace(/[\s.,;:…-]+$/, '');
  t = t.charAt(0).toUpperCase() + t.slice(1);
  return fitTitle(t, MAX_TITLE);
}
