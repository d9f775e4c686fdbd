import { type Context, InlineKeyboard, type MiddlewareFn } from 'grammy';
import { formatTaskDate } from '../calendar/date-format.js';
import { formatLocal } from '../core/clock.js';
import { answerPress } from '../telegram/ask.js';
import type { BotContext, Translate } from '../telegram/context.js';
import { conversationKey } from '../telegram/conversation-storage.js';
import { dialogueKey } from '../telegram/dialogue-store.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { type HotDialogue, type HotDialogues, type RowGuard, sayAll, type Step } from '../telegram/hot-dialogue.js';
import { isLocale, translator } from '../telegram/i18n.js';
import { reportButton, reportStayButton, reportSwitchButton, summarySubmissionKey, summaryToken } from './reports.buttons.js';
import { EMPTY_DRAFT, type ReportState, reportStateSchema } from './report-state.js';
import { confirmation, prompt, readAnswer, statusPrompt } from './report-steps.dialogue.js';
import { openReport, submitFromDialogue } from './reports.service.js';

/**
 * The leader's report: press *Báo cáo* → status → number → photos → location → note → summary
 * with Gửi / Sửa / Huỷ. Runs on the hot-dialogue runtime (telegram/hot-dialogue.ts): one stored
 * row per chat, one database round trip per step, one for the submission, one to open.
 */

/** Texts in the dialogue's language, one translator per language for the process. */
function textsFor(env: FeatureEnv): (locale: string | null) => Translate {
  const made = new Map<string, Translate>();
  return (locale) => {
    const l = isLocale(locale) ? locale : env.deps.config.defaultLocale;
    let t = made.get(l);
    if (!t) made.set(l, (t = translator(env.i18n, l)));
    return t;
  };
}

/**
 * A "Báo cáo" press for another task while this report is open is not swallowed: the leader is
 * told which report is open and chooses to go on or to switch (which leaves this dialogue).
 */
function switchGuard(t: Translate, state: ReportState, input: Context): Step<ReportState> | null {
  const data = input.callbackQuery?.data;
  if (reportSwitchButton.unpack(data)) return { kind: 'leave' };
  if (reportStayButton.unpack(data)) return { kind: 'continue', state, say: [prompt(t, state)] };
  const other = reportButton.unpack(data);
  if (!other) return null;
  const keyboard = new InlineKeyboard()
    .text(t('report-switch-stay'), reportStayButton.pack())
    .row()
    .text(t('report-switch-go'), reportSwitchButton.pack(other[0], other[1]));
  return { kind: 'continue', state, say: [{ text: t('report-switch-ask', { title: state.title, unit: state.unit }), keyboard }] };
}

