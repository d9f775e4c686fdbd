/** In-memory state of the fake Telegram Bot API: chats, messages, files, the update queue. */
import type { BotCommand, Chat, Update, User, UserFromGetMe } from 'grammy/types';
import { ApiError, badRequest, int } from './fake-telegram-http.js';
import type {
  BotMessage,
  CallRecord,
  CallbackAnswer,
  FakeStartOptions,
  Params,
  StoredFile,
  TranscriptEntry,
  WebhookState,
} from './fake-telegram-types.js';

export interface MessageWaiter {
  resolve: (m: BotMessage) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout;
}

export interface ChatState {
  id: number;
  chat: Chat;
  user?: User;
  /** Created by fake.user()/registerChat (matters with strictChats). */
  registered: boolean;
  blocked: boolean;
  nextMessageId: number;
  /** Bot messages in send order (deleted ones stay, flagged). */
  messages: BotMessage[];
  byId: Map<number, BotMessage>;
  userMessageIds: Set<number>;
  /** Read cursor of nextMessage(). */
  cursor: number;
  waiters: MessageWaiter[];
  transcript: TranscriptEntry[];
  callbackAnswers: CallbackAnswer[];
  /** Recent failed API calls for this chat (for timeout messages). */
  errors: CallRecord[];
}

export interface CallbackQueryState {
  chatId: number;
  data?: string;
  messageId?: number;
  answered: boolean;
}

interface PollWaiter {
  limit: number;
  resolve: (updates: Update[]) => void;
  reject: (e: ApiError) => void;
  timer: NodeJS.Timeout;
}

/** Update types Telegram delivers when allowed_updates is empty/unspecified. */
const NOT_BY_DEFAULT = new Set(['chat_member', 'message_reaction', 'message_reaction_count']);
const COMPACT_AT = 4096;

export class FakeState {
  readonly token: string;
  readonly botUser: UserFromGetMe;
  readonly now: () => number;
  /** The flood-control clock (`rateNow`): when each call arrived, on the sender's pacing time. */
  readonly rateNow: () => number;
  readonly strictChats: boolean;
  closed = false;

  readonly chats = new Map<number, ChatState>();
  readonly files = new Map<string, StoredFile>();
  readonly filesByPath = new Map<string, StoredFile>();
  readonly filesByUnique = new Map<string, StoredFile>();
  readonly callbackQueries = new Map<string, CallbackQueryState>();
  readonly commands = new Map<string, BotCommand[]>();
  readonly menuButtons = new Map<string, unknown>();
  readonly calls: CallRecord[] = [];
  readonly callCounts = new Map<string, number>();
  webhook: WebhookState | undefined;
  sent = 0;
  /** API calls being answered right now; getUpdates is left out (a long poll is always open). */
  requestsInProgress = 0;
  /** App-side waits that quiet() runs (the harness adds "no update is being handled"). */
  readonly settlers = new Set<() => Promise<void>>();

  private updates: Update[] = [];
  private head = 0;
  private nextUpdateId = 1;
  private allowed: Set<string> | undefined;
  private poll: PollWaiter | undefined;
  private flushScheduled = false;
  private seq = 0;
  private readonly watchers = new Set<() => void>();

  constructor(opts: FakeStartOptions) {
    this.token = opts.token ?? '123456:TEST-token';
    this.now = opts.now ?? Date.now;
    this.rateNow = opts.rateNow ?? (() => performance.now());
    this.strictChats = opts.strictChats ?? false;
    const tokenId = Number(this.token.split(':')[0]);
    this.botUser = {
      id: opts.botId ?? (Number.isSafeInteger(tokenId) && tokenId > 0 ? tokenId : 123456),
      is_bot: true,
      first_name: opts.botName ?? 'Khối Phố Bot',
      username: opts.botUsername ?? 'khoipho_test_bot',
      can_join_groups: true,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
      can_manage_bots: false,
      supports_join_request_queries: false,
    };
  }

  nowSeconds(): number {
    return Math.floor(this.now() / 1000);
  }

  nextId(prefix: string): string {
    return `${prefix}${++this.seq}`;
  }

  // ---- chats -------------------------------------------------------------

