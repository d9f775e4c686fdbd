import { foldVietnamese } from '../core/fold.js';
import type { UnitKind } from '../core/schema.js';
import type { Assignment, PlanAlias, PlanUnit } from './plan-types.js';

/** What a phrase names, before it is turned into unit ids. */
export interface Named {
  all: boolean;
  kinds: UnitKind[];
  unitIds: number[];
  unmatched: string[];
}

export const NOBODY: Named = { all: false, kinds: [], unitIds: [], unmatched: [] };

/**
 * Collective words and the unit kind they mean. `plural` words name the whole kind even without
 * "các" ("đoàn thể"); the others ("Câu lạc bộ", "UBMTTQ") may be one unit's name, so a unit whose
 * name matches wins unless "các" / "những" / "toàn thể" comes first.
 */
const COLLECTIVES: { re: RegExp; kind: UnitKind | 'all'; plural: boolean }[] = [
  { re: / (?:khoi truong|truong khoi|to truong|truong thon|truong ap|truong khom|truong ban) /, kind: 'block', plural: true },
  { re: / (?:cac khoi|khoi pho|to dan pho|cac to dan pho|cac thon|thon ban|cac ap|cac khom|khu dan cu) /, kind: 'block', plural: true },
  { re: / (?:don vi truong hoc|truong hoc|nha truong|cac truong(?! khoi| thon| ap| khom)) /, kind: 'school', plural: true },
  { re: / (?:cau lac bo|clb) /, kind: 'club', plural: false },
  { re: / (?:doan the|ban nganh) /, kind: 'organisation', plural: true },
  { re: / (?:ubmttq|mttq|mat tran to quoc) /, kind: 'organisation', plural: false },
  { re: / (?:can bo cong chuc|cac cong chuc|cong chuc co quan) /, kind: 'staff', plural: true },
  { re: / (?:cac (?:co quan )?don vi(?! truong)|toan thi tran|tat ca don vi) /, kind: 'all', plural: true },
];
const PLURAL = /^(?:cac|nhung|toan the|tat ca) /;
/** Short forms written both ways; expanded on both sides before comparing. */
const ABBREVIATIONS: [RegExp, string][] = [
  [/\bclb\b/g, 'cau lac bo'],
  [/\bubmttq\b/g, 'uy ban mat tran to quoc'],
  [/\bmttq\b/g, 'mat tran to quoc'],
  [/\btdtt\b/g, 'the duc the thao'],
  [/\bubnd\b/g, 'uy ban nhan dan'],
];
/** Words that say nothing about which unit: dropped from unit names before comparing ("xã" is not: it folds like the "xã" of "Xã hội"). */
const GENERIC = /\b(?:cong chuc|thi tran)\b/g;
/** Phrases that are not units of the town and are not worth asking about. */
const NOT_A_NAME = /^(?:cac |nhung )?(?:co quan (?:cap tren|lien quan)|don vi lien quan|cap tren|tren dia ban|nganh lien quan)?$/;

function fold(text: string): string {
  let out = foldVietnamese(text);
  for (const [re, full] of ABBREVIATIONS) out = out.replace(re, full);
  return out;
}

/** Splits "A phối hợp với B" into who leads and who takes part. */
export function splitLeadPartners(phrase: string): { lead: string; partners: string } {
  const [lead = '', ...rest] = phrase.split(/\s*(?:,\s*)?phối hợp(?:\s+với)?\s*/i);
  return { lead: lead.trim(), partners: rest.join(', ').trim() };
}

/**
 * Reads a list of who is assigned ("Công chức VH-XH, các khối và các Câu lạc bộ"): each entry
 * is a unit (accent-, dash- and abbreviation-insensitive, "VH-XH" = "Văn hoá - Xã hội"), a
 * collective word, or an unmatched name. Vietnamese puts the head noun first, so in "đoàn thể
 * thị trấn các khối" only the first collective word counts: it names the organisations.
 */
