import { Api, GrammyError, HttpError } from 'grammy';
import type { InlineKeyboardMarkup } from 'grammy/types';
import { telegramFetch } from './http-client.js';
import { dropEmptyKeyboardRows } from './keyboards.js';
import type { DeliveryPayload } from '../core/schema.js';

/** How one call to Telegram ended, in the terms the outbox acts on. */
export type SendResult =
  | { ok: true; messageId: number }
  | { ok: false; outcome: 'rate-limited'; retryAfterSec: number; error: string }
  /**
   * blocked: 403 (blocked, deactivated); not-found: 400 chat not found; rejected: other 4xx;
   * transient: 5xx, network; timeout: no answer in time (it may still have been delivered).
   */
  | { ok: false; outcome: 'blocked' | 'not-found' | 'rejected' | 'transient' | 'timeout'; error: string };

/** The one interface the outbox uses to reach people; it never sees grammY. */
export interface Notifier {
  send(chatId: number, message: DeliveryPayload): Promise<SendResult>;
  edit(chatId: number, messageId: number, text: string): Promise<SendResult>;
}

/**
 * A request not answered in this time is abandoned and retried (at-least-once: it may have
 * been delivered). A text answers in well under a second; waiting long only holds a slot.
 */
export const DEFAULT_TIMEOUTS = { messageMs: 10_000, otherMs: 30_000 } as const;

/**
 * A notifier on its own `Api`, without the auto-retry transformer that `bot.api` has:
 * auto-retry would sleep through a 429 inside one request, while the dispatcher must see it
 * to pause every send, not just this one.
 */
export function createNotifier(opts: { token: string; apiRoot?: string | undefined; timeouts?: { messageMs: number; otherMs: number } }): Notifier {
  const timeouts = opts.timeouts ?? DEFAULT_TIMEOUTS;
  // One Api per timeout: grammY's own timeout closes an abandoned request's connection soon after we stop waiting for it.
  const apiFor = (ms: number) => {
    const api = new Api(opts.token, { timeoutSeconds: Math.ceil(ms / 1000) + 1, fetch: telegramFetch, ...(opts.apiRoot ? { apiRoot: opts.apiRoot } : {}) });
    api.config.use(dropEmptyKeyboardRows);
    return api;
  };
  const messageApi = apiFor(timeouts.messageMs);
  const otherApi = apiFor(timeouts.otherMs);
  return {
    send: (chatId, message) => {
      const media = Boolean(message.photo || message.document);
      const ms = media ? timeouts.otherMs : timeouts.messageMs;
      return attempt(ms, async () => (await sendPayload(media ? otherApi : messageApi, chatId, message)).message_id);
    },
    edit: (chatId, messageId, text) =>
      attempt(
        timeouts.otherMs,
        async () => {
          await otherApi.editMessageText(chatId, messageId, text);
          return messageId;
        },
        messageId,
      ),
  };
}

function sendPayload(api: Api, chatId: number, m: DeliveryPayload) {
  const markup: InlineKeyboardMarkup | undefined = m.buttons?.length
    ? { inline_keyboard: m.buttons.map((row) => row.map((b) => ({ text: b.text, callback_data: b.data }))) }
    : undefined;
  const common = { ...(markup ? { reply_markup: markup } : {}), ...(m.parseMode ? { parse_mode: m.parseMode } : {}) };
  if (m.photo) return api.sendPhoto(chatId, m.photo, { ...common, ...(m.text ? { caption: m.text } : {}) });
  if (m.document) return api.sendDocument(chatId, m.document, { ...common, ...(m.text ? { caption: m.text } : {}) });
  return api.sendMessage(chatId, m.text, common);
}

const TIMED_OUT = Symbol('timed out');

/** Waits at most `timeoutMs` for the answer: the caller's slot is free at once, whatever the request does after. */
async function attempt(timeoutMs: number, call: () => Promise<number>, unchangedId?: number): Promise<SendResult> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<typeof TIMED_OUT>((resolve) => (timer = setTimeout(() => resolve(TIMED_OUT), timeoutMs)));
  const request = call();
  try {
    const answer = await Promise.race([request, late]);
    if (answer === TIMED_OUT) {
      request.catch(() => undefined); // its late failure is of no interest any more
      return { ok: false, outcome: 'timeout', error: `no answer within ${timeoutMs} ms` };
    }
    return { ok: true, messageId: answer };
  } catch (error) {
    const result = classify(error);
    // Editing to the same text is not a failure.
    if (unchangedId !== undefined && !result.ok && /message is not modified/i.test(result.error)) return { ok: true, messageId: unchangedId };
    return result;
  } finally {
    clearTimeout(timer);
  }
}

/** Maps Telegram's answer to what the outbox does next. Never includes the token (only code and description). */
export function classify(error: unknown): SendResult {
  if (error instanceof GrammyError) {
    const text = `${error.error_code}: ${error.description}`;
    if (error.error_code === 429) return { ok: false, outcome: 'rate-limited', retryAfterSec: error.parameters.retry_after ?? 1, error: text };
    if (error.error_code === 403) return { ok: false, outcome: 'blocked', error: text };
    if (error.error_code === 400 && /chat not found|user not found|peer_id_invalid/i.test(error.description)) return { ok: false, outcome: 'not-found', error: text };
    if (error.error_code >= 400 && error.error_code < 500 && error.error_code !== 401 && error.error_code !== 404) return { ok: false, outcome: 'rejected', error: text };
    return { ok: false, outcome: 'transient', error: text };
  }
  if (error instanceof HttpError) return { ok: false, outcome: 'transient', error: 'network error' };
  return { ok: false, outcome: 'transient', error: error instanceof Error ? error.name : 'unknown error' };
}
