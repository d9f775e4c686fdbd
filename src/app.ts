import type { Config } from './config.js';
import { broadcastProducer } from './broadcasts/broadcast-producer.js';
import { finishDrained } from './broadcasts/broadcast-lifecycle.js';
import { broadcastProgress } from './broadcasts/progress.js';
import { type Clock, systemClock } from './core/clock.js';
import { type DatabaseHandle, isDatabaseReachable, openDatabase } from './core/db.js';
import type { Logger } from './core/logger.js';
import { migrateToLatest } from './core/migrator.js';
import { Snapshots } from './backups/daily-snapshots.js';
import { Dispatcher } from './outbox/dispatcher.js';
import { advisoryElector, soloElector } from './outbox/leader.js';
import { createOutbox, type Texts } from './outbox/outbox.js';
import { SendBudget, type SendPacer, type TimeSource } from './telegram/pacer.js';
import { Scheduler } from './outbox/scheduler.js';
import { digestProducer } from './reminders/digest.service.js';
import { reminderProducer } from './reminders/reminders.service.js';
import { tetHold, tetPaused } from './reminders/tet-hold.js';
import { noticeTetHeld, tetReleaseProducer } from './reminders/tet-notices.js';
import { seriesProducer } from './series/series-producer.js';
import { createBot, type CreatedBot } from './bot.js';
import { createDashboard } from './dashboard/dashboard.js';
import { type Receiver, startPolling, startWebhook } from './telegram/lifecycle.js';
import { type HttpHandler, startLocalServer } from './telegram/local-server.js';
import { LOCALES, translator } from './telegram/i18n.js';
import { setDefaultMenus } from './telegram/menus.js';
import { createNotifier, type Notifier } from './telegram/notifier.js';
import { OfficeScopePlugin, outsideOffices } from './core/office-scope.js';
import { keepPlannerStats, refreshPlannerStats } from './core/planner-stats.js';

export interface RunningApp {
  /** The Telegram edge: the bot, its features' environment, the send budget, the updates in flight. */
  telegram: CreatedBot;
  database: DatabaseHandle;
  /** Turns what is due into deliveries (every minute when timers run; tests call tick()). */
  scheduler: Scheduler;
  /** Sends queued deliveries (continuously when timers run; tests call drain()). */
  dispatcher: Dispatcher;
  /** Stops taking updates, finishes the ones in flight, closes the database. */
  stop(): Promise<void>;
}

export interface AppOptions {
  clock?: Clock;
  database?: DatabaseHandle;
  /** false: no cron and no dispatcher loop (tests call tick() and drain()). */
  timers?: boolean;
  /** The outbox's pacing time (tests pass a virtual one). */
  time?: TimeSource;
  notifier?: Notifier;
  /** false: no 127.0.0.1:PORT server in polling mode (tests that run many bots in one process). */
  localServer?: boolean;
}

/** Wiring only: db → migrate → bot → receiver → outbox (scheduler + dispatcher). Used by main.ts and by tests that run the app in-process. */
export async function startApp(config: Config, logger: Logger, opts: AppOptions = {}): Promise<RunningApp> {
  const database = opts.database ?? (await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir, logger }));
  await migrateToLatest(database.db);
  // Before the first update: a database filled without statistics (an import, a restore) plans badly.
  const analyzed = await refreshPlannerStats(database.db);
  logger.info({ target: database.target, analyzed }, 'database ready');
  const clock = opts.clock ?? systemClock;
  // The slices queue through `outbox`; its wake-up reaches the dispatcher once that exists.
  let wake = () => {};
  // Woken from an update, the dispatcher still serves every office.
  const outboxPort = createOutbox(database.db, () => outsideOffices(() => wake()));
  // One send budget for replies and the outbox (the outbox gets what replies leave).
  const sendBudget = new SendBudget(config.sendRatePerSecond, opts.time);
  const telegram = createBot(config, { db: database.db, clock, logger, outbox: outboxPort }, { sendBudget });
  const { bot, env, inFlight } = telegram;
  await bot.init();
  await env.office.load(database.db);
  await setDefaultMenus(bot.api, (l) => translator(env.i18n, l), LOCALES, config.defaultLocale);
  const snapshots = database.target === 'pglite' && database.dataDir ? new Snapshots({ db: database.db, dataDir: database.dataDir, clock, zone: config.timezone, keep: config.backupKeep, logger }) : undefined;
  const dashboard: HttpHandler | undefined = config.dashboardUrl
    ? await createDashboard({ db: database.db, clock, config, logger, office: env.office, texts: (l) => translator(env.i18n, l), getFile: (id) => bot.api.getFile(id), outbox: outboxPort })
    : undefined;
  const local = { healthy: () => isDatabaseReachable(database.db), backup: snapshots && (() => snapshots.take()), extra: dashboard };
  let receiver: Receiver;
  let localServer: { close(): Promise<void> } | undefined;
  if (config.webhookUrl && config.webhookSecret) {
    receiver = await startWebhook(bot, inFlight, { url: config.webhookUrl, secret: config.webhookSecret, port: config.port, ...local });
    logger.info({ port: config.port }, 'webhook server listening');
  } else {
    receiver = await startPolling(bot, inFlight, { db: database.db, logger });
    // With the dashboard on, the port serves it to the HTTPS proxy too (POST /backup still answers this machine only).
    if (opts.localServer ?? true) localServer = await startLocalServer(config.port, { ...local, status: receiver.status }, logger, { public: !!dashboard });
    logger.info({ username: bot.botInfo.username }, 'polling for updates');
  }
  const daily = snapshots && (opts.timers ?? true) ? everyFewMinutes(() => snapshots.daily(), logger) : undefined;
  const stats = (opts.timers ?? true) ? keepPlannerStats(database.db, logger) : undefined;
  const outbox = startOutbox({ ...opts, config, database, clock, logger, texts: (l) => translator(env.i18n, l), timers: opts.timers ?? true, pacer: sendBudget.bulk });
  wake = () => outbox.dispatcher.kick();
  let stopping: Promise<void> | undefined;
  return {
    telegram,
    database,
    scheduler: outbox.scheduler,
    dispatcher: outbox.dispatcher,
    stop: () =>
      (stopping ??= (async () => {
        await receiver.stop();
        daily?.stop();
        stats?.stop();
        await localServer?.close();
        await outbox.stop();
        if (!opts.database) await database.close();
        logger.info('stopped');
      })()),
  };
}

