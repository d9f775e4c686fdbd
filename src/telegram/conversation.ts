import { type Conversation, createConversation } from '@grammyjs/conversations';
import type { Context, Middleware } from 'grammy';
import type { BotContext, ConvContext } from './context.js';

export type BotConversation = Conversation<BotContext, ConvContext>;

/** What a conversation's argument may hold: the plugin stores it as JSON and replays it. */
export type Json = string | number | boolean | null | Json[] | { [key: string]: Json | undefined };

/** A conversation as the bot registers it; `enter` is on the typed {@link ConversationDefinition}. */
export interface InstallableConversation {
  /** Explicit id: stored state is keyed by it, so renaming the function never loses a conversation. */
  readonly id: string;
  /** The plugin's middleware that runs this conversation (the bot puts it in its sequence of layers). */
  middleware(opts: { maxMillisecondsToWait: number }): Middleware<BotContext>;
}

export interface ConversationDefinition<Args extends Json> extends InstallableConversation {
  /** Starts the conversation for this chat with one JSON-safe argument object. */
  enter(ctx: BotContext, args: Args): Promise<void>;
}

/**
 * Declares a conversation with an explicit id and one typed argument object, so entering it is
 * checked by the compiler and a replay sees exactly what the first run saw.
 */
export function defineConversation<Args extends Json>(
  id: string,
  run: (conversation: BotConversation, ctx: Context, args: Args) => Promise<unknown>,
): ConversationDefinition<Args> {
  return {
    id,
    middleware: (opts) => createConversation<BotContext, ConvContext>((conversation, ctx, args: Args) => run(conversation, ctx, args), { id, ...opts }),
    enter: (ctx, args) => ctx.conversation.enter(id, args),
  };
}
