import { type Context, InlineKeyboard } from 'grammy';
import type { Clock } from '../core/clock.js';
import { DateTime } from 'luxon';
import { explainDateInput, showDay, tetNote } from '../calendar/date-format.js';
import { parseDateInput, type DateInput } from '../calendar/date-input.js';
import type { Translate } from './context.js';
import type { BotConversation } from './conversation.js';
import { isStaleQueryError } from './stale-query.js';
import { clip } from '../core/text.js';
import { askButton, pressedAsk } from './ask.buttons.js';
import type { PressReader } from '../core/buttons.js';

/**
 * The one input toolkit for conversations: wait for the next input, answer buttons harmlessly,
 * and ask one question until an acceptable answer comes, explaining every wrong one.
 */

/** Waits for the next update. Another command leaves the conversation and is handled as usual, so nobody gets stuck. */
export async function waitInput(conversation: BotConversation): Promise<Context> {
  const ctx = await conversation.wait();
  if (ctx.message?.text?.startsWith('/')) return conversation.halt({ next: true });
  return ctx;
}

/**
 * Stops the button's spinner. A press made while the bot was down can no longer be answered
 * ("query is too old"): that is harmless, the press is still handled.
 */
export async function answerPress(ctx: Context, opts: { text?: string; showAlert?: boolean } = {}): Promise<void> {
  if (!ctx.callbackQuery) return;
  const answer = opts.text ? { text: opts.text, ...(opts.showAlert ? { show_alert: true } : {}) } : {};
  await ctx.answerCallbackQuery(answer).catch((error: unknown) => {
    if (!isStaleQueryError(error)) throw error;
  });
}

/** Answers a button press and returns what `read` makes of its data, or null for anything else (a text, another button). */
export async function readPress<T>(ctx: Context, read: PressReader<T>): Promise<T | null> {
  if (!ctx.callbackQuery) return null;
  await answerPress(ctx);
  return read(ctx.callbackQuery.data);
}

/** Removes the buttons under the message a press came from, so an old prompt cannot be pressed again. */
export async function clearButtons(ctx: Context): Promise<void> {
  if (ctx.callbackQuery?.message) await ctx.editMessageReplyMarkup().catch(() => undefined);
}

/** What `read` makes of one input: the answer, or what to say before waiting again. */
export type Reading<T> = { ok: true; value: T } | { ok: false; again: string; keyboard?: InlineKeyboard };

/** `read` accepts this input as the answer. */
export const accept = <T>(value: T): Reading<T> => ({ ok: true, value });

/** `read` refuses this input: say `again` (with `keyboard`) and wait for another. */
export const retry = <T = never>(again: string, keyboard?: InlineKeyboard): Reading<T> => ({ ok: false, again, ...(keyboard ? { keyboard } : {}) });

/**
 * Looks at each input before the question does, for what belongs to the whole dialogue (e.g. a
 * press that would start another one): null lets the question read it, 'repeat' asks the
 * question again, a text is said instead.
 */
export type InputGuard = (input: Context) => Promise<null | 'repeat' | { again: string; keyboard?: InlineKeyboard }>;

/**
 * Asks one question: shows `prompt` (with `keyboard`), then reads inputs until `read` accepts one.
 * Every refused input gets its explanation; nothing entered before is lost.
 */
export async function ask<T>(
  conversation: BotConversation,
  ctx: Context,
  opts: { prompt: string; keyboard?: InlineKeyboard; read: (input: Context) => Reading<T> | Promise<Reading<T>>; guard?: InputGuard },
): Promise<{ value: T; ctx: Context }> {
  const markup = (keyboard?: InlineKeyboard) => (keyboard ? { reply_markup: keyboard } : {});
  if (opts.prompt) await ctx.reply(opts.prompt, markup(opts.keyboard));
  for (;;) {
    const input = await waitInput(conversation);
    const guarded = opts.guard ? await opts.guard(input) : null;
    if (guarded === 'repeat') await input.reply(opts.prompt, markup(opts.keyboard));
    if (guarded) {
      if (guarded !== 'repeat') await input.reply(guarded.again, markup(guarded.keyboard));
      continue;
    }
    const reading = await opts.read(input);
    if (reading.ok) return { value: reading.value, ctx: input };
    await input.reply(reading.again, markup(reading.keyboard));
  }
}

