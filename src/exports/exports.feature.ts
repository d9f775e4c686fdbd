import { type CallbackQueryContext, Composer, InlineKeyboard, InputFile } from 'grammy';
import type { Member } from '../core/member.js';
import { clip } from '../core/text.js';
import { unlessUnchanged } from '../officials/officials.feature.js';
import { listCampaignsWithTasks } from '../status/status.queries.js';
import { campaignStatus } from '../status/status.service.js';
import { answerPress } from '../telegram/ask.js';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { exportCampaignButton, exportFormatButton, exportScopeButton } from './exports.buttons.js';
import { buildCsv } from './exports.csv.js';
import { exportFileName } from './exports.names.js';
import { exportScopeExists } from './exports.queries.js';
import { type ExportScope, loadExport } from './exports.service.js';

type StaffPress = CallbackQueryContext<BotContext & { member: Member }>;

const MAX_CAMPAIGNS = 8;
const MAX_TASK_BUTTONS = 20;
const MAX_LABEL = 40;
const short = (s: string) => clip(s, MAX_LABEL);
const SCOPE = { c: 'campaign', t: 'task' } as const;

/** The whole campaign, or one of its tasks; null when it has none. */
async function scopeKeyboard({ deps }: FeatureEnv, ctx: BotContext, campaignId: number): Promise<InlineKeyboard | null> {
  const { tasks } = await campaignStatus(deps.db, campaignId, deps.clock.now());
  if (tasks.length === 0) return null;
  const kb = new InlineKeyboard().text(ctx.t('ex-whole-campaign', { count: tasks.length }), exportScopeButton.pack('c', campaignId)).row();
  for (const task of tasks.slice(0, MAX_TASK_BUTTONS)) kb.text(short(task.title), exportScopeButton.pack('t', task.id)).row();
  return kb;
}

/** /export: with one campaign, straight to the scope; otherwise the campaign first. */
const onExportCommand = (env: FeatureEnv) => async (ctx: BotContext) => {
  const campaigns = await listCampaignsWithTasks(env.deps.db, MAX_CAMPAIGNS);
  const [only] = campaigns;
  if (!only) return ctx.reply(ctx.t('ex-none'));
  if (campaigns.length > 1) {
    const kb = new InlineKeyboard();
    for (const c of campaigns) kb.text(short(c.name), exportCampaignButton.pack(c.id)).row();
    return ctx.reply(ctx.t('ex-choose-campaign'), { reply_markup: kb });
  }
  const kb = await scopeKeyboard(env, ctx, only.id);
  await ctx.reply(ctx.t('ex-choose-scope', { campaign: only.name }), kb ? { reply_markup: kb } : {});
};

const onCampaignButton = (env: FeatureEnv) => async (ctx: StaffPress) => {
  const pressed = exportCampaignButton.unpack(ctx.callbackQuery.data);
  if (!pressed) return;
  await answerPress(ctx);
  const campaign = (await listCampaignsWithTasks(env.deps.db, MAX_CAMPAIGNS)).find((c) => c.id === pressed[0]);
  const kb = campaign ? await scopeKeyboard(env, ctx, campaign.id) : null;
  if (!campaign || !kb) return ctx.editMessageText(ctx.t('ex-not-found')).catch(unlessUnchanged);
  await ctx.editMessageText(ctx.t('ex-choose-scope', { campaign: campaign.name }), { reply_markup: kb }).catch(unlessUnchanged);
};

const onScopeButton =
  ({ deps }: FeatureEnv) =>
  async (ctx: StaffPress) => {
    const pressed = exportScopeButton.unpack(ctx.callbackQuery.data);
    if (!pressed) return;
    await answerPress(ctx);
    if (!(await exportScopeExists(deps.db, { kind: SCOPE[pressed[0]], id: pressed[1] }))) return ctx.editMessageText(ctx.t('ex-not-found')).catch(unlessUnchanged);
    const kb = new InlineKeyboard().text(ctx.t('ex-format-xlsx'), exportFormatButton.pack('x', ...pressed)).text(ctx.t('ex-format-csv'), exportFormatButton.pack('v', ...pressed));
    await ctx.editMessageText(ctx.t('ex-choose-format'), { reply_markup: kb }).catch(unlessUnchanged);
  };

/** Builds the file and sends it as a document (audit-logged by loadExport). */
const onFormatButton =
  ({ deps }: FeatureEnv) =>
  async (ctx: StaffPress) => {
    const pressed = exportFormatButton.unpack(ctx.callbackQuery.data);
    if (!pressed) return;
    const [formatCode, scopeCode, id] = pressed;
    const format = formatCode === 'x' ? 'xlsx' : 'csv';
    const scope: ExportScope = { kind: SCOPE[scopeCode], id };
    await answerPress(ctx);
    await ctx.editMessageText(ctx.t('ex-working')).catch(unlessUnchanged);
    await ctx.replyWithChatAction('upload_document');
    const result = await loadExport(deps.db, deps.clock, ctx.member.id, scope);
    if (!result.ok) return ctx.reply(ctx.t(`ex-${result.reason}`));
    const { data } = result;
    const zone = deps.config.timezone;
    const bytes = format === 'xlsx' ? await (await import('./exports.xlsx.js')).buildXlsx(data, ctx.t, zone) : buildCsv(data, ctx.t, zone);
    const file = new InputFile(bytes, exportFileName(data.title, data.generatedAt, zone, format));
    await ctx.replyWithDocument(file, { caption: clip(ctx.t('ex-caption', { title: data.title, tasks: data.tasks.length }), 1024) });
  };

/** Officials and admins: /export → campaign → whole campaign or one task → XLSX or CSV, sent as a document. */
export function createExportsFeature(env: FeatureEnv): Feature {
  const composer = new Composer<BotContext>();
  const staff = composer.chatType('private').filter(hasRole('official', 'admin'));
  staff.command('export', onExportCommand(env));
  staff.callbackQuery(exportCampaignButton.pattern, onCampaignButton(env));
  staff.callbackQuery(exportScopeButton.pattern, onScopeButton(env));
  staff.callbackQuery(exportFormatButton.pattern, onFormatButton(env));
  return { composer };
}
