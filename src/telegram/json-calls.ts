import { HttpError, type Transformer } from 'grammy';
import { telegramFetch } from './http-client.js';

/**
 * The Bot API methods the bot calls on every step, whose payloads are always plain JSON (text,
 * ids, buttons: never a file to upload).
 */
const JSON_METHODS: ReadonlySet<string> = new Set(['sendMessage', 'answerCallbackQuery', 'editMessageText', 'editMessageReplyMarkup', 'deleteMessage', 'sendChatAction']);

const JSON_HEADERS = { 'content-type': 'application/json' };

/** grammY's JSON body: null values are left out (Telegram refuses some of them). */
function jsonBody(payload: unknown): string {
  const body = JSON.stringify(payload);
  // No "null" anywhere in the text: there is no null value to leave out, and the body is the same.
  return body.includes('null') ? JSON.stringify(payload, (_key, value: unknown) => value ?? undefined) : body;
}

/**
 * The transformer next to the network, for those methods: it sends the call itself, as grammY
 * would (the same URL, the same JSON body, the same errors: a network failure is grammY's
 * HttpError, which auto-retry retries; Telegram's `ok: false` answer goes back for grammY to turn
 * into a GrammyError). grammY's own sending makes, for every call, an abort controller from a
 * polyfill, a 500 s timer and a race of three promises, walks the payload for files, and
 * serialises it through a replacer function: about a third of the bot's Bot API cost per update.
 * Everything else (files, a call with an abort signal, getUpdates) goes the usual way.
 */
export function directJsonCalls(token: string, apiRoot = 'https://api.telegram.org'): Transformer {
  return async (prev, method, payload, signal) => {
    if (signal !== undefined || !JSON_METHODS.has(method)) return prev(method, payload, signal);
    const init = { method: 'POST', headers: JSON_HEADERS, body: jsonBody(payload) };
    try {
      const res = await telegramFetch(`${apiRoot}/bot${token}/${method}`, init);
      return (await res.json()) as Awaited<ReturnType<typeof prev>>;
    } catch (error) {
      throw new HttpError(`Network request for '${method}' failed!`, error);
    }
  };
}
