import type { Context } from 'grammy';
import { pressedWith } from './ask.js';
import type { Translate } from './context.js';
import { waitInput } from './conversation-kit.js';
import type { BotConversation } from './feature.js';
import { pagedKeyboard } from './pager.js';

/**
 * Toggle buttons (☑️/⬜) over the given units, paged, until "Xong" with at least one chosen.
 * `prefix` (e.g. "np:") keeps the picker's callback_data apart from other dialogues.
 */
export async function pickUnits(
  conversation: BotConversation,
  ctx: Context,
  t: Translate,
  opts: { prefix: string; loadUnits: () => Promise<{ id: number; name: string }[]> },
): Promise<number[]> {
  const { prefix } = opts;
  const all = await conversation.external(opts.loadUnits);
  const chosen = new Set<number>();
  let page = 0;
  const render = () => {
    const choices = all.map((u) => ({ label: `${chosen.has(u.id) ? '☑️' : '⬜'} ${u.name}`, data: `${prefix}${u.id}` }));
    return pagedKeyboard(choices, page, (p) => `${prefix}p${p}`, t).row().text(t('pick-done', { count: chosen.size }), `${prefix}done`);
  };
  await ctx.reply(t('pick-units', { count: 0 }), { reply_markup: render() });
  for (;;) {
    const input = await waitInput(conversation);
    const value = await pressedWith(input, prefix);
    if (value === null) await input.reply(t('press-button'));
    else if (value === 'done' && chosen.size > 0) {
      await input.editMessageReplyMarkup().catch(() => undefined);
      return [...chosen];
    } else if (value === 'done') await input.reply(t('pick-none'));
    else {
      if (value.startsWith('p')) page = Number(value.slice(1));
      else if (chosen.has(Number(value))) chosen.delete(Number(value));
      else if (all.some((u) => u.id === Number(value))) chosen.add(Number(value));
      await input.editMessageText(t('pick-units', { count: chosen.size }), { reply_markup: render() }).catch(() => undefined);
    }
  }
}
