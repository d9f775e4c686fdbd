import type { Logger } from '../core/logger.js';
import type { Notifier, SendResult } from '../telegram/notifier.js';
import type { ClaimedDelivery } from './deliveries.queries.js';
import type { DispatchStats } from './outcome.js';
import type { Answered, SendPacer, TimeSource } from '../telegram/pacer.js';

/** A delivery told to wait this many times in a row is retried later like a transient error. */
const MAX_RATE_LIMITS = 8;

/** What one run of sends needs from the dispatcher. */
export interface BatchDeps {
  pacer: SendPacer;
  time: TimeSource;
  notifier: Notifier;
  logger: Logger;
  stats: DispatchStats;
  /** Requests awaiting Telegram's answer at once; also the most a crash can send twice. */
  maxInFlight: number;
  batchSize: number;
  /** The next rows to send; [] when there are none, or when this instance must stop sending. */
  claim(): Promise<ClaimedDelivery[]>;
  /** Claimed rows that will not be sent now go back to the queue. */
  release(ids: number[]): Promise<void>;
  /** Writes the outcome; false when it could not (the database is away): sending stops. */
  record(d: ClaimedDelivery, result: SendResult): Promise<boolean>;
  /** True once sending should stop (stopping, lead lost, database away). */
  halted(): boolean;
  /** Called after each send is started (progress messages). */
  onSent(): void;
}

interface State {
  pending: ClaimedDelivery[];
  handled: number;
  exhausted: boolean;
  refill: Promise<void> | null;
  rateLimits: Map<number, number>;
  inFlight: Set<Promise<void>>;
}

/**
 * Sends with up to maxInFlight requests open, each chat at most about once a second, and claims
 * the next rows before these run out so the pace never stalls. A request that hangs holds only
 * its own slot, until the notifier's timeout frees it. Returns how many rows it handled.
 */
export async function sendBatch(deps: BatchDeps, first: ClaimedDelivery[]): Promise<number> {
  const s: State = { pending: [...first], handled: first.length, exhausted: false, refill: null, rateLimits: new Map(), inFlight: new Set() };
  while (s.pending.length > 0 || s.inFlight.size > 0 || s.refill) {
    if (deps.halted() && s.pending.length > 0) {
      // What was claimed but not sent goes back at once (or at the next leader's start, if the database is away).
      await deps.release(s.pending.splice(0).map((d) => d.id)).catch((error: unknown) => deps.logger.debug({ err: error }, 'could not put claimed deliveries back yet'));
      continue;
    }
    if (!s.refill && !s.exhausted && !deps.halted() && s.pending.length < deps.batchSize / 2) s.refill = refill(deps, s);
    const ready = s.pending.findIndex((d) => deps.pacer.chatWait(d.chatId) === 0);
    if (ready < 0 || s.inFlight.size >= deps.maxInFlight) {
      await waitForChange(deps, s);
      continue;
    }
    const [delivery] = s.pending.splice(ready, 1);
    if (!delivery) continue;
    const answered = await deps.pacer.take(delivery.chatId, deps.halted);
    if (!answered) {
      s.pending.unshift(delivery);
      continue;
    }
    const job: Promise<void> = sendOne(deps, s, delivery, answered).then(
      (again) => {
        if (again) s.pending.unshift(delivery);
      },
      // Left "sending": the next leader's start (or the lease) puts it back in the queue.
      (error: unknown) => deps.logger.error({ err: error, delivery: delivery.id }, 'could not record a delivery outcome'),
    );
    s.inFlight.add(job);
    void job.finally(() => s.inFlight.delete(job));
    deps.onSent();
  }
  return s.handled;
}

function refill(deps: BatchDeps, s: State): Promise<void> {
  return deps.claim().then(
    (rows) => {
      s.pending.push(...rows);
      s.handled += rows.length;
      s.exhausted = rows.length === 0;
      s.refill = null;
    },
    (error: unknown) => {
      deps.logger.debug({ err: error }, 'could not claim more deliveries');
      s.exhausted = true;
      s.refill = null;
    },
  );
}

/** Until a request answers, the refill arrives, or the first waiting chat may be sent to. */
async function waitForChange(deps: BatchDeps, s: State): Promise<void> {
  const waitChat = s.pending.length ? Math.min(...s.pending.map((d) => deps.pacer.chatWait(d.chatId))) : Infinity;
  const timer = Number.isFinite(waitChat) && s.inFlight.size < deps.maxInFlight ? [deps.time.sleep(waitChat)] : [];
  const events = [...s.inFlight, ...(s.refill ? [s.refill] : []), ...timer];
  // Nothing can change any more: the caller's loop condition ends the batch.
  if (events.length > 0) await Promise.race(events);
}

/** Sends one delivery and records the outcome; true when it should be sent again after a 429 pause. */
async function sendOne(deps: BatchDeps, s: State, d: ClaimedDelivery, answered: Answered): Promise<boolean> {
  const result = await deps.notifier.send(d.chatId, d.payload);
  answered(!result.ok && result.outcome === 'timeout' ? 'abandoned' : 'answered');
  if (!result.ok && result.outcome === 'rate-limited') {
    deps.stats.rateLimited++;
    deps.pacer.pause(result.retryAfterSec);
    const times = (s.rateLimits.get(d.id) ?? 0) + 1;
    s.rateLimits.set(d.id, times);
    if (times < MAX_RATE_LIMITS) return true;
  }
  await deps.record(d, result);
  return false;
}
