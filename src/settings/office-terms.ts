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
