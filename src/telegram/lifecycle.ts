import { createServer, type Server } from 'node:http';
import { createConcurrentSink, createRunner, createSource, type RunnerHandle } from '@grammyjs/runner';
import { type Bot, type MiddlewareFn, webhookCallback } from 'grammy';
import type { Update } from 'grammy/types';
import type { Db } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import type { BotContext } from './context.js';
import { type LocalRoutes, serveLocal } from './local-server.js';
import { UpdateInbox } from './update-inbox.js';
import { type PollStatus, UpdateSource } from './update-source.js';

const ALLOWED_UPDATES = ['message', 'callback_query', 'my_chat_member'] as const;

/** Counts updates being handled, so a graceful stop can wait for them. */
export class InFlight {
  private count = 0;
  private lastUpdateId = 0;
  private waiters: (() => void)[] = [];

  readonly middleware: MiddlewareFn<BotContext> = async (ctx, next) => {
    this.count++;
    try {
      await next();
    } finally {
      this.count--;
      this.lastUpdateId = Math.max(this.lastUpdateId, ctx.update.update_id);
      if (this.count === 0) this.waiters.splice(0).forEach((w) => w());
    }
  };

  get busy(): boolean {
    return this.count > 0;
  }

  get highestHandled(): number {
    return this.lastUpdateId;
  }

  drain(): Promise<void> {
    return this.count === 0 ? Promise.resolve() : new Promise((resolve) => this.waiters.push(resolve));
  }
}

export interface Receiver {
  stop(): Promise<void>;
  /** Long polling only: whether updates are coming (a 409, an outage: see update-source.ts). */
  status?: PollStatus;
}

/**
 * Long polling through grammY's runner: concurrent across chats, in order within a chat. Our own
 * supply (UpdateSource) keeps each batch in the inbox before Telegram forgets it, and waits out
 * a 409 or an outage instead of ending; handled updates leave the inbox.
 */
export async function startPolling(bot: Bot<BotContext>, inFlight: InFlight, o: { db: Db; logger: Logger }): Promise<Receiver> {
  await bot.init();
  await bot.api.deleteWebhook();
  const inbox = new UpdateInbox(o.db);
  const source = new UpdateSource(bot.api, inbox, o.logger, { allowedUpdates: ALLOWED_UPDATES });
  const left = await source.recover();
  if (left > 0) o.logger.warn({ updates: left }, 'handling the updates an earlier run took and did not handle');
  // Updates given to the bot and not yet marked handled (a stop waits for them before clearing the inbox).
  const consuming = new Set<Promise<void>>();
  const sink = createConcurrentSink<Update>(
    {
      consume: (update) => {
        const handling = bot.handleUpdate(update).finally(() => {
          inbox.handled(update.update_id);
          consuming.delete(handling);
        });
        consuming.add(handling);
        return handling;
      },
    },
    async (error) => {
      await Promise.resolve(bot.errorHandler(error as Parameters<typeof bot.errorHandler>[0])).catch((e: unknown) => o.logger.error({ err: e }, 'error handler failed'));
    },
    // Enough to keep the database pool and Telegram busy; more only parks half-handled updates in
    // memory, where a burst (a reminder wave's answers) outlives young-generation collections
    // and swells the heap: 10,000 presses at once, RSS 10 s later 398 MB at 500, 313 MB at 64.
    { concurrency: 64 },
  );
  const handle: RunnerHandle = createRunner(createSource(source), sink);
  handle.start();
  return {
    status: source.status,
    stop: async () => {
      if (handle.isRunning()) await handle.stop();
      await inFlight.drain();
      await Promise.allSettled([...consuming]);
      await inbox.flush().catch((error: unknown) => o.logger.warn({ err: error }, 'could not clear handled updates from the inbox'));
      // Confirm what we handled, as bot.stop() does, so a restart does not get it again.
      if (inFlight.highestHandled > 0) {
        await bot.api.getUpdates({ offset: inFlight.highestHandled + 1, limit: 1, timeout: 0 }).catch(() => undefined);
      }
    },
  };
}

/**
 * Webhook mode: POST / takes updates (401 without Telegram's secret header),
 * GET /healthz reports whether the database answers, POST /backup as in local-server.ts.
 */
export async function startWebhook(
  bot: Bot<BotContext>,
  inFlight: InFlight,
  opts: { url: string; secret: string; port: number } & LocalRoutes,
): Promise<Receiver & { server: Server }> {
  await bot.init();
  const handleUpdate = webhookCallback(bot, 'http', { secretToken: opts.secret, onTimeout: 'return' });
  const server = createServer((req, res) => {
    if (serveLocal(req, res, opts)) return;
    if (req.method === 'POST') {
      void handleUpdate(req, res).catch(() => {
        if (!res.headersSent) res.writeHead(500).end();
      });
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(opts.port, resolve));
  await bot.api.setWebhook(opts.url, { secret_token: opts.secret, allowed_updates: [...ALLOWED_UPDATES] });
  return {
    server,
    stop: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await inFlight.drain();
    },
  };
}
