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

  override t(locale: string, key: string, variables?: TranslationVariables): string {
    const plain = (k: string) => super.t(locale, k);
    return super.t(locale, key, { ...this.globals(locale, plain), ...variables });
  }
}

/** One I18n per bot: Vietnamese by default, the member's saved choice when there is one. */
export function createI18n(defaultLocale: Locale, globals: GlobalVariables = () => ({})): I18n<BotContext> {
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
  return i18n;
}

export function translator(i18n: I18n<BotContext>, locale: string): Translate {
  return (key, vars) => i18n.t(locale, key, vars);
}
