import { parseWholeNumber } from '../core/numbers.js';

export interface UnitLine {
  name: string;
  households: number | null;
}

/** Why a pasted line was refused; each has a `units-reason-<reason>` text that says how to fix it. */
export type UnitLineReason =
  | 'name-missing'
  | 'name-too-long'
  | 'name-only-number'
  | 'households-invalid'
  | 'households-out-of-range'
  | 'households-not-expected'
  | 'too-many-parts'
  | 'duplicate';

export interface UnitLineError {
  lineNo: number;
  line: string;
  reason: UnitLineReason;
}

export interface UnitLineOptions {
  /** Residential kinds (default) may carry a household count; other kinds take the whole line as the name. */
  households?: boolean;
}

export type UnitLineParse = { ok: true; unit: UnitLine } | { ok: false; reason: Exclude<UnitLineReason, 'duplicate'> };

export const MAX_UNIT_NAME = 80;
/** More households than this in one residential unit is a typo (an extra digit), not a place. */
export const MAX_HOUSEHOLDS = 10_000;

const NUM = String.raw`[-−+]?\d[\d.,]*`;
const HO = String.raw`(?:hộ|ho)(?:\s+dân)?\.?`;
/** "Khối 7: 230", "Khối 7, 230", "Khối 7 - 230": a dash counts only with a space beside it. */
const WITH_SEPARATOR = new RegExp(String.raw`^(.*?)(?:\s*[:,]\s*|\s+[-–—]\s*|\s*[-–—]\s+|^)(${NUM})(?:\s*${HO})?$`, 'iu');
/** "Khối 7 230 hộ", "Khối 7-230 hộ": the word "hộ" makes any separator (or a space) clear. */
const WITH_WORD_HO = new RegExp(String.raw`^(.*?)(?:\s+|\s*[-–—]\s*|^)(${NUM})\s*${HO}$`, 'iu');
const COUNT = new RegExp(String.raw`^(${NUM})(?:\s*${HO})?$`, 'iu');
/** Pasted lists often start lines with a bullet; a bullet is never part of a name. */
const BULLET = /^[•·*▪‣◦+-]\s+/u;

/** Splits on the unambiguous separators: semicolon, bar, tab (a row pasted from Excel). */
function cells(text: string): string[] {
  const parts = text.split(/[;|\t]/).map((s) => s.trim());
  while (parts.length > 1 && parts.at(-1) === '') parts.pop();
  return parts;
}

function nameOrReason(raw: string): { name: string } | { reason: 'name-missing' | 'name-too-long' | 'name-only-number' } {
  const name = raw.replace(/\s+/g, ' ').trim();
  if (!name) return { reason: 'name-missing' };
  if (name.length > MAX_UNIT_NAME) return { reason: 'name-too-long' };
  if (/^[\d\s.,]+$/.test(name)) return { reason: 'name-only-number' };
  return { name };
}

function householdsOrReason(raw: string): { households: number } | { reason: 'households-invalid' | 'households-out-of-range' } {
  const count = COUNT.exec(raw.trim())?.[1];
  const households = count === undefined ? null : parseWholeNumber(count);
  if (households === null) return { reason: 'households-invalid' };
  if (households < 1 || households > MAX_HOUSEHOLDS) return { reason: 'households-out-of-range' };
  return { households };
}

/** Name and household parts of a residential line, whichever separator was used. */
function splitResidential(text: string): { name: string; count: string | null } | 'too-many-parts' {
  const parts = cells(text);
  if (parts.length > 2) return 'too-many-parts';
  if (parts.length === 2) return { name: parts[0] ?? '', count: parts[1] ?? '' };
  const only = parts[0] ?? '';
  const m = WITH_SEPARATOR.exec(only) ?? WITH_WORD_HO.exec(only);
  return m ? { name: m[1] ?? '', count: m[2] ?? '' } : { name: only, count: null };
}

/**
 * Reads one pasted line. With households (the default): "Khối 7; 230", "Khối 7: 230 hộ",
 * "Khối 7 - 230", "Khối 7, 1.200", "Khối 7<TAB>230", or just "Khối 7". A dash inside a name
 * ("Địa chính – Xây dựng", "Địa chính-Xây dựng") is kept, since no number follows it.
 * Without households the whole line is the name, but a count after ";" / tab or with "hộ" is
 * refused rather than silently dropped. Returns null for a blank line.
 */
export function parseUnitLine(line: string, opts: UnitLineOptions = {}): UnitLineParse | null {
  const text = line.normalize('NFC').trim().replace(BULLET, '').trim();
  if (!text) return null;
  if (opts.households === false) {
    const parts = cells(text);
    const trailingCount = parts.length === 2 && COUNT.test(parts[1] ?? '');
    if (trailingCount || WITH_WORD_HO.test(text)) return { ok: false, reason: 'households-not-expected' };
    if (parts.length > 1) return { ok: false, reason: 'too-many-parts' };
    const named = nameOrReason(parts[0] ?? '');
    return 'reason' in named ? { ok: false, reason: named.reason } : { ok: true, unit: { name: named.name, households: null } };
  }
  const split = splitResidential(text);
  if (split === 'too-many-parts') return { ok: false, reason: split };
  const named = nameOrReason(split.name);
  if ('reason' in named) return { ok: false, reason: named.reason };
  if (split.count === null || split.count === '') return { ok: true, unit: { name: named.name, households: null } };
  const counted = householdsOrReason(split.count);
  return 'reason' in counted ? { ok: false, reason: counted.reason } : { ok: true, unit: { name: named.name, households: counted.households } };
}

/**
 * Parses pasted lines, one unit per line (see parseUnitLine for the accepted forms).
 * Blank lines are ignored; every bad line is reported so nothing is half-added.
 */
export function parseUnitLines(text: string, opts: UnitLineOptions = {}): { units: UnitLine[]; errors: UnitLineError[] } {
  const units: UnitLine[] = [];
  const errors: UnitLineError[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n|\r/).forEach((raw, index) => {
    const parsed = parseUnitLine(raw, opts);
    if (!parsed) return;
    const lineNo = index + 1;
    const line = raw.trim();
    if (!parsed.ok) return errors.push({ lineNo, line, reason: parsed.reason });
    const key = parsed.unit.name.toLocaleLowerCase('vi');
    if (seen.has(key)) return errors.push({ lineNo, line, reason: 'duplicate' });
    seen.add(key);
    units.push(parsed.unit);
  });
  return { units, errors };
}
