import { type CallbackQueryContext, Composer, InlineKeyboard } from 'grammy';
import type { Member } from '../core/member.js';
import { clip } from '../core/text.js';
import { listCampaigns } from '../tasks/tasks.service.js';
import { answerPress } from '../telegram/ask.js';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { deliverReport, reportDetailsConversation } from './report-details.conversation.js';
import { resultsReportButtons } from './results-report.buttons.js';
import { findCampaignWithPeriod } from './results-report.data.js';
import { hasReportDetails } from './results-report.service.js';

type MemberCtx = BotContext & { member: Member };

const MAX_CAMPAIGNS = 8;

/** Report out. Admins and officials: /report, per campaign (the first time, the office's details are asked). */
export function createResultsReportFeature(env: FeatureEnv): Feature {
  const details = reportDetailsConversation(env);
  const composer = new Composer<BotContext>();
  const staff = composer.chatType('private').filter(hasRole('admin', 'official'));

  staff.command('report', async (ctx) => {
    const campaigns = await listCampaigns(env.deps.db, MAX_CAMPAIGNS);
    if (campaigns.length === 0) return ctx.reply(ctx.t('rrf-none'));
    const kb = new InlineKeyboard();
    for (const c of campaigns) kb.text(clip(c.name, 60), resultsReportButtons.campaign.pack(c.id)).row();
    await ctx.reply(ctx.t('rrf-choose'), { reply_markup: kb });
  });
  staff.callbackQuery(resultsReportButtons.campaign.pattern, (ctx) => onCampaign(env, ctx, details));

  return { conversations: [details], composer };
}

async function onCampaign(env: FeatureEnv, ctx: CallbackQueryContext<MemberCtx>, details: ReturnType<typeof reportDetailsConversation>) {
  const [campaignId] = resultsReportButtons.campaign.unpack(ctx.callbackQuery.data) ?? [0];
  await answerPress(ctx);
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  const args = { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, chatId: ctx.chat?.id ?? ctx.from.id, campaignId };
  // A campaign this office does not have (another office's, or gone) asks nothing.
  if (!(await findCampaignWithPeriod(env.deps.db, campaignId))) return ctx.reply(ctx.t('rrf-not-found'));
  if (!hasReportDetails((await env.office.load(env.deps.db)).report)) return details.enter(ctx, args);
  await ctx.reply(ctx.t('rrf-working'));
  await ctx.replyWithChatAction('upload_document');
  const outcome = await deliverReport(env, ctx.api, { ...args, t: (key, vars) => ctx.t(key, vars) });
  if (outcome === 'not-found') await ctx.reply(ctx.t('rrf-not-found'));
}
