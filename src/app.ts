import type { Config } from './config.js';
import { type Clock, systemClock } from './core/clock.js';
import { type DatabaseHandle, isDatabaseReachable, openDatabase } from './core/db.js';
import type { Logger } from './core/logger.js';
import { migrateToLatest } from './core/migrator.js';
import { createBot, type CreatedBot } from './telegram/bot.js';
import { type Receiver, startPolling, startWebhook } from './telegram/lifecycle.js';
import { LOCALES } from './telegram/i18n.js';
import { translator } from './telegram/i18n.js';
import { setDefaultMenus } from './telegram/menus.js';
import type { Dispatcher } from './outbox/dispatcher.js';
import type { Scheduler } from './outbox/scheduler.js';
import { startOutbox } from './outbox/wiring.js';

export interface RunningApp {
  created: CreatedBot;
  database: DatabaseHandle;
  /** Turns what is due into deliveries (every minute when timers run; tests call tick()). */
  scheduler: Scheduler;
  /** Sends queued deliveries (continuously when timers run; tests call drain()). */
  dispatcher: Dispatcher;
  /** Stops taking updates, finishes the ones in flight, closes the database. */
  stop(): Promise<void>;
}

/** Wiring only: db → migrate → bot → receiver → outbox (scheduler + dispatcher). Used by main.ts and by tests that run the app in-process. */
export async function startApp(config: Config, logger: Logger, opts: { clock?: Clock; database?: DatabaseHandle; timers?: boolean } = {}): Promise<RunningApp> {
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }));
  await migrateToLatest(database.db);
  logger.info({ target: database.target }, 'database ready');
  const created = createBot(config, { db: database.db, clock: opts.clock ?? systemClock, logger });
  const { bot, env, inFlight } = created;
  await bot.init();
  await setDefaultMenus(bot.api, (l) => translator(env.i18n, l), LOCALES, config.defaultLocale);
  let receiver: Receiver;
  if (config.webhookUrl && config.webhookSecret) {
    receiver = await startWebhook(bot, inFlight, {
      url: config.webhookUrl,
      secret: config.webhookSecret,
      port: config.port,
      healthy: () => isDatabaseReachable(database.db),
    });
    logger.info({ port: config.port }, 'webhook server listening');
  } else {
    receiver = await startPolling(bot, inFlight);
    logger.info({ username: bot.botInfo.username }, 'polling for updates');
  }
  const outbox = startOutbox({
    config,
    database,
    clock: opts.clock ?? systemClock,
    logger,
    texts: (l) => translator(env.i18n, l),
    timers: opts.timers ?? true,
  });
  let stopping: Promise<void> | undefined;
  return {
    created,
    database,
    scheduler: outbox.scheduler,
    dispatcher: outbox.dispatcher,
    stop: () =>
      (stopping ??= (async () => {
        await receiver.stop();
        await outbox.stop();
        if (!opts.database) await database.close();
        logger.info('stopped');
      })()),
  };
}
