import type { UnitKind } from './schema.js';

/** Which units a task or broadcast is for: all of them, every unit of some kinds, or units picked by name. */
export type UnitScope = { mode: 'all' } | { mode: 'kinds'; kinds: UnitKind[] } | { mode: 'pick'; unitIds: number[] };

/** A unit as pickers see it. */
export interface ScopeUnit {
  id: number;
  name: string;
  kind: UnitKind;
}

/** The units a scope means, in the given order. */
export function unitsInScope<U extends ScopeUnit>(units: U[], scope: UnitScope): U[] {
  if (scope.mode === 'all') return units;
  if (scope.mode === 'kinds') return units.filter((u) => scope.kinds.includes(u.kind));
  const picked = new Set(scope.unitIds);
  return units.filter((u) => picked.has(u.id));
}
