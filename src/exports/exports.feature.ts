import { Composer, InlineKeyboard, InputFile } from 'grammy';
import { unlessUnchanged } from '../officials/officials.feature.js';
import { listCampaignsWithTasks } from '../status/status.queries.js';
import { campaignStatus } from '../status/status.service.js';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { buildCsv } from './exports.csv.js';
import { exportFileName } from './exports.names.js';
import { type ExportScope, loadExport } from './exports.service.js';
import { buildXlsx } from './exports.xlsx.js';
import { clip } from '../core/text.js';

const MAX_CAMPAIGNS = 8;
const MAX_TASK_BUTTONS = 20;
const MAX_LABEL = 40;
const short = (s: string) => clip(s, MAX_LABEL);
const SCOPE = { c: 'campaign', t: 'task' } as const;

/** Officials and admins: /export → campaign → whole campaign or one task → XLSX or CSV, sent as a document. */
export function createExportsFeature(env: FeatureEnv): Feature {
  const { deps } = env;
  const zone = deps.config.timezone;
  const composer = new Composer<BotContext>();
  const staff = composer.chatType('private').filter(hasRole('official', 'admin'));

  async function scopeKeyboard(ctx: BotContext, campaignId: number): Promise<InlineKeyboard | null> {
    const { tasks } = await campaignStatus(deps.db, campaignId, deps.clock.now());
    if (tasks.length === 0) return null;
    const kb = new InlineKeyboard().text(ctx.t('ex-whole-campaign', { count: tasks.length }), `ox:s:c:${campaignId}`).row();
    for (const task of tasks.slice(0, MAX_TASK_BUTTONS)) kb.text(short(task.title), `ox:s:t:${task.id}`).row();
    return kb;
  }

  staff.command('export', async (ctx) => {
    const campaigns = await listCampaignsWithTasks(deps.db, MAX_CAMPAIGNS);
    const [only] = campaigns;
    if (!only) return ctx.reply(ctx.t('ex-none'));
    if (campaigns.length > 1) {
      const kb = new InlineKeyboard();
      for (const c of campaigns) kb.text(short(c.name), `ox:c:${c.id}`).row();
      return ctx.reply(ctx.t('ex-choose-campaign'), { reply_markup: kb });
    }
    const kb = await scopeKeyboard(ctx, only.id);
    await ctx.reply(ctx.t('ex-choose-scope', { campaign: only.name }), kb ? { reply_markup: kb } : {});
  });

  staff.callbackQuery(/^ox:c:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const campaign = (await listCampaignsWithTasks(deps.db, MAX_CAMPAIGNS)).find((c) => c.id === Number(ctx.match[1]));
    const kb = campaign ? await scopeKeyboard(ctx, campaign.id) : null;
    if (!campaign || !kb) return ctx.editMessageText(ctx.t('ex-not-found')).catch(unlessUnchanged);
    await ctx.editMessageText(ctx.t('ex-choose-scope', { campaign: campaign.name }), { reply_markup: kb }).catch(unlessUnchanged);
  });

  staff.callbackQuery(/^ox:s:([ct]):(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const [, kind, id] = ctx.match;
    const kb = new InlineKeyboard().text(ctx.t('ex-format-xlsx'), `ox:f:x:${kind}:${id}`).text(ctx.t('ex-format-csv'), `ox:f:v:${kind}:${id}`);
    await ctx.editMessageText(ctx.t('ex-choose-format'), { reply_markup: kb }).catch(unlessUnchanged);
  });

  staff.callbackQuery(/^ox:f:([xv]):([ct]):(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const format = ctx.match[1] === 'x' ? 'xlsx' : 'csv';
    const scope: ExportScope = { kind: SCOPE[ctx.match[2] === 'c' ? 'c' : 't'], id: Number(ctx.match[3]) };
    await ctx.editMessageText(ctx.t('ex-working')).catch(unlessUnchanged);
    await ctx.replyWithChatAction('upload_document');
    const result = await loadExport(deps.db, deps.clock, ctx.member.id, scope);
    if (!result.ok) return ctx.reply(ctx.t(`ex-${result.reason}`));
    const { data } = result;
    const bytes = format === 'xlsx' ? await buildXlsx(data, ctx.t, zone) : buildCsv(data, ctx.t, zone);
    const file = new InputFile(bytes, exportFileName(data.title, data.generatedAt, zone, format));
    await ctx.replyWithDocument(file, { caption: ctx.t('ex-caption', { title: data.title, tasks: data.tasks.length }).slice(0, 1024) });
  });

  return { composer };
}
