import type { I18n } from '@grammyjs/i18n';
import { InlineKeyboard } from 'grammy';
import { formatTaskDate } from '../calendar/date-format.js';
import { formatLocal } from '../core/clock.js';
import type { DeliveryPayload } from '../core/schema.js';
import { isQuiet, nextSendable } from '../outbox/outbox.rules.js';
import { reportButtonData } from '../reports/reports.buttons.js';
import type { BotContext, Translate } from '../telegram/context.js';
import { answerPress, askChoice, waitInput } from '../telegram/ask.js';
import { type BotConversation, defineConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { confirmReturnButton } from './rework.buttons.js';
import { choice } from '../core/buttons.js';
import { findReturnable, MAX_REASON, MIN_REASON, type Recipient, type Returnable, returnReport } from './rework.service.js';

export type ReworkArgs = { locale: string; actorId: number; taskId: number; unitId: number };

async function askReason(conversation: BotConversation, t: Translate): Promise<string> {
  for (;;) {
    const input = await waitInput(conversation);
    await answerPress(input);
    const text = input.message?.text?.trim().replace(/\s+/g, ' ');
    if (text && text.length >= MIN_REASON && text.length <= MAX_REASON) return text;
    await input.reply(t('rw-reason-invalid', { min: MIN_REASON, max: MAX_REASON }));
  }
}

interface Notified {
  reached: string[];
  unreached: string[];
  /** When the notices go out, if it is quiet hours now (they wait for the morning). */
  quietUntil: string | null;
}

/** The notice each member of the unit gets, in their language, with the deadline to resend by and the one "Báo cáo lại" button. */
function noticeFor(i18n: I18n<BotContext>, defaultLocale: string, report: Returnable, reason: string, o: { zone: string; now: Date }) {
  const dueAt = new Date(report.dueAt);
  return (r: Recipient): DeliveryPayload => {
    const t = translator(i18n, r.locale ?? defaultLocale);
    const due = formatTaskDate(dueAt, o.zone, t, report.lunarDates);
    const dueLine = t(dueAt > o.now ? 'rw-leader-due' : 'rw-leader-overdue', { due });
    return {
      text: t('rw-leader-notice', { title: report.title, unit: report.unitName, reason, dueLine }),
      buttons: [[{ text: t('rw-leader-button'), data: reportButtonData(report.taskId, report.unitId) }]],
    };
  };
}

function doneText(t: Translate, unit: string, n: Notified): string {
  const total = n.reached.length + n.unreached.length;
  const lines = [t(total ? 'rw-done' : 'rw-done-nobody', { unit, reached: n.reached.length, total })];
  if (n.unreached.length) lines.push(t('rw-unreached', { names: n.unreached.join(', ') }));
  if (n.quietUntil && n.reached.length) lines.push(t('rw-notice-quiet', { at: n.quietUntil }));
  return lines.join('\n');
}

/** An official returns one report: reason → confirm → stored (audit-logged) → the unit is told. */
export function reworkConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  const notice = (report: Returnable, reason: string, now: Date) => noticeFor(i18n, deps.config.defaultLocale, report, reason, { zone: deps.config.timezone, now });
  const window = { zone: deps.config.timezone, quiet: deps.config.quietHours };
  return defineConversation<ReworkArgs>('officials-rework', async (conversation, ctx, { locale, actorId, taskId, unitId }) => {
    const t = translator(i18n, locale);
    const found = await conversation.external(() => findReturnable(deps.db, taskId, unitId));
    if (!found.ok) return ctx.reply(t(`rw-refused-${found.reason}`));
    const report = found.report;
    await ctx.reply(t('rw-ask-reason', { title: report.title, unit: report.unitName }));
    const reason = await askReason(conversation, t);
    const kb = new InlineKeyboard().text(t('rw-confirm-yes'), confirmReturnButton.pack('yes')).text(t('rw-confirm-no'), confirmReturnButton.pack('no'));
    const answer = await askChoice(conversation, ctx, t, t('rw-confirm', { unit: report.unitName, reason }), kb, choice(confirmReturnButton), t('rw-press-button'));
    if (answer.value !== 'yes') return answer.ctx.reply(t('rw-kept'));
    const result = await conversation.external(async () => {
      const r = await returnReport(deps.db, deps.clock, { actorId, taskId, unitId, revision: report.revision, reason }, notice(report, reason, deps.clock.now()));
      if (r.outcome === 'refused') return r;
      deps.outbox.wake();
      const notified: Notified = {
        reached: r.recipients.filter((m) => m.status === 'active').map((m) => m.name),
        unreached: r.recipients.filter((m) => m.status !== 'active').map((m) => m.name),
        quietUntil: isQuiet(r.returnedAt, window) ? formatLocal(nextSendable(r.returnedAt, window), window.zone) : null,
      };
      return { outcome: 'returned' as const, notified };
    });
    if (result.outcome === 'refused') return answer.ctx.reply(t(`rw-refused-${result.reason}`));
    return answer.ctx.reply(doneText(t, report.unitName, result.notified));
  });
}
