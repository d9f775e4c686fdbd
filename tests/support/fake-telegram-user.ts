/** A simulated Telegram user talking to the bot in a private chat (chat id == user id). */
import type { BotCommand, Message, MessageEntity, Update, User } from 'grammy/types';
import { guessMime } from './fake-telegram-media.js';
import { untilQuiet, unreadIn } from './fake-telegram-quiet.js';
import { describeBotMessage, scopeKey, type ChatState, type FakeState } from './fake-telegram-state.js';
import type { BotMessage, CallbackAnswer, StoredFile, TranscriptEntry } from './fake-telegram-types.js';

export interface SimPhotoOptions {
  /** Same id again = the same picture forwarded again (same bytes unless `bytes` is given). */
  fileUniqueId?: string;
  /** Message date: a Date, or unix seconds (default: the fake's clock). */
  date?: Date | number;
  caption?: string;
  /** Image bytes (default: a tiny PNG unique to fileUniqueId). */
  bytes?: Buffer;
}

export interface SimDocumentOptions {
  filename?: string;
  mime?: string;
  bytes?: Buffer;
  caption?: string;
  fileUniqueId?: string;
  date?: Date | number;
}

export interface NextMessageOptions {
  /** Default 5000. */
  timeoutMs?: number;
}

const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=',
  'base64',
);
const COMMAND_RE = /^\/[A-Za-z0-9_]{1,32}(?:@[A-Za-z0-9_]+)?/;

export class SimUser {
  readonly id: number;

  constructor(
    private readonly s: FakeState,
    readonly user: User,
    private readonly chat: ChatState,
  ) {
    this.id = user.id;
  }

  get blocked(): boolean {
    return this.chat.blocked;
  }

  // ---- the user acts -----------------------------------------------------

  /** A text message; a leading `/command` gets a bot_command entity (so bot.command() matches). */
  sendText(text: string, opts: { date?: Date | number } = {}): Update {
    const cmd = COMMAND_RE.exec(text);
    const entities: MessageEntity[] | undefined = cmd ? [{ type: 'bot_command', offset: 0, length: cmd[0].length }] : undefined;
    this.act(text);
    return this.pushMessage({ text, ...(entities ? { entities } : {}) }, opts.date);
  }

  sendPhoto(opts: SimPhotoOptions = {}): Update {
    const uid = opts.fileUniqueId ?? this.s.nextId('AQADphoto');
    const bytes = opts.bytes ?? this.s.filesByUnique.get(uid)?.bytes ?? Buffer.concat([TINY_PNG, Buffer.from(`\n${uid}`)]);
    const large = this.s.addFile(bytes, 'photo.jpg', 'image/jpeg', 'photos', uid);
    const small = this.s.addFile(bytes, 'photo.jpg', 'image/jpeg', 'photos', `${uid}-s`);
    const size = (f: StoredFile, w: number, h: number) => ({
      file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.file_size, width: w, height: h,
    });
    this.act(`[photo]${opts.caption ? ` ${opts.caption}` : ''}`);
    const photo = [size(small, 90, 120), size(large, 960, 1280)];
    return this.pushMessage({ photo, ...(opts.caption ? { caption: opts.caption } : {}) }, opts.date);
  }

  sendDocument(opts: SimDocumentOptions = {}): Update {
    const filename = opts.filename ?? 'document.pdf';
    const bytes = opts.bytes ?? Buffer.from(`%PDF-1.4 fake ${filename}`);
    const mime = opts.mime ?? guessMime(filename);
    const f = this.s.addFile(bytes, filename, mime, 'documents', opts.fileUniqueId);
    const document = { file_id: f.file_id, file_unique_id: f.file_unique_id, file_size: f.file_size, file_name: filename, mime_type: mime };
    this.act(`[document ${filename}]${opts.caption ? ` ${opts.caption}` : ''}`);
    return this.pushMessage({ document, ...(opts.caption ? { caption: opts.caption } : {}) }, opts.date);
  }

  sendSticker(emoji = '👍'): Update {
    const f = this.s.addFile(Buffer.from(`sticker ${emoji}`), 'sticker.webp', 'image/webp', 'stickers');
    this.act(`[sticker ${emoji}]`);
    const sticker = { file_id: f.file_id, file_unique_id: f.file_unique_id, type: 'regular' as const, width: 512, height: 512, is_animated: false, is_video: false, emoji };
    return this.pushMessage({ sticker });
  }

  sendLocation(latitude: number, longitude: number): Update {
    this.act(`[location] ${latitude},${longitude}`);
    return this.pushMessage({ location: { latitude, longitude } });
  }

