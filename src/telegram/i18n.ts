import { fileURLToPath } from 'node:url';
import { I18n } from '@grammyjs/i18n';
import type { BotContext, Translate } from './context.js';

export const LOCALES = ['vi', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

const LOCALES_DIR = fileURLToPath(new URL('../locales', import.meta.url));

export function isLocale(value: string | null | undefined): value is Locale {
  return value === 'vi' || value === 'en';
}

/** One I18n per bot: Vietnamese by default, the member's saved choice when there is one. */
export function createI18n(defaultLocale: Locale): I18n<BotContext> {
  const i18n = new I18n<BotContext>({
    defaultLocale,
    fluentBundleOptions: { useIsolating: false },
    localeNegotiator: (ctx) => (isLocale(ctx.member?.locale) ? ctx.member.locale : defaultLocale),
  });
  i18n.loadLocalesDirSync(LOCALES_DIR);
  return i18n;
}

export function translator(i18n: I18n<BotContext>, locale: string): Translate {
  return (key, vars) => i18n.t(locale, key, vars);
}
