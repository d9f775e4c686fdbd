import type { Office } from '../core/office-settings.js';
import type { ResidentialTerm } from '../core/schema.js';

/**
 * The words every text uses for residential units, as translation variables:
 * `unitTerm` ("thôn"), `UnitTerm` ("Thôn"), `unitTerms` (plural: "thôn", "villages"), `unitTermLeader` ("trưởng thôn").
 */
export function termVariables(term: ResidentialTerm | null, translate: (key: string) => string): Record<string, string> {
  const id = term ?? 'khoi';
  const name = translate(`term-${id}`);
  return {
    unitTerm: name,
    UnitTerm: name.charAt(0).toLocaleUpperCase('vi') + name.slice(1),
    unitTerms: translate(`term-${id}-plural`),
    unitTermLeader: translate(`term-${id}-leader`),
  };
}

/** The office's own name as texts use it, `officeTitle`: "UBND xã Sơn Thủy", "UBND phường" while unnamed. */
export function officeVariables(office: Office | null, translate: (key: string, vars?: Record<string, string>) => string): Record<string, string> {
  if (!office) return { officeTitle: translate('office-title-none') };
  const kind = translate(`office-kind-${office.kind}`);
  return { officeTitle: office.name ? translate('office-title', { kind, name: office.name }) : translate('office-title-unnamed', { kind }) };
}
