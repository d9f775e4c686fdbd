import { ConfigError, loadConfig, readEnv } from './config.js';
import { createLogger } from './core/logger.js';
import { systemClock } from './core/clock.js';
import { DataDirLockedError } from './core/data-lock.js';
import { DataDirUnreadableError } from './core/snapshot-files.js';
import { keepHeapTrimmed } from './core/heap-trim.js';

const isOperatorError = (error: unknown): error is Error => error instanceof DataDirLockedError || error instanceof DataDirUnreadableError;

const STOP_TIMEOUT_MS = 15_000;
const MB = 1024 * 1024;

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(readEnv(process.env));
  } catch (error) {
    if (error instanceof ConfigError) {
      for (const problem of error.problems) console.error(problem);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger({ level: config.logLevel, secrets: [config.botToken] });
  // Loaded once the configuration is known to be good: a missing BOT_TOKEN is reported at once.
  const [{ startApp }, { offerSetupLink }, { translator }] = await Promise.all([
    import('./app.js'),
    import('./onboarding/setup-link.service.js'),
    import('./telegram/i18n.js'),
  ]);
  const app = await startApp(config, logger).catch((error: unknown) => {
    // A folder in use or unreadable is the operator's to fix: one plain line saying what to do.
    if (isOperatorError(error)) console.error(error.message);
    else logger.fatal({ err: error }, 'could not start');
    process.exit(1);
  });
  // After a burst of reports, the heap's empty pages go back to the system (a small server's memory).
  const trim = keepHeapTrimmed({
    quietMs: 3_000,
    minGrowthBytes: 16 * MB,
    onTrim: ({ beforeBytes, afterBytes, tookMs }) => logger.debug({ beforeMb: Math.round(beforeBytes / MB), afterMb: Math.round(afterBytes / MB), tookMs: Math.round(tookMs) }, 'heap trimmed after a burst'),
  });
  let stopping = false;
  const shutdown = (signal: string) => {
    // tsx (npm start) forwards Ctrl+C as a second SIGINT within milliseconds: stop once, ignore repeats.
    if (stopping) return logger.info({ signal }, 'already shutting down');
    stopping = true;
    logger.info({ signal }, 'shutting down');
    trim.stop();
    // If Telegram or the database cannot be reached, stopping must still end.
    setTimeout(() => {
      logger.error({ afterMs: STOP_TIMEOUT_MS }, 'could not stop in time; exiting');
      process.exit(1);
    }, STOP_TIMEOUT_MS).unref();
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        logger.error({ err: error }, 'error while stopping');
        process.exit(1);
      },
    );
  };
  // `on`, not `once`: a repeated signal must reach the handler above, not Node's default (exit 130).
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  // While nobody is admin, a one-time setup link goes to the terminal: stdout, never the logger,
  // because it is a secret (whoever opens it first becomes admin).
  await offerSetupLink(app.database.db, systemClock, {
    botUsername: app.telegram.bot.botInfo.username,
    adminIds: config.adminIds,
    t: translator(app.telegram.env.i18n, config.defaultLocale),
    write: (text) => process.stdout.write(text),
  }).catch((error: unknown) => logger.error({ err: error }, 'could not make the setup link'));
}

void main();
