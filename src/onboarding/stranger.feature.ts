import { Composer } from 'grammy';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';

/** Past /start, a stranger can do nothing: every update gets the "ask for an invitation" answer. */
export function createStrangerGate(_env: FeatureEnv): Feature {
  const composer = new Composer<BotContext>();
  composer.drop(
    (ctx) => !!ctx.member,
    async (ctx) => {
      if (ctx.callbackQuery) return ctx.answerCallbackQuery({ text: ctx.t('stranger-blocked'), show_alert: true });
      if (ctx.chat?.type === 'private' && ctx.message) return ctx.reply(ctx.t('stranger-blocked'));
    },
  );
  return { composer };
}
