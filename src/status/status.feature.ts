import { Composer, type Context, InlineKeyboard, InputFile } from 'grammy';
import type { BotContext, Translate } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { splitLines } from '../telegram/split.js';
import { progressChartSpec, renderProgressChart, type SeriesKey } from './status.chart.js';
import { findCampaign, listCampaignsWithTasks, listOpenTasks } from './status.queries.js';
import { campaignStatus, pendingForTask, type TaskProgressLine } from './status.service.js';
import { pendingLines, statusLines } from './status.text.js';
import { clip } from '../core/text.js';

const MAX_CAMPAIGNS = 8;
const MAX_OPEN_TASKS = 20;
/** Units listed per task: one task gets a longer list than "all open tasks". */
const PENDING_ONE_TASK = 200;
const PENDING_PER_TASK_OF_ALL = 15;
const TASKS_PER_CHART = 25;
const MAX_TASK_BUTTONS = 30;
const MAX_LABEL = 40;
const short = (s: string) => clip(s, MAX_LABEL);

function legend(t: Translate): Record<SeriesKey, string> {
  return { done: t('st-legend-done'), partial: t('st-legend-partial'), notDone: t('st-legend-notDone'), pending: t('st-legend-pending') };
}

/** Under the chart: open one task's reports, or look unit by unit. */
function drillDownKeyboard(t: Translate, tasks: TaskProgressLine[]): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const task of tasks.slice(0, MAX_TASK_BUTTONS)) kb.text(t('st-open-task-button', { title: short(task.title) }), `or:l:${task.id}`).row();
  return kb.text(t('st-by-unit-button'), 'ou:l');
}

/** Officials and admins: /status (text + PNG chart per campaign) and /pending (who has not reported). */
export function createStatusFeature(env: FeatureEnv): Feature {
  const { deps } = env;
  const zone = deps.config.timezone;
  const composer = new Composer<BotContext>();
  const staff = composer.chatType('private').filter(hasRole('official', 'admin'));

  async function sendStatus(ctx: BotContext, campaign: { id: number; name: string }): Promise<void> {
    const now = deps.clock.now();
    const { tasks } = await campaignStatus(deps.db, campaign.id, now);
    for (const chunk of splitLines(statusLines(ctx.t, campaign.name, tasks, zone, now))) await ctx.reply(chunk);
    if (tasks.length === 0) return;
    await ctx.replyWithChatAction('upload_photo');
    for (let start = 0; start < tasks.length; start += TASKS_PER_CHART) {
      const png = renderProgressChart(progressChartSpec(campaign.name, tasks.slice(start, start + TASKS_PER_CHART), legend(ctx.t)));
      const last = start + TASKS_PER_CHART >= tasks.length;
      await ctx.replyWithPhoto(new InputFile(png, 'tien-do.png'), {
        caption: ctx.t('st-chart-caption', { campaign: campaign.name }).slice(0, 1024),
        ...(last ? { reply_markup: drillDownKeyboard(ctx.t, tasks) } : {}),
      });
    }
  }

  staff.command('status', async (ctx) => {
    const campaigns = await listCampaignsWithTasks(deps.db, MAX_CAMPAIGNS);
    const [only] = campaigns;
    if (!only) return ctx.reply(ctx.t('st-none'));
    if (campaigns.length === 1) return sendStatus(ctx, only);
    const kb = new InlineKeyboard();
    for (const c of campaigns) kb.text(ctx.t('st-campaign-button', { name: short(c.name), open: c.openTasks }), `os:c:${c.id}`).row();
    await ctx.reply(ctx.t('st-choose-campaign'), { reply_markup: kb });
  });

  staff.callbackQuery(/^os:c:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const campaign = await findCampaign(deps.db, Number(ctx.match[1]));
    if (!campaign) return ctx.reply(ctx.t('st-campaign-not-found'));
    await ctx.editMessageReplyMarkup().catch(() => undefined);
    await sendStatus(ctx, campaign);
  });

  staff.command('pending', async (ctx) => {
    const tasks = await listOpenTasks(deps.db, MAX_OPEN_TASKS);
    if (tasks.length === 0) return ctx.reply(ctx.t('pd-no-open'));
    const kb = new InlineKeyboard().text(ctx.t('pd-all-button', { count: tasks.length }), 'op:all').row();
    for (const task of tasks) kb.text(short(task.title), `op:t:${task.id}`).row();
    await ctx.reply(ctx.t('pd-choose'), { reply_markup: kb });
  });

  staff.callbackQuery(/^op:(?:all|t:(\d+))$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const one = ctx.match[1];
    const ids = one ? [Number(one)] : (await listOpenTasks(deps.db, MAX_OPEN_TASKS)).map((task) => task.id);
    const lines: string[] = [];
    for (const id of ids) {
      const list = await pendingForTask(deps.db, id, one ? PENDING_ONE_TASK : PENDING_PER_TASK_OF_ALL);
      if (!list) continue;
      if (lines.length) lines.push('');
      lines.push(...pendingLines(ctx.t, list, zone, one ? 'one-task' : 'all-tasks'));
    }
    await sendHtmlLines(ctx, lines.length ? lines : [ctx.t(one ? 'pd-task-not-found' : 'pd-no-open')]);
  });

  return { composer };
}

/** Each line closes its own tags, so chunks cut between lines stay valid HTML. */
async function sendHtmlLines(ctx: Context, lines: string[]): Promise<void> {
  for (const chunk of splitLines(lines)) await ctx.reply(chunk, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
}
