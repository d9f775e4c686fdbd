import { Composer } from 'grammy';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { quickTaskConversation } from './quick-task.conversation.js';
import { looksLikeTask, readTypedTask } from './quick-task.service.js';

/** Long texts are plans (the plans slice); a short one that names a kind of work is one task. */
const MAX_SENTENCE = 300;

/**
 * Admins: a sentence typed outside any dialogue that reads as a task ("Treo cờ từ 23/7 đến hết
 * 27/7, các khối") opens its preview, so a task costs two taps instead of ten.
 */
export function createQuickTaskFeature(env: FeatureEnv): Feature {
  const { deps } = env;
  const composer = new Composer<BotContext>();
  const admin = composer.chatType('private').filter(hasRole('admin'));
  const quick = quickTaskConversation(env);

  admin.on('message:text', async (ctx, next) => {
    const text = ctx.message.text.trim();
    if (text.startsWith('/') || text.length > MAX_SENTENCE) return next();
    const { task } = await readTypedTask(deps.db, text, { zone: deps.config.timezone, now: deps.clock.now() });
    if (!looksLikeTask(task)) return next();
    await quick.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, text });
  });
  return { composer, conversations: [quick] };
}
