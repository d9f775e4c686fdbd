import type { Context } from 'grammy';
import type { UnitKind } from '../core/schema.js';
import { type ButtonKind, choice } from '../core/buttons.js';
import { UNIT_KINDS } from '../core/unit-kinds.js';
import { accept, ask, clearButtons, readPress, retry } from './ask.js';
import type { Translate } from './context.js';
import type { BotConversation } from './conversation.js';
import { choiceKeyboard } from './keyboards.js';

/** One kind of unit, picked with one button per kind; `button` is the dialogue's own kind of button (in its *.buttons.ts). */
export async function pickUnitKind(
  conversation: BotConversation,
  ctx: Context,
  t: Translate,
  opts: { prompt: string; again: string; button: ButtonKind<readonly [readonly UnitKind[]]>; perRow?: number },
): Promise<{ value: UnitKind; ctx: Context }> {
  const kb = choiceKeyboard(UNIT_KINDS.map((k) => ({ label: t(`unit-kind-${k}`), data: opts.button.pack(k) })), opts.perRow ?? 1);
  const answer = await ask(conversation, ctx, {
    prompt: opts.prompt,
    keyboard: kb,
    read: async (input) => {
      const value = await readPress(input, choice(opts.button));
      return value === null ? retry<UnitKind>(opts.again) : accept(value);
    },
  });
  await clearButtons(answer.ctx);
  return answer;
}
