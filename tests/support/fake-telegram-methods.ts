/** Bot API method handlers of the fake (everything except getUpdates, which is in the server). */
import type { BotCommand } from 'grammy/types';
import { ApiError, badRequest, bool, int, isRecord, str } from './fake-telegram-http.js';
import { buildRaw, resolveInput } from './fake-telegram-media.js';
import { describeBotMessage, scopeKey, type ChatState, type FakeState } from './fake-telegram-state.js';
import { buttonsOf, toPlain, validateMarkup } from './fake-telegram-text.js';
import type { BotMessage, MediaItem, Params, ReplyMarkup, UploadedPart } from './fake-telegram-types.js';

export type Handler = (s: FakeState, p: Params, uploads: Map<string, UploadedPart>) => unknown;

const MAX_TEXT = 4096;
const MAX_CAPTION = 1024;
const CHAT_ACTIONS = new Set([
  'typing', 'upload_photo', 'record_video', 'upload_video', 'record_voice', 'upload_voice',
  'upload_document', 'choose_sticker', 'find_location', 'record_video_note', 'upload_video_note',
]);
const QUERY_INVALID = 'query is too old and response timeout expired or query ID is invalid';
const NOT_MODIFIED =
  'message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message';

function plainCaption(p: Params): { caption?: string; html?: string } {
  const raw = str(p.caption);
  if (raw === undefined || raw === '') return {};
  const caption = toPlain(raw, p.parse_mode);
  if (caption.length > MAX_CAPTION) throw badRequest('message caption is too long');
  return { caption, ...(isHtml(p.parse_mode) ? { html: raw } : {}) };
}

function plainText(raw: unknown, parseMode: unknown): string {
  const text = str(raw);
  if (text === undefined || text === '') throw badRequest('message text is empty');
  const plain = toPlain(text, parseMode);
  if (plain.trim() === '') throw badRequest('message text is empty');
  if (plain.length > MAX_TEXT) throw badRequest('message is too long');
  return plain;
}

const isHtml = (mode: unknown): boolean => typeof mode === 'string' && mode.toLowerCase() === 'html';

function newMessage(
  s: FakeState,
  chat: ChatState,
  kind: BotMessage['kind'],
  fields: Partial<BotMessage>,
  count = 1,
): BotMessage {
  const ids: number[] = [];
  for (let i = 0; i < count; i++) ids.push(chat.nextMessageId++);
  const markup = fields.reply_markup;
  const rec: BotMessage = {
    message_id: ids[0] ?? 0, message_ids: ids, chat_id: chat.id, date: s.nowSeconds(), kind, text: '',
    editCount: 0, deleted: false, ...buttonsOf(markup), ...fields,
    raw: undefined as unknown as BotMessage['raw'],
  };
  rec.raw = buildRaw(s, chat, rec);
  s.deliver(chat, rec);
  return rec;
}

function findMessage(s: FakeState, p: Params, notFound: string): { chat: ChatState; rec: BotMessage } {
  if (p.inline_message_id !== undefined) throw badRequest(notFound);
  const chat = s.targetChat(p);
  const id = int(p.message_id);
  if (id === undefined) throw badRequest('message identifier is not specified');
  const rec = chat.byId.get(id);
  if (!rec || rec.deleted) throw badRequest(notFound);
  return { chat, rec };
}

/** A new inline markup, or (when none is given) the message's reply keyboard, which edits keep. */
const editedMarkup = (raw: unknown, rec: BotMessage): ReplyMarkup | undefined =>
  validateMarkup(raw) ?? (rec.reply_markup && !('inline_keyboard' in rec.reply_markup) ? rec.reply_markup : undefined);

const markupKey = (m: ReplyMarkup | undefined): string =>
  m && 'inline_keyboard' in m ? JSON.stringify(m.inline_keyboard) : '';

function applyEdit(s: FakeState, chat: ChatState, rec: BotMessage, fields: Partial<BotMessage>): BotMessage {
  const markup = fields.reply_markup;
  Object.assign(rec, fields, buttonsOf(markup), { editCount: rec.editCount + 1 });
  if (markup === undefined) delete rec.reply_markup;
  rec.raw = buildRaw(s, chat, rec, 0, s.nowSeconds());
  chat.transcript.push({ from: 'bot', text: `[edit #${rec.message_id}] ${describeBotMessage(rec)}`, message_id: rec.message_id });
  return rec;
}

