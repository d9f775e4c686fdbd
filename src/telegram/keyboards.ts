import { InlineKeyboard } from 'grammy';

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

/** callback_data must fit 64 bytes; fail loudly in development rather than at Telegram. */
export function callbackData(...parts: (string | number)[]): string {
  const data = parts.join(':');
  if (Buffer.byteLength(data, 'utf8') > 64) throw new Error(`callback_data over 64 bytes: ${data}`);
  return data;
}
