import { foldVietnamese } from '../core/fold.js';
import { parseUnitLine } from './units.rules.js';

export interface HouseholdEdit {
  unitId: number;
  name: string;
  from: number | null;
  to: number;
}

export interface HouseholdEditError {
  lineNo: number;
  line: string;
  /** A reason of the line parser (text `units-reason-<reason>`) or of the match (`units-hh-reason-<reason>`). */
  reason: string;
  /** True for the match's own reasons. */
  match: boolean;
}

interface KnownUnit {
  id: number;
  name: string;
  kind: string;
  households: number | null;
}

/**
 * Reads "Khối 7; 320" lines (any separator parseUnitLine accepts) against the units there are.
 * A name matches when it is the same once accents, case and punctuation are ignored ("khoi 7"
 * is Khối 7, never Khối 17). Every line must name a residential unit, once, with a count; a
 * count equal to the stored one is not an edit (nothing to change). Blank lines are ignored.
 */
export function matchHouseholdEdits(text: string, units: KnownUnit[]): { edits: HouseholdEdit[]; errors: HouseholdEditError[] } {
  const byName = new Map(units.map((u) => [foldVietnamese(u.name), u]));
  const edits: HouseholdEdit[] = [];
  const errors: HouseholdEditError[] = [];
  const seen = new Set<number>();
  text.split(/\r?\n|\r/).forEach((raw, index) => {
    const parsed = parseUnitLine(raw, { households: true });
    if (!parsed) return;
    const fail = (reason: string, match: boolean) => errors.push({ lineNo: index + 1, line: raw.trim(), reason, match });
    if (!parsed.ok) return fail(parsed.reason, false);
    const unit = byName.get(foldVietnamese(parsed.unit.name));
    if (!unit) return fail('unknown-unit', true);
    if (unit.kind !== 'block') return fail('not-residential', true);
    if (parsed.unit.households === null) return fail('count-missing', true);
    if (seen.has(unit.id)) return fail('duplicate', false);
    seen.add(unit.id);
    if (parsed.unit.households !== unit.households) edits.push({ unitId: unit.id, name: unit.name, from: unit.households, to: parsed.unit.households });
  });
  return { edits, errors };
}
