import { parseUnitLines, type UnitLineError } from '../onboarding/units.rules.js';
import type { OfficeKind } from '../core/schema.js';

export interface CommuneLine {
  name: string;
  kind: OfficeKind;
}

const KIND_PREFIX: [RegExp, OfficeKind][] = [
  [/^(?:ubnd\s+)?xã\s+/iu, 'xa'],
  [/^(?:ubnd\s+)?phường\s+/iu, 'phuong'],
  [/^(?:ubnd\s+)?đặc khu\s+/iu, 'dac-khu'],
];

/**
 * A pasted list of communes, one a line, read with the units' reader (bullets, numbering, Excel
 * rows; a repeated name is refused): "Xã Sơn Thủy", "Phường Đông Hà", "Đặc khu Cồn Cỏ". The kind
 * comes from the first word; a line without one is a xã.
 */
export function parseCommuneLines(text: string): { communes: CommuneLine[]; errors: UnitLineError[] } {
  const { units, errors } = parseUnitLines(text, { households: false });
  const communes = units.map(({ name }) => {
    const found = KIND_PREFIX.find(([re]) => re.test(name));
    return found ? { name: name.replace(found[0], '').trim(), kind: found[1] } : { name, kind: 'xa' as const };
  });
  return { communes: communes.filter((c) => c.name.length > 0), errors };
}