/**
 * The outbox's composition (the one place that knows both the outbox and its producers):
 * reminders, digests and broadcasts feed the scheduler; one dispatcher sends, and after each
 * pass the broadcasts' lifecycle moves drained ones to done before their progress is shown.
 */
function startOutbox(o: {
  config: Config;
  database: DatabaseHandle;
  clock: Clock;
  logger: Logger;
  texts: Texts;
  timers: boolean;
  time?: TimeSource;
  notifier?: Notifier;
  pacer: SendPacer;
}): { scheduler: Scheduler; dispatcher: Dispatcher; stop(): Promise<void> } {
  const { config, clock, logger, texts } = o;
  const db = o.database.db;
  const zone = config.timezone;
  const window = { zone, quiet: config.quietHours };
  const notifier = o.notifier ?? createNotifier({ token: config.botToken, apiRoot: config.telegramApiRoot });
  const showProgress = broadcastProgress({ db, clock, notifier, texts, logger });
  const dispatcher = new Dispatcher({
    db,
    clock,
    logger,
    notifier,
    window,
    elector: o.database.target === 'postgres' ? advisoryElector(db) : soloElector(),
    ratePerSecond: config.sendRatePerSecond,
    pacer: o.pacer,
    ...(o.time ? { time: o.time } : {}),
    onProgress: async () => {
      await finishDrained(db);
      await showProgress();
    },
  });
  // The producers run office by office (Scheduler.runTick): their queries are scoped like an update's.
  const scoped = db.withPlugin(new OfficeScopePlugin());
  const base = { db: scoped, zone, defaultLocale: config.defaultLocale, texts };
  const scheduler = new Scheduler({
    db: scoped,
    clock,
    logger,
    window,
    graceHours: config.catchupGraceHours,
    defaultLocale: config.defaultLocale,
    texts,
    // Recurring tasks first: a round made in this tick is announced in this tick.
    producers: [
      seriesProducer({ db: scoped, clock, zone }),
      reminderProducer(base),
      digestProducer({ ...base, hour: config.digestHour, paused: tetPaused(scoped, zone) }),
      broadcastProducer({ db: scoped, zone }),
      tetReleaseProducer(base),
    ],
    hold: tetHold(scoped, zone),
    onHeld: noticeTetHeld(base),
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

/** How often the running bot checks whether today's snapshot is taken (the clock decides the day). */
const SNAPSHOT_CHECK_MS = 10 * 60_000;
const FIRST_SNAPSHOT_CHECK_MS = 60_000;

function everyFewMinutes(check: () => Promise<unknown>, logger: Logger): { stop(): void } {
  const run = () => void check().catch((error: unknown) => logger.error({ err: error }, 'could not write the daily database snapshot'));
  // Not at once: a start-up is busy enough (and a bot restarted in a loop would snapshot each time).
  const first = setTimeout(run, FIRST_SNAPSHOT_CHECK_MS);
  const timer = setInterval(run, SNAPSHOT_CHECK_MS);
  first.unref();
  timer.unref();
  return {
    stop: () => {
      clearTimeout(first);
      clearInterval(timer);
    },
  };
}
