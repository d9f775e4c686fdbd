import {
  MAX_CATCH_UP_MS,
  MAX_STEP_MS,
  PER_CHAT_MS,
  RETRY_SLACK_MS,
  SAFETY,
  systemTime,
  type Answered,
  type TimeSource,
  WINDOW_MS,
  WINDOW_SLACK_MS,
} from '../outbox/pacer.js';

/**
 * One send budget for the whole bot. Telegram counts every message a bot sends against one
 * global rate (about 30 a second), whether it answers someone or goes out with a reminder wave,
 * and a 429 pauses the bot, not one request. So interactive replies and the outbox take their
 * slots from this one pacer: replies first (the next free slot goes to a waiting reply), the
 * outbox gets the slots nobody is answering with, and about one per second per chat.
 *
 * Spacing, the arrival window and the 429 pause are those of the outbox's own pacer (which this
 * replaces once the dispatcher takes the `bulk` lane): sends are spaced at 97% of the rate, and
 * send k waits until one second after send k − rate could at the latest have arrived.
 */

/** The bot's send budget paces exactly as the outbox's pacer does: the same margins and time source. */
export type PaceTime = TimeSource;
export const wallTime: PaceTime = systemTime;
export { PER_CHAT_MS, type Answered };


/** A lane of the budget; the bulk lane has the outbox pacer's interface (take / chatWait / pause / prune). */
export interface SendLane {
  /** Milliseconds until `chatId` may get its next bulk message (0 when it may now). */
  chatWait(chatId: number): number;
  /** Waits for a slot; null when `stop()` turned true first. */
  take(chatId: number, stop?: () => boolean): Promise<Answered | null>;
  /** Telegram said 429: nobody sends until retry_after has passed. */
  pause(retryAfterSec: number): void;
  /** Forgets chats whose spacing is over. */
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

export class SendBudget {
  /** Answers to people: first in line for every slot, never spaced per chat. */
  readonly replies: SendLane;
  /** The outbox (reminders, broadcasts): what the replies leave, about one per second per chat. */
  readonly bulk: SendLane;
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
    private readonly time: PaceTime = wallTime,
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

  private lane(lane: Lane): SendLane {
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
