import { fileURLToPath } from 'node:url';
import { I18n } from '@grammyjs/i18n';
import type { TranslationVariables } from '@grammyjs/i18n';
import type { BotContext, Translate } from './context.js';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const LOCALES_DIR = fileURLToPath(new URL('../locales', import.meta.url));

export function isLocale(value: string | null | undefined): value is Locale {
  return value === 'vi' || value === 'en';
}

/** Variables every text may use (the office's own words), worked out for one locale. */
export type GlobalVariables = (locale: string, translate: (key: string) => string) => Record<string, string>;

/** I18n whose every translation, ctx.t or translator(), also sees the office's global variables. */
class OfficeI18n extends I18n<BotContext> {
  constructor(
    config: ConstructorParameters<typeof I18n<BotContext>>[0],
    private readonly globals: GlobalVariables,
  ) {
    super(config);
  }

  /**
   * Texts without variables of their own (button labels, questions), per set of global values:
   * such a text is the same until those change, and they are asked for on every step of every
   * dialogue. A new set of globals (another day, a changed setting) starts afresh.
   */
  private readonly plainTexts = new WeakMap<Record<string, string>, Map<string, string>>();

  override t(locale: string, key: string, variables?: TranslationVariables): string {
    const globals = this.globals(locale, (k) => super.t(locale, k));
    if (variables !== undefined) return super.t(locale, key, { ...globals, ...variables });
    let texts = this.plainTexts.get(globals);
    if (!texts) this.plainTexts.set(globals, (texts = new Map()));
    const id = `${locale}\u0000${key}`;
    let text = texts.get(id);
    if (text === undefined) texts.set(id, (text = super.t(locale, key, globals)));
    return text;
  }
}

/** One I18n per bot: Vietnamese by default, the member's saved choice when there is one. */
/** No global variables (one object, so texts without variables are kept: see OfficeI18n.t). */
const NO_GLOBALS: Record<string, string> = Object.freeze({});

export function createI18n(defaultLocale: Locale, globals: GlobalVariables = () => NO_GLOBALS): I18n<BotContext> {
  const negotiate = (ctx: BotContext) => (isLocale(ctx.member?.locale) ? ctx.member.locale : defaultLocale);
  const i18n: OfficeI18n = new OfficeI18n(
    {
      defaultLocale,
      fluentBundleOptions: { useIsolating: false },
      localeNegotiator: negotiate,
      globalTranslationContext: (ctx) => {
        const locale = negotiate(ctx);
        return globals(locale, (k) => i18n.translate(locale, k));
      },
    },
    globals,
  );
  i18n.loadLocalesDirSync(LOCALES_DIR);
  keepBundleMatches(i18n.fluent);
  return i18n;
}

/**
 * @grammyjs/i18n picks the bundles for a locale on every translation, negotiating it with
 * @fluent/langneg (which builds Intl locales and arrays each time): a few dozen times per update.
 * Every bundle is loaded above, before the first translation, so the answer for a locale never
 * changes: it is worked out once. `matchBundles` is a private method of the library's Fluent
 * class; should a new version rename it, this does nothing and texts are still right.
 */
function keepBundleMatches(fluent: object): void {
  const f = fluent as { matchBundles?: (locales: string[]) => unknown };
  const match = f.matchBundles;
  if (typeof match !== 'function') return;
  const kept = new Map<string, unknown>();
  f.matchBundles = (locales) => {
    const key = locales.length === 1 ? (locales[0] ?? '') : locales.join('\u0000');
    let bundles = kept.get(key);
    if (bundles === undefined) kept.set(key, (bundles = match.call(fluent, locales)));
    return bundles;
  };
}

export function translator(i18n: I18n<BotContext>, locale: string): Translate {
  return (key, vars) => i18n.t(locale, key, vars);
}
