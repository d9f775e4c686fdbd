import { Writable } from 'node:stream';
import { startApp, type RunningApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/core/logger.js';
import { ManualClock } from './clock.js';
import { VirtualTime } from './virtual-time.js';
import type { TestDatabase } from './db.js';
import { FakeTelegram, type SimUser } from './fake-telegram.js';

export interface Harness {
  fake: FakeTelegram;
  database: TestDatabase;
  clock: ManualClock;
  config: Config;
  app: RunningApp;
  /** Every log line the app wrote. */
  logs: string[];
  /** Resolves once no update is being handled (its conversation state and replies are written). */
  settle(): Promise<void>;
  /**
   * Resolves once nothing is moving: the fake's queued updates taken and confirmed, no update being
   * handled, no call to the fake being answered. Wait for this, never for time.
   */
  quiet(): Promise<void>;
  /** quiet(), then fails if one of these chats got a bot message the test has not read. */
  expectNothingSentTo(...chats: Array<number | SimUser>): Promise<void>;
  /** Stops the bot and starts a fresh one on the same database; `whileStopped` runs in between (e.g. presses made while it was down). */
  restart(whileStopped?: () => unknown): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The real app, in-process, against a fake Telegram and a test database; time comes from a ManualClock.
 * Timers (cron tick, dispatcher loop) are off unless `timers: true`: tests call
 * `h.app.scheduler.tick()` and `h.app.dispatcher.drain()` instead.
 * The send budget paces on virtual time (a wait costs no real time; the order and spacing of
 * sends are the same) unless `pacing: 'real'`: tests of Telegram's flood limit need real seconds.
 * A fake the harness makes counts its flood control (`fake.rateLimit`) on the same pacing time.
 */
export async function startHarness(
  database: TestDatabase,
  opts: { adminIds?: number[]; clock?: ManualClock; env?: Record<string, string>; fake?: FakeTelegram; timers?: boolean; pacing?: 'virtual' | 'real' } = {},
): Promise<Harness> {
  const clock = opts.clock ?? new ManualClock();
  const time = opts.pacing === 'real' ? undefined : new VirtualTime();
  const fake = opts.fake ?? (await FakeTelegram.start({ now: () => clock.now().getTime(), ...(time ? { rateNow: time.now } : {}) }));
  const config = loadConfig({
    BOT_TOKEN: fake.token,
    TELEGRAM_API_ROOT: fake.apiRoot,
    ADMIN_IDS: (opts.adminIds ?? []).join(','),
    LOG_LEVEL: 'info',
    ...opts.env,
  });
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _enc, done) {
      logs.push(chunk.toString());
      done();
    },
  });
  const start = () => startApp(config, createLogger({ level: config.logLevel, secrets: [config.botToken], destination }), { clock, database, timers: opts.timers ?? false, localServer: config.dashboardUrl !== undefined, ...(time ? { time } : {}) });
  const harness: Harness = {
    fake,
    database,
    clock,
    config,
    logs,
    app: await start(),
    settle: () => harness.app.telegram.inFlight.drain(),
    quiet: () => fake.quiet(),
    expectNothingSentTo: (...chats) => fake.expectNothingSentTo(...chats),
    restart: async (whileStopped) => {
      await harness.app.stop();
      await whileStopped?.();
      harness.app = await start();
    },
    stop: async () => {
      removeSettler();
      await harness.app.stop();
      if (!opts.fake) await fake.close();
    },
  };
  const removeSettler = fake.addSettler(() => harness.settle());
  return harness;
}
