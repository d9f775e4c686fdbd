import { parseWholeNumber } from '../core/numbers.js';

export interface UnitLine {
  name: string;
  households: number | null;
}

export interface UnitLineError {
  lineNo: number;
  line: string;
  reason: 'name-missing' | 'name-too-long' | 'households-invalid' | 'duplicate';
}

export const MAX_UNIT_NAME = 80;

/**
 * Parses pasted lines "Khối 1; 120" (name; optional households), one unit per line.
 * Blank lines are ignored; every bad line is reported so nothing is half-added.
 */
export function parseUnitLines(text: string): { units: UnitLine[]; errors: UnitLineError[] } {
  const units: UnitLine[] = [];
  const errors: UnitLineError[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (!line) return;
    const lineNo = index + 1;
    const [namePart = '', householdsPart, ...rest] = line.split(/[;|\t]/).map((s) => s.trim());
    const name = namePart.replace(/\s+/g, ' ');
    if (!name) return errors.push({ lineNo, line, reason: 'name-missing' });
    if (name.length > MAX_UNIT_NAME) return errors.push({ lineNo, line, reason: 'name-too-long' });
    let households: number | null = null;
    if (householdsPart || rest.length > 0) {
      households = householdsPart ? parseWholeNumber(householdsPart) : null;
      if (households === null || rest.some((r) => r !== '')) return errors.push({ lineNo, line, reason: 'households-invalid' });
    }
    const key = name.toLocaleLowerCase('vi');
    if (seen.has(key)) return errors.push({ lineNo, line, reason: 'duplicate' });
    seen.add(key);
    units.push({ name, households });
  });
  return { units, errors };
}
