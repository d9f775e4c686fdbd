import { type Context, InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import { formatDay, showDay, showPeriodEnds } from '../calendar/date-format.js';
import { findHolidayInText } from '../calendar/holiday-in-text.js';
import { flagWindow, type FlagWindow, holiday, type HolidayId, nextHolidayDate } from '../calendar/holidays.js';
import { explainPeriodInput, formatPeriod, parsePeriodInput } from '../calendar/period-input.js';
import { periodReportDue, type TaskPeriod } from '../calendar/period.rules.js';
import { readWhen } from '../calendar/when-reader.js';
import type { Recurrence } from '../calendar/recurrence.rules.js';
import { formatLocal } from '../core/clock.js';
import { foldVietnamese } from '../core/fold.js';
import { DEFAULT_DUE_HOUR } from '../core/local-date.js';
import { askRecurrence } from '../series/series-ask.conversation.js';
import { accept, answerPress, ask, clearButtons, datedReader, dateTimeReader, type Reading, retry } from '../telegram/ask.js';
import type { Translate } from '../telegram/context.js';
import type { BotConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { keepDueButton, whenButton } from './tasks.buttons.js';

/** When a new task is due: one deadline, a period with its report deadline, or a recurring rule. */
export type TaskWhen =
  | { kind: 'deadline'; dueAt: Date; lunar: boolean }
  | { kind: 'period'; period: TaskPeriod; dueAt: Date; lunar: boolean }
  | { kind: 'series'; rule: Recurrence };

/** `lunar`: the clerk gave the dates in the lunar calendar (typed, or a lunar holiday's window). */
type PeriodPick = { pick: 'period'; period: TaskPeriod; lunar: boolean };
type Pick = { pick: 'date'; at: Date; lunar: boolean } | PeriodPick | { pick: 'ask-period' } | { pick: 'repeat' };

/** Templates whose work usually runs over days (flags, cleanup, events): the question leads with the period. */
const PERIOD_TEMPLATES = new Set(['flag', 'cleanup', 'event']);

/** A period typed where a deadline was asked ("từ 23/7 đến hết 27/7", "trong tháng 5"), as the one reader reads it. */
function looksLikePeriod(text: string, now: Date, zone: string): boolean {
  const r = readWhen(text, { now, zone, allowPast: true });
  return r.ok ? r.value.shape === 'range' || (r.value.start !== null && r.value.precision !== 'day') : /* a failed range still explains itself as one */ r.reason === 'backwards';
}

/** The holiday a flag task is for ("Treo cờ dịp Quốc khánh"), with its suggested window, while that window has not ended. */
export function flagSuggestion(o: { template: string; title: string; description: string | null }, now: Date, zone: string): { id: HolidayId; window: FlagWindow } | null {
  const text = `${o.title} ${o.description ?? ''}`;
  const found = findHolidayInText(text);
  if (!found || (o.template !== 'flag' && !foldVietnamese(text).includes('treo co'))) return null;
  const window = flagWindow(found.id, nextHolidayDate(found.id, now, zone).year, zone);
  return window.end > now ? { id: found.id, window } : null;
}

/**
 * Longer than this is read as a slip, not a plan: "từ 27/7 đến 23/7" reads as 27/7 last year to
 * 23/7 this year, which nobody means for a task; campaigns hold the long spans.
 */
const MAX_PERIOD_DAYS = 186;

function readPeriod(text: string, now: Date, zone: string, t: Translate): Reading<PeriodPick> {
  const parsed = parsePeriodInput(text, now, zone);
  if (!parsed.ok) return retry(`${explainPeriodInput(parsed, zone, t)} ${t('cancel-hint')}`);
  if (parsed.period.end.getTime() - parsed.period.start.getTime() > MAX_PERIOD_DAYS * 86_400_000) {
    return retry(t('nt-period-too-long', { period: formatPeriod(parsed.period, zone, t) }));
  }
  return accept({ pick: 'period', period: parsed.period, lunar: parsed.startLunar !== undefined || parsed.endLunar !== undefined });
}

/** The report deadline a period suggests: by its start (see periodReportDue), or, once that has passed, 17:00 of its last day. */
function suggestedDue(period: TaskPeriod, now: Date, zone: string): Date {
  const due = periodReportDue(period, zone);
  if (due > now) return due;
  const lastDay = DateTime.fromJSDate(period.end, { zone }).set({ hour: DEFAULT_DUE_HOUR, minute: 0, second: 0, millisecond: 0 }).toJSDate();
  return lastDay > now && lastDay < period.end ? lastDay : period.end;
}

/**
 * Asks when the task is due: "Hạn báo cáo" as before (any date form), or a period typed
 * straight in ("từ 23/7 đến hết 27/7"), or one of the buttons: the suggested flag window of the
 * holiday the title names, *Khoảng thời gian*, *Lặp lại*. A period then asks for its report
 * deadline (by the start unless the admin sets another).
 */
export async function stepWhen(
  env: FeatureEnv,
  conversation: BotConversation,
  ctx: Context,
  t: Translate,
  o: { template: string; title: string; description: string | null; read?: ReadWhen },
): Promise<TaskWhen> {
  const { clock, config } = env.deps;
  const zone = config.timezone;
  const now = async () => new Date(await conversation.external(() => clock.now().toISOString()));
  const flag = flagSuggestion(o, await now(), zone);
  const kb = new InlineKeyboard();
  const read = o.read ? readPick(o.read) : null;
  if (read) kb.text(t('nt-when-read', { when: readLabel(read, zone, t) }), whenButton.pack('read')).row();
  if (flag) {
    const [from, to] = [flag.window.firstDay, flag.window.lastDay].map((d) => DateTime.fromObject(d).toFormat('dd/MM'));
    kb.text(t('nt-when-flag-window', { holiday: t(`cal-holiday-${flag.id}`), from: from ?? '', to: to ?? '' }), whenButton.pack('flag')).row();
  }
  kb.text(t('nt-when-period'), whenButton.pack('period')).text(t('nt-when-repeat'), whenButton.pack('repeat'));
  const readDate = datedReader(conversation, t, { zone, clock });
  const answer = await ask<Pick>(conversation, ctx, {
    prompt: t(PERIOD_TEMPLATES.has(o.template) ? 'nt-ask-when-period' : 'nt-ask-when'),
    keyboard: kb,
    read: async (input) => {
      const pressed = whenButton.unpack(input.callbackQuery?.data)?.[0];
      if (pressed) {
        await answerPress(input);
        if (pressed === 'read' && read) return accept(read);
        if (pressed === 'flag' && flag) return accept({ pick: 'period', period: { start: flag.window.start, end: flag.window.end }, lunar: holiday(flag.id).calendar === 'lunar' });
        if (pressed === 'period' || pressed === 'repeat') return accept(pressed === 'period' ? { pick: 'ask-period' } : { pick: 'repeat' });
        return retry(t('press-button'));
      }
      const text = input.message?.text ?? '';
      const at = await now();
      if (looksLikePeriod(text, at, zone)) return readPeriod(text, at, zone, t);
      const date = await readDate(input);
      return date.ok ? accept({ pick: 'date', at: date.value.at, lunar: date.value.lunar }) : date;
    },
  });
  await clearButtons(answer.ctx);
  const pick = answer.value;
  if (pick.pick === 'date') return { kind: 'deadline', dueAt: pick.at, lunar: pick.lunar };
  if (pick.pick === 'repeat') return { kind: 'series', rule: (await askRecurrence(conversation, answer.ctx, t, { zone, clock })).rule };
  const chosen = pick.pick === 'period' ? { value: pick, ctx: answer.ctx } : await askPeriod(conversation, answer.ctx, t, { zone, now });
  await chosen.ctx.reply(periodResolved(chosen.value, zone, t));
  const dueAt = await askPeriodDue(env, conversation, chosen.ctx, t, chosen.value.period, await now());
  return { kind: 'period', period: chosen.value.period, dueAt, lunar: chosen.value.lunar };
}

/** What a typed sentence said about when (ISO instants, JSON-safe for a conversation's argument): a deadline, or a period's start and end. */
export type ReadWhen = { start: string | null; end: string; lunar?: boolean };

function readPick(r: ReadWhen): Pick {
  const end = new Date(r.end);
  const lunar = r.lunar === true;
  return r.start ? { pick: 'period', period: { start: new Date(r.start), end }, lunar } : { pick: 'date', at: end, lunar };
}

/** The button's label: the deadline or the period, with weekdays and lunar dates, as read. */
function readLabel(p: Pick, zone: string, t: Translate): string {
  if (p.pick === 'period') return formatPeriod(p.period, zone, t);
  if (p.pick !== 'date') return '';
  return showDay(DateTime.fromJSDate(p.at, { zone }), zone, t, true);
}

/** The period read, once: each end with its weekday and lunar date. */
function periodResolved(p: PeriodPick, zone: string, t: Translate): string {
  const { from, to, endTimed } = showPeriodEnds(p.period, zone, t);
  return t(endTimed ? 'nt-period-resolved-to' : 'nt-period-resolved', { from, to });
}

async function askPeriod(conversation: BotConversation, ctx: Context, t: Translate, o: { zone: string; now: () => Promise<Date> }) {
  return ask<PeriodPick>(conversation, ctx, {
    prompt: t('nt-ask-period'),
    read: async (input) => (input.message?.text ? readPeriod(input.message.text, await o.now(), o.zone, t) : retry(t('nt-ask-period'))),
  });
}

async function askPeriodDue(env: FeatureEnv, conversation: BotConversation, ctx: Context, t: Translate, period: TaskPeriod, now: Date): Promise<Date> {
  const zone = env.deps.config.timezone;
  const due = suggestedDue(period, now, zone);
  const readDate = dateTimeReader(conversation, t, { zone, clock: env.deps.clock });
  const answer = await ask<Date>(conversation, ctx, {
    prompt: t('nt-ask-period-due', { due: formatDay(due, zone, t) }),
    keyboard: new InlineKeyboard().text(t('nt-keep-due'), keepDueButton.pack('keep')),
    read: async (input) => {
      if (keepDueButton.unpack(input.callbackQuery?.data)) {
        await answerPress(input);
        return accept(due);
      }
      const date = await readDate(input);
      if (date.ok && date.value > period.end) return retry(t('nt-period-due-after-end', { end: formatLocal(period.end, zone) }));
      return date;
    },
  });
  await clearButtons(answer.ctx);
  return answer.value;
}