  registerChat(id: number, chat: Chat, user?: User): ChatState {
    const existing = this.chats.get(id);
    if (existing) {
      existing.chat = chat;
      if (user) existing.user = user;
      existing.registered = true;
      return existing;
    }
    const state: ChatState = {
      id, chat, user, registered: true, blocked: false, nextMessageId: 1, messages: [], byId: new Map(),
      userMessageIds: new Set(), cursor: 0, waiters: [], transcript: [], callbackAnswers: [], errors: [],
    };
    this.chats.set(id, state);
    return state;
  }

  /** The chat a bot call targets (chat_id param); enforces "chat not found" and "blocked". */
  targetChat(params: Params, key = 'chat_id'): ChatState {
    const raw = params[key];
    if (raw === undefined || raw === null || raw === '') throw badRequest(`${key} is empty`);
    const id = int(raw);
    let chat = id === undefined ? undefined : this.chats.get(id);
    if (!chat) {
      if (id === undefined || this.strictChats) throw badRequest('chat not found');
      const c: Chat =
        id > 0
          ? { id, type: 'private', first_name: `User ${id}` }
          : { id, type: String(id).startsWith('-100') ? 'supergroup' : 'group', title: `Chat ${id}` };
      chat = this.registerChat(id, c);
      chat.registered = false;
    }
    if (chat.blocked) throw new ApiError(403, 'Forbidden: bot was blocked by the user');
    return chat;
  }

  // ---- files -------------------------------------------------------------

  addFile(bytes: Buffer, filename: string, mime: string, folder: string, uniqueId?: string): StoredFile {
    const n = ++this.seq;
    const ext = /\.([A-Za-z0-9]{1,8})$/.exec(filename)?.[1] ?? 'dat';
    const file: StoredFile = {
      file_id: `F${n}-${folder}-${Math.random().toString(36).slice(2, 10)}`,
      file_unique_id: uniqueId ?? `U${n}`,
      file_path: `${folder}/file_${n}.${ext}`,
      file_size: bytes.length,
      bytes,
      filename,
      mime,
    };
    this.files.set(file.file_id, file);
    this.filesByPath.set(file.file_path, file);
    if (!this.filesByUnique.has(file.file_unique_id)) this.filesByUnique.set(file.file_unique_id, file);
    return file;
  }

  // ---- update queue & long polling --------------------------------------

  pushUpdate(partial: Omit<Update, 'update_id'>): Update {
    const update = { ...partial, update_id: this.nextUpdateId++ };
    const type = Object.keys(partial)[0] ?? '';
    const allowed = this.allowed ? this.allowed.has(type) : !NOT_BY_DEFAULT.has(type);
    if (allowed && !this.closed) {
      this.updates.push(update);
      if (this.poll && !this.flushScheduled) {
        this.flushScheduled = true;
        queueMicrotask(() => this.flush());
      }
    }
    this.notify();
    return update;
  }

  get pendingUpdateCount(): number {
    return this.updates.length - this.head;
  }

  /** A getUpdates call is waiting for updates (long poll). */
  get pollWaiting(): boolean {
    return this.poll !== undefined;
  }

  dropPendingUpdates(): void {
    this.updates = [];
    this.head = 0;
  }

