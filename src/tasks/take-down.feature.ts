import { type CallbackQueryContext, Composer } from 'grammy';
import { formatLocal } from '../core/clock.js';
import { answerPress } from '../telegram/ask.js';
import type { BotContext } from '../telegram/context.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { takeDownButton } from './take-down.buttons.js';
import { confirmTakeDown } from './take-down.service.js';

/** The message's buttons without the one just pressed (the others are other units of the same leader). */
function withoutPressed(ctx: CallbackQueryContext<BotContext>) {
  const data = ctx.callbackQuery.data;
  const rows = ctx.callbackQuery.message?.reply_markup?.inline_keyboard ?? [];
  return rows.map((row) => row.filter((b) => !('callback_data' in b) || b.callback_data !== data)).filter((row) => row.length > 0);
}

/** A leader presses *Đã hạ cờ* under the take-down reminder: stored once, with who and when. */
const onTakeDown =
  ({ deps }: FeatureEnv) =>
  async (ctx: CallbackQueryContext<BotContext>) => {
    const pressed = takeDownButton.unpack(ctx.callbackQuery.data);
    if (!pressed || !ctx.member) return answerPress(ctx);
    const [taskId, unitId] = pressed;
    const result = await confirmTakeDown(deps.db, deps.clock, ctx.member.id, taskId, unitId);
    if (!result.ok) return answerPress(ctx, { text: ctx.t(`td-refused-${result.reason}`), showAlert: true });
    await answerPress(ctx);
    await ctx.editMessageReplyMarkup({ reply_markup: { inline_keyboard: withoutPressed(ctx) } }).catch(() => undefined);
    const vars = { unit: result.unitName, title: result.title, at: formatLocal(result.at, deps.config.timezone) };
    await ctx.reply(ctx.t(result.first ? 'td-recorded' : 'td-already', vars));
  };

/** Leaders (any member of the unit): the take-down confirmation. */
export function takeDownComposer(env: FeatureEnv): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  composer.chatType('private').callbackQuery(takeDownButton.pattern, onTakeDown(env));
  return composer;
}
