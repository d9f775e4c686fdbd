import { Composer } from 'grammy';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { answerPress } from '../telegram/ask.js';
import { hasRole } from '../telegram/guards.js';
import { returnReportButton } from './rework.buttons.js';
import { reworkConversation } from './rework.conversation.js';
import { findReturnable } from './rework.service.js';

/** Officials and admins: "↩️ Trả lại" under a report opens the return dialogue. */
export function createReworkFeature(env: FeatureEnv): Feature {
  const { deps } = env;
  const composer = new Composer<BotContext>();
  const rework = reworkConversation(env);
  const staff = composer.chatType('private').filter(hasRole('official', 'admin'));

  staff.callbackQuery(returnReportButton.pattern, async (ctx) => {
    const [taskId, unitId] = returnReportButton.unpack(ctx.callbackQuery.data) ?? [0, 0];
    const found = await findReturnable(deps.db, taskId, unitId);
    if (!found.ok) return answerPress(ctx, { text: ctx.t(`rw-refused-${found.reason}`), showAlert: true });
    await answerPress(ctx);
    await rework.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, taskId, unitId });
  });

  return { composer, conversations: [rework] };
}