  /** getUpdates: confirms ids < offset, answers at once if something is queued, else long-polls. */
  getUpdates(
    params: Params,
    onCancel: (cancel: () => void) => void,
  ): Update[] | Promise<Update[]> {
    if (this.webhook) {
      throw new ApiError(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first");
    }
    const offset = int(params.offset) ?? 0;
    const limit = Math.min(100, Math.max(1, int(params.limit) ?? 100));
    const timeout = Math.max(0, int(params.timeout) ?? 0);
    if (Array.isArray(params.allowed_updates)) {
      const list = params.allowed_updates.filter((u): u is string => typeof u === 'string');
      this.allowed = list.length > 0 ? new Set(list) : undefined;
    }
    const before = this.pendingUpdateCount;
    this.confirm(offset);
    if (this.pendingUpdateCount !== before) this.notify(); // quiet() waits for confirmations
    const ready = this.take(limit);
    if (ready.length > 0 || timeout === 0 || this.closed) return ready;
    if (this.poll) {
      const old = this.poll;
      this.poll = undefined;
      clearTimeout(old.timer);
      old.reject(new ApiError(409, 'Conflict: terminated by other getUpdates request; make sure that only one bot instance is running'));
    }
    return new Promise<Update[]>((resolve, reject) => {
      const waiter: PollWaiter = {
        limit,
        resolve,
        reject,
        timer: setTimeout(() => this.finishPoll(waiter, []), timeout * 1000),
      };
      this.poll = waiter;
      this.notify(); // waitFor(() => fake.pollWaiting)
      onCancel(() => {
        if (this.poll === waiter) {
          clearTimeout(waiter.timer);
          this.poll = undefined;
        }
      });
    });
  }

  /** Answers a pending long poll with an empty result (used by close()). */
  endPolls(): void {
    if (this.poll) this.finishPoll(this.poll, []);
  }

  private finishPoll(waiter: PollWaiter, updates: Update[]): void {
    clearTimeout(waiter.timer);
    if (this.poll === waiter) this.poll = undefined;
    waiter.resolve(updates);
  }

  private flush(): void {
    this.flushScheduled = false;
    const waiter = this.poll;
    if (!waiter) return;
    const ready = this.take(waiter.limit);
    if (ready.length > 0) this.finishPoll(waiter, ready);
  }

  private confirm(offset: number): void {
    if (offset > 0) {
      while (this.head < this.updates.length && (this.updates[this.head]?.update_id ?? 0) < offset) this.head++;
    } else if (offset < 0) {
      this.head = Math.max(this.head, this.updates.length + offset);
    }
    if (this.head >= COMPACT_AT && this.head * 2 >= this.updates.length) {
      this.updates = this.updates.slice(this.head);
      this.head = 0;
    }
  }

  private take(limit: number): Update[] {
    return this.updates.slice(this.head, this.head + limit);
  }

  // ---- bot messages ------------------------------------------------------

  /** Records a delivered bot message and wakes a nextMessage() waiter. */
  deliver(chat: ChatState, msg: BotMessage): void {
    chat.messages.push(msg);
    for (const id of msg.message_ids) chat.byId.set(id, msg);
    this.sent += msg.message_ids.length;
    chat.transcript.push({ from: 'bot', text: describeBotMessage(msg), message_id: msg.message_id, ...(msg.buttons.length ? { buttons: msg.buttons } : {}) });
    const waiter = chat.waiters.shift();
    if (waiter) {
      clearTimeout(waiter.timer);
      const next = chat.messages[chat.cursor++];
      if (next) waiter.resolve({ ...next });
    }
  }

  // ---- watchers (waitFor) ------------------------------------------------

  watch(fn: () => void): () => void {
    this.watchers.add(fn);
    return () => this.watchers.delete(fn);
  }

  notify(): void {
    if (this.watchers.size === 0) return;
    for (const fn of [...this.watchers]) fn();
  }

  recordCall(method: string, params: Params): CallRecord {
    this.callCounts.set(method, (this.callCounts.get(method) ?? 0) + 1);
    const record: CallRecord = { method, params, at: this.now(), arrivedAt: this.rateNow() };
    this.calls.push(record);
    return record;
  }

  /** Rejects all nextMessage() waiters (on close). */
  rejectWaiters(reason: string): void {
    for (const chat of this.chats.values()) {
      for (const w of chat.waiters.splice(0)) {
        clearTimeout(w.timer);
        w.reject(new Error(reason));
      }
    }
  }
}

export function describeBotMessage(msg: BotMessage): string {
  const caption = msg.caption ? ` ${msg.caption}` : '';
  switch (msg.kind) {
    case 'text':
      return msg.text;
    case 'photo':
      return `[photo]${caption}`;
    case 'document':
      return `[document ${msg.file?.filename ?? ''}]${caption}`;
    case 'media_group':
      return `[album ${msg.media?.length ?? 0}]${caption}`;
  }
}

export function scopeKey(scope: unknown, languageCode: unknown): string {
  const s = (scope ?? {}) as Record<string, unknown>;
  const type = typeof s.type === 'string' ? s.type : 'default';
  const chat = s.chat_id !== undefined ? `:${String(s.chat_id)}` : '';
  const user = s.user_id !== undefined ? `:${String(s.user_id)}` : '';
  return `${type}${chat}${user}|${typeof languageCode === 'string' ? languageCode : ''}`;
}