export function reportDialogue(env: FeatureEnv): HotDialogue<ReportState> {
  const { db, clock, config } = env.deps;
  const texts = textsFor(env);

  const submit = async (t: Translate, state: ReportState, input: Context, guard: RowGuard) => {
    const { status, number, photos, location, note } = state.answers;
    // The summary's token makes a re-delivered "Gửi" store one revision, and lets a later press
    // on that summary check what was stored (the pressed query's id for summaries shown before tokens).
    const submissionKey = state.summary === null ? `cb:${input.callbackQuery?.id ?? input.update.update_id}` : summarySubmissionKey(state.memberId, state.summary);
    const answers = { status: status ?? 'done', number, photos, location, note };
    const result = await submitFromDialogue(db, clock, { memberId: state.memberId, taskId: state.taskId, unitId: state.unitId, submissionKey, answers }, guard);
    if (result.outcome === 'stale') return 'stale';
    if (result.outcome === 'refused') return { say: [{ text: t(`report-refused-${result.reason}`) }] };
    const at = formatLocal(result.submittedAt, config.timezone);
    const lines = [t('report-receipt', { title: state.title, unit: state.unit, at, revision: result.revision })];
    if (result.late) lines.push(t('report-receipt-late'));
    if (result.flags.some((f) => f.kind === 'photo-reused')) lines.push(t('report-flag-reused'));
    if (result.flags.some((f) => f.kind === 'photo-before-task')) lines.push(t('report-flag-old-photo'));
    return { say: [{ text: lines.join('\n') }] };
  };

  const confirmStep = (t: Translate, state: ReportState, input: Context): Step<ReportState> => {
    const choice = confirmation(input);
    if (choice === null) return { kind: 'continue', state, say: [{ text: t('report-confirm-again') }] };
    if (choice === 'cancel') return { kind: 'end', say: [{ text: t('report-cancelled') }] };
    if (choice === 'send') return { kind: 'commit', run: (guard) => submit(t, state, input, guard) };
    const fresh: ReportState = { ...state, step: 'status', answers: EMPTY_DRAFT };
    return { kind: 'continue', state: fresh, say: [prompt(t, fresh)] };
  };

  return {
    kind: 'report',
    parse: (raw) => {
      const parsed = reportStateSchema.safeParse(raw);
      return parsed.success ? parsed.data : null;
    },
    next: async (state, input) => {
      const t = texts(state.locale);
      const guarded = switchGuard(t, state, input);
      if (guarded) return guarded;
      if (state.step === 'confirm') return confirmStep(t, state, input);
      // An answer that leads to the summary names it after this update (see reportSendButton in reports.buttons.ts).
      return readAnswer(t, { ...state, summary: summaryToken(input.update.update_id) }, input);
    },
  };
}

/**
 * Opening the dialogue from a "Báo cáo" press (task lists, reminders, returned reports), in one
 * round trip: `early` runs before the sender is loaded; `enter` serves the same press later in
 * the pipeline (after "Chuyển sang báo cáo mới" left the previous report).
 */
export function reportEntry(env: FeatureEnv, dialogues: HotDialogues) {
  const { db, clock, config } = env.deps;
  const texts = textsFor(env);

  const enter = async (ctx: BotContext, [taskId, unitId]: [number, number], next: () => Promise<void>): Promise<void> => {
    const chatId = ctx.chat?.type === 'private' ? ctx.chat.id : undefined;
    const telegramId = ctx.from?.id;
    if (chatId === undefined || telegramId === undefined) return next();
    const keys = { dialogueKey: dialogueKey(chatId), conversationKey: conversationKey(chatId) };
    const outcome = await openReport(db, clock, { telegramId, taskId, unitId, ...keys, atMs: Date.now() });
    if (outcome.kind === 'pass') return next();
    if (outcome.kind === 'open-already') {
      if (!dialogues.remember(chatId, outcome.row)) return next();
      await dialogues.early(ctx, next);
      return;
    }
    const t = texts(outcome.locale);
    if (outcome.kind === 'refused') return answerPress(ctx, { text: t(`report-refused-${outcome.reason}`), showAlert: true });
    if (!dialogues.remember(chatId, outcome.row)) throw new Error('the report dialogue is not registered');
    const { title, unit, dueAt, lunarDates, already, returnReason } = outcome.intro;
    const intro = [t('report-intro', { title, unit, due: formatTaskDate(dueAt, config.timezone, t, lunarDates) })];
    if (already) intro.push(t('report-already', { by: already.by, at: formatLocal(already.at, config.timezone) }));
    if (returnReason) intro.push(t('report-returned-reason', { reason: returnReason }));
    await sayAll(ctx, [{ text: intro.join('\n') }, statusPrompt(t)]);
  };

  const pressedReport = (ctx: Context) => {
    const data = ctx.callbackQuery?.data;
    return reportButton.unpack(data) ?? reportSwitchButton.unpack(data);
  };

  const early: MiddlewareFn<BotContext> = async (ctx, next) => {
    const pressed = pressedReport(ctx);
    return pressed ? enter(ctx, pressed, next) : next();
  };
  return { early, enter, pressedReport };
}
