import cron, { type ScheduledTask } from 'node-cron';
import type { Clock } from '../core/clock.js';
import type { Db } from '../core/db.js';
import type { Logger } from '../core/logger.js';
import { inOffice } from '../core/office-scope.js';
import { enqueueDeliveries } from './deliveries.queries.js';
import { OutageLog, Serial } from './loop-kit.js';
import type { DueItem, Producer, Texts } from './outbox.js';
import { nextSendable, type SendWindow, sendableDeadline } from './outbox.rules.js';
import { listStaffRecipients, localeOf } from './recipients.queries.js';
import { splitLines } from '../telegram/split.js';

export interface SchedulerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  window: SendWindow;
  graceHours: number;
  defaultLocale: string;
  texts: Texts;
  producers: Producer[];
  /**
   * When an item must wait past its first sending moment (`sendable`, after quiet hours) — the
   * Tết pause: a later moment to send from, like quiet hours; null to send as usual.
   */
  hold?: (item: DueItem, sendable: Date) => Promise<Date | null>;
  /** Called after a tick that held something back, once per moment it waits for (the admins' Tết notice). */
  onHeld?: (until: Date, now: Date) => Promise<void>;
  /** Called when a tick queued something (wakes the dispatcher). */
  onQueued?: () => void;
}

export interface TickResult {
  queued: string[];
  skipped: string[];
}

/**
 * Every minute (node-cron, in TIMEZONE) turns what is due into delivery rows. Each due item is
 * recorded once in outbox_runs, so a second tick, a second instance or a restart changes nothing.
 */
export class Scheduler {
  private task: ScheduledTask | undefined;
  private readonly serial = new Serial();

  constructor(private readonly o: SchedulerOptions) {}

  /** One tick at a time: cron and a test (or the start-up catch-up) may call it together. */
  tick(): Promise<TickResult> {
    return this.serial.run(() => this.runTick());
  }

  /** Ticks now (catch-up after downtime) and then at the start of every minute. */
  start(timezone: string): void {
    const outage = new OutageLog(this.o.logger, 'outbox tick');
    const run = () => this.tick().then(() => outage.recovered(), (error: unknown) => outage.failed(error));
    void run();
    this.task = cron.schedule('* * * * *', run, { timezone, name: 'outbox-tick', noOverlap: true });
  }

  async stop(): Promise<void> {
    await this.task?.destroy();
    this.task = undefined;
    await this.serial.idle();
  }

  /**
   * Each office in turn, inside its scope (core/office-scope): the producers see that office's tasks,
   * broadcasts and people only, so one office's digest or broadcast never reaches another's.
   */
  private async runTick(): Promise<TickResult> {
    const now = this.o.clock.now();
    const result: TickResult = { queued: [], skipped: [] };
    const offices = await this.o.db.selectFrom('offices').select('id').orderBy('id').execute();
    for (const office of offices) {
      const one = await inOffice(office.id, () => this.tickOffice(office.id, now));
      result.queued.push(...one.queued);
      result.skipped.push(...one.skipped);
    }
    if (result.queued.length || result.skipped.length) this.o.logger.info(result, 'outbox tick');
    return result;
  }

  private async tickOffice(officeId: number, now: Date): Promise<TickResult> {
    const { db } = this.o;
    const items: DueItem[] = [];
    for (const producer of this.o.producers) items.push(...(await producer.due(now)).map((item) => inOfficeKey(item, officeId)));
    const known = items.length
      ? new Set((await db.selectFrom('outbox_runs').select('key').where('key', 'in', items.map((i) => i.key)).execute()).map((r) => r.key))
      : new Set<string>();
    const result: TickResult = { queued: [], skipped: [] };
    const skippedItems: DueItem[] = [];
    const heldUntil = new Set<number>();
    for (const item of items.filter((i) => !known.has(i.key))) {
      const { outcome, held } = await materialize(db, item, now, this.o);
      if (outcome === 'queued') result.queued.push(item.key);
      if (outcome === 'queued' && held) heldUntil.add(held.getTime());
      if (outcome === 'skipped') {
        result.skipped.push(item.key);
        skippedItems.push(item);
      }
    }
    if (skippedItems.length) await this.noticeSkipped(skippedItems, now);
    for (const until of heldUntil) await this.o.onHeld?.(new Date(until), now);
    if (result.queued.length || skippedItems.length) this.o.onQueued?.();
    return result;
  }

