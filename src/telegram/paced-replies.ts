import type { Transformer } from 'grammy';
import type { Logger } from '../core/logger.js';
import type { SendPacer } from './pacer.js';

/** The methods Telegram counts as sending a message (the flood limit); answers to presses and edits are not paced. */
const SENDS = new Set([
  'sendMessage',
  'sendPhoto',
  'sendDocument',
  'sendMediaGroup',
  'sendVideo',
  'sendAudio',
  'sendVoice',
  'sendAnimation',
  'sendSticker',
  'sendLocation',
  'copyMessage',
  'forwardMessage',
]);

/**
 * Replies take their slot from the bot's one send budget (see telegram/pacer.ts), ahead of the
 * outbox. A reply that still meets a 429 pauses everybody for retry_after, waits, and is sent
 * again, as often as Telegram asks: it never fails the handler. Installed innermost, so
 * auto-retry (for the methods not paced here) never sees these 429s.
 */
export function pacedReplies(lane: SendPacer, logger?: Logger): Transformer {
  return async (prev, method, payload, signal) => {
    if (!SENDS.has(method)) return prev(method, payload, signal);
    const chatId = 'chat_id' in payload ? Number(payload.chat_id) : 0;
    for (let attempt = 1; ; attempt++) {
      const answered = await lane.take(chatId);
      let result: Awaited<ReturnType<typeof prev<typeof method>>>;
      try {
        result = await prev(method, payload, signal);
      } catch (error) {
        answered?.('abandoned');
        throw error;
      }
      answered?.();
      if (result.ok || result.error_code !== 429) return result;
      const retryAfter = result.parameters?.retry_after ?? 1;
      lane.pause(retryAfter);
      logger?.warn({ method, chatId, retryAfter, attempt }, 'reply met a 429; everybody waits, then it is sent again');
    }
  };
}
