import { type CallbackQueryContext, Composer, type Context, InlineKeyboard, InputFile } from 'grammy';
import { clip } from '../core/text.js';
import { taskReportsButton, unitPickerButton } from '../officials/officials.buttons.js';
import { listOpenTasks } from '../tasks/tasks.queries.js';
import { answerPress } from '../telegram/ask.js';
import type { BotContext, Translate } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { splitLines } from '../telegram/split.js';
import { campaignStatusButton, pendingAllButton, pendingTaskButton } from './status.buttons.js';
import type { SeriesKey } from './status.chart.js';
import { findCampaign, listCampaignsWithTasks } from './status.queries.js';
import { campaignStatus, pendingForTask, type TaskProgressLine } from './status.service.js';
import { pendingLines, statusLines } from './status.text.js';

type StaffPress = CallbackQueryContext<BotContext>;

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
function drillDownKeyboard(t: Translate, tasks: TaskProgressLine[], dashboardUrl: string | undefined): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (dashboardUrl) kb.webApp(t('st-dashboard-button'), dashboardUrl).row();
  for (const task of tasks.slice(0, MAX_TASK_BUTTONS)) kb.text(t('st-open-task-button', { title: short(task.title) }), taskReportsButton.pack(task.id)).row();
  return kb.text(t('st-by-unit-button'), unitPickerButton.pack());
}

/** A campaign's progress: the text, then PNG charts of at most 25 tasks, the drill-down buttons under the last. */
async function sendStatus({ deps }: FeatureEnv, ctx: BotContext, campaign: { id: number; name: string }): Promise<void> {
  const now = deps.clock.now();
  const { tasks } = await campaignStatus(deps.db, campaign.id, now);
  for (const chunk of splitLines(statusLines(ctx.t, campaign.name, tasks, deps.config.timezone, now))) await ctx.reply(chunk);
  if (tasks.length === 0) return;
  await ctx.replyWithChatAction('upload_photo');
  // Loaded on first use: chart.js and the canvas would cost every bot process ~30 MB and startup time.
  const { progressChartSpec, renderProgressChart } = await import('./status.chart.js');
  for (let start = 0; start < tasks.length; start += TASKS_PER_CHART) {
    const png = renderProgressChart(progressChartSpec(campaign.name, tasks.slice(start, start + TASKS_PER_CHART), legend(ctx.t)));
    const last = start + TASKS_PER_CHART >= tasks.length;
    await ctx.replyWithPhoto(new InputFile(png, 'tien-do.png'), {
      caption: ctx.t('st-chart-caption', { campaign: campaign.name }).slice(0, 1024),
      ...(last ? { reply_markup: drillDownKeyboard(ctx.t, tasks, deps.config.dashboardUrl) } : {}),
    });
  }
}

/** /status: the only campaign at once, otherwise a choice of the recent ones. */
const onStatusCommand = (env: FeatureEnv) => async (ctx: BotContext) => {
  const campaigns = await listCampaignsWithTasks(env.deps.db, MAX_CAMPAIGNS);
  const [only] = campaigns;
  if (!only) return ctx.reply(ctx.t('st-none'));
  if (campaigns.length === 1) return sendStatus(env, ctx, only);
  const kb = new InlineKeyboard();
  for (const c of campaigns) kb.text(ctx.t('st-campaign-button', { name: short(c.name), open: c.openTasks }), campaignStatusButton.pack(c.id)).row();
  await ctx.reply(ctx.t('st-choose-campaign'), { reply_markup: kb });
};

const onCampaignButton = (env: FeatureEnv) => async (ctx: StaffPress) => {
  const pressed = campaignStatusButton.unpack(ctx.callbackQuery.data);
  if (!pressed) return;
  await answerPress(ctx);
  const campaign = await findCampaign(env.deps.db, pressed[0]);
  if (!campaign) return ctx.reply(ctx.t('st-campaign-not-found'));
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await sendStatus(env, ctx, campaign);
};

/** /pending: all open tasks at once, or one of them. */
const onPendingCommand =
  ({ deps }: FeatureEnv) =>
  async (ctx: BotContext) => {
    const tasks = await listOpenTasks(deps.db, MAX_OPEN_TASKS);
    if (tasks.length === 0) return ctx.reply(ctx.t('pd-no-open'));
    const kb = new InlineKeyboard().text(ctx.t('pd-all-button', { count: tasks.length }), pendingAllButton.pack()).row();
    for (const task of tasks) kb.text(short(task.title), pendingTaskButton.pack(task.id)).row();
    await ctx.reply(ctx.t('pd-choose'), { reply_markup: kb });
  };

/** Who has not reported these tasks, as HTML lines (tap-to-chat links); `notFoundKey` when nothing is left to show. */
async function sendPending({ deps }: FeatureEnv, ctx: BotContext, taskIds: number[], mode: 'one-task' | 'all-tasks', notFoundKey: string) {
  const lines: string[] = [];
  for (const id of taskIds) {
    const list = await pendingForTask(deps.db, id, mode === 'one-task' ? PENDING_ONE_TASK : PENDING_PER_TASK_OF_ALL);
    if (!list) continue;
    if (lines.length) lines.push('');
    lines.push(...pendingLines(ctx.t, list, deps.config.timezone, mode));
  }
  await sendHtmlLines(ctx, lines.length ? lines : [ctx.t(notFoundKey)]);
}

const onPendingAll = (env: FeatureEnv) => async (ctx: StaffPress) => {
  await answerPress(ctx);
  const tasks = await listOpenTasks(env.deps.db, MAX_OPEN_TASKS);
  await sendPending(env, ctx, tasks.map((task) => task.id), 'all-tasks', 'pd-no-open');
};

const onPendingTask = (env: FeatureEnv) => async (ctx: StaffPress) => {
  const pressed = pendingTaskButton.unpack(ctx.callbackQuery.data);
  if (!pressed) return;
  await answerPress(ctx);
  await sendPending(env, ctx, pressed, 'one-task', 'pd-task-not-found');
};

/** Each line closes its own tags, so chunks cut between lines stay valid HTML. */
async function sendHtmlLines(ctx: Context, lines: string[]): Promise<void> {
  for (const chunk of splitLines(lines)) await ctx.reply(chunk, { parse_mode: 'HTML', link_preview_options: { is_disabled: true } });
}

/** Officials and admins: /status (text + PNG chart per campaign) and /pending (who has not reported). */
export function createStatusFeature(env: FeatureEnv): Feature {
  const composer = new Composer<BotContext>();
  const staff = composer.chatType('private').filter(hasRole('official', 'admin'));
  staff.command('status', onStatusCommand(env));
  staff.callbackQuery(campaignStatusButton.pattern, onCampaignButton(env));
  staff.command('pending', onPendingCommand(env));
  staff.callbackQuery(pendingAllButton.pattern, onPendingAll(env));
  staff.callbackQuery(pendingTaskButton.pattern, onPendingTask(env));
  return { composer };
}
