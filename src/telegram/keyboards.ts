import { InlineKeyboard, type Transformer } from 'grammy';

export interface Choice {
  label: string;
  data: string;
}

/** Lays choices out in rows of `perRow` buttons. */
export function choiceKeyboard(choices: Choice[], perRow = 1): InlineKeyboard {
  const kb = new InlineKeyboard();
  choices.forEach((c, i) => {
    kb.text(c.label, c.data);
    if ((i + 1) % perRow === 0 && i < choices.length - 1) kb.row();
  });
  return kb;
}


/**
 * Drops empty rows from inline keyboards before they reach Telegram (building rows in a loop
 * with `.row()` leaves one at the end). Installed on every Api the bot sends with.
 */
export const dropEmptyKeyboardRows: Transformer = (prev, method, payload, signal) => {
  const markup = (payload as { reply_markup?: { inline_keyboard?: unknown[][] } }).reply_markup;
  if (markup?.inline_keyboard?.some((row) => row.length === 0)) {
    markup.inline_keyboard = markup.inline_keyboard.filter((row) => row.length > 0);
  }
  return prev(method, payload, signal);
};
