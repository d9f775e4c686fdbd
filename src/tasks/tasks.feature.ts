import { type Context, Composer, InlineKeyboard } from 'grammy';
import { formatLocal } from '../core/clock.js';
import type { BotContext } from '../telegram/context.js';
import { defineConversation } from '../telegram/conversation.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { translator } from '../telegram/i18n.js';
import { splitLines } from '../telegram/split.js';
import { askDateTime } from '../telegram/ask.js';
import { newTaskConversation } from './newtask.conversation.js';
import { changeTask, findTask, listTasksWithProgress } from './tasks.service.js';

type DeadlineArgs = { locale: string; actorId: number; taskId: number; title: string; due: string };

function deadlineConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  const zone = deps.config.timezone;
  return defineConversation<DeadlineArgs>('task-deadline', async (conversation, ctx, { locale, actorId, taskId, title, due }) => {
    const t = translator(i18n, locale);
    const dueAt = await askDateTime(conversation, ctx, t, t('tasks-ask-deadline', { title, due }), { zone, clock: deps.clock });
    const changed = await conversation.external(() => changeTask(deps.db, deps.clock, actorId, taskId, { kind: 'deadline', dueAt }));
    return ctx.reply(changed ? t('tasks-deadline-changed', { title, due: formatLocal(dueAt, zone) }) : t('tasks-admin-not-open'));
  });
}

/** Admins: /newtask, and /tasks with progress, deadline changes, closing and cancelling. */
export function createTasksFeature(env: FeatureEnv): Feature {
  const { deps } = env;
  const zone = deps.config.timezone;
  const composer = new Composer<BotContext>();
  const admin = composer.chatType('private').filter(hasRole('admin'));
  const newTask = newTaskConversation(env);
  const deadline = deadlineConversation(env);

  admin.command('newtask', async (ctx) => {
    await newTask.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id });
  });

  admin.command('tasks', async (ctx) => {
    const tasks = await listTasksWithProgress(deps.db);
    if (tasks.length === 0) return ctx.reply(ctx.t('tasks-admin-none'));
    const now = deps.clock.now().getTime();
    const lines = [
      ctx.t('tasks-admin-header'),
      ...tasks.map((task, i) =>
        ctx.t('tasks-admin-line', {
          index: i + 1,
          title: task.title,
          reported: task.reported,
          assigned: task.assigned,
          due: formatLocal(task.dueAt, zone),
          overdue: task.dueAt.getTime() < now ? ctx.t('tasks-admin-overdue') : '',
        }),
      ),
    ];
    const kb = new InlineKeyboard();
    tasks.forEach((task, i) => kb.text(ctx.t('tasks-admin-manage', { title: `${i + 1}. ${task.title.slice(0, 40)}` }), `tk:${task.id}`).row());
    const chunks = splitLines(lines);
    for (const [i, chunk] of chunks.entries()) await ctx.reply(chunk, i === chunks.length - 1 ? { reply_markup: kb } : {});
  });

  admin.callbackQuery(/^tk:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const id = Number(ctx.match[1]);
    const task = (await listTasksWithProgress(deps.db)).find((x) => x.id === id);
    if (!task) return ctx.reply(ctx.t('tasks-admin-not-open'));
    const kb = new InlineKeyboard()
      .text(ctx.t('tasks-admin-deadline'), `tkd:${id}`).row()
      .text(ctx.t('tasks-admin-close'), `tka:closed:${id}`).text(ctx.t('tasks-admin-cancel'), `tka:cancelled:${id}`);
    await ctx.reply(ctx.t('tasks-admin-detail', { title: task.title, campaign: task.campaignName, due: formatLocal(task.dueAt, zone), reported: task.reported, assigned: task.assigned }), { reply_markup: kb });
  });

  admin.callbackQuery(/^tkd:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const task = await findTask(deps.db, Number(ctx.match[1]));
    if (!task || task.status !== 'open') return ctx.reply(ctx.t('tasks-admin-not-open'));
    await ctx.editMessageReplyMarkup();
    await deadline.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, taskId: task.id, title: task.title, due: formatLocal(task.dueAt, zone) });
  });

  // Close / cancel ask first ("tka:"), then act ("tkok:").
  admin.callbackQuery(/^tka:(closed|cancelled):(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const task = await findTask(deps.db, Number(ctx.match[2]));
    if (!task || task.status !== 'open') return ctx.editMessageText(ctx.t('tasks-admin-not-open'));
    const status = ctx.match[1];
    const kb = new InlineKeyboard().text(ctx.t('tasks-admin-yes'), `tkok:${status}:${task.id}`).text(ctx.t('tasks-admin-no'), 'tkok:no');
    await ctx.editMessageText(ctx.t(status === 'closed' ? 'tasks-admin-confirm-close' : 'tasks-admin-confirm-cancel', { title: task.title }), { reply_markup: kb });
  });

  admin.callbackQuery(/^tkok:(?:(closed|cancelled):(\d+)|no)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const status = ctx.match[1] as 'closed' | 'cancelled' | undefined;
    if (!status) return ctx.editMessageText(ctx.t('tasks-admin-kept'));
    const task = await findTask(deps.db, Number(ctx.match[2]));
    const changed = task ? await changeTask(deps.db, deps.clock, ctx.member.id, task.id, { kind: 'status', status }) : false;
    await ctx.editMessageText(changed && task ? ctx.t(status === 'closed' ? 'tasks-admin-closed' : 'tasks-admin-cancelled', { title: task.title }) : ctx.t('tasks-admin-not-open'));
  });

  return { composer, conversations: [newTask, deadline] };
}