  /** Missed by more than the grace window: the admins are told, once, what did not go out. */
  private async noticeSkipped(items: DueItem[], now: Date): Promise<void> {
    this.o.logger.warn({ skipped: items.map((i) => i.key) }, 'missed while the bot was down; skipped');
    const admins = await listStaffRecipients(this.o.db, ['admin']);
    const key = `notice:skipped:${items.map((i) => i.key).sort()[0] ?? ''}`;
    // Every skipped item is listed: a long list goes out as several messages, never cut short.
    await enqueueDeliveries(
      this.o.db,
      admins.flatMap((a) => {
        const t = this.o.texts(localeOf(a.locale, this.o.defaultLocale));
        const chunks = splitLines([t('outbox-skipped-header', { count: items.length, hours: this.o.graceHours }), ...items.map((i) => `• ${i.describe(t)}`)]);
        return chunks.map((text, i) => ({ source: i === 0 ? key : `${key}:${i + 1}`, kind: 'notice' as const, chatId: a.chatId, memberId: a.memberId, payload: { text }, notBefore: now, expiresAt: null }));
      }),
    );
  }
}

/**
 * Records the run and queues its deliveries in one transaction; 'skipped' when it is past the
 * grace window, 'known' when another tick or instance got there first. `held`: the later moment
 * its messages wait for, when the hold applied.
 */
/**
 * An item's run key names its office, so two offices' digests of one day are two runs. Office 1,
 * the install's first (whose keys predate offices), keeps its keys as they were.
 */
function inOfficeKey(item: DueItem, officeId: number): DueItem {
  return officeId === 1 ? item : { ...item, key: `${item.key}@office:${officeId}` };
}

async function materialize(
  db: Db,
  item: DueItem,
  now: Date,
  o: { window: SendWindow; graceHours: number; hold?: SchedulerOptions['hold'] },
): Promise<{ outcome: 'queued' | 'skipped' | 'known'; held: Date | null }> {
  // Read before the transaction: on PGlite a query outside `trx` while it is open would deadlock.
  const held = o.hold ? await o.hold(item, nextSendable(item.dueAt, o.window)) : null;
  const sendFrom = held ?? item.dueAt;
  const deadline = sendableDeadline(sendFrom, o.graceHours, o.window);
  const late = now.getTime() > deadline.getTime();
  let added = 0;
  const outcome = await db.transaction().execute(async (trx) => {
    const run = await trx
      .insertInto('outbox_runs')
      .values({ key: item.key, status: late ? 'skipped' : 'queued', due_at: item.dueAt, processed_at: now })
      .onConflict((oc) => oc.columns(['office_id', 'key']).doNothing())
      .returning('key')
      .executeTakeFirst();
    if (!run) return 'known' as const;
    if (late) return 'skipped' as const;
    const expiresAt = item.expiresAt && item.expiresAt.getTime() < deadline.getTime() ? item.expiresAt : deadline;
    const outgoing = await item.build(trx, now);
    const { kind, taskId = null, broadcastId = null, unitId = null } = item.origin;
    added = await enqueueDeliveries(
      trx,
      outgoing.map((m) => ({ kind, taskId, broadcastId, unitId, ...m, source: item.key, notBefore: sendFrom, expiresAt })),
    );
    await trx.updateTable('outbox_runs').set({ recipients: added }).where('key', '=', item.key).execute();
    return 'queued' as const;
  });
  // Held means someone's message waits: a run with nobody to tell holds nothing.
  return { outcome, held: added > 0 ? held : null };
}
