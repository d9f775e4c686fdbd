import type { Conversation } from '@grammyjs/conversations';
import type { I18n } from '@grammyjs/i18n';
import type { Composer, Context } from 'grammy';
import type { BotContext, ConvContext, Dependencies } from './context.js';

/** What a feature gets: the dependencies and the bot's translations. */
export interface FeatureEnv {
  deps: Dependencies;
  i18n: I18n<BotContext>;
}

export type BotConversation = Conversation<BotContext, ConvContext>;

export interface ConversationDef {
  /** Explicit id: stored state is keyed by it, so renaming the function never loses a conversation. */
  id: string;
  // The plugin's own builder signature; arguments are JSON-serialised by the plugin.
  builder: (conversation: BotConversation, ctx: Context, ...args: never[]) => Promise<unknown>;
}

/** A vertical slice as the bot sees it: its conversations and its handlers. */
export interface Feature {
  conversations?: ConversationDef[];
  composer: Composer<BotContext>;
}
