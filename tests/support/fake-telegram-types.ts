/** Shared types of the fake Telegram Bot API (see fake-telegram.ts). */
import type {
  BotCommand,
  ForceReply,
  InlineKeyboardMarkup,
  Message,
  ReplyKeyboardMarkup,
  ReplyKeyboardRemove,
} from 'grammy/types';

/** Decoded request parameters (JSON body, urlencoded or multipart fields). */
export type Params = Record<string, unknown>;

export type ReplyMarkup = InlineKeyboardMarkup | ReplyKeyboardMarkup | ReplyKeyboardRemove | ForceReply;

/** A file part of a multipart request. */
export interface UploadedPart {
  bytes: Buffer;
  filename: string;
  mime: string;
}

/** A file known to the fake (uploaded by the bot or "sent" by a simulated user). */
export interface StoredFile {
  file_id: string;
  file_unique_id: string;
  file_path: string;
  file_size: number;
  bytes: Buffer;
  filename: string;
  mime: string;
  width?: number;
  height?: number;
  /** Set when the bot passed an http(s) URL instead of bytes (the fake does not download it). */
  url?: string;
}

export type BotMessageKind = 'text' | 'photo' | 'document' | 'media_group';

export interface MediaItem {
  type: string;
  message_id: number;
  /** Plain caption (HTML tags stripped, entities decoded). */
  caption?: string;
  html?: string;
  file: StoredFile;
}

/** A message the bot sent, in its current state (after edits). */
export interface BotMessage {
  message_id: number;
  /** All ids of the message (several for a media group). */
  message_ids: number[];
  chat_id: number;
  /** Unix seconds. */
  date: number;
  kind: BotMessageKind;
  /** Plain text: the message text, or the caption for media ('' when none). */
  text: string;
  /** Raw text/caption as sent, when parse_mode was HTML. */
  html?: string;
  /** Plain caption (media messages only). */
  caption?: string;
  parse_mode?: string;
  /** Button labels by row: inline keyboard or reply keyboard. */
  buttons: string[][];
  /** Parallel to `buttons`: callback_data, or '' for buttons without one. */
  callbackData: string[][];
  /** The reply_markup as the bot sent it (current state). */
  reply_markup?: ReplyMarkup;
  file?: StoredFile;
  media?: MediaItem[];
  /** How many times the bot edited this message. */
  editCount: number;
  deleted: boolean;
  /** The message object as the Bot API returned it (current state). */
  raw: Message;
}

export interface TranscriptEntry {
  from: 'user' | 'bot';
  text: string;
  message_id?: number;
  /** Button labels of a bot message, when it had a keyboard. */
  buttons?: string[][];
}

export interface CallRecord {
  method: string;
  params: Params;
  /** Fake clock (ms). */
  at: number;
  /** When it arrived on the flood-control clock (`rateNow`, ms): the sender's pacing time when the harness paces virtually. */
  arrivedAt: number;
  /** Set when the call was answered with an error. */
  error?: { code: number; description: string };
}

export interface CallbackAnswer {
  callback_query_id: string;
  /** callback_data of the query being answered. */
  data?: string;
  message_id?: number;
  text?: string;
  show_alert?: boolean;
  url?: string;
  cache_time?: number;
}

export type FaultCode = 400 | 403 | 409 | 429 | 500;

export interface FaultOptions {
  /** Only calls of this method (default: any method except getUpdates). */
  method?: string;
  /** Only calls whose chat_id is this. */
  chatId?: number;
  code: FaultCode;
  /** For 429 (default 1). */
  retryAfter?: number;
  description?: string;
}

export interface RateLimitOptions {
  /** Max accepted sends per sliding second, all chats together. */
  global?: number;
  /** Max accepted sends per sliding second, per chat. */
  perChat?: number;
}

export interface FakeStats {
  calls: Record<string, number>;
  /** 429s issued by the rate limiter (not by failNext). */
  violations: number;
  /** Bot messages delivered (a media group counts each item). */
  sent: number;
}

export interface FakeStartOptions {
  token?: string;
  botId?: number;
  botUsername?: string;
  botName?: string;
  /** Clock in ms for message dates (default Date.now). */
  now?: () => number;
  /** Unknown chat ids → 400 "chat not found" (default false: any numeric id is a private chat). */
  strictChats?: boolean;
  /**
   * Monotonic time in ms for flood control (`rateLimit`), default performance.now. Tests that pace
   * sends on a virtual clock pass the same clock here, so neither side waits real seconds.
   */
  rateNow?: () => number;
}

export interface UserOptions {
  firstName?: string;
  lastName?: string;
  username?: string;
  languageCode?: string;
}

export interface WebhookState {
  url: string;
  secret_token?: string;
  max_connections?: number;
  allowed_updates?: string[];
}

export type { BotCommand };
