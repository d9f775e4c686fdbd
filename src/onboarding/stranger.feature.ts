import { Composer } from 'grammy';
import { answerPress } from '../telegram/ask.js';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';

/** Past /start, a stranger can do nothing: every update gets the "ask for an invitation" answer. */
export function createStrangerGate(_env: FeatureEnv): Feature {
  const composer = new Composer<BotContext>();
  composer.drop(
    (ctx) => !!ctx.member,
    async (ctx) => {
      // answerPress: a stranger's late press (the query too old to answer) is harmless, not a failure.
      if (ctx.callbackQuery) return answerPress(ctx, { text: ctx.t('stranger-blocked'), showAlert: true });
      if (ctx.chat?.type === 'private' && ctx.message) return ctx.reply(ctx.t('stranger-blocked'));
    },
  );
  return { composer };
}
