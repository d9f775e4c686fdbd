import type { Context } from 'grammy';
import type { UnitKind } from '../core/schema.js';
import { isUnitKind, UNIT_KINDS } from '../core/unit-kinds.js';
import { accept, ask, clearButtons, pressedWith, retry, waitInput } from './ask.js';
import type { Translate } from './context.js';
import type { BotConversation } from './conversation.js';
import { choiceKeyboard } from './keyboards.js';
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
      await clearButtons(input);
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

/** One kind of unit, picked with one button per kind; `prefix` keeps the data apart from other dialogues. */
export async function pickUnitKind(conversation: BotConversation, ctx: Context, t: Translate, opts: { prompt: string; again: string; prefix: string; perRow?: number }): Promise<{ value: UnitKind; ctx: Context }> {
  const kb = choiceKeyboard(UNIT_KINDS.map((k) => ({ label: t(`unit-kind-${k}`), data: `${opts.prefix}${k}` })), opts.perRow ?? 1);
  const answer = await ask(conversation, ctx, {
    prompt: opts.prompt,
    keyboard: kb,
    read: async (input) => {
      const value = await pressedWith(input, opts.prefix);
      return isUnitKind(value) ? accept(value) : retry<UnitKind>(opts.again);
    },
  });
  await clearButtons(answer.ctx);
  return answer;
}
