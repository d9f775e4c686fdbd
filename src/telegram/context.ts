import type { ConversationData, ConversationFlavor, VersionedState } from '@grammyjs/conversations';
import type { I18nFlavor } from '@grammyjs/i18n';
import type { Context } from 'grammy';
import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import type { Member } from '../core/member.js';
import type { Office } from '../core/office-settings.js';
import type { Outbox } from '../core/outbox-port.js';

/** What every feature may use; built once in main.ts (or a test) and passed to createBot. */
export interface Dependencies {
  config: Config;
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Queues what the bot sends on its own (paced, retried, 403s recorded) and wakes the dispatcher. */
  outbox: Outbox;
}

/** What every update needs from the database before it is handled: who sent it and their dialogue. */
export interface Prefetched {
  member: Member | null;
  /** The chat's stored conversation state; undefined when there is none. */
  conversation: VersionedState<ConversationData> | undefined;
  /** The chat's hot dialogue row (see hot-dialogue.ts), as stored; undefined when there is none. */
  dialogue?: unknown;
}

export type BaseContext = Context &
  I18nFlavor & {
    /** The registered sender, or null for a stranger. */
    member: Member | null;
    /** The member's office (every query of the update is scoped by it, see core/office-scope); null for a stranger. */
    office: Office | null;
    /** What was read for this update before any handler ran: the sender and the chat's dialogue (see prefetchUpdate). */
    prefetched?: Prefetched;
  };

export type BotContext = ConversationFlavor<BaseContext>;

/** The context inside a conversation: a plain Context; texts come from a Translate bound at entry. */
export type ConvContext = Context;

export type { Translate } from '../core/translate.js';
