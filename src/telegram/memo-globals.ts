import type { GlobalVariables } from './i18n.js';

/** Every UTC offset in use is a whole number of quarter hours, so a local day never changes inside one. */
const QUARTER_HOUR_MS = 15 * 60_000;
const MAX_KEYS = 32;

/**
 * The office's global text variables (local term, example dates) change with a setting or with
 * the local day, yet every translation asks for them: work them out once per locale, setting
 * and quarter hour instead of on every text (they cost more than the text itself).
 */
export function memoizedGlobals(globals: GlobalVariables, opts: { now: () => Date; setting: () => string }): GlobalVariables {
  const made = new Map<string, Record<string, string>>();
  return (locale, translate) => {
    const key = `${locale}|${opts.setting()}|${Math.floor(opts.now().getTime() / QUARTER_HOUR_MS)}`;
    let values = made.get(key);
    if (!values) {
      if (made.size >= MAX_KEYS) made.clear();
      values = globals(locale, translate);
      made.set(key, values);
    }
    return values;
  };
}