function validateCommands(raw: unknown): BotCommand[] {
  if (!Array.isArray(raw)) throw badRequest('field "commands" must be an Array');
  if (raw.length > 100) throw badRequest('too many commands');
  return raw.map((c: unknown) => {
    if (!isRecord(c) || typeof c.command !== 'string' || typeof c.description !== 'string') {
      throw badRequest("can't parse BotCommand");
    }
    if (!/^[a-z0-9_]{1,32}$/.test(c.command)) throw badRequest('BOT_COMMAND_INVALID');
    if (c.description.trim() === '' || c.description.length > 256) throw badRequest('command description is invalid');
    return { command: c.command, description: c.description };
  });
}

function sendFile(folder: 'photos' | 'documents', field: 'photo' | 'document'): Handler {
  return (s, p, uploads) => {
    const chat = s.targetChat(p);
    const caption = plainCaption(p);
    const reply_markup = validateMarkup(p.reply_markup);
    const file = resolveInput(s, p[field], field, uploads, folder);
    const kind = field === 'photo' ? 'photo' : 'document';
    const fields = { ...caption, text: caption.caption ?? '', file, reply_markup, parse_mode: str(p.parse_mode) };
    return newMessage(s, chat, kind, fields).raw;
  };
}

export const handlers: Record<string, Handler> = {
  getMe: (s) => s.botUser,
  logOut: () => true,
  close: () => true,

  setWebhook: (s, p) => {
    const url = str(p.url) ?? '';
    if (url === '') {
      s.webhook = undefined;
      return true;
    }
    if (!/^https:\/\//i.test(url)) throw badRequest('bad webhook: An HTTPS URL must be provided for webhook');
    if (bool(p.drop_pending_updates)) s.dropPendingUpdates();
    const allowed = Array.isArray(p.allowed_updates) ? p.allowed_updates.map(String) : undefined;
    s.webhook = { url, secret_token: str(p.secret_token), max_connections: int(p.max_connections), allowed_updates: allowed };
    return true;
  },
  deleteWebhook: (s, p) => {
    s.webhook = undefined;
    if (bool(p.drop_pending_updates)) s.dropPendingUpdates();
    return true;
  },
  getWebhookInfo: (s) => ({
    url: s.webhook?.url ?? '',
    has_custom_certificate: false,
    pending_update_count: s.pendingUpdateCount,
    ...(s.webhook?.max_connections !== undefined ? { max_connections: s.webhook.max_connections } : {}),
    ...(s.webhook?.allowed_updates ? { allowed_updates: s.webhook.allowed_updates } : {}),
  }),

  sendMessage: (s, p) => {
    const chat = s.targetChat(p);
    const text = plainText(p.text, p.parse_mode);
    const reply_markup = validateMarkup(p.reply_markup);
    const html = isHtml(p.parse_mode) ? str(p.text) : undefined;
    return newMessage(s, chat, 'text', { text, html, reply_markup, parse_mode: str(p.parse_mode) }).raw;
  },
  sendPhoto: sendFile('photos', 'photo'),
  sendDocument: sendFile('documents', 'document'),

  sendMediaGroup: (s, p, uploads) => {
    const chat = s.targetChat(p);
    const media = p.media;
    if (!Array.isArray(media)) throw badRequest('field "media" must be an Array');
    if (media.length < 2 || media.length > 10) throw badRequest('media must include 2-10 items');
    const items: MediaItem[] = media.map((m: unknown, i) => {
      if (!isRecord(m) || typeof m.type !== 'string') throw badRequest(`can't parse InputMedia #${i + 1}`);
      const folder = m.type === 'photo' ? 'photos' : 'documents';
      const file = resolveInput(s, m.media, m.type, uploads, folder);
      return { type: m.type, message_id: 0, ...plainCaption(m), file };
    });
    const rec = newMessage(s, chat, 'media_group', { media: items, caption: items[0]?.caption, text: items[0]?.caption ?? '' }, items.length);
    items.forEach((item, i) => (item.message_id = rec.message_ids[i] ?? 0));
    return rec.message_ids.map((_, i) => buildRaw(s, chat, rec, i));
  },

  copyMessage: (s, p) => {
    const from = s.chats.get(int(p.from_chat_id) ?? NaN);
    const src = from?.byId.get(int(p.message_id) ?? NaN);
    if (!src || src.deleted) throw badRequest('message to copy not found');
    const chat = s.targetChat(p);
    const reply_markup = p.reply_markup !== undefined ? validateMarkup(p.reply_markup) : src.reply_markup;
    const { kind, text, html, caption, file, media, parse_mode } = src;
    const rec = newMessage(s, chat, kind, { text, html, caption, file, media, parse_mode, reply_markup }, src.message_ids.length);
    return { message_id: rec.message_id };
  },

  editMessageText: (s, p) => {
    const { chat, rec } = findMessage(s, p, 'message to edit not found');
    if (rec.kind !== 'text') throw badRequest('there is no text in the message to edit');
    const text = plainText(p.text, p.parse_mode);
    const html = isHtml(p.parse_mode) ? str(p.text) : undefined;
    const reply_markup = editedMarkup(p.reply_markup, rec);
    if (text === rec.text && html === rec.html && markupKey(reply_markup) === markupKey(rec.reply_markup)) {
      throw badRequest(NOT_MODIFIED);
    }
    return applyEdit(s, chat, rec, { text, html, reply_markup, parse_mode: str(p.parse_mode) }).raw;
  },
  editMessageCaption: (s, p) => {
    const { chat, rec } = findMessage(s, p, 'message to edit not found');
    if (rec.kind === 'text') throw badRequest('there is no caption in the message to edit');
    const caption = plainCaption(p);
    const reply_markup = editedMarkup(p.reply_markup, rec);
    if (caption.caption === rec.caption && caption.html === rec.html && markupKey(reply_markup) === markupKey(rec.reply_markup)) {
      throw badRequest(NOT_MODIFIED);
    }
    return applyEdit(s, chat, rec, { caption: caption.caption, html: caption.html, text: caption.caption ?? '', reply_markup }).raw;
  },
  editMessageReplyMarkup: (s, p) => {
    const { chat, rec } = findMessage(s, p, 'message to edit not found');
    const reply_markup = editedMarkup(p.reply_markup, rec);
    if (markupKey(reply_markup) === markupKey(rec.reply_markup)) throw badRequest(NOT_MODIFIED);
    return applyEdit(s, chat, rec, { reply_markup }).raw;
  },
  deleteMessage: (s, p) => {
    const chat = s.targetChat(p);
    const id = int(p.message_id) ?? NaN;
    const rec = chat.byId.get(id);
    if (rec && !rec.deleted) {
      rec.deleted = true;
      chat.transcript.push({ from: 'bot', text: `[deleted #${rec.message_id}]`, message_id: rec.message_id });
      return true;
    }
    if (chat.userMessageIds.delete(id)) return true;
    throw badRequest('message to delete not found');
  },

  answerCallbackQuery: (s, p) => {
    const id = str(p.callback_query_id) ?? '';
    const query = s.callbackQueries.get(id);
    if (!query || query.answered) throw badRequest(QUERY_INVALID);
    const text = str(p.text);
    if (text !== undefined && text.length > 200) throw badRequest('MESSAGE_TOO_LONG');
    query.answered = true;
    const chat = s.chats.get(query.chatId);
    chat?.callbackAnswers.push({
      callback_query_id: id, data: query.data, message_id: query.messageId, text,
      show_alert: bool(p.show_alert), url: str(p.url), cache_time: int(p.cache_time),
    });
    return true;
  },

  sendChatAction: (s, p) => {
    s.targetChat(p);
    if (!CHAT_ACTIONS.has(str(p.action) ?? '')) throw badRequest('wrong parameter action in request');
    return true;
  },

  setMyCommands: (s, p) => {
    s.commands.set(scopeKey(p.scope, p.language_code), validateCommands(p.commands));
    return true;
  },
  getMyCommands: (s, p) => s.commands.get(scopeKey(p.scope, p.language_code)) ?? [],
  deleteMyCommands: (s, p) => {
    s.commands.delete(scopeKey(p.scope, p.language_code));
    return true;
  },

  setChatMenuButton: (s, p) => {
    if (p.chat_id !== undefined) s.targetChat(p);
    s.menuButtons.set(str(p.chat_id) ?? '', p.menu_button ?? { type: 'default' });
    return true;
  },
  getChatMenuButton: (s, p) => s.menuButtons.get(str(p.chat_id) ?? '') ?? { type: 'commands' },

  getFile: (s, p) => {
    const file = s.files.get(str(p.file_id) ?? '');
    if (!file) throw badRequest('invalid file_id');
    if (file.file_size > 20 * 1024 * 1024) throw badRequest('file is too big');
    return { file_id: file.file_id, file_unique_id: file.file_unique_id, file_size: file.file_size, file_path: file.file_path };
  },

  getChat: (s, p) => {
    const chat = s.chats.get(int(p.chat_id) ?? NaN);
    if (!chat) throw badRequest('chat not found');
    return { ...chat.chat, accent_color_id: 0, max_reaction_count: 11, accepted_gift_types: {} };
  },
};

/** Lower-cased method name → canonical name (Telegram method names are case-insensitive). */
export const methodNames = new Map(Object.keys(handlers).map((m) => [m.toLowerCase(), m]));
methodNames.set('getupdates', 'getUpdates');

export { ApiError };
