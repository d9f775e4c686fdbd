import { performance } from 'node:perf_hooks';

/** Sending a little under the configured rate absorbs network jitter (Telegram counts arrivals). */
const SAFETY = 0.97;
export const PER_CHAT_MS = 1_050;
/**
 * A timer that fires late may be caught up by at most this much (timers are coarse); never more,
 * or a stall would turn into a burst. Stays well inside the 3% margin of SAFETY.
 */
const MAX_CATCH_UP_MS = 15;
/** Waiting this much beyond retry_after keeps timer jitter from looking like an ignored 429. */
const RETRY_SLACK_MS = 250;
const WINDOW_MS = 1_000;
const WINDOW_SLACK_MS = 5;
/** A wait is taken in steps of at most this, so a stop is not held up by a long 429 pause. */
const MAX_STEP_MS = 250;

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

/** A lane of the send budget: what the dispatcher (the `bulk` lane) and the replies (`replies`) take slots from. */
export interface SendPacer {
  /** Milliseconds until `chatId` may get its next message (0 when it may now). */
  chatWait(chatId: number): number;
  /** Waits for the next slot; the callback for the answer, or null when told to stop. */
  take(chatId: number, stop?: () => boolean): Promise<Answered | null>;
  /** Telegram said 429: nobody sends until retry_after has passed. */
  pause(retryAfterSec: number): void;
  prune(): void;
}

type Lane = 'reply' | 'bulk';

interface Waiter {
  chatId: number;
  stop: () => boolean;
  resolve: (answered: Answered | null) => void;
}

interface SendRecord {
  startedAt: number;
  answeredAt: number | null;
}

/**
 * One send budget for the whole bot. Telegram counts every message a bot sends against one
 * global rate (about 30 a second), whether it answers someone or goes out with a reminder wave,
 * and a 429 pauses the bot, not one request. So interactive replies and the outbox take their
 * slots from this one pacer: replies first (the next free slot goes to a waiting reply), the
 * outbox gets the slots nobody is answering with, and about one per second per chat.
 *
 * Sends are spaced evenly at 97% of the rate, and a 429 pauses everything for retry_after.
 * Telegram counts arrivals, not departures: requests that leave on time can still arrive
 * bunched (cold connections, a stalled event loop). So, besides the spacing, send k waits until
 * one second after send k−rate could at the latest have arrived: its answer less the fastest
 * round trip seen. A send that has not answered (slow, hung, abandoned) is never waited on: it
 * counts as arrived when it left, so one hung request cannot stall the others. The cost is that
 * a request that leaves but arrives late may bunch with the next ones; those are at most the
 * requests in flight, and a 429 then pauses everyone and resends (no message lost).
 */
export class SendBudget {
  /** Answers to people: first in line for every slot, never spaced per chat. */
  readonly replies: SendPacer;
  /** The outbox (reminders, broadcasts): what the replies leave, about one per second per chat. */
  readonly bulk: SendPacer;
  private readonly intervalMs: number;
  private readonly window: number;
  private readonly queues: Record<Lane, Waiter[]> = { reply: [], bulk: [] };
  private readonly recent: SendRecord[] = [];
  private readonly chatNext = new Map<number, number>();
  private nextSlot = 0;
  private pausedUntil = 0;
  private sends = 0;
  private minRoundTrip = Infinity;
  private pumping = false;

  constructor(
    readonly ratePerSecond: number,
    private readonly time: TimeSource = systemTime,
  ) {
    this.intervalMs = 1000 / (ratePerSecond * SAFETY);
    this.window = Math.max(1, Math.floor(ratePerSecond));
    this.replies = this.lane('reply');
    this.bulk = this.lane('bulk');
  }

  /** Sends taken so far, both lanes. */
  get taken(): number {
    return this.sends;
  }

  private lane(lane: Lane): SendPacer {
    return {
      chatWait: (chatId) => (lane === 'reply' ? 0 : Math.max(0, (this.chatNext.get(chatId) ?? 0) - this.time.now())),
      take: (chatId, stop = () => false) =>
        new Promise((resolve) => {
          this.queues[lane].push({ chatId, stop, resolve });
          void this.pump();
        }),
      pause: (retryAfterSec) => {
        this.pausedUntil = Math.max(this.pausedUntil, this.time.now() + retryAfterSec * 1000 + RETRY_SLACK_MS);
      },
      prune: () => {
        const t = this.time.now();
        for (const [chat, next] of this.chatNext) if (next <= t) this.chatNext.delete(chat);
      },
    };
  }

  /** Hands out slots one at a time while anyone waits: a waiting reply before any bulk send. */
  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      for (;;) {
        for (const lane of ['reply', 'bulk'] as const) this.dropStopped(lane);
        const lane: Lane | null = this.queues.reply.length ? 'reply' : this.queues.bulk.length ? 'bulk' : null;
        if (!lane) return;
        const t = this.time.now();
        const at = Math.max(this.nextSlot, this.pausedUntil, this.windowOpensAt());
        if (at > t) {
          await this.time.sleep(Math.min(Math.max(1, at - t), MAX_STEP_MS));
          continue;
        }
        const waiter = this.queues[lane].shift();
        if (!waiter) continue;
        this.nextSlot = Math.max(this.nextSlot, t - MAX_CATCH_UP_MS) + this.intervalMs;
        // A chat just answered is not sent a reminder within the second either.
        this.chatNext.set(waiter.chatId, t + PER_CHAT_MS);
        waiter.resolve(this.book(t));
      }
    } finally {
      this.pumping = false;
    }
  }

  private dropStopped(lane: Lane): void {
    const queue = this.queues[lane];
    for (let i = queue.length - 1; i >= 0; i--) {
      const w = queue[i];
      if (w?.stop()) {
        queue.splice(i, 1);
        w.resolve(null);
      }
    }
  }

  /** The earliest start for the next send given the send `window` places back (see the class comment). */
  private windowOpensAt(): number {
    if (this.sends < this.window) return 0;
    const back = this.recent[this.sends % this.window];
    if (!back) return 0;
    const fastest = Number.isFinite(this.minRoundTrip) ? this.minRoundTrip : 0;
    const arrivedBy = back.answeredAt === null ? back.startedAt : Math.max(back.startedAt, back.answeredAt - fastest);
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
