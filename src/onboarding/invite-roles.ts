import type { Position, UnitKind } from '../core/schema.js';

type Translate = (key: string, vars?: Record<string, string | number>) => string;

/**
 * The role an invitation is for, as a link, QR code or printed card says it: "Người phụ trách
 * đơn vị" / "Cấp phó" for any unit, and for residential units the local words ("Người phụ trách
 * thôn (trưởng thôn)"), never "khối trưởng" for a school principal.
 */
export function inviteRoleLabel(t: Translate, position: Position, kind: UnitKind): string {
  return t(`invite-as-${position}${kind === 'block' ? '-block' : ''}`);
}

/** How the welcome names the newcomer: "người phụ trách", "trưởng thôn", "phó khối trưởng"… */
export function joinedAsLabel(t: Translate, position: Position, kind: UnitKind): string {
  return t(`joined-as-${position}${kind === 'block' ? '-block' : ''}`);
}
