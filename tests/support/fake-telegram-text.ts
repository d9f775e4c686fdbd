/** Formatted-text parsing (HTML, MarkdownV2) and reply_markup validation, Telegram-style. */
import { type ApiError, badRequest, isRecord } from './fake-telegram-http.js';
import type { ReplyMarkup } from './fake-telegram-types.js';

const HTML_TAGS = new Set([
  'b', 'strong', 'i', 'em', 'u', 'ins', 's', 'strike', 'del', 'a', 'code', 'pre',
  'tg-spoiler', 'tg-emoji', 'span', 'blockquote',
]);
const NAMED_ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"' };

const parseError = (msg: string): ApiError => badRequest(`can't parse entities: ${msg}`);
const byteOffset = (src: string, i: number): number => Buffer.byteLength(src.slice(0, i));

/** Returns the plain text Telegram would show; throws 400 "can't parse entities" like Telegram. */
export function toPlain(text: string, parseMode: unknown): string {
  if (parseMode === undefined || parseMode === null || parseMode === '') return text;
  if (typeof parseMode !== 'string') throw badRequest('unsupported parse_mode');
  switch (parseMode.toLowerCase()) {
    case 'html':
      return parseHtml(text);
    case 'markdownv2':
      return parseMarkdownV2(text);
    case 'markdown':
      return text.replace(/[*_`]/g, '').replace(/\[([^\]]*)\]\([^)]*\)/g, '$1');
    default:
      throw badRequest(`unsupported parse_mode "${parseMode}"`);
  }
}

export function parseHtml(src: string): string {
  if (src.indexOf('<') < 0 && src.indexOf('&') < 0) return src;
  let out = '';
  const stack: string[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i];
    if (ch === '<') {
      const end = src.indexOf('>', i);
      if (end < 0) throw parseError(`Unclosed start tag at byte offset ${byteOffset(src, i)}`);
      const inner = src.slice(i + 1, end);
      const m = /^(\/?)([a-zA-Z][a-zA-Z0-9-]*)(\s[^]*)?$/.exec(inner);
      const closing = m?.[1] === '/';
      const name = (m?.[2] ?? inner.split(/\s/)[0] ?? '').toLowerCase();
      if (!m || !HTML_TAGS.has(name)) {
        const kind = inner.startsWith('/') ? 'end' : 'start';
        throw parseError(`Unsupported ${kind} tag "${name.replace(/^\//, '')}" at byte offset ${byteOffset(src, i)}`);
      }
      if (closing) {
        const top = stack.pop();
        if (top === undefined) throw parseError(`Unexpected end tag at byte offset ${byteOffset(src, i)}`);
        if (top !== name) {
          throw parseError(
            `Unmatched end tag at byte offset ${byteOffset(src, i)}, expected "</${top}>", found "</${name}>"`,
          );
        }
      } else {
        const attrs = m[3] ?? '';
        if (name === 'span' && !/class\s*=\s*["']?tg-spoiler/.test(attrs)) {
          throw parseError(`Tag "span" must have class "tg-spoiler" at byte offset ${byteOffset(src, i)}`);
        }
        if (name === 'a' && attrs.trim() !== '' && !/href\s*=/.test(attrs)) {
          throw parseError(`Tag "a" must have attribute "href" at byte offset ${byteOffset(src, i)}`);
        }
        stack.push(name);
      }
      i = end + 1;
    } else if (ch === '&') {
      const m = /^&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[a-zA-Z]{1,10});/.exec(src.slice(i, i + 12));
      const ent = m?.[1];
      if (ent === undefined) {
        throw parseError(`Character "&" must be escaped as "&amp;" at byte offset ${byteOffset(src, i)}`);
      }
      if (ent.startsWith('#')) {
        const code = ent[1] === 'x' ? parseInt(ent.slice(2), 16) : parseInt(ent.slice(1), 10);
        out += String.fromCodePoint(Math.min(code, 0x10ffff));
      } else {
        const decoded = NAMED_ENTITIES[ent.toLowerCase()];
        if (decoded === undefined) {
          throw parseError(`Unsupported HTML entity "&${ent};" at byte offset ${byteOffset(src, i)}`);
        }
        out += decoded;
      }
      i += ent.length + 2;
    } else {
      out += ch;
      i++;
    }
  }
  const open = stack.pop();
  if (open !== undefined) throw parseError(`Can't find end tag corresponding to start tag "${open}"`);
  return out;
}

const MD_RESERVED = new Set(['_', '*', '[', ']', '(', ')', '~', '`', '>', '#', '+', '-', '=', '|', '{', '}', '.', '!']);

/** A light MarkdownV2 check: unescaped reserved characters and unclosed markers are errors. */
export function parseMarkdownV2(src: string): string {
  let out = '';
  const open = new Map<string, number>();
  let i = 0;
  const toggle = (marker: string): void => {
    if (open.has(marker)) open.delete(marker);
    else open.set(marker, i);
  };
  while (i < src.length) {
    const ch = src[i] ?? '';
    if (ch === '\\') {
      const nextCh = src[i + 1];
      if (nextCh === undefined) throw parseError(`Character '\\' is reserved and must be escaped`);
      out += nextCh;
      i += 2;
      continue;
    }
    if (ch === '`') {
      const fence = src.startsWith('```', i) ? '```' : '`';
      const end = src.indexOf(fence, i + fence.length);
      if (end < 0) throw parseError(`Can't find end of the entity starting at byte offset ${byteOffset(src, i)}`);
      out += src.slice(i + fence.length, end).replace(/\\([`\\])/g, '$1');
      i = end + fence.length;
      continue;
    }
    if (ch === '*' || ch === '~') toggle(ch);
    else if (ch === '_') {
      const marker = src[i + 1] === '_' ? '__' : '_';
      toggle(marker);
      i += marker.length;
      continue;
    } else if (ch === '|' && src[i + 1] === '|') {
      toggle('||');
      i += 2;
      continue;
    } else if (ch === '[') toggle('[');
    else if (ch === ']' && open.has('[')) {
      open.delete('[');
      if (src[i + 1] !== '(') throw parseError(`Can't find end of the entity starting at byte offset ${byteOffset(src, i)}`);
      const end = src.indexOf(')', i + 2);
      if (end < 0) throw parseError(`Can't find end of the URL at byte offset ${byteOffset(src, i)}`);
      i = end + 1;
      continue;
    } else if (ch === '>' && (i === 0 || src[i - 1] === '\n')) {
      // blockquote marker
    } else if (MD_RESERVED.has(ch)) {
      throw parseError(`Character '${ch}' is reserved and must be escaped with the preceding '\\'`);
    } else out += ch;
    i++;
  }
  for (const [, at] of open) throw parseError(`Can't find end of the entity starting at byte offset ${byteOffset(src, at)}`);
  return out;
}

const MAX_BUTTONS = 100;
const URL_RE = /^(https?|tg):\/\/\S+$/i;
const INLINE_ACTIONS = [
  'url', 'callback_data', 'web_app', 'login_url', 'switch_inline_query', 'switch_inline_query_current_chat',
  'switch_inline_query_chosen_chat', 'copy_text', 'callback_game', 'pay',
];

/** Validates a reply_markup like Telegram; returns it typed, or undefined when absent. */
export function validateMarkup(raw: unknown): ReplyMarkup | undefined {
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (!isRecord(raw)) throw badRequest("can't parse reply keyboard markup JSON object");
  if ('inline_keyboard' in raw) {
    const rows = raw.inline_keyboard;
    if (!Array.isArray(rows)) throw badRequest('field "inline_keyboard" must be an Array');
    let count = 0;
    for (const row of rows) {
      if (!Array.isArray(row)) throw badRequest('field "inline_keyboard" must be an Array of Arrays');
      for (const button of row) {
        count++;
        if (!isRecord(button) || typeof button.text !== 'string') {
          throw badRequest('can\'t parse inline keyboard button: Field "text" must be of type String');
        }
        if (!INLINE_ACTIONS.some((k) => button[k] !== undefined)) {
          throw badRequest("can't parse inline keyboard button: Text buttons are unallowed in the inline keyboard");
        }
        if (button.callback_data !== undefined) {
          const data = button.callback_data;
          const bytes = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : 0;
          if (bytes < 1 || bytes > 64) throw badRequest('BUTTON_DATA_INVALID');
        }
        if (button.url !== undefined && (typeof button.url !== 'string' || !URL_RE.test(button.url))) {
          throw badRequest(`inline keyboard button URL '${String(button.url)}' is invalid: Wrong HTTP URL`);
        }
      }
    }
    if (count > MAX_BUTTONS) throw badRequest('reply markup is too long');
    return raw as unknown as ReplyMarkup;
  }
  if ('keyboard' in raw) {
    const rows = raw.keyboard;
    if (!Array.isArray(rows)) throw badRequest('field "keyboard" must be an Array');
    for (const row of rows) {
      if (!Array.isArray(row)) throw badRequest('field "keyboard" must be an Array of Arrays');
      for (const button of row) {
        const ok = typeof button === 'string' || (isRecord(button) && typeof button.text === 'string');
        if (!ok) throw badRequest('can\'t parse keyboard button: Field "text" must be of type String');
      }
    }
    return raw as unknown as ReplyMarkup;
  }
  if ('remove_keyboard' in raw || 'force_reply' in raw) return raw as unknown as ReplyMarkup;
  throw badRequest("can't parse reply keyboard markup JSON object");
}

/** Button labels by row, plus callback_data parallel to them ('' when a button has none). */
export function buttonsOf(markup: ReplyMarkup | undefined): { buttons: string[][]; callbackData: string[][] } {
  if (markup && 'inline_keyboard' in markup) {
    return {
      buttons: markup.inline_keyboard.map((row) => row.map((b) => b.text)),
      callbackData: markup.inline_keyboard.map((row) => row.map((b) => ('callback_data' in b ? b.callback_data : ''))),
    };
  }
  if (markup && 'keyboard' in markup) {
    const buttons = markup.keyboard.map((row) => row.map((b) => (typeof b === 'string' ? b : b.text)));
    return { buttons, callbackData: buttons.map((row) => row.map(() => '')) };
  }
  return { buttons: [], callbackData: [] };
}

/** The part of a reply_markup Telegram echoes back in messages (inline keyboards only). */
export function echoedMarkup(markup: ReplyMarkup | undefined): ReplyMarkup | undefined {
  return markup && 'inline_keyboard' in markup ? markup : undefined;
}
