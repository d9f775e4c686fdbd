import type { ConversationFlavor } from '@grammyjs/conversations';
import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import type { Member } from '../core/member.js';
import type { Outbox } from '../outbox/outbox.js';
import type { Prefetched } from './conversation-storage.js';

/** What every feature may use; built once in main.ts (or a test) and passed to createBot. */
export interface Dependencies {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Queues what the bot sends on its own (paced, retried, 403s recorded) and wakes the dispatcher. */
  outbox: Outbox;
}

export type BaseContext = Context &
  I18nFlavor & {
    /** The registered sender, or null for a stranger. */
    member: Member | null;
    /** What was read for this update before any handler ran: the sender and the chat's dialogue (see prefetchUpdate). */
    prefetched?: Prefetched;
  };

export type BotContext = ConversationFlavor<BaseContext>;

/** The context inside a conversation: a plain Context; texts come from a Translate bound at entry. */
export type ConvContext = Context;

/** Translates a key in a fixed locale (conversations bind it at entry, so replays agree). */
export type Translate = (key: string, vars?: Record<string, string | number>) => string;
