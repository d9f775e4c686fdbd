import { type Context, InlineKeyboard } from 'grammy';
import type { Clock } from '../core/clock.js';
import type { Translate } from './context.js';
import { waitInput } from './conversation-kit.js';
import type { BotConversation } from './feature.js';
import { parseLocalDateTime } from '../core/local-date.js';

/** Answers a button press and returns its data without the prefix, or null for anything else. */
export async function pressedWith(ctx: Context, prefix: string): Promise<string | null> {
  if (!ctx.callbackQuery) return null;
  await ctx.answerCallbackQuery();
  const data = ctx.callbackQuery.data;
  return data?.startsWith(prefix) ? data.slice(prefix.length) : null;
}

/** Shows buttons and waits until one of them (by prefix) is pressed. */
export async function askChoice(conversation: BotConversation, ctx: Context, t: Translate, text: string, kb: InlineKeyboard, prefix: string): Promise<{ value: string; ctx: Context }> {
  await ctx.reply(text, { reply_markup: kb });
  for (;;) {
    const input = await waitInput(conversation);
    const value = await pressedWith(input, prefix);
    if (value !== null) {
      await input.editMessageReplyMarkup().catch(() => undefined);
      return { value, ctx: input };
    }
    await input.reply(t('press-button'));
  }
}

/**
 * Asks for free text of at most `max` characters. With `skip`, a "Bỏ qua" button returns null;
 * with `accept`, a button returns its value; `valid` refuses texts it does not accept.
 */
export async function askText(
  conversation: BotConversation,
  ctx: Context,
  t: Translate,
  opts: { prompt: string; invalid: string; max: number; skip?: boolean; accept?: { label: string; value: string }; valid?: (text: string) => boolean },
): Promise<string | null> {
  const kb = new InlineKeyboard();
  if (opts.accept) kb.text(opts.accept.label, 'ask:accept');
  if (opts.skip) kb.text(t('nt-skip'), 'ask:skip');
  await ctx.reply(opts.prompt, opts.accept || opts.skip ? { reply_markup: kb } : {});
  for (;;) {
    const input = await waitInput(conversation);
    const pressed = await pressedWith(input, 'ask:');
    if (pressed === 'skip' && opts.skip) return null;
    if (pressed === 'accept' && opts.accept) return opts.accept.value;
    const text = input.message?.text?.trim().replace(/[ \t]+/g, ' ');
    if (text && text.length <= opts.max && (opts.valid?.(text) ?? true)) return text;
    await input.reply(opts.invalid);
  }
}

/** Asks for a future local date and time; every unreadable or past answer is explained and asked again. */
export async function askDateTime(conversation: BotConversation, ctx: Context, t: Translate, prompt: string, opts: { zone: string; clock: Clock }): Promise<Date> {
  const { zone, clock } = opts;
  await ctx.reply(prompt);
  for (;;) {
    const input = await waitInput(conversation);
    if (input.callbackQuery) await input.answerCallbackQuery();
    const text = input.message?.text ?? '';
    const now = new Date(await conversation.external(() => clock.now().toISOString()));
    const parsed = parseLocalDateTime(text, now, zone);
    if (parsed.ok) return parsed.at;
    await input.reply(t(`date-${parsed.reason}`, { input: text.slice(0, 40), when: text.slice(0, 40) }));
  }
}
