/**
 * A fake Telegram Bot API server (node:http on 127.0.0.1) for driving a real grammY Bot:
 *
 *   const fake = await FakeTelegram.start();
 *   const bot = new Bot(fake.token, { client: { apiRoot: fake.apiRoot } });
 *   void bot.start();
 *   const an = fake.user(42, { firstName: 'An' });
 *   an.sendText('/start');
 *   expect((await an.nextMessage()).text).toContain('Xin chào');
 *   await bot.stop(); await fake.close();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BotCommand, Chat, Update, User, UserFromGetMe } from 'grammy/types';
import { Faults, type HangOptions } from './fake-telegram-faults.js';
import { ApiError, describeParams, int, parseBody } from './fake-telegram-http.js';
import { handlers, methodNames } from './fake-telegram-methods.js';
import { untilQuiet, unreadIn } from './fake-telegram-quiet.js';
import { describeBotMessage, FakeState, scopeKey } from './fake-telegram-state.js';
import { SimUser } from './fake-telegram-user.js';
import type {
  CallRecord,
  FakeStartOptions,
  FakeStats,
  FaultOptions,
  Params,
  RateLimitOptions,
  StoredFile,
  UserOptions,
  WebhookState,
} from './fake-telegram-types.js';

export type * from './fake-telegram-types.js';
export { SimUser } from './fake-telegram-user.js';
export type { NextMessageOptions, SimDocumentOptions, SimPhotoOptions } from './fake-telegram-user.js';

const MAX_CHAT_ERRORS = 10;

export class FakeTelegram {
  readonly token: string;
  /** Pass as `new Bot(token, { client: { apiRoot } })`. */
  readonly apiRoot: string;
  private readonly users = new Map<number, SimUser>();
  private closing: Promise<void> | undefined;

  private constructor(
    private readonly server: Server,
    private readonly s: FakeState,
    private readonly faults: Faults,
  ) {
    this.token = s.token;
    const { port } = server.address() as AddressInfo;
    this.apiRoot = `http://127.0.0.1:${port}`;
  }

  static async start(opts: FakeStartOptions = {}): Promise<FakeTelegram> {
    const state = new FakeState(opts);
    const faults = new Faults(opts.rateNow);
    let fake: FakeTelegram | undefined;
    const server = createServer((req, res) => fake?.onRequest(req, res));
    server.keepAliveTimeout = 60_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    fake = new FakeTelegram(server, state, faults);
    return fake;
  }

  get botInfo(): UserFromGetMe {
    return this.s.botUser;
  }

  // ---- simulated users & raw updates -------------------------------------

  /** The simulated user `id` (same object on every call); registers its private chat. */
  user(id: number, opts: UserOptions = {}): SimUser {
    const existing = this.users.get(id);
    if (existing && Object.keys(opts).length === 0) return existing;
    const first_name = opts.firstName ?? existing?.user.first_name ?? `Người dùng ${id}`;
    const user: User = { id, is_bot: false, first_name, language_code: opts.languageCode ?? existing?.user.language_code ?? 'vi' };
    const chat: Chat.PrivateChat = { id, type: 'private', first_name };
    const lastName = opts.lastName ?? existing?.user.last_name;
    const username = opts.username ?? existing?.user.username;
    if (lastName !== undefined) user.last_name = chat.last_name = lastName;
    if (username !== undefined) user.username = chat.username = username;
    const sim = new SimUser(this.s, user, this.s.registerChat(id, chat, user));
    this.users.set(id, sim);
    return sim;
  }

  /** Makes a group/supergroup/channel known (matters with strictChats). */
  registerChat(chat: Chat): void {
    this.s.registerChat(chat.id, chat);
  }

  /** Enqueues a raw update (update_id assigned). */
  pushUpdate(partial: Omit<Update, 'update_id'>): Update {
    return this.s.pushUpdate(partial);
  }

  /** Every callback query so far can no longer be answered ("query is too old"), as after ~15 minutes at Telegram. */
  expireCallbackQueries(): void {
    for (const query of this.s.callbackQueries.values()) query.answered = true;
  }

  /** Updates queued and not yet confirmed by the bot (via getUpdates offset). */
  get pendingUpdates(): number {
    return this.s.pendingUpdateCount;
  }

  // ---- faults ------------------------------------------------------------

  /** The next `n` calls matching (method, chatId) fail with `code`. Without `method`, getUpdates is never matched. */
  failNext(n: number, spec: FaultOptions): void {
    this.faults.failNext(n, spec);
  }

  /** The next `n` calls matching (method, chatId) never get an answer (delivered first unless `deliver: false`). */
  hang(n: number, spec: HangOptions = {}): void {
    this.faults.hang(n, spec);
  }

  /** Adds `ms` latency to calls of `method` (all but getUpdates when omitted). `slow(0)` clears. */
  slow(ms: number, opts: { method?: string } = {}): void {
    this.faults.slow(ms, opts.method);
  }

  /** Telegram-like flood control on send methods; `rateLimit()` turns it off. */
  rateLimit(opts?: RateLimitOptions): void {
    this.faults.rateLimit(opts);
  }

  // ---- inspection --------------------------------------------------------

  stats(): FakeStats {
    return { calls: Object.fromEntries(this.s.callCounts), violations: this.faults.violations, sent: this.s.sent };
  }

  /** Every API call in order (params decoded; uploads shown as { upload, size }). */
  get calls(): readonly CallRecord[] {
    return this.s.calls;
  }

  callsOf(method: string): CallRecord[] {
    return this.s.calls.filter((c) => c.method === method);
  }

  /** Forgets recorded calls and counters (not chats/messages). */
  resetCalls(): void {
    this.s.calls.length = 0;
    this.s.callCounts.clear();
    this.s.sent = 0;
    this.faults.violations = 0;
  }

  /** file_id → file (bytes included). */
  get files(): ReadonlyMap<string, StoredFile> {
    return this.s.files;
  }

  file(fileIdOrPath: string): StoredFile | undefined {
    return this.s.files.get(fileIdOrPath) ?? this.s.filesByPath.get(fileIdOrPath);
  }

  /** setMyCommands with no scope / scope default. */
  defaultCommands(languageCode?: string): BotCommand[] | undefined {
    return this.s.commands.get(scopeKey(undefined, languageCode));
  }

  commandsFor(scope: Record<string, unknown>, languageCode?: string): BotCommand[] | undefined {
    return this.s.commands.get(scopeKey(scope, languageCode));
  }

  get webhook(): WebhookState | undefined {
    return this.s.webhook;
  }

  /**
   * Resolves with the first truthy predicate() value; re-checked when an API call arrives, when it
   * is answered, and after every update (no polling).
   */
  waitFor<T>(predicate: () => T | false | null | undefined | 0 | '', timeoutMs = 5000): Promise<T> {
    const first = predicate();
    if (first) return Promise.resolve(first);
    return new Promise<T>((resolve, reject) => {
      const done = (): void => {
        unwatch();
        clearTimeout(timer);
      };
      const unwatch = this.s.watch(() => {
        try {
          const v = predicate();
          if (v) {
            done();
            resolve(v);
          }
        } catch (e) {
          done();
          reject(e instanceof Error ? e : new Error(String(e)));
        }
      });
      const timer = setTimeout(() => {
        unwatch();
        reject(new Error(`fake.waitFor: condition not met within ${timeoutMs} ms`));
      }, timeoutMs);
    });
  }

  /** A getUpdates call is waiting for updates (long poll). */
  get pollWaiting(): boolean {
    return this.s.pollWaiting;
  }

  /** Adds an app-side wait to quiet() (the harness adds "no update being handled"); returns its remover. */
  addSettler(settle: () => Promise<void>): () => void {
    this.s.settlers.add(settle);
    return () => this.s.settlers.delete(settle);
  }

  /**
   * Resolves once nothing is moving: every queued update taken and confirmed by the bot, no API
   * call being answered, every settler resolved (see fake-telegram-quiet.ts). Use it instead of a sleep.
   */
  quiet(timeoutMs?: number): Promise<void> {
    return untilQuiet(this.s, timeoutMs);
  }

  /** After quiet(): fails if one of these chats has a bot message the test has not read (nextMessage). */
  async expectNothingSentTo(...chats: Array<number | SimUser>): Promise<void> {
    await this.quiet();
    for (const chat of chats) {
      const id = typeof chat === 'number' ? chat : chat.id;
      const unread = unreadIn(this.s, id);
      if (unread.length === 0) continue;
      const got = unread.map((m) => `  #${m.message_id}: ${describeBotMessage(m)}`).join('\n');
      const transcript = this.users.get(id)?.transcriptText();
      throw new Error(`Chat ${id}: expected nothing sent, got:\n${got}${transcript ? `\nTranscript:\n${transcript}` : ''}`);
    }
  }

  /** Answers pending long polls with [], rejects nextMessage waiters, closes the server. Idempotent. */
  close(): Promise<void> {
    this.closing ??= new Promise<void>((resolve) => {
      this.s.closed = true;
      this.s.endPolls();
      this.s.rejectWaiters('fake Telegram was closed');
      this.faults.cancelDelays();
      const fallback = setTimeout(() => this.server.closeAllConnections(), 200);
      this.server.close(() => {
        clearTimeout(fallback);
        resolve();
      });
      this.server.closeIdleConnections();
    });
    return this.closing;
  }

  // ---- HTTP --------------------------------------------------------------

  private onRequest(req: IncomingMessage, res: ServerResponse): void {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = chunks.length === 1 && chunks[0] ? chunks[0] : Buffer.concat(chunks);
      this.handle(req, res, body).catch((e: unknown) => this.fail(res, new ApiError(500, `Internal Server Error: ${String(e)}`)));
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse, body: Buffer): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    if (path.startsWith('/file/bot')) return this.serveFile(path, res);
    const m = /^\/bot([^/]+)\/([A-Za-z]+)$/.exec(path);
    if (!m) return this.fail(res, new ApiError(404, 'Not Found'));
    if (decodeURIComponent(m[1] ?? '') !== this.token) return this.fail(res, new ApiError(401, 'Unauthorized'));
    const method = methodNames.get((m[2] ?? '').toLowerCase());
    if (!method) return this.fail(res, new ApiError(404, 'Not Found'));
    let params: Params;
    let record: CallRecord | undefined;
    const counted = method !== 'getUpdates';
    if (counted) this.s.requestsInProgress++;
    try {
      const parsed = parseBody(req.headers['content-type'], body, q < 0 ? '' : url.slice(q + 1));
      params = parsed.params;
      record = this.s.recordCall(method, describeParams(params, parsed.uploads));
      this.s.notify(); // a new call means the bot finished something (e.g. a handler before getUpdates)
      const chatId = int(params.chat_id);
      const latency = this.faults.latencyFor(method);
      if (latency > 0) await this.faults.delay(latency);
      const fault = this.faults.takeFailure(method, chatId) ?? this.faults.checkRate(method, chatId);
      if (fault) throw fault;
      const hang = this.faults.takeHang(method, chatId);
      if (hang) {
        if (hang.deliver) handlers[method]?.(this.s, params, parsed.uploads);
        return await this.faults.holdUntilClosed(res);
      }
      const result =
        method === 'getUpdates'
          ? await this.s.getUpdates(params, (cancel) => res.once('close', cancel))
          : handlers[method]?.(this.s, params, parsed.uploads);
      this.send(res, 200, `{"ok":true,"result":${JSON.stringify(result)}}`);
    } catch (e) {
      const err = e instanceof ApiError ? e : new ApiError(500, `Internal Server Error: ${String(e)}`);
      if (record) {
        record.error = { code: err.code, description: err.description };
        const chat = this.s.chats.get(int(record.params.chat_id) ?? NaN);
        if (chat) {
          chat.errors.push(record);
          if (chat.errors.length > MAX_CHAT_ERRORS) chat.errors.shift();
        }
      }
      this.fail(res, err);
    } finally {
      if (counted) this.s.requestsInProgress--;
      this.s.notify();
    }
  }

  private serveFile(path: string, res: ServerResponse): void {
    const rest = path.slice('/file/bot'.length);
    const slash = rest.indexOf('/');
    if (slash < 0 || decodeURIComponent(rest.slice(0, slash)) !== this.token) {
      return this.fail(res, new ApiError(401, 'Unauthorized'));
    }
    const file = this.s.filesByPath.get(decodeURIComponent(rest.slice(slash + 1)));
    if (!file) return this.fail(res, new ApiError(404, 'Not Found'));
    if (res.destroyed) return;
    res.writeHead(200, { 'content-type': file.mime, 'content-length': file.bytes.length });
    res.end(file.bytes);
  }

  private fail(res: ServerResponse, err: ApiError): void {
    const body: Record<string, unknown> = { ok: false, error_code: err.code, description: err.description };
    if (err.retryAfter !== undefined) body.parameters = { retry_after: err.retryAfter };
    this.send(res, err.code, JSON.stringify(body));
  }

  private send(res: ServerResponse, status: number, body: string): void {
    if (res.destroyed || res.headersSent) return;
    const headers: Record<string, string | number> = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
    };
    if (this.s.closed) headers.connection = 'close';
    res.writeHead(status, headers);
    res.end(body);
  }
}
