import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Logger } from '../core/logger.js';
import type { PollStatus } from './update-source.js';

/** What the bot's own HTTP port answers besides Telegram's webhook. */
export interface LocalRoutes {
  /** Whether the database answers. */
  healthy: () => Promise<boolean>;
  /** Long polling: whether updates are coming. */
  status?: PollStatus | undefined;
  /** Takes a snapshot of the embedded database; absent on a Postgres server (use pg_dump). */
  backup?: (() => Promise<string>) | undefined;
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * GET /healthz: 200 when the database answers and updates come, else 503 saying why.
 * POST /backup (from this machine only): `npm run backup` asks the running bot, the one process
 * allowed to open the data folder, for a snapshot. Returns false for any other request.
 */
export function serveLocal(req: IncomingMessage, res: ServerResponse, routes: LocalRoutes): boolean {
  if (req.method === 'GET' && req.url === '/healthz') {
    void routes.healthy().then((database) => {
      const polling = routes.status?.state;
      const ok = database && (polling === undefined || polling === 'polling');
      json(res, ok ? 200 : 503, { ok, database: database ? 'reachable' : 'unreachable', ...(polling ? { polling, since: routes.status?.since } : {}) });
    });
    return true;
  }
  if (req.method === 'POST' && req.url === '/backup') {
    if (!LOOPBACK.has(req.socket.remoteAddress ?? '')) json(res, 403, { error: 'only from this machine' });
    else if (!routes.backup) json(res, 404, { error: 'this bot uses a PostgreSQL server: back it up with pg_dump (npm run backup does)' });
    else {
      routes.backup().then(
        (file) => json(res, 200, { file, pid: process.pid }),
        (error: unknown) => json(res, 500, { error: error instanceof Error ? error.message : String(error) }),
      );
    }
    return true;
  }
  return false;
}

/** Long polling has no webhook server: this one serves {@link serveLocal} on 127.0.0.1:PORT. */
export async function startLocalServer(port: number, routes: LocalRoutes, logger: Logger): Promise<{ close(): Promise<void> }> {
  const server = createServer((req, res) => {
    if (!serveLocal(req, res, routes)) res.writeHead(404).end();
  });
  const listening = await new Promise<boolean>((resolve) => {
    server.once('error', (error) => {
      logger.warn({ port, reason: error.message }, 'the local port is taken: /healthz and npm run backup are not served by this process');
      resolve(false);
    });
    server.listen(port, '127.0.0.1', () => resolve(true));
  });
  return { close: () => (listening ? new Promise<void>((resolve) => server.close(() => resolve())) : Promise.resolve()) };
}
