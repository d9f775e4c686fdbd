import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { run, type RunnerHandle } from '@grammyjs/runner';
import { type Bot, type MiddlewareFn, webhookCallback } from 'grammy';
import type { BotContext } from './context.js';

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

/** Serves some paths (the dashboard's) on the bot's port; false for the others. */
export type HttpHandler = (req: IncomingMessage, res: ServerResponse) => boolean;

/** Long polling has no webhook server: this one serves the extra paths on PORT (a taken port is reported, not fatal: the bot still works in chat). */
export async function startHttpServer(port: number, handler: HttpHandler, onError: (error: Error) => void): Promise<{ close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (!handler(req, res)) res.writeHead(404).end();
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', (error) => {
      onError(error);
      resolve(false);
    });
    server.listen(port, () => resolve(true));
  });
  return { close: () => (listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve()) };
}

export interface Receiver {
  stop(): Promise<void>;
}

/** Long polling through grammY's runner: concurrent across chats, in order within a chat. */
export async function startPolling(bot: Bot<BotContext>, inFlight: InFlight): Promise<Receiver> {
  await bot.init();
  await bot.api.deleteWebhook();
  const handle: RunnerHandle = run(bot, {
    runner: { fetch: { allowed_updates: [...ALLOWED_UPDATES] }, silent: true, retryInterval: 'exponential' },
    // Enough to keep the database pool and Telegram busy; more only parks half-handled updates in
    // memory, where a burst (a reminder wave's answers) outlives young-generation collections
    // and swells the heap: 10,000 presses at once, RSS 10 s later 398 MB at 500, 313 MB at 64.
    sink: { concurrency: 64 },
  });
  return {
    stop: async () => {
      if (handle.isRunning()) await handle.stop();
      await inFlight.drain();
      // Confirm what we handled, as bot.stop() does, so a restart does not get it again.
      if (inFlight.highestHandled > 0) {
        await bot.api.getUpdates({ offset: inFlight.highestHandled + 1, limit: 1, timeout: 0 }).catch(() => undefined);
      }
    },
  };
}

/**
 * Webhook mode: POST / takes updates (401 without Telegram's secret header),
 * GET /healthz reports whether the database answers.
 */
export async function startWebhook(
  bot: Bot<BotContext>,
  inFlight: InFlight,
  opts: { url: string; secret: string; port: number; healthy: () => Promise<boolean>; extra?: HttpHandler | undefined },
): Promise<Receiver & { server: Server }> {
  await bot.init();
  const handleUpdate = webhookCallback(bot, 'http', { secretToken: opts.secret, onTimeout: 'return' });
  const server = createServer((req, res) => {
    if (req.method === 'GET' && req.url === '/healthz') {
      void opts.healthy().then((ok) => {
        res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok, database: ok ? 'reachable' : 'unreachable' }));
      });
      return;
    }
    if (opts.extra?.(req, res)) return;
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
