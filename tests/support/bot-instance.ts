import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { Update } from 'grammy/types';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/core/db.js';
import { createLogger } from '../../src/core/logger.js';
import { createOutbox } from '../../src/outbox/outbox.js';
import { createBot, type CreatedBot } from '../../src/bot.js';
import type { SendBudget } from '../../src/telegram/pacer.js';
import type { ManualClock } from './clock.js';
import type { FakeTelegram } from './fake-telegram.js';

/** Counts the statements sent to the database (each one is a round trip outside a transaction). */
export class StatementCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count++;
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

export interface BotInstance {
  created: CreatedBot;
  /** Statements this instance sent so far. */
  statements: StatementCounter;
  /** Handles one update (taken from the fake by the test, not by polling) to the end. */
  handle(update: Update): Promise<void>;
  logs: string[];
}

/**
 * One bot process as far as the chat is concerned (its own caches), driven update by update:
 * several instances on one database show what a second poller or webhook replica would do.
 */
export async function startBotInstance(
  fake: FakeTelegram,
  db: Db,
  clock: ManualClock,
  opts: { env?: Record<string, string>; sendBudget?: SendBudget } = {},
): Promise<BotInstance> {
  const config = loadConfig({ BOT_TOKEN: fake.token, TELEGRAM_API_ROOT: fake.apiRoot, LOG_LEVEL: 'info', ...opts.env });
  const logs: string[] = [];
  const logger = createLogger({ level: 'info', secrets: [config.botToken], destination: { write: (line: string) => void logs.push(line) } });
  const statements = new StatementCounter();
  const counted = db.withPlugin(statements);
  const created = createBot(config, { db: counted, clock, logger, outbox: createOutbox(counted, () => undefined) }, opts.sendBudget ? { sendBudget: opts.sendBudget } : {});
  await created.bot.init();
  await created.env.office.load(db);
  return { created, statements, logs, handle: (update) => created.bot.handleUpdate(update) };
}
