import type { UnitKind } from './schema.js';

/** Every kind of unit, in the order pickers show them. */
export const UNIT_KINDS: readonly UnitKind[] = ['block', 'school', 'club', 'organisation', 'staff'];

export function isUnitKind(value: string | null | undefined): value is UnitKind {
  return UNIT_KINDS.some((k) => k === value);
}
