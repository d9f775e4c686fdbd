import { formatDay } from '../calendar/date-format.js';
import { type CallbackQueryContext, Composer, InlineKeyboard } from 'grammy';
import type { Member } from '../core/member.js';
import { answerPress, askDateTime } from '../telegram/ask.js';
import type { BotContext } from '../telegram/context.js';
import { defineConversation } from '../telegram/conversation.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { translator } from '../telegram/i18n.js';
import { splitLines } from '../telegram/split.js';
import { newTaskConversation } from './newtask.conversation.js';
import { deadlineButton, endTaskButton, endTaskNoButton, endTaskYesButton, manageTaskButton } from './tasks.buttons.js';
import { changeTask, findTask, listTasksWithProgress } from './tasks.service.js';
import { taskDetailText, taskListLines } from './tasks.text.js';
import { takeDownComposer } from './take-down.feature.js';
import { seriesListButton } from '../series/series.buttons.js';
import { createSeriesFeature } from '../series/series.feature.js';
import { listSeries } from '../series/series.service.js';
import { clip } from '../core/text.js';

type AdminContext = BotContext & { member: Member };
type AdminPress = CallbackQueryContext<AdminContext>;
type DeadlineArgs = { locale: string; actorId: number; taskId: number; title: string; due: string };
type NewTask = ReturnType<typeof newTaskConversation>;
type Deadline = ReturnType<typeof deadlineConversation>;

function deadlineConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  const zone = deps.config.timezone;
  return defineConversation<DeadlineArgs>('task-deadline', async (conversation, ctx, { locale, actorId, taskId, title, due }) => {
    const t = translator(i18n, locale);
    const dueAt = await askDateTime(conversation, ctx, t, t('tasks-ask-deadline', { title, due }), { zone, clock: deps.clock });
    const changed = await conversation.external(() => changeTask(deps.db, deps.clock, actorId, taskId, { kind: 'deadline', dueAt }));
    return ctx.reply(changed ? t('tasks-deadline-changed', { title, due: formatDay(dueAt, zone, t) }) : t('tasks-admin-not-open'));
  });
}

const onNewTaskCommand = (newTask: NewTask) => async (ctx: AdminContext) => {
  await newTask.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id });
};

/** /tasks for admins: every open task with its progress, and a button to manage each. */
const onTasksCommand =
  ({ deps }: FeatureEnv) =>
  async (ctx: AdminContext) => {
    const tasks = await listTasksWithProgress(deps.db);
    const series = await listSeries(deps.db);
    const kb = new InlineKeyboard();
    tasks.forEach((task, i) => kb.text(ctx.t('tasks-admin-manage', { title: `${i + 1}. ${clip(task.title, 40)}` }), manageTaskButton.pack(task.id)).row());
    if (series.length > 0) kb.text(ctx.t('series-list-button', { count: series.length }), seriesListButton.pack());
    if (tasks.length === 0) return ctx.reply(ctx.t('tasks-admin-none'), series.length > 0 ? { reply_markup: kb } : {});
    const chunks = splitLines(taskListLines(ctx.t, tasks, deps.clock.now(), deps.config.timezone));
    for (const [i, chunk] of chunks.entries()) await ctx.reply(chunk, i === chunks.length - 1 ? { reply_markup: kb } : {});
  };

/** One open task: its progress, and change the deadline, close or cancel. */
const onManageButton =
  ({ deps }: FeatureEnv) =>
  async (ctx: AdminPress) => {
    const pressed = manageTaskButton.unpack(ctx.callbackQuery.data);
    if (!pressed) return;
    const [id] = pressed;
    await answerPress(ctx);
    const task = (await listTasksWithProgress(deps.db)).find((x) => x.id === id);
    if (!task) return ctx.reply(ctx.t('tasks-admin-not-open'));
    const kb = new InlineKeyboard()
      .text(ctx.t('tasks-admin-deadline'), deadlineButton.pack(id)).row()
      .text(ctx.t('tasks-admin-close'), endTaskButton.pack('closed', id)).text(ctx.t('tasks-admin-cancel'), endTaskButton.pack('cancelled', id));
    await ctx.reply(taskDetailText(ctx.t, task, deps.config.timezone), { reply_markup: kb });
  };

