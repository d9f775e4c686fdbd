import { formatDay } from '../calendar/date-format.js';
import { Composer, InlineKeyboard } from 'grammy';
import { formatLocal } from '../core/clock.js';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import type { Db } from '../core/db.js';
import { answerPress } from '../telegram/ask.js';
import { hasRole } from '../telegram/guards.js';
import { reminderView, setReminderEnabled } from './reminder-settings.service.js';
import { listOpenTasks } from './reminders.queries.js';
import { closeRemindersButton, handledReminderButton, taskRemindersButton, toggleReminderButton } from './reminders.buttons.js';
import { clip } from '../core/text.js';

const MAX_TITLE = 40;

/** Admins: /reminders shows a task's reminder schedule; each line turns on or off. */
export function createRemindersFeature(env: FeatureEnv): Feature {
  const { deps } = env;
  const zone = deps.config.timezone;
  const composer = new Composer<BotContext>();
  const admin = composer.chatType('private').filter(hasRole('admin'));

  admin.command('reminders', async (ctx) => {
    const tasks = await listOpenTasks(deps.db);
    if (tasks.length === 0) return ctx.reply(ctx.t('reminders-none'));
    const kb = new InlineKeyboard();
    for (const task of tasks.slice(0, 50)) kb.text(clip(task.title, MAX_TITLE), taskRemindersButton.pack(task.id)).row();
    await ctx.reply(ctx.t('reminders-choose-task'), { reply_markup: kb });
  });

  admin.callbackQuery(taskRemindersButton.pattern, async (ctx) => {
    const [taskId] = taskRemindersButton.unpack(ctx.callbackQuery.data) ?? [0];
    await answerPress(ctx);
    await show(ctx, deps.db, zone, taskId, false);
  });

  admin.callbackQuery(toggleReminderButton.pattern, async (ctx) => {
    const pressed = toggleReminderButton.unpack(ctx.callbackQuery.data);
    await answerPress(ctx);
    if (!pressed) return;
    const [taskId, kind, state] = pressed;
    if (!(await reminderView(deps.db, taskId, zone))) return ctx.reply(ctx.t('reminders-not-open'));
    await setReminderEnabled(deps.db, deps.clock, ctx.member.id, taskId, kind, state === 'on');
    await show(ctx, deps.db, zone, taskId, true);
  });

  admin.callbackQuery(handledReminderButton.pattern, (ctx) => answerPress(ctx, { text: ctx.t('reminders-line-done-press') }));

  admin.callbackQuery(closeRemindersButton.pattern, async (ctx) => {
    await answerPress(ctx);
    await ctx.editMessageReplyMarkup();
    await ctx.reply(ctx.t('reminders-closed'));
  });

  return { composer };
}

/** A task's reminders, one button per line (a press turns it on or off), sent or edited in place. */
async function show(ctx: BotContext, db: Db, zone: string, taskId: number, edit: boolean) {
  const view = await reminderView(db, taskId, zone);
  if (!view) return ctx.reply(ctx.t('reminders-not-open'));
  const kb = new InlineKeyboard();
  for (const l of view.lines) {
    const state = l.done ? 'done' : l.enabled ? 'on' : 'off';
    const label = ctx.t(`reminders-line-${state}`, { kind: ctx.t(`rm-kind-${l.kind}`), at: formatLocal(l.at, zone) });
    kb.text(label, l.done ? handledReminderButton.pack() : toggleReminderButton.pack(taskId, l.kind, l.enabled ? 'off' : 'on')).row();
  }
  kb.text(ctx.t('reminders-done-button'), closeRemindersButton.pack());
  const text = ctx.t('reminders-task', { title: view.task.title, due: formatDay(view.task.dueAt, zone, ctx.t) });
  return edit ? ctx.editMessageText(text, { reply_markup: kb }) : ctx.reply(text, { reply_markup: kb });
}
