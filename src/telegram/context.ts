import type { ConversationFlavor } from '@grammyjs/conversations';
import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import type { Member } from '../core/member.js';
import type { UpdateSession } from './conversation-storage.js';

/** What every feature may use; built once in main.ts (or a test) and passed to createBot. */
export interface Dependencies {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
}

export type BaseContext = Context &
  I18nFlavor & {
    deps: Dependencies;
    /** The registered sender, or null for a stranger. */
    member: Member | null;
    /** Loaded once per update with the member (see loadSession). */
    session?: UpdateSession;
  };

export type BotContext = ConversationFlavor<BaseContext>;

/** The context inside a conversation: a plain Context; texts come from a Translate bound at entry. */
export type ConvContext = Context;

/** Translates a key in a fixed locale (conversations bind it at entry, so replays agree). */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;