const onDeadlineButton = ({ deps }: FeatureEnv, deadline: Deadline) => async (ctx: AdminPress) => {
  const pressed = deadlineButton.unpack(ctx.callbackQuery.data);
  if (!pressed) return;
  await answerPress(ctx);
  const task = await findTask(deps.db, pressed[0]);
  if (!task || task.status !== 'open') return ctx.reply(ctx.t('tasks-admin-not-open'));
  await ctx.editMessageReplyMarkup();
  const due = formatDay(task.dueAt, deps.config.timezone, ctx.t);
  await deadline.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, taskId: task.id, title: task.title, due });
};

/** Close or cancel: asks first. */
const onEndTaskButton =
  ({ deps }: FeatureEnv) =>
  async (ctx: AdminPress) => {
    const pressed = endTaskButton.unpack(ctx.callbackQuery.data);
    if (!pressed) return;
    const [status, taskId] = pressed;
    await answerPress(ctx);
    const task = await findTask(deps.db, taskId);
    if (!task || task.status !== 'open') return ctx.editMessageText(ctx.t('tasks-admin-not-open'));
    const kb = new InlineKeyboard().text(ctx.t('tasks-admin-yes'), endTaskYesButton.pack(status, task.id)).text(ctx.t('tasks-admin-no'), endTaskNoButton.pack());
    await ctx.editMessageText(ctx.t(status === 'closed' ? 'tasks-admin-confirm-close' : 'tasks-admin-confirm-cancel', { title: task.title }), { reply_markup: kb });
  };

const onEndTaskYes =
  ({ deps }: FeatureEnv) =>
  async (ctx: AdminPress) => {
    const pressed = endTaskYesButton.unpack(ctx.callbackQuery.data);
    if (!pressed) return;
    const [status, taskId] = pressed;
    await answerPress(ctx);
    const task = await findTask(deps.db, taskId);
    const changed = task ? await changeTask(deps.db, deps.clock, ctx.member.id, task.id, { kind: 'status', status }) : false;
    if (!changed || !task) return ctx.editMessageText(ctx.t('tasks-admin-not-open'));
    await ctx.editMessageText(ctx.t(status === 'closed' ? 'tasks-admin-closed' : 'tasks-admin-cancelled', { title: task.title }));
  };

const onEndTaskNo = async (ctx: AdminPress) => {
  await answerPress(ctx);
  await ctx.editMessageText(ctx.t('tasks-admin-kept'));
};

/**
 * Admins: /newtask, and /tasks with progress, deadline changes, closing and cancelling, and the
 * recurring series; leaders: the take-down confirmation after a period.
 */
export function createTasksFeature(env: FeatureEnv): Feature {
  const composer = new Composer<BotContext>();
  const series = createSeriesFeature(env);
  composer.use(takeDownComposer(env), series.composer);
  const admin = composer.chatType('private').filter(hasRole('admin'));
  const newTask = newTaskConversation(env);
  const deadline = deadlineConversation(env);
  admin.command('newtask', onNewTaskCommand(newTask));
  admin.command('tasks', onTasksCommand(env));
  admin.callbackQuery(manageTaskButton.pattern, onManageButton(env));
  admin.callbackQuery(deadlineButton.pattern, onDeadlineButton(env, deadline));
  admin.callbackQuery(endTaskButton.pattern, onEndTaskButton(env));
  admin.callbackQuery(endTaskYesButton.pattern, onEndTaskYes(env));
  admin.callbackQuery(endTaskNoButton.pattern, onEndTaskNo);
  return { composer, conversations: [newTask, deadline, ...(series.conversations ?? [])] };
}
