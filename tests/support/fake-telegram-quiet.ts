/**
 * "Nothing happened" checks that wait for quiet, not for time. A sleep proves nothing on a loaded
 * machine: the unwanted reply may simply be slow. Quiet means: every queued update was taken and
 * confirmed by the bot (a runner confirms a batch before it fetches the next, after handing the
 * batch to its handlers), no request to the fake is being answered, and every app-side settler
 * (the harness: no update being handled) has resolved — twice in a row, with no new API call.
 */
import { performance } from 'node:perf_hooks';
import type { FakeState } from './fake-telegram-state.js';
import type { BotMessage } from './fake-telegram-types.js';

const DEFAULT_TIMEOUT_MS = 10_000;

const idle = (s: FakeState): boolean => s.closed || (s.pendingUpdateCount === 0 && s.requestsInProgress === 0);

/** Resolves once the fake and the app are quiet; rejects (saying what is still busy) after `timeoutMs`. */
export async function untilQuiet(s: FakeState, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<void> {
  const deadline = performance.now() + timeoutMs; // not Date: tests may fake it
  for (;;) {
    const seen = s.calls.length;
    await until(s, () => idle(s), deadline);
    for (const settle of [...s.settlers]) await settle();
    // One turn of the event loop for anything a finished handler scheduled.
    await new Promise((resolve) => setImmediate(resolve));
    if (idle(s) && s.calls.length === seen) return;
  }
}

/** The bot messages of `chatId` that the test has not read with nextMessage() yet. */
export function unreadIn(s: FakeState, chatId: number): BotMessage[] {
  const chat = s.chats.get(chatId);
  return chat ? chat.messages.slice(chat.cursor).map((m) => ({ ...m })) : [];
}

function until(s: FakeState, condition: () => boolean, deadline: number): Promise<void> {
  if (condition()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const unwatch = s.watch(() => {
      if (!condition()) return;
      clearTimeout(timer);
      unwatch();
      resolve();
    });
    const timer = setTimeout(() => {
      unwatch();
      reject(new Error(
        `fake Telegram: not quiet after waiting: ${s.pendingUpdateCount} update(s) not yet taken by the bot, ` +
          `${s.requestsInProgress} request(s) being answered (is the bot stopped?)`,
      ));
    }, Math.max(0, deadline - performance.now()));
  });
}
