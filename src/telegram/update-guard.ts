import type { Context, MiddlewareFn } from 'grammy';
import type { Logger } from '../core/logger.js';

const notString = (v: unknown) => v !== undefined && typeof v !== 'string';

/**
 * The update's edge: Telegram's types promise that a message's text and caption and a press's
 * data are strings, and every handler relies on it. An update that breaks the promise (a proxy,
 * a tool, a forged request) is dropped here with one log line, instead of failing deep inside
 * a handler ("startsWith is not a function") and apologising.
 */
export function wellFormedUpdates(logger: Logger): MiddlewareFn<Context> {
  return async (ctx, next) => {
    const m = ctx.update.message ?? ctx.update.edited_message;
    const malformed = (m && (notString(m.text) || notString(m.caption))) || notString(ctx.update.callback_query?.data);
    if (malformed) return logger.warn({ updateId: ctx.update.update_id }, 'malformed update dropped (text, caption or data is not a string)');
    await next();
  };
}
