import type { UpdateSupplier } from '@grammyjs/runner';
import type { Api } from 'grammy';
import type { Update } from 'grammy/types';
import type { Logger } from '../core/logger.js';
import type { UpdateInbox } from './update-inbox.js';

/** Why polling is not getting updates right now ('polling' when it is). */
export type PollState = 'polling' | 'conflict' | 'telegram-unreachable' | 'database-unavailable';

export interface PollStatus {
  state: PollState;
  /** When the current trouble began. */
  since?: Date;
}

export interface SourceOptions {
  allowedUpdates: readonly string[];
  /** The first retry's delay; each next one doubles, up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
}

const LINES: Record<Exclude<PollState, 'polling'>, string> = {
  conflict: "409 Conflict: another process is polling this bot's token; retrying with a growing delay until it stops",
  'telegram-unreachable': 'cannot get updates from Telegram; retrying with a growing delay',
  'database-unavailable': 'cannot keep the updates taken from Telegram in the inbox (database unavailable): each is answered that the system is busy',
};

const errorCode = (error: unknown) => (typeof error === 'object' && error !== null && 'error_code' in error ? Number(error.error_code) : undefined);

/** The runner's AbortSignal (a shim's type, not the DOM's). */
type Signal = Parameters<UpdateSupplier<Update>['supply']>[1];

function sleep(ms: number, signal: Signal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done);
  });
}

/**
 * The runner's supply of updates, with its weather: every batch is written to the inbox before
 * the next getUpdates confirms it to Telegram, and what an earlier run left there comes first.
 * A 409 (another poller on the token) or an unreachable Telegram is waited out with a growing
 * delay, one log line when it begins and one when polling resumes. While the database is away the
 * updates cannot be kept: they go to the bot, which answers each "busy, try again" at once. Only a refused token
 * (401) ends polling: nothing can change that from here.
 */
export class UpdateSource implements UpdateSupplier<Update> {
  readonly status: PollStatus = { state: 'polling' };
  private offset = 0;
  private left: Update[] = [];
  /** The last batch's inbox write (never rejects). */
  private kept: Promise<void> = Promise.resolve();
  private readonly first: number;
  private readonly max: number;

  constructor(
    private readonly api: Api,
    private readonly inbox: UpdateInbox,
    private readonly logger: Logger,
    private readonly opts: SourceOptions,
  ) {
    this.first = opts.firstDelayMs ?? 250;
    this.max = opts.maxDelayMs ?? 30_000;
  }

  /** Loads what an earlier run took and did not handle; Telegram is asked only for later ones. */
  async recover(): Promise<number> {
    this.left = await this.inbox.left();
    const last = this.left.at(-1);
    if (last) this.offset = last.update_id + 1;
    return this.left.length;
  }

  async supply(batchSize: number, signal: Signal): Promise<Update[]> {
    if (this.left.length > 0) return this.left.splice(0, Math.max(1, batchSize));
    // The next getUpdates confirms the last batch to Telegram: its rows must be in the inbox first.
    await this.kept;
    let delay = this.first;
    for (;;) {
      const params = { timeout: 30, offset: this.offset, limit: Math.max(1, Math.min(batchSize, 100)), allowed_updates: [...this.opts.allowedUpdates] };
      let updates: Update[];
      try {
        updates = await this.api.getUpdates(params as Parameters<Api['getUpdates']>[0], signal);
      } catch (error) {
        if (signal.aborted || errorCode(error) === 401) throw error;
        this.trouble(errorCode(error) === 409 ? 'conflict' : 'telegram-unreachable', error);
        await sleep(delay, signal);
        delay = Math.min(delay * 2, this.max);
        continue;
      }
      if (this.status.state === 'conflict' || this.status.state === 'telegram-unreachable') this.calm();
      // Handled at once, stored meanwhile (off the answer's path); see `kept` above.
      this.kept = this.inbox.keep(updates).then(
        () => {
          if (updates.length > 0 && this.status.state === 'database-unavailable') this.calm();
        },
        // The database is away: the bot answers each of these "busy, try again in a few minutes"
        // at once (its error boundary), rather than leaving leaders without an answer until it is back.
        (error: unknown) => this.trouble('database-unavailable', error),
      );
      const last = updates.at(-1);
      if (last) this.offset = last.update_id + 1;
      return updates;
    }
  }

  private trouble(state: Exclude<PollState, 'polling'>, error: unknown): void {
    if (this.status.state === state) return;
    this.status.state = state;
    this.status.since = new Date();
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn({ reason }, LINES[state]);
  }

  private calm(): void {
    if (this.status.state === 'polling') return;
    const was = this.status.state;
    const since = this.status.since;
    this.status.state = 'polling';
    delete this.status.since;
    this.logger.info({ after: was, downMs: since ? Date.now() - since.getTime() : undefined }, 'polling resumed');
  }
}
