import type { I18n } from '@grammyjs/i18n';
import type { Composer } from 'grammy';
import type { BotContext, Dependencies } from './context.js';
import type { InstallableConversation } from './conversation.js';
import type { OfficeSettingsView } from '../core/office-settings.js';

export type { BotConversation } from './conversation.js';

/** What a feature gets: the dependencies and the bot's translations. */
export interface FeatureEnv {
  deps: Dependencies;
  i18n: I18n<BotContext>;
  /** The office's settings (local term, Tết pause, report details) as this process last saw them. */
  office: OfficeSettingsView;
}

/** A vertical slice as the bot sees it: its conversations and its handlers. */
export interface Feature {
  conversations?: InstallableConversation[];
  composer: Composer<BotContext>;
}