  /**
   * Presses the button labelled `label` on the most recent bot message (or `messageId`) that has
   * one: an inline button sends a callback_query, a reply-keyboard button sends its text.
   */
  pressButton(label: string | RegExp, opts: { messageId?: number } = {}): Update {
    const matches = (text: string): boolean =>
      typeof label === 'string' ? text === label || text.trim() === label.trim() : label.test(text);
    const candidates = this.candidates(opts.messageId);
    for (const rec of candidates) {
      const markup = rec.reply_markup;
      if (markup && 'inline_keyboard' in markup) {
        const button = markup.inline_keyboard.flat().find((b) => matches(b.text));
        if (!button) continue;
        if (!('callback_data' in button)) {
          throw new Error(`Button "${button.text}" on message #${rec.message_id} has no callback_data: ${JSON.stringify(button)}`);
        }
        return this.callback(rec, button.callback_data, button.text);
      }
      if (markup && 'keyboard' in markup) {
        const button = markup.keyboard.flat().map((b) => (typeof b === 'string' ? b : b.text)).find(matches);
        if (button !== undefined) return this.sendText(button);
      }
    }
    const available = candidates
      .filter((m) => m.buttons.length > 0)
      .slice(0, 5)
      .map((m) => `  #${m.message_id}: ${m.buttons.map((r) => r.map((b) => `[${b}]`).join(' ')).join(' / ')}`);
    throw new Error(
      `User ${this.id}: no button matching ${String(label)}${opts.messageId !== undefined ? ` on message #${opts.messageId}` : ''}.\n` +
        `Available buttons (newest first):\n${available.join('\n') || '  (none)'}\nTranscript:\n${this.transcriptText()}`,
    );
  }

  /** A raw callback_query with any data (e.g. a forged or stale button); message defaults to the latest. */
  pressCallbackData(data: string, messageId?: number): Update {
    const rec = messageId === undefined ? this.candidates(undefined)[0] : this.chat.byId.get(messageId);
    if (!rec) throw new Error(`User ${this.id}: no bot message ${messageId ?? ''} to attach the callback to`);
    return this.callback(rec, data, `data:${data}`);
  }

  /** The user blocks the bot: my_chat_member update, and sends now fail with 403 (until any user action or unblock()). */
  block(): Update {
    this.chat.blocked = true;
    this.log('[blocked the bot]');
    return this.memberUpdate('member', 'kicked');
  }

  unblock(): Update {
    this.chat.blocked = false;
    this.log('[unblocked the bot]');
    return this.memberUpdate('kicked', 'member');
  }

  // ---- the test reads ----------------------------------------------------

  /** The next bot message (new messages only; edits show in messages()) not yet consumed. */
  nextMessage(opts: NextMessageOptions = {}): Promise<BotMessage> {
    const chat = this.chat;
    const ready = chat.messages[chat.cursor];
    if (ready) {
      chat.cursor++;
      return Promise.resolve({ ...ready });
    }
    if (this.s.closed) return Promise.reject(new Error(`fake Telegram is closed (user ${this.id})`));
    const timeoutMs = opts.timeoutMs ?? 5000;
    return new Promise<BotMessage>((resolve, reject) => {
      const waiter = {
        resolve,
        reject,
        timer: setTimeout(() => {
          const i = chat.waiters.indexOf(waiter);
          if (i >= 0) chat.waiters.splice(i, 1);
          reject(new Error(this.timeoutMessage(timeoutMs)));
        }, timeoutMs),
      };
      chat.waiters.push(waiter);
    });
  }

  async nextMessages(n: number, opts: NextMessageOptions = {}): Promise<BotMessage[]> {
    const out: BotMessage[] = [];
    for (let i = 0; i < n; i++) out.push(await this.nextMessage(opts));
    return out;
  }

  /**
   * Waits until the bot and the fake are quiet (FakeTelegram.quiet: no update in flight, no call
   * being answered), then fails if a bot message arrived that the test has not read.
   * Prefer `h.expectNothingSentTo(user)`; the argument is ignored (it used to be a sleep).
   */
  async expectNoMessage(_ignoredMs?: number): Promise<void> {
    await untilQuiet(this.s);
    const next = unreadIn(this.s, this.id)[0];
    if (next) {
      throw new Error(`User ${this.id}: expected no bot message, got #${next.message_id}: ${describeBotMessage(next)}\nTranscript:\n${this.transcriptText()}`);
    }
  }