/** Shows buttons and waits until one that `choice` reads (see core/buttons.ts) is pressed; the buttons are then removed. */
export async function askChoice<T>(
  conversation: BotConversation,
  ctx: Context,
  t: Translate,
  text: string,
  kb: InlineKeyboard,
  choice: PressReader<T>,
  again = t('press-button'),
): Promise<{ value: T; ctx: Context }> {
  const answer = await ask(conversation, ctx, {
    prompt: text,
    keyboard: kb,
    read: async (input) => {
      const value = await readPress(input, choice);
      return value === null ? retry<T>(again) : accept(value);
    },
  });
  await clearButtons(answer.ctx);
  return answer;
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
  if (opts.accept) kb.text(opts.accept.label, askButton.pack('accept'));
  if (opts.skip) kb.text(t('nt-skip'), askButton.pack('skip'));
  const answer = await ask<string | null>(conversation, ctx, {
    prompt: opts.prompt,
    ...(opts.accept || opts.skip ? { keyboard: kb } : {}),
    read: async (input) => {
      const pressed = await readPress(input, pressedAsk);
      if (pressed === 'skip' && opts.skip) return accept(null);
      if (pressed === 'accept' && opts.accept) return accept(opts.accept.value);
      const text = input.message?.text?.trim().replace(/[ \t]+/g, ' ');
      if (text && text.length <= opts.max && (opts.valid?.(text) ?? true)) return accept(text);
      return retry(opts.invalid);
    },
  });
  return answer.value;
}

/** A past solar date written with its year, moved to the first year it is still ahead (a date copied from last year's plan). */
function sameDayAhead(parsed: Extract<DateInput, { ok: false }>, now: Date, zone: string): Date | null {
  const resolved = parsed.detail?.resolved;
  if (parsed.reason !== 'past' || !resolved || !parsed.part || !/\d{4}/.test(parsed.part) || parsed.detail?.lunar) return null;
  const local = DateTime.fromJSDate(resolved, { zone });
  for (let years = 1; years <= 5; years++) {
    const moved = local.plus({ years });
    if (moved.day === local.day && moved.toMillis() > now.getTime()) return moved.toJSDate();
  }
  return null;
}

/**
 * Reads a future local date and time from one input, in any form people write (the one reader,
 * src/calendar/when-reader.ts: "14/6", "rằm tháng Giêng", "3 ngày trước 2/9"…). What it read is
 * always shown back resolved, with the weekday and the lunar date; a past date with a year offers
 * the same day next time it comes (an askButton "ahead"); anything else unreadable is explained,
 * naming the words it could not read. Stateful: keep one per question.
 */
export function dateTimeReader(conversation: BotConversation, t: Translate, opts: { zone: string; clock: Clock }): (input: Context) => Promise<Reading<Date>> {
  const read = datedReader(conversation, t, opts);
  return async (input) => {
    const r = await read(input);
    return r.ok ? accept(r.value.at) : r;
  };
}

/** dateTimeReader's reading with whether it was typed as a lunar date ("mùng 10 tháng 3 âm lịch", "Giỗ Tổ"). */
export function datedReader(conversation: BotConversation, t: Translate, opts: { zone: string; clock: Clock }): (input: Context) => Promise<Reading<{ at: Date; lunar: boolean }>> {
  let offered: Date | null = null;
  return async (input) => {
    if ((await readPress(input, pressedAsk)) === 'ahead' && offered) return accept({ at: offered, lunar: false });
    const text = input.message?.text ?? '';
    const now = new Date(await conversation.external(() => opts.clock.now().toISOString()));
    const parsed = parseDateInput(text, now, opts.zone);
    const shown = { input: clip(text, 40), when: clip(text, 40) };
    if (parsed.ok) {
      const note = tetNote(parsed.at, opts.zone, t);
      const readBack = t('cal-show-point', { day: showDay(DateTime.fromJSDate(parsed.at, { zone: opts.zone }), opts.zone, t, true) });
      await input.reply([readBack, ...(note ? [note] : [])].join('\n'));
      return accept({ at: parsed.at, lunar: parsed.lunar !== undefined });
    }
    offered = sameDayAhead(parsed, now, opts.zone);
    if (offered) {
      const year = String(DateTime.fromJSDate(offered, { zone: opts.zone }).year);
      return retry(t('date-past-offer', { ...shown, year }), new InlineKeyboard().text(t('date-use-year', { year }), askButton.pack('ahead')));
    }
    if (parsed.reason === 'invalid-date' && !parsed.detail) return retry(t('date-invalid-date', { ...shown, input: (parsed.part ?? text).slice(0, 40) }));
    return retry(`${explainDateInput(parsed, opts.zone, t)} ${t('cancel-hint')}`);
  };
}

/** Asks for a future local date and time until one is readable (see dateTimeReader). */
export async function askDateTime(conversation: BotConversation, ctx: Context, t: Translate, prompt: string, opts: { zone: string; clock: Clock }): Promise<Date> {
  return (await askDated(conversation, ctx, t, prompt, opts)).at;
}

/** askDateTime, and whether the answer was a lunar date ("10/3 âm lịch"): a task set by one shows its leaders the lunar date too. */
export async function askDated(conversation: BotConversation, ctx: Context, t: Translate, prompt: string, opts: { zone: string; clock: Clock }): Promise<{ at: Date; lunar: boolean }> {
  const answer = await ask(conversation, ctx, { prompt, read: datedReader(conversation, t, opts) });
  return answer.value;
}
