import { Composer } from 'grammy';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { quickTaskConversation } from './quick-task.conversation.js';
import { newTaskConversation } from '../tasks/newtask.conversation.js';
import { fullyRead, looksLikeTask, prefillOf, readTypedTask } from './quick-task.service.js';

/** Long texts are plans (the plans slice); a short one that names a kind of work is one task. */
const MAX_SENTENCE = 300;

/**
 * Admins: a sentence typed outside any dialogue that reads as a task ("Treo cờ từ 23/7 đến hết
 * 27/7, các khối") opens its preview, so a task costs two taps instead of ten. One it cannot
 * fully read (a date it cannot read or that is past, an unknown kind of work) opens /newtask with
 * what it understood already filled in: title and kind, and the date or period and the units
 * when the sentence said them.
 */
export function createQuickTaskFeature(env: FeatureEnv): Feature {
  const { deps } = env;
  const composer = new Composer<BotContext>();
  const admin = composer.chatType('private').filter(hasRole('admin'));
  const quick = quickTaskConversation(env);
  // Entered by id only: the tasks slice registers it.
  const newTask = newTaskConversation(env);

  admin.on('message:text', async (ctx, next) => {
    const text = ctx.message.text.trim();
    if (text.startsWith('/') || text.length > MAX_SENTENCE) return next();
    const { task } = await readTypedTask(deps.db, text, { zone: deps.config.timezone, now: deps.clock.now() });
    if (!looksLikeTask(task)) return next();
    const locale = await ctx.i18n.getLocale();
    if (fullyRead(task)) return quick.enter(ctx, { locale, actorId: ctx.member.id, text });
    // Not fully read: nothing is guessed or created; /newtask starts with what was understood.
    const trouble = task.dateTrouble;
    // A date that was read but has passed is said so, not hedged as "unread (or past)".
    const dateKey = trouble && (trouble.reason === 'past' || trouble.reason === 'over') ? 'qt-fallback-date-past' : 'qt-fallback-date';
    await ctx.reply(trouble ? ctx.t(dateKey, { part: trouble.part.slice(0, 60), title: task.title }) : ctx.t('qt-fallback-kind', { title: task.title }));
    await newTask.enter(ctx, { locale, actorId: ctx.member.id, prefill: prefillOf(task) });
  });
  return { composer, conversations: [quick] };
}
