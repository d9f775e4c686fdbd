import { Composer } from 'grammy';
import type { BotContext } from './context.js';
import type { Feature, FeatureEnv } from './feature.js';
import { answerPress } from './ask.js';

/** Last in line: old buttons get an explanation (never a spinner), unknown input a pointer to /help. */
export function createFallbackFeature(_env: FeatureEnv): Feature {
  const composer = new Composer<BotContext>();
  composer.on('callback_query', (ctx) => answerPress(ctx, { text: ctx.t('button-expired'), showAlert: true }));
  const privateChat = composer.chatType('private');
  privateChat.on('message::bot_command', (ctx) => ctx.reply(ctx.t('unknown-command')));
  privateChat.on('message', (ctx) => ctx.reply(ctx.t('unknown-text')));
  return { composer };
}
