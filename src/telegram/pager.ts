import { InlineKeyboard } from 'grammy';
import type { Translate } from './context.js';
import type { Choice } from './keyboards.js';

export const PAGE_SIZE = 8;

/** One page of choices (one per row) with ◀ / ▶ buttons whose data comes from `pageData`. */
export function pagedKeyboard(choices: Choice[], page: number, pageData: (page: number) => string, t: Translate): InlineKeyboard {
  const pages = Math.max(1, Math.ceil(choices.length / PAGE_SIZE));
  const current = Math.min(Math.max(0, page), pages - 1);
  const shown = choices.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);
  return pageKeyboard(shown, { page: current, hasMore: current < pages - 1 }, pageData, t);
}

/**
 * A page someone else already cut (a query with offset and `limit + 1`): its choices, one per
 * row, then ◀ unless it is the first and ▶ when more follow.
 */
export function pageKeyboard(shown: Choice[], at: { page: number; hasMore: boolean }, pageData: (page: number) => string, t: Translate): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const c of shown) kb.text(c.label, c.data).row();
  if (at.page > 0) kb.text(t('page-prev'), pageData(at.page - 1));
  if (at.hasMore) kb.text(t('page-next'), pageData(at.page + 1));
  return kb;
}
