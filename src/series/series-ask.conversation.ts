import { type Context, InlineKeyboard } from 'grammy';
import { formatDay } from '../calendar/date-format.js';
import type { Recurrence } from '../calendar/recurrence.rules.js';
import type { Clock } from '../core/clock.js';
import { DEFAULT_DUE_HOUR } from '../core/local-date.js';
import { choice } from '../core/buttons.js';
import { accept, ask, readPress, retry } from '../telegram/ask.js';
import type { Translate } from '../telegram/context.js';
import type { BotConversation } from '../telegram/conversation.js';
import { defaultLeadDays, formatRecurrence, parseRecurrenceInput } from './recurrence-input.js';
import { upcomingOccurrence } from './series.rules.js';
import { presetButton, RECURRENCE_PRESETS, type RecurrencePreset } from './series.buttons.js';

const DUE = { hour: DEFAULT_DUE_HOUR, minute: 0 };

/** One-tap rules for the common cases (Ngày Chủ nhật xanh, the last Sunday of the month). */
const PRESETS: Record<RecurrencePreset, { key: string; rule: Recurrence }> = {
  'weekly-sun': { key: 'series-preset-weekly-sunday', rule: { kind: 'weekly', weekday: 7, time: DUE } },
  'last-sun': { key: 'series-preset-last-sunday', rule: { kind: 'monthly-last-weekday', weekday: 7, time: DUE } },
};

/** The first occurrence a new rule makes, as the admin reads it ("Chủ nhật, 07/06/2026 17:00"). */
export function firstOccurrenceText(rule: Recurrence, now: Date, zone: string, t: Translate, lastDueAt: Date | null = null): string {
  const next = upcomingOccurrence({ recurrence: rule, leadDays: defaultLeadDays(rule), status: 'active', createdAt: now, lastDueAt }, now, zone);
  return next ? formatDay(next.dueAt, zone, t) : '—';
}

/**
 * Asks how a task repeats (a preset button or words, see parseRecurrenceInput) and shows the rule
 * back with its first occurrence. `lastDueAt`: a series being changed goes on after its latest round.
 */
export async function askRecurrence(
  conversation: BotConversation,
  ctx: Context,
  t: Translate,
  opts: { zone: string; clock: Clock; lastDueAt?: Date | null },
): Promise<{ rule: Recurrence; ctx: Context }> {
  const kb = new InlineKeyboard();
  for (const id of RECURRENCE_PRESETS) kb.text(t(PRESETS[id].key), presetButton.pack(id)).row();
  const answer = await ask(conversation, ctx, {
    prompt: t('series-ask-rule'),
    keyboard: kb,
    read: async (input) => {
      if (input.callbackQuery) {
        const preset = await readPress(input, choice(presetButton));
        return preset ? accept(PRESETS[preset].rule) : retry<Recurrence>(t('press-button'));
      }
      const parsed = parseRecurrenceInput(input.message?.text ?? '');
      return parsed.ok ? accept(parsed.recurrence) : retry<Recurrence>(t(parsed.reason === 'invalid' ? 'series-rule-impossible' : 'series-rule-invalid'));
    },
  });
  if (answer.ctx.callbackQuery?.message) await answer.ctx.editMessageReplyMarkup().catch(() => undefined);
  const now = new Date(await conversation.external(() => opts.clock.now().toISOString()));
  const first = firstOccurrenceText(answer.value, now, opts.zone, t, opts.lastDueAt ?? null);
  await answer.ctx.reply(t('series-rule-resolved', { rule: formatRecurrence(answer.value, t), first }));
  return { rule: answer.value, ctx: answer.ctx };
}
