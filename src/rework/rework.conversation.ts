import type { I18n } from '@grammyjs/i18n';
import { type Api, InlineKeyboard } from 'grammy';
import type { Logger } from '../core/logger.js';
import { reportButtonData } from '../reports/report-button.js';
import type { BotContext, Translate } from '../telegram/context.js';
import { answerPress, askChoice, waitInput } from '../telegram/ask.js';
import { type BotConversation, defineConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
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
}

/** Tells each member of the unit, in their language, with the one "Báo cáo" button data. */
async function notifyUnit(
  api: Api,
  opts: { i18n: I18n<BotContext>; defaultLocale: string; logger: Logger },
  report: Returnable,
  reason: string,
  recipients: Recipient[],
): Promise<Notified> {
  const notified: Notified = { reached: [], unreached: [] };
  for (const r of recipients) {
    const t = translator(opts.i18n, r.locale ?? opts.defaultLocale);
    const kb = new InlineKeyboard().text(t('rw-leader-button'), reportButtonData(report.taskId, report.unitId));
    try {
      await api.sendMessage(r.chatId, t('rw-leader-notice', { title: report.title, unit: report.unitName, reason }), { reply_markup: kb });
      notified.reached.push(r.name);
    } catch (error) {
      opts.logger.warn({ err: error, memberId: r.memberId }, 'could not tell a unit member about a returned report');
      notified.unreached.push(r.name);
    }
  }
  return notified;
}

function doneText(t: Translate, unit: string, n: Notified): string {
  const total = n.reached.length + n.unreached.length;
  const lines = [t(total ? 'rw-done' : 'rw-done-nobody', { unit, reached: n.reached.length, total })];
  if (n.unreached.length) lines.push(t('rw-unreached', { names: n.unreached.join(', ') }));
  return lines.join('\n');
}

/** An official returns one report: reason → confirm → stored (audit-logged) → the unit is told. */
export function reworkConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  const notifyOpts = { i18n, defaultLocale: deps.config.defaultLocale, logger: deps.logger };
  return defineConversation<ReworkArgs>('officials-rework', async (conversation, ctx, { locale, actorId, taskId, unitId }) => {
    const t = translator(i18n, locale);
    const found = await conversation.external(() => findReturnable(deps.db, taskId, unitId));
    if (!found.ok) return ctx.reply(t(`rw-refused-${found.reason}`));
    const report = found.report;
    await ctx.reply(t('rw-ask-reason', { title: report.title, unit: report.unitName }));
    const reason = await askReason(conversation, t);
    const kb = new InlineKeyboard().text(t('rw-confirm-yes'), 'rwc:yes').text(t('rw-confirm-no'), 'rwc:no');
    const answer = await askChoice(conversation, ctx, t, t('rw-confirm', { unit: report.unitName, reason }), kb, 'rwc:', t('rw-press-button'));
    if (answer.value !== 'yes') return answer.ctx.reply(t('rw-kept'));
    const result = await conversation.external(async (outer) => {
      const r = await returnReport(deps.db, deps.clock, { actorId, taskId, unitId, revision: report.revision, reason });
      if (r.outcome === 'refused') return r;
      return { outcome: 'returned' as const, notified: await notifyUnit(outer.api, notifyOpts, report, reason, r.recipients) };
    });
    if (result.outcome === 'refused') return answer.ctx.reply(t(`rw-refused-${result.reason}`));
    return answer.ctx.reply(doneText(t, report.unitName, result.notified));
  });
}
