import type { Context } from 'grammy';
import type { BotConversation } from './feature.js';

/**
 * Waits for the next update in a conversation. Another command leaves the
 * conversation and is handled as usual, so nobody gets stuck in a dialogue.
 */
export async function waitInput(conversation: BotConversation): Promise<Context> {
  const ctx = await conversation.wait();
  if (ctx.message?.text?.startsWith('/')) return conversation.halt({ next: true });
  return ctx;
}

/** Waits for a press of one of our buttons (data starting with `prefix`), explaining anything else. */
export async function waitButton(
  conversation: BotConversation,
  prefix: string,
  onOther: (ctx: Context) => Promise<unknown>,
): Promise<{ ctx: Context; value: string }> {
  for (;;) {
    const ctx = await waitInput(conversation);
    const data = ctx.callbackQuery?.data;
    if (data?.startsWith(prefix)) {
      await ctx.answerCallbackQuery();
      return { ctx, value: data.slice(prefix.length) };
    }
    if (ctx.callbackQuery) await ctx.answerCallbackQuery();
    await onOther(ctx);
  }
}
