import { performance } from 'node:perf_hooks';

/** Sending a little under the configured rate absorbs network jitter (Telegram counts arrivals). */
const SAFETY = 0.97;
const PER_CHAT_MS = 1_050;
/**
 * A timer that fires late may be caught up by at most this much (timers are coarse); never more,
 * or a stall would turn into a burst. Stays well inside the 3% margin of SAFETY.
 */
const MAX_CATCH_UP_MS = 15;
/** Waiting this much beyond retry_after keeps timer jitter from looking like an ignored 429. */
const RETRY_SLACK_MS = 250;
const WINDOW_MS = 1_000;
const WINDOW_SLACK_MS = 5;

export type Sleep = (ms: number) => Promise<void>;
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Call when Telegram has answered (or the request failed): the pacer learns when it arrived at the latest. */
export type Answered = () => void;

/**
 * Spaces sends evenly at the global rate and about one per second per chat; a 429 pauses
 * everything for retry_after. Wall-clock time (not business time): it paces HTTP calls.
 *
 * Telegram counts arrivals, not departures: requests that leave on time can still arrive
 * bunched (cold connections, a stalled event loop). So, besides the spacing, send k waits until
 * one second after send k−rate could at the latest have arrived (its answer, less the fastest
 * round trip seen), which keeps any second of arrivals within the rate.
 */
export class Pacer {
  private readonly intervalMs: number;
  private readonly window: number;
  private nextSlot = 0;
  private pausedUntil = 0;
  private sends = 0;
  private readonly answeredAt: number[] = [];
  private minRoundTrip = Infinity;
  private readonly chatNext = new Map<number, number>();

  constructor(
    ratePerSecond: number,
    private readonly sleep: Sleep = realSleep,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.intervalMs = 1000 / (ratePerSecond * SAFETY);
    this.window = Math.max(1, Math.floor(ratePerSecond));
  }

  /** Milliseconds until `chatId` may get its next message (0 when it may now). */
  chatWait(chatId: number): number {
    return Math.max(0, (this.chatNext.get(chatId) ?? 0) - this.now());
  }

  /** Waits for the next global slot, books it and the chat's; returns the callback for the answer (null when told to stop). */
  async take(chatId: number, stop: () => boolean = () => false): Promise<Answered | null> {
    for (;;) {
      if (stop()) return null;
      const t = this.now();
      const at = Math.max(this.nextSlot, this.pausedUntil, this.windowOpensAt());
      if (at <= t) {
        this.nextSlot = Math.max(this.nextSlot, t - MAX_CATCH_UP_MS) + this.intervalMs;
        this.chatNext.set(chatId, t + PER_CHAT_MS);
        return this.book(t);
      }
      // In short steps, so a stop is not held up by a long 429 pause.
      await this.sleep(Math.min(Math.max(1, at - t), 250));
    }
  }

  /** Telegram said 429: nobody sends until retry_after has passed. */
  pause(retryAfterSec: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + retryAfterSec * 1000 + RETRY_SLACK_MS);
  }

  /** Forgets chats whose pause is over, so the map does not grow with every recipient. */
  prune(): void {
    const t = this.now();
    for (const [chat, next] of this.chatNext) if (next <= t) this.chatNext.delete(chat);
  }

  /** The earliest start for the next send given the send `window` places back (retried while that one is unanswered). */
  private windowOpensAt(): number {
    if (this.sends < this.window) return 0;
    const answered = this.answeredAt[this.sends % this.window] ?? 0;
    if (answered < 0) return this.now() + 1;
    return answered - (Number.isFinite(this.minRoundTrip) ? this.minRoundTrip : 0) + WINDOW_MS + WINDOW_SLACK_MS;
  }

  private book(startedAt: number): Answered {
    const slot = this.sends % this.window;
    this.sends++;
    this.answeredAt[slot] = -1;
    let done = false;
    return () => {
      if (done) return;
      done = true;
      const t = this.now();
      this.answeredAt[slot] = t;
      this.minRoundTrip = Math.min(this.minRoundTrip, t - startedAt);
    };
  }
}
