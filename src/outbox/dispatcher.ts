import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import type { Notifier } from '../telegram/notifier.js';
import { type ClaimedDelivery, claimBatch, releaseClaimed, requeueOrphans, skipExpired } from './deliveries.queries.js';
import type { Elector } from './leader.js';
import { isQuiet, type SendWindow } from './outbox.rules.js';
import { type DispatchStats, recordOutcome } from './outcome.js';
import { Napper, Serial } from './loop-kit.js';
import { type Answered, Pacer, realSleep, type Sleep } from './pacer.js';

export interface DispatcherOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  notifier: Notifier;
  elector: Elector;
  window: SendWindow;
  ratePerSecond: number;
  /** Requests awaiting Telegram's answer at once; also the most a crash can send twice. */
  maxInFlight?: number;
  /** Called now and then while sending, and when the queue is empty (progress messages). */
  onProgress?: () => Promise<void>;
  sleep?: Sleep;
  instanceId?: string;
}

const POLL_MS = 1_000;
const STANDBY_MS = 5_000;
const LEASE_SECONDS = 300;
const PROGRESS_MS = 2_000;
/** A delivery told to wait this many times in a row is retried later like a transient error. */
const MAX_RATE_LIMITS = 8;

/**
 * Sends due deliveries: claims a batch (SKIP LOCKED + lease), paces the calls, records each
 * outcome as soon as Telegram answers. Only the elected leader sends.
 */
export class Dispatcher {
  readonly instanceId: string;
  readonly stats: DispatchStats = { sent: 0, failed: 0, unreachable: 0, retried: 0, rateLimited: 0 };
  private readonly pacer: Pacer;
  private readonly sleep: Sleep;
  private readonly maxInFlight: number;
  private readonly batchSize: number;
  private running = false;
  private loop: Promise<void> | undefined;
  private readonly napper = new Napper();
  private readonly serial = new Serial();
  private lastProgress = 0;
  private progressChain: Promise<void> = Promise.resolve();
  private stopping = false;

  constructor(private readonly o: DispatcherOptions) {
    this.instanceId = o.instanceId ?? `d-${randomBytes(4).toString('hex')}`;
    this.sleep = o.sleep ?? realSleep;
    this.pacer = new Pacer(o.ratePerSecond, this.sleep);
    this.maxInFlight = o.maxInFlight ?? 8;
    this.batchSize = Math.max(10, Math.ceil(o.ratePerSecond * 2));
  }

  /** Runs in the background: polls every second while leading, tries to lead every few seconds otherwise. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  /** Wakes the background loop (new deliveries were queued). */
  kick(): void {
    this.napper.wake();
  }

  /** Sends everything due now, then returns how many deliveries it handled (tests, benchmarks). */
  drain(): Promise<number> {
    return this.serial.run(async () => {
      if (!(await this.becomeLeader())) return 0;
      let total = 0;
      for (let n = await this.cycle(); n > 0; n = await this.cycle()) total += n;
      await this.progress();
      return total;
    });
  }

