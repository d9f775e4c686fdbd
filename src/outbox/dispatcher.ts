import { randomBytes } from 'node:crypto';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import type { Notifier } from '../telegram/notifier.js';
import { type ClaimedDelivery, claimBatch, releaseClaimed, requeueOrphans, skipExpired } from './deliveries.queries.js';
import type { Elector } from './leader.js';
import { Napper, OutageLog, Serial } from './loop-kit.js';
import { lastServed } from './office-turns.js';
import { isQuiet, type SendWindow } from './outbox.rules.js';
import { type DispatchStats, emptyStats, Unrecorded } from './outcome.js';
import { SendBudget, type SendPacer, systemTime, type TimeSource } from '../telegram/pacer.js';
import { sendBatch } from './send-batch.js';

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
  /** Called now and then while sending, and when the queue is empty (broadcast states, progress messages). */
  onProgress?: () => Promise<void>;
  /** Pacing time (wall clock by default; tests pass a virtual one). */
  time?: TimeSource;
  /** The bot's send budget (its bulk lane), shared with interactive replies; the bulk lane of a budget of its own at `ratePerSecond` otherwise. */
  pacer?: SendPacer;
  instanceId?: string;
}

const POLL_MS = 1_000;
const STANDBY_MS = 5_000;
const LEASE_SECONDS = 300;
const PROGRESS_MS = 2_000;

/**
 * Sends due deliveries: claims a batch (SKIP LOCKED + lease), paces the calls, records each
 * outcome as soon as Telegram answers. Only the elected leader sends; it checks that it still
 * leads before each claim, and a lost database or lock makes it stop, step down and try again.
 */
export class Dispatcher {
  readonly instanceId: string;
  readonly stats: DispatchStats = emptyStats();
  private readonly pacer: SendPacer;
  private readonly time: TimeSource;
  private readonly maxInFlight: number;
  private readonly batchSize: number;
  private readonly napper = new Napper();
  private readonly serial = new Serial();
  private readonly unrecorded = new Unrecorded();
  private readonly outage: OutageLog;
  private running = false;
  private loop: Promise<void> | undefined;
  private lastProgress = -Infinity;
  private progressChain: Promise<void> = Promise.resolve();
  private stopping = false;
  /** Set when it (re)gains the lead or a batch was cut short: orphans go back before the next claim. */
  private mustRecover = false;
  /** The office served last: the next claim starts with the one after it (offices take turns). */
  private lastOffice = 0;
  /** Why the current batch stopped early, if it did. */
  private halted: 'lead lost' | 'database lost' | null = null;

  constructor(private readonly o: DispatcherOptions) {
    this.instanceId = o.instanceId ?? `d-${randomBytes(4).toString('hex')}`;
    this.time = o.time ?? systemTime;
    this.pacer = o.pacer ?? new SendBudget(o.ratePerSecond, this.time).bulk;
    this.maxInFlight = o.maxInFlight ?? 8;
    this.batchSize = Math.max(10, Math.ceil(o.ratePerSecond * 2));
    this.outage = new OutageLog(o.logger, 'outbox dispatcher');
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
      let total = 0;
      while (await this.becomeLeader()) {
        const n = await this.cycle();
        if (n === 0) break;
        total += n;
      }
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
    await this.o.elector.release().catch(() => undefined);
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
        this.outage.recovered();
      } catch (error) {
        this.outage.failed(error);
        await this.stepDown();
      }
      if (handled === 0 && this.running) await this.napper.nap(leading ? POLL_MS : STANDBY_MS);
    }
  }

  private async becomeLeader(): Promise<boolean> {
    const state = await this.o.elector.lead();
    if (state === 'acquired') {
      this.mustRecover = true;
      this.o.logger.info({ instance: this.instanceId }, 'outbox dispatcher is the leader');
    }
    return state !== null;
  }

  /** The database failed under us: let the lock go (another instance, or we, will retake it). */
  private async stepDown(): Promise<void> {
    this.mustRecover = true;
    await this.o.elector.release().catch(() => undefined);
  }

  /**
   * Leadership is exclusive, so whatever is still "sending" was claimed by a dead leader or by
   * this one before it lost the database: first write what was sent meanwhile, then requeue the rest.
   */
  private async recover(): Promise<void> {
    const written = await this.unrecorded.flush(this.o, this.stats);
    const orphans = await requeueOrphans(this.o.db);
    this.mustRecover = false;
    if (written || orphans) this.o.logger.info({ instance: this.instanceId, written, orphans }, 'outbox recovered what it had in hand');
  }

  private async cycle(): Promise<number> {
    if (this.mustRecover) await this.recover();
    const now = this.o.clock.now();
    if (isQuiet(now, this.o.window)) return 0;
    const expired = await skipExpired(this.o.db, now);
    if (expired > 0) this.o.logger.warn({ expired }, 'deliveries skipped: too late to send');
    this.halted = null;
    const batch = await this.claim();
    if (batch.length === 0) return 0;
    const handled = await sendBatch(
      {
        pacer: this.pacer,
        time: this.time,
        notifier: this.o.notifier,
        logger: this.o.logger,
        stats: this.stats,
        maxInFlight: this.maxInFlight,
        batchSize: this.batchSize,
        claim: () => this.claimWhileLeading(),
        release: (ids) => releaseClaimed(this.o.db, ids),
        record: async (d, result) => {
          const recorded = await this.unrecorded.record(this.o, d, result, this.stats);
          if (!recorded) this.halted = 'database lost';
          return recorded;
        },
        halted: () => this.stopping || this.halted !== null,
        onSent: () => {
          if (this.time.now() - this.lastProgress > PROGRESS_MS) void this.progress();
        },
      },
      batch,
    );
    this.pacer.prune();
    if (this.halted === 'database lost') throw new Error('outcomes could not be recorded: the database is away');
    if (this.halted === 'lead lost') this.o.logger.warn({ instance: this.instanceId }, 'outbox dispatcher lost the lead; stopped sending');
    return handled;
  }

  private claim(): Promise<ClaimedDelivery[]> {
    const now = this.o.clock.now();
    if (this.stopping || this.halted || isQuiet(now, this.o.window)) return Promise.resolve([]);
    return this.o.db.transaction().execute(async (trx) => {
      const batch = await claimBatch(trx, { now, limit: this.batchSize, instanceId: this.instanceId, leaseSeconds: LEASE_SECONDS, after: this.lastOffice });
      this.lastOffice = lastServed(batch, this.lastOffice);
      return batch;
    });
  }

  /** Mid-batch: only while this instance still holds the lead (another may have taken over). */
  private async claimWhileLeading(): Promise<ClaimedDelivery[]> {
    const state = await this.o.elector.lead().catch(() => null);
    if (state !== 'held') {
      this.halted ??= 'lead lost';
      // 'acquired' means it was lost and taken again: what it had claimed may have been requeued.
      this.mustRecover = true;
      return [];
    }
    return this.claim();
  }

  /** Progress updates run one after another, beside the sending (never holding it up). */
  private progress(): Promise<void> {
    this.lastProgress = this.time.now();
    const report = this.o.onProgress;
    if (!report) return Promise.resolve();
    this.progressChain = this.progressChain.then(() =>
      report().catch((error: unknown) => this.o.logger.warn({ err: error }, 'progress update failed')),
    );
    return this.progressChain;
  }
}