  /** Bot messages not yet read with nextMessage() (does not mark them read). */
  unread(): BotMessage[] {
    return unreadIn(this.s, this.id);
  }

  /** Marks every bot message so far as consumed; returns the ones that were not. */
  skipPending(): BotMessage[] {
    const rest = this.chat.messages.slice(this.chat.cursor).map((m) => ({ ...m }));
    this.chat.cursor = this.chat.messages.length;
    return rest;
  }

  /** All bot messages to this chat, current state (deleted ones only with includeDeleted). */
  messages(opts: { includeDeleted?: boolean } = {}): BotMessage[] {
    return this.chat.messages.filter((m) => opts.includeDeleted || !m.deleted).map((m) => ({ ...m }));
  }

  lastMessage(): BotMessage | undefined {
    const m = this.candidates(undefined)[0];
    return m && { ...m };
  }

  transcript(): TranscriptEntry[] {
    return this.chat.transcript.map((e) => ({ ...e }));
  }

  transcriptText(): string {
    return this.chat.transcript
      .map((e) => `${e.from}: ${e.text}${e.buttons ? `\n     ${e.buttons.map((r) => r.map((b) => `[${b}]`).join(' ')).join('\n     ')}` : ''}`)
      .join('\n');
  }

  callbackAnswers(): CallbackAnswer[] {
    return this.chat.callbackAnswers.map((a) => ({ ...a }));
  }

  /** Latest setMyCommands for scope { type: 'chat', chat_id: id } (and language_code). */
  commands(languageCode?: string): BotCommand[] | undefined {
    return this.s.commands.get(scopeKey({ type: 'chat', chat_id: this.id }, languageCode));
  }

  // ---- internals ---------------------------------------------------------

  private candidates(messageId: number | undefined): BotMessage[] {
    if (messageId !== undefined) {
      const m = this.chat.byId.get(messageId);
      return m && !m.deleted ? [m] : [];
    }
    const out: BotMessage[] = [];
    for (let i = this.chat.messages.length - 1; i >= 0; i--) {
      const m = this.chat.messages[i];
      if (m && !m.deleted) out.push(m);
    }
    return out;
  }

  private callback(rec: BotMessage, data: string, label: string): Update {
    const id = this.s.nextId(`${this.id}-cbq-`);
    this.s.callbackQueries.set(id, { chatId: this.chat.id, data, messageId: rec.message_id, answered: false });
    this.act(`[button] ${label}`);
    return this.s.pushUpdate({
      callback_query: { id, from: this.user, message: rec.raw, chat_instance: `ci${this.chat.id}`, data },
    });
  }

  private pushMessage(content: Record<string, unknown>, date?: Date | number): Update {
    const message_id = this.chat.nextMessageId++;
    this.chat.userMessageIds.add(message_id);
    const when = date === undefined ? this.s.nowSeconds() : date instanceof Date ? Math.floor(date.getTime() / 1000) : date;
    const message = { message_id, from: this.user, chat: this.chat.chat, date: when, ...content } as unknown as Message;
    return this.s.pushUpdate({ message } as Omit<Update, 'update_id'>);
  }

  private memberUpdate(from: 'member' | 'kicked', to: 'member' | 'kicked'): Update {
    const bot = { id: this.s.botUser.id, is_bot: true, first_name: this.s.botUser.first_name, username: this.s.botUser.username };
    const member = (status: 'member' | 'kicked') =>
      status === 'kicked' ? { status, user: bot, until_date: 0 } as const : { status, user: bot } as const;
    return this.s.pushUpdate({
      my_chat_member: {
        chat: this.chat.chat, from: this.user, date: this.s.nowSeconds(),
        old_chat_member: member(from), new_chat_member: member(to),
      },
    });
  }

  /** A user action; a user who blocked the bot unblocks it first (as the Telegram app does). */
  private act(text: string): void {
    if (this.chat.blocked) this.unblock();
    this.log(text);
  }

  private log(text: string): void {
    this.chat.transcript.push({ from: 'user', text });
  }

  private timeoutMessage(timeoutMs: number): string {
    const errors = this.chat.errors.map((c) => `  ${c.method}: ${c.error?.code} ${c.error?.description}`).join('\n');
    const pending = this.s.pendingUpdateCount;
    return (
      `User ${this.id}: no new bot message within ${timeoutMs} ms ` +
      `(${this.chat.messages.length} received, all consumed; ${pending} update(s) not yet confirmed by the bot).\n` +
      `Transcript:\n${this.transcriptText() || '  (empty)'}` +
      (errors ? `\nFailed API calls for this chat:\n${errors}` : '')
    );
  }
}