  /** Stops the loop, lets the sends in flight finish and record, then gives up leadership. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    this.napper.wake();
    await this.loop;
    await this.serial.idle();
    await this.progressChain;
    await this.o.elector.release();
  }

  private async run(): Promise<void> {
    while (this.running) {
      let handled = 0;
      let leading = false;
      try {
        await this.serial.run(async () => {
          leading = await this.becomeLeader();
          if (leading) handled = await this.cycle();
          if (leading && handled === 0) await this.progress();
        });
      } catch (error) {
        this.o.logger.error({ err: error }, 'outbox dispatcher cycle failed');
      }
      if (handled === 0 && this.running) await this.napper.nap(leading ? POLL_MS : STANDBY_MS);
    }
  }

  private async becomeLeader(): Promise<boolean> {
    const state = await this.o.elector.lead();
    if (state === 'acquired') {
      // Leadership is exclusive: whatever a previous leader left "sending" may not have gone out.
      const orphans = await requeueOrphans(this.o.db, this.instanceId);
      this.o.logger.info({ instance: this.instanceId, orphans }, 'outbox dispatcher is the leader');
    }
    return state !== null;
  }

  private async cycle(): Promise<number> {
    const now = this.o.clock.now();
    if (isQuiet(now, this.o.window)) return 0;
    const expired = await skipExpired(this.o.db, now);
    if (expired > 0) this.o.logger.warn({ expired }, 'deliveries skipped: too late to send');
    const batch = await this.claim();
    if (batch.length === 0) return 0;
    const handled = await this.sendAll(batch);
    this.pacer.prune();
    return handled;
  }

  private claim(): Promise<ClaimedDelivery[]> {
    const now = this.o.clock.now();
    if (this.stopping || isQuiet(now, this.o.window)) return Promise.resolve([]);
    return this.o.db.transaction().execute((trx) => claimBatch(trx, { now, limit: this.batchSize, instanceId: this.instanceId, leaseSeconds: LEASE_SECONDS }));
  }

  /**
   * Sends with up to maxInFlight requests open, each chat at most about once a second, and claims
   * the next batch before this one runs out so the pace never stalls. Returns how many it handled.
   */
  private async sendAll(first: ClaimedDelivery[]): Promise<number> {
    const pending = [...first];
    const s = { handled: first.length, exhausted: false, refill: null as Promise<void> | null };
    const rateLimits = new Map<number, number>();
    const inFlight = new Set<Promise<void>>();
    while (pending.length > 0 || inFlight.size > 0 || s.refill) {
      // Stopping: what was claimed but not sent goes back to the queue at once.
      if (this.stopping && pending.length > 0) await releaseClaimed(this.o.db, pending.splice(0).map((d) => d.id));
      if (!s.refill && !s.exhausted && pending.length < this.batchSize / 2) {
        s.refill = this.claim().then((rows) => {
          pending.push(...rows);
          s.handled += rows.length;
          s.exhausted = rows.length === 0;
          s.refill = null;
        });
      }
      const ready = pending.findIndex((d) => this.pacer.chatWait(d.chatId) === 0);
      if (ready < 0 || inFlight.size >= this.maxInFlight) {
        const waitChat = pending.length ? Math.min(...pending.map((d) => this.pacer.chatWait(d.chatId))) : Infinity;
        const timer = Number.isFinite(waitChat) && inFlight.size < this.maxInFlight ? [this.sleep(waitChat)] : [];
        await Promise.race([...inFlight, ...(s.refill ? [s.refill] : []), ...timer]);
        continue;
      }
      const [delivery] = pending.splice(ready, 1);
      if (!delivery) continue;
      const answered = await this.pacer.take(delivery.chatId, () => this.stopping);
      if (!answered) {
        pending.unshift(delivery);
        continue;
      }
      const job: Promise<void> = this.sendOne(delivery, rateLimits, answered).then(
        (again) => {
          if (again) pending.unshift(delivery);
        },
        // Left "sending": the next leader (or the lease) puts it back in the queue.
        (error: unknown) => this.o.logger.error({ err: error, delivery: delivery.id }, 'could not record a delivery outcome'),
      );
      inFlight.add(job);
      void job.finally(() => inFlight.delete(job));
      if (performance.now() - this.lastProgress > PROGRESS_MS) void this.progress();
    }
    return s.handled;
  }

  /** Sends one delivery and records the outcome; true when it should be sent again after a 429 pause. */
  private async sendOne(d: ClaimedDelivery, rateLimits: Map<number, number>, answered: Answered): Promise<boolean> {
    const result = await this.o.notifier.send(d.chatId, d.payload).finally(answered);
    if (!result.ok && result.outcome === 'rate-limited') {
      this.stats.rateLimited++;
      this.pacer.pause(result.retryAfterSec);
      const times = (rateLimits.get(d.id) ?? 0) + 1;
      rateLimits.set(d.id, times);
      if (times < MAX_RATE_LIMITS) return true;
    }
    await recordOutcome(this.o, d, result, this.stats);
    return false;
  }

  /** Progress updates run one after another, beside the sending (never holding it up). */
  private progress(): Promise<void> {
    this.lastProgress = performance.now();
    const report = this.o.onProgress;
    if (!report) return Promise.resolve();
    this.progressChain = this.progressChain.then(() =>
      report().catch((error: unknown) => this.o.logger.warn({ err: error }, 'progress update failed')),
    );
    return this.progressChain;
  }
}
