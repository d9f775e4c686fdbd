import { Composer, InlineKeyboard } from 'grammy';
import { formatLocal } from '../core/clock.js';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { isReminderKind } from './reminder.rules.js';
import { reminderView, setReminderEnabled } from './reminder-settings.service.js';
import { listOpenTasks } from './reminders.queries.js';

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
    for (const task of tasks.slice(0, 50)) kb.text(task.title.slice(0, MAX_TITLE), `rmt:${task.id}`).row();
    await ctx.reply(ctx.t('reminders-choose-task'), { reply_markup: kb });
  });

  async function show(ctx: BotContext, taskId: number, edit: boolean) {
    const view = await reminderView(deps.db, taskId, zone);
    if (!view) return ctx.reply(ctx.t('reminders-not-open'));
    const kb = new InlineKeyboard();
    for (const l of view.lines) {
      const state = l.done ? 'done' : l.enabled ? 'on' : 'off';
      const label = ctx.t(`reminders-line-${state}`, { kind: ctx.t(`rm-kind-${l.kind}`), at: formatLocal(l.at, zone) });
      kb.text(label, l.done ? 'rmk:noop' : `rmk:${taskId}:${l.kind}:${l.enabled ? 'off' : 'on'}`).row();
    }
    kb.text(ctx.t('reminders-done-button'), 'rmk:close');
    const text = ctx.t('reminders-task', { title: view.task.title, due: formatLocal(view.task.dueAt, zone) });
    return edit ? ctx.editMessageText(text, { reply_markup: kb }) : ctx.reply(text, { reply_markup: kb });
  }

  admin.callbackQuery(/^rmt:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await show(ctx, Number(ctx.match[1]), false);
  });

  admin.callbackQuery(/^rmk:(?:(\d+):([a-z0-9-]+):(on|off)|noop|close)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    if (ctx.callbackQuery.data === 'rmk:close') return ctx.editMessageReplyMarkup().then(() => ctx.reply(ctx.t('reminders-closed')));
    const [, id, kind, state] = ctx.match;
    if (!id || !kind || !isReminderKind(kind)) return ctx.reply(ctx.t('button-expired'));
    if (!(await reminderView(deps.db, Number(id), zone))) return ctx.reply(ctx.t('reminders-not-open'));
    await setReminderEnabled(deps.db, deps.clock, ctx.member.id, Number(id), kind, state === 'on');
    await show(ctx, Number(id), true);
  });

  return { composer };
}
