import { describe, expect, it } from 'vitest';
import { buildInviteCardsPdf } from '../src/onboarding/invite-cards.pdf.js';
import { createI18n, translator } from '../src/telegram/i18n.js';
import { pdfPageTexts } from './support/pdf-text.js';

const t = translator(createI18n('vi'), 'vi');

describe('invite cards, line by line', () => {
  // A real code that pdfkit's line wrapper broke after its hyphen (it measures "…MN2-" and
  // "BexquSY3" apart, losing their kerning, so the link no longer "fit" its own width).
  it.each([
    ['a link whose code has a hyphen where the wrapper used to break it', 'https://t.me/khoipho_test_bot?start=kMJeUGrwfxKQMN2-BexquSY3'],
    ['a link of wide letters', 'https://t.me/khoipho_test_bot?start=WWWWWWWWWWWWWWWWWWWWWWWW'],
    ['a link with - and _ together', 'https://t.me/khoipho_test_bot?start=OjwbV-xcfLLzr9yx_RLzxxb_'],
  ])('when the card holds %s, then the link stays on one line and reads back whole', async (_case, link) => {
    const pdf = await buildInviteCardsPdf([{ unitName: 'Khối 13', role: 'Người phụ trách khối phố (khối trưởng)', link, expiresAt: new Date('2026-12-08T02:00:00Z') }], {
      t,
      zone: 'Asia/Ho_Chi_Minh',
    });
    const [page] = await pdfPageTexts(pdf);
    expect(page).toContain(` ${link}`);
    expect(page).toContain('Người phụ trách khối phố (khối trưởng)');
  });
});
