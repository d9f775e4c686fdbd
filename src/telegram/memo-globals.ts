import type { GlobalVariables } from './i18n.js';

/** Every UTC offset in use is a whole number of quarter hours, so a local day never changes inside one. */
const QUARTER_HOUR_MS = 15 * 60_000;
const MAX_SETTINGS = 32;

/**
 * The office's global text variables (local term, example dates) change with a setting or with
 * the local day, yet every translation asks for them: work them out once per setting, locale and
 * quarter hour instead of on every text (they cost more than the text itself). `setting` returns
 * what they depend on, compared as a Map key: a value, or an object that is replaced (not changed)
 * when a setting changes, as the office settings cache does on every reload. Nothing is built to
 * look them up: a text is asked for a few dozen times per update.
 */
export function memoizedGlobals(globals: GlobalVariables, opts: { now: () => Date; setting: () => unknown }): GlobalVariables {
  const made = new Map<unknown, Map<string, { quarter: number; values: Record<string, string> }>>();
  return (locale, translate) => {
    const setting = opts.setting();
    const quarter = Math.floor(opts.now().getTime() / QUARTER_HOUR_MS);
    let byLocale = made.get(setting);
    if (!byLocale) {
      if (made.size >= MAX_SETTINGS) made.clear();
      made.set(setting, (byLocale = new Map()));
    }
    const kept = byLocale.get(locale);
    if (kept?.quarter === quarter) return kept.values;
    const values = globals(locale, translate);
    byLocale.set(locale, { quarter, values });
    return values;
  };
}
