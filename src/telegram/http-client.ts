import type { Readable } from 'node:stream';
import { Agent, request } from 'undici';

/**
 * The HTTP client for every call to the Bot API, given to grammY as its `fetch` option (client
 * options reach every Api: bot.api, the conversations' own, the outbox's notifier).
 *
 * grammY's default on Node is node-fetch over http.Agent; undici's `request` does the same work
 * at about half the CPU per call (measured: 150 → 80 µs for a sendMessage on loopback), and the
 * Bot API client is the bot's biggest single cost per update. grammY reads only `json()` of the
 * response; a 4xx/5xx carries Telegram's JSON error, which grammY turns into its own errors.
 */
const agent = new Agent({ keepAliveTimeout: 30_000 });

interface FetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Readable;
  signal?: AbortSignal;
}

/**
 * Parsed URLs of the Bot API methods: grammY asks for the same few (`…/bot<token>/sendMessage`)
 * on every call, and parsing one each time was a visible share of the bot's CPU per update.
 * undici only reads them. File downloads have URLs of their own, so only so many are kept.
 */
const urls = new Map<string, URL>();
const MAX_URLS = 64;

function parsed(url: string | URL): URL {
  if (url instanceof URL) return url;
  let u = urls.get(url);
  if (!u) {
    u = new URL(url);
    if (urls.size < MAX_URLS) urls.set(url, u);
  }
  return u;
}

/** Header names undici manages itself and refuses from the caller. */
const MANAGED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'upgrade']);

export const telegramFetch = (async (url: string | URL, init: FetchInit = {}) => {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(init.headers ?? {})) if (!MANAGED.has(name.toLowerCase())) headers[name] = value;
  const res = await request(parsed(url), {
    method: (init.method ?? 'GET') as 'GET' | 'POST',
    headers,
    body: init.body ?? null,
    signal: init.signal ?? null,
    dispatcher: agent,
  });
  return {
    ok: res.statusCode >= 200 && res.statusCode < 300,
    status: res.statusCode,
    json: () => res.body.json(),
  };
}) as unknown as typeof fetch;
