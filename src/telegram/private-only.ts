import type { MiddlewareFn } from 'grammy';
import type { BotContext } from './context.js';
import type { FeatureEnv } from './feature.js';

const JOINED = new Set(['member', 'administrator']);
const OUTSIDE = new Set(['left', 'kicked']);

/**
 * The bot works in private chats only. In groups, supergroups and channels it stays silent and
 * stores nothing, except one short note when it is added to a group: use it in a private chat.
 */
export function privateChatsOnly(env: FeatureEnv): MiddlewareFn<BotContext> {
  return async (ctx, next) => {
    const chat = ctx.chat;
    if (chat?.type === 'private') return next();
    const change = ctx.myChatMember;
    const added = change && OUTSIDE.has(change.old_chat_member.status) && JOINED.has(change.new_chat_member.status);
    if (added && (chat?.type === 'group' || chat?.type === 'supergroup')) {
      const text = env.i18n.t(env.deps.config.defaultLocale, 'group-use-private', { bot: ctx.me.username });
      await ctx.reply(text).catch((error: unknown) => env.deps.logger.debug({ err: error }, 'could not post the private-chat note'));
    }
  };
}
