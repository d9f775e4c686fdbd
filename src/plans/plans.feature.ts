import { type CallbackQueryContext, Composer, InlineKeyboard } from 'grammy';
import type { Member } from '../core/member.js';
import { clip } from '../core/text.js';
import { listCampaigns } from '../tasks/tasks.service.js';
import { answerPress } from '../telegram/ask.js';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { type PlanImportArgs, planImportConversation } from './plan-import.conversation.js';
import { planButtons, resultsReportButtons } from './plans.buttons.js';
import { findImport } from './plans.service.js';
import { deliverReport, reportDetailsConversation } from './report-details.conversation.js';
import { hasReportDetails } from './results-report.service.js';
import { findCampaignWithPeriod } from './results-report.data.js';

type MemberCtx = BotContext & { member: Member };

/** A text this long, or naming a plan or notice, is a plan being pasted rather than a stray message. */
const PASTE_MIN_LENGTH = 300;
const PLAN_TITLE = /(?:^|\n)\s*(?:KẾ HOẠCH|THÔNG BÁO)\s*(?:\n|$)/u;
const MAX_CAMPAIGNS = 8;

export function looksLikePlan(text: string): boolean {
  return text.length >= PASTE_MIN_LENGTH || PLAN_TITLE.test(text);
}

/**
 * Plan in, report out. Admins: /import, or simply send a .docx/.pdf/.txt or paste the plan
 * (outside any dialogue), then review and create. Admins and officials: /report, per campaign.
 */
export function createPlansFeature(env: FeatureEnv): Feature {
  const { deps } = env;
  const importPlan = planImportConversation(env);
  const details = reportDetailsConversation(env);
  const composer = new Composer<BotContext>();
  const privateChat = composer.chatType('private');
  const admin = privateChat.filter(hasRole('admin'));
  const staff = privateChat.filter(hasRole('admin', 'official'));

  const enter = async (ctx: MemberCtx, start: PlanImportArgs['start']) =>
    importPlan.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, start });

  admin.command('import', (ctx) => enter(ctx, 'ask'));
  admin.on('message:document', (ctx) => enter(ctx, 'document'));
  admin.on('message:text', async (ctx, next) => (ctx.message.text.startsWith('/') || !looksLikePlan(ctx.message.text) ? next() : enter(ctx, 'paste')));

  // "Tạo tất cả" pressed again after the review ended: say what became of it; never create again.
  admin.callbackQuery(planButtons.create.pattern, async (ctx) => {
    const [messageId] = planButtons.create.unpack(ctx.callbackQuery.data) ?? [0];
    const found = await findImport(deps.db, `plan:${ctx.chat.id}:${messageId}`);
    await answerPress(ctx, { text: ctx.t(found?.completed ? 'plan-already-created' : 'plan-review-over'), showAlert: true });
  });

  staff.command('report', async (ctx) => {
    const campaigns = await listCampaigns(deps.db, MAX_CAMPAIGNS);
    if (campaigns.length === 0) return ctx.reply(ctx.t('rrf-none'));
    const kb = new InlineKeyboard();
    for (const c of campaigns) kb.text(clip(c.name, 60), resultsReportButtons.campaign.pack(c.id)).row();
    await ctx.reply(ctx.t('rrf-choose'), { reply_markup: kb });
  });
  staff.callbackQuery(resultsReportButtons.campaign.pattern, (ctx) => onCampaign(env, ctx, details));

  return { conversations: [importPlan, details], composer };
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