export function readNames(phrase: string, lookup: { units: PlanUnit[]; aliases?: PlanAlias[] }): Named {
  const named: Named = { all: false, kinds: [], unitIds: [], unmatched: [] };
  const entries = stripAsides(phrase).split(/[,;]|\s+(?:và|cùng|với)\s+/i);
  for (const raw of entries) {
    const entry = raw.replace(/^[\s.:-]+|[\s.:]+$/g, '').replace(/^(?:đề nghị|giao)\s+/i, '');
    if (!entry) continue;
    const core = coreOf(entry);
    const alias = lookup.aliases?.find((a) => coreOf(a.name) === core);
    if (alias) addTo(named, { ...NOBODY, unitIds: alias.unitId === null ? [] : [alias.unitId] });
    else addFound(named, readEntry(entry, lookup.units), entry, core);
  }
  return named;
}

function addFound(named: Named, found: Named | null, entry: string, core: string): void {
  if (found) addTo(named, found);
  else if (!NOT_A_NAME.test(core)) named.unmatched.push(entry);
}

/** A name without accents, dashes, abbreviations or generic words: how names are compared. */
function coreOf(name: string): string {
  return fold(name).replace(GENERIC, ' ').replace(/\s+/g, ' ').trim();
}

/** Who a sentence is about, from collective words and unit names only ("Các khối trưởng tuyên truyền …"). */
export function findSubject(text: string, units: PlanUnit[]): Named {
  const found = readEntry(stripAsides(text), units);
  return found ?? NOBODY;
}

function readEntry(entry: string, units: PlanUnit[]): Named | null {
  const folded = fold(entry);
  const head = headCollective(folded);
  if (head && (head.plural || PLURAL.test(folded))) return asKind(head.kind);
  const unitIds = matchUnits(folded, units);
  if (unitIds.length) return { ...NOBODY, unitIds };
  return head ? asKind(head.kind) : null;
}

function asKind(kind: UnitKind | 'all'): Named {
  return kind === 'all' ? { ...NOBODY, all: true } : { ...NOBODY, kinds: [kind] };
}

function headCollective(folded: string): { kind: UnitKind | 'all'; plural: boolean } | null {
  let best: { index: number; kind: UnitKind | 'all'; plural: boolean } | null = null;
  for (const c of COLLECTIVES) {
    const m = c.re.exec(` ${folded} `);
    if (m && (!best || m.index < best.index)) best = { index: m.index, kind: c.kind, plural: c.plural };
  }
  return best;
}

/** Units every part of whose name ("Địa chính", "Xây dựng") occurs in the entry, in full or as initials ("ĐC"). */
function matchUnits(folded: string, units: PlanUnit[]): number[] {
  const padded = ` ${folded} `;
  const scored = units
    .map((u) => ({ id: u.id, parts: nameParts(u.name) }))
    .filter((u) => u.parts.length > 0 && u.parts.every((p) => padded.includes(` ${p} `) || (p.includes(' ') && padded.includes(` ${initials(p)} `))))
    .map((u) => ({ id: u.id, score: u.parts.join(' ').length }));
  const top = Math.max(0, ...scored.map((s) => s.score));
  return scored.filter((s) => s.score === top).map((s) => s.id);
}

function nameParts(name: string): string[] {
  return name
    .split(/\s*[-–—]\s*/)
    .map((part) => fold(part).replace(GENERIC, ' ').replace(/\s+/g, ' ').trim())
    .filter(Boolean);
}

function initials(part: string): string {
  return part
    .split(' ')
    .map((w) => w[0] ?? '')
    .join('');
}

function stripAsides(text: string): string {
  return text.replace(/\([^)]*\)/g, ' ').replace(/\s+/g, ' ');
}

function addTo(into: Named, found: Named): void {
  into.all ||= found.all;
  for (const k of found.kinds) if (!into.kinds.includes(k)) into.kinds.push(k);
  for (const id of found.unitIds) if (!into.unitIds.includes(id)) into.unitIds.push(id);
}

export function isNobody(n: Named): boolean {
  return !n.all && n.kinds.length === 0 && n.unitIds.length === 0;
}

/** Nobody, not even a name that matched no unit. */
export function isBlank(n: Named): boolean {
  return isNobody(n) && n.unmatched.length === 0;
}

/** The units a reading means: everyone, whole kinds, and the named ones. */
export function toAssignment(named: Named, units: PlanUnit[]): Assignment {
  const ids = new Set(named.unitIds);
  for (const u of units) if (named.all || named.kinds.includes(u.kind)) ids.add(u.id);
  return { all: named.all, kinds: [...named.kinds], namedUnitIds: [...named.unitIds], unmatched: [...named.unmatched], unitIds: [...ids].sort((a, b) => a - b) };
}
