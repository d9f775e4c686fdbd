import { InlineKeyboard } from 'grammy';
import type { Translate } from './context.js';
import type { Choice } from './keyboards.js';

export const PAGE_SIZE = 8;

/** One page of choices (one per row) with ◀ / ▶ buttons whose data comes from `pageData`. */
export function pagedKeyboard(choices: Choice[], page: number, pageData: (page: number) => string, t: Translate): InlineKeyboard {
  const pages = Math.max(1, Math.ceil(choices.length / PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const kb = new InlineKeyboard();
  for (const c of choices.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE)) kb.text(c.label, c.data).row();
  if (current > 0) kb.text(t('page-prev'), pageData(current - 1));
  if (current < pages - 1) kb.text(t('page-next'), pageData(current + 1));
  return kb;
}
