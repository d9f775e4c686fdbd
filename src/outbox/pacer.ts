import { performance } from 'node:perf_hooks';

/** Sending a little under the configured rate absorbs network jitter (Telegram counts arrivals). */
export const SAFETY = 0.97;
export const PER_CHAT_MS = 1_050;
/**
 * A timer that fires late may be caught up by at most this much (timers are coarse); never more,
 * or a stall would turn into a burst. Stays well inside the 3% margin of SAFETY.
 */
export const MAX_CATCH_UP_MS = 15;
/** Waiting this much beyond retry_after keeps timer jitter from looking like an ignored 429. */
export const RETRY_SLACK_MS = 250;
export const WINDOW_MS = 1_000;
export const WINDOW_SLACK_MS = 5;
/** A wait is taken in steps of at most this, so a stop is not held up by a long 429 pause. */
export const MAX_STEP_MS = 250;

/**
 * Where the outbox's wall-clock time comes from (not business time: it paces HTTP calls).
 * Tests pass a virtual one, so a 429 pause or the per-chat spacing costs no real seconds.
 */
export interface TimeSource {
  /** Milliseconds on a monotonic scale. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemTime: TimeSource = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Call when the send is over: 'answered' when Telegram answered (or refused the connection at
 * once), 'abandoned' when we gave up waiting (a timeout): its arrival is then unknown.
 */
export type Answered = (how?: 'answered' | 'abandoned') => void;

/**
 * What the dispatcher needs from a pacer. The bot's one send budget (telegram/send-budget.ts)
 * gives its `bulk` lane in this shape, so reminders share the rate with interactive replies.
 */
export interface SendPacer {
  /** Milliseconds until `chatId` may get its next message (0 when it may now). */
  chatWait(chatId: number): number;
  /** Waits for the next slot; the callback for the answer, or null when told to stop. */
  take(chatId: number, stop?: () => boolean): Promise<Answered | null>;
  /** Telegram said 429: nobody sends until retry_after has passed. */
  pause(retryAfterSec: number): void;
  prune(): void;
}

interface SendRecord {
  startedAt: number;
  /** When its answer came; null while it has not (or never will). */
  answeredAt: number | null;
}

/**
 * Spaces sends evenly at the global rate and about one per second per chat; a 429 pauses
 * everything for retry_after.
 *
 * Telegram counts arrivals, not departures: requests that leave on time can still arrive
 * bunched (cold connections, a stalled event loop). So, besides the spacing, send k waits until
 * one second after send k−rate could at the latest have arrived: its answer less the fastest
 * round trip seen. A send that has not answered (slow, hung, abandoned) is never waited on: it
 * counts as arrived when it left, so one hung request cannot stall the others. The cost is that
 * a request that leaves but arrives late may bunch with the next ones; those are at most the
 * requests in flight, and a 429 then pauses everyone and resends (no message lost).
 */
export class Pacer implements SendPacer {
  private readonly intervalMs: number;
  private readonly window: number;
  private nextSlot = 0;
  private pausedUntil = 0;
  private sends = 0;
  private readonly recent: SendRecord[] = [];
  private minRoundTrip = Infinity;
  private readonly chatNext = new Map<number, number>();

  constructor(
    ratePerSecond: number,
    private readonly time: TimeSource = systemTime,
  ) {
    this.intervalMs = 1000 / (ratePerSecond * SAFETY);
    this.window = Math.max(1, Math.floor(ratePerSecond));
  }

  /** Milliseconds until `chatId` may get its next message (0 when it may now). */
  chatWait(chatId: number): number {
    return Math.max(0, (this.chatNext.get(chatId) ?? 0) - this.time.now());
  }

  /** Waits for the next global slot, books it and the chat's; returns the callback for the answer (null when told to stop). */
  async take(chatId: number, stop: () => boolean = () => false): Promise<Answered | null> {
    for (;;) {
      if (stop()) return null;
      const t = this.time.now();
      const at = Math.max(this.nextSlot, this.pausedUntil, this.windowOpensAt());
      if (at <= t) {
        this.nextSlot = Math.max(this.nextSlot, t - MAX_CATCH_UP_MS) + this.intervalMs;
        this.chatNext.set(chatId, t + PER_CHAT_MS);
        return this.book(t);
      }
      await this.time.sleep(Math.min(Math.max(1, at - t), MAX_STEP_MS));
    }
  }

  /** Telegram said 429: nobody sends until retry_after has passed. */
  pause(retryAfterSec: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.time.now() + retryAfterSec * 1000 + RETRY_SLACK_MS);
  }

  /** Forgets chats whose pause is over, so the map does not grow with every recipient. */
  prune(): void {
    const t = this.time.now();
    for (const [chat, next] of this.chatNext) if (next <= t) this.chatNext.delete(chat);
  }

  /** The earliest start for the next send given the send `window` places back. */
  private windowOpensAt(): number {
    if (this.sends < this.window) return 0;
    const back = this.recent[this.sends % this.window];
    if (!back) return 0;
    const arrivedBy = back.answeredAt === null ? back.startedAt : Math.max(back.startedAt, back.answeredAt - (Number.isFinite(this.minRoundTrip) ? this.minRoundTrip : 0));
    return arrivedBy + WINDOW_MS + WINDOW_SLACK_MS;
  }

  private book(startedAt: number): Answered {
    const record: SendRecord = { startedAt, answeredAt: null };
    this.recent[this.sends % this.window] = record;
    this.sends++;
    let done = false;
    return (how = 'answered') => {
      if (done) return;
      done = true;
      if (how === 'abandoned') return;
      const t = this.time.now();
      record.answeredAt = t;
      this.minRoundTrip = Math.min(this.minRoundTrip, t - startedAt);
    };
  }
}
