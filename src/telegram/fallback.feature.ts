import { Composer } from 'grammy';
import type { BotContext } from './context.js';
import type { Feature, FeatureEnv } from './feature.js';
import { isStaleQueryError } from './stale-query.js';

/** Last in line: old buttons get an explanation (never a spinner), unknown input a pointer to /help. */
export function createFallbackFeature(_env: FeatureEnv): Feature {
  const composer = new Composer<BotContext>();
  composer.on('callback_query', async (ctx) => {
    await ctx.answerCallbackQuery({ text: ctx.t('button-expired'), show_alert: true }).catch((error: unknown) => {
      if (!isStaleQueryError(error)) throw error;
    });
  });
  const privateChat = composer.chatType('private');
  privateChat.on('message::bot_command', (ctx) => ctx.reply(ctx.t('unknown-command')));
  privateChat.on('message', (ctx) => ctx.reply(ctx.t('unknown-text')));
  return { composer };
}
