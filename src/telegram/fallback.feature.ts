import { Composer, type InlineKeyboard } from 'grammy';
import type { BotContext } from './context.js';
import type { Feature, FeatureEnv } from './feature.js';
import { answerPress } from './ask.js';

/**
 * Last in line: old buttons get an explanation (never a spinner), unknown input a way on. A leader
 * gets `leaderKeyboard` (a button to their tasks: many are older, a button beats a command to
 * type); officials and admins a pointer to /help.
 */
export function createFallbackFeature(_env: FeatureEnv, o: { leaderKeyboard: (t: BotContext['t']) => InlineKeyboard }): Feature {
  const composer = new Composer<BotContext>();
  composer.on('callback_query', (ctx) => answerPress(ctx, { text: ctx.t('button-expired'), showAlert: true }));
  const privateChat = composer.chatType('private');
  const reply = (ctx: BotContext, key: 'unknown-command' | 'unknown-text') =>
    ctx.member?.role === 'leader' ? ctx.reply(ctx.t(`${key}-leader`), { reply_markup: o.leaderKeyboard(ctx.t) }) : ctx.reply(ctx.t(key));
  privateChat.on('message::bot_command', (ctx) => reply(ctx, 'unknown-command'));
  privateChat.on('message', (ctx) => reply(ctx, 'unknown-text'));
  return { composer };
}
