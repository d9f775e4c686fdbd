import { describe, expect, it } from 'vitest';
import { termVariables } from '../src/settings/office-terms.js';
import type { ResidentialTerm } from '../src/core/schema.js';
import { createI18n, translator } from '../src/telegram/i18n.js';
import { memoizedGlobals } from '../src/telegram/memo-globals.js';

// Texts without variables of their own are kept per set of global values (OfficeI18n.t): a
// changed setting must show at once, as it did when every text was formatted afresh.
describe('texts without variables', () => {
  it('when the office renames its residential units, then a text without variables says the new name at once', () => {
    let term: ResidentialTerm | null = null;
    const now = new Date('2026-12-05T02:00:00Z');
    const i18n = createI18n('vi', memoizedGlobals((_locale, translate) => termVariables(term, translate), { now: () => now, setting: () => term ?? '' }));
    const t = translator(i18n, 'vi');
    const before = t('units-hh-none');
    expect(before).toBe('Chưa có khối phố nào để sửa số hộ. Anh/chị thêm bằng /units → “➕ Thêm đơn vị”.');
    expect(t('units-hh-none')).toBe(before);
    term = 'thon';
    expect(t('units-hh-none')).toBe('Chưa có thôn nào để sửa số hộ. Anh/chị thêm bằng /units → “➕ Thêm đơn vị”.');
    expect(translator(i18n, 'en')('units-hh-none')).not.toBe(t('units-hh-none'));
  });

  it('when a text has variables of its own, then each call formats its own values', () => {
    const t = translator(createI18n('vi'), 'vi');
    expect(t('report-summary-photos', { count: 1 })).not.toBe(t('report-summary-photos', { count: 3 }));
  });

  it('when texts are asked for again, then the bundles for a locale are picked once, and each locale still gets its own texts', () => {
    const i18n = createI18n('vi');
    const fluent = i18n.fluent as unknown as { matchBundles(locales: string[]): unknown };
    expect(fluent.matchBundles(['vi'])).toBe(fluent.matchBundles(['vi']));
    expect(fluent.matchBundles(['en'])).not.toBe(fluent.matchBundles(['vi']));
    expect(i18n.t('vi', 'report-summary-photos', { count: 2 })).toBe('Ảnh: 2');
    expect(i18n.t('en', 'report-summary-photos', { count: 2 })).toBe('Photos: 2');
    expect(i18n.t('en', 'report-skip')).not.toBe(i18n.t('vi', 'report-skip'));
  });
});
