import type { Config } from '../config.js';
import type { Clock } from '../core/clock.js';
import type { DatabaseHandle } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import { broadcastProducer } from '../broadcasts/broadcasts.service.js';
import { broadcastProgress } from '../broadcasts/progress.js';
import { digestProducer } from '../reminders/digest.service.js';
import { reminderProducer } from '../reminders/reminders.service.js';
import { createNotifier, type Notifier } from '../telegram/notifier.js';
import { Dispatcher } from './dispatcher.js';
import { advisoryElector, soloElector } from './leader.js';
import { Scheduler, type Texts } from './scheduler.js';

export interface Outbox {
  scheduler: Scheduler;
  dispatcher: Dispatcher;
  stop(): Promise<void>;
}

/**
 * The composition root of the outbox (the one file here that knows the producers): reminders,
 * digests and broadcasts feed the scheduler; one dispatcher sends. With `timers: false` nothing
 * runs by itself and tests call scheduler.tick() and dispatcher.drain().
 */
export function startOutbox(o: {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  logger: Logger;
  texts: Texts;
  timers: boolean;
  notifier?: Notifier;
}): Outbox {
  const { config, clock, logger, texts } = o;
  const db = o.database.db;
  const zone = config.timezone;
  const window = { zone, quiet: config.quietHours };
  const notifier = o.notifier ?? createNotifier({ token: config.botToken, apiRoot: config.telegramApiRoot });
  const dispatcher = new Dispatcher({
    db,
    clock,
    logger,
    notifier,
    window,
    elector: o.database.target === 'postgres' ? advisoryElector(db) : soloElector(),
    ratePerSecond: config.sendRatePerSecond,
    onProgress: broadcastProgress({ db, notifier, texts, logger }),
  });
  const base = { db, zone, defaultLocale: config.defaultLocale, texts };
  const scheduler = new Scheduler({
    db,
    clock,
    logger,
    window,
    graceHours: config.catchupGraceHours,
    defaultLocale: config.defaultLocale,
    texts,
    producers: [reminderProducer(base), digestProducer({ ...base, hour: config.digestHour }), broadcastProducer({ db, zone })],
    onQueued: () => dispatcher.kick(),
  });
  if (o.timers) {
    scheduler.start(zone);
    dispatcher.start();
  }
  return {
    scheduler,
    dispatcher,
    stop: async () => {
      await scheduler.stop();
      await dispatcher.stop();
    },
  };
}
