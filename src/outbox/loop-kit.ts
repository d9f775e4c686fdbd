import type { Logger } from '../core/logger.js';

/** Runs tasks one after another (the background loop and a test's drain() may overlap). */
export class Serial {
  private last: Promise<unknown> = Promise.resolve();

  run<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.last.then(fn);
    this.last = next.catch(() => undefined);
    return next;
  }

  /** Resolves when everything queued so far has finished. */
  idle(): Promise<unknown> {
    return this.last;
  }
}

/** A sleep that wake() ends early (new work arrived, or stopping). */
export class Napper {
  private waker: (() => void) | undefined;

  nap(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.waker = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.waker = done;
    });
  }

  wake(): void {
    this.waker?.();
  }
}

/**
 * Logs a failing loop once when it starts failing (the database is away, say) and once when it
 * works again, instead of an error line every second of the outage.
 */
export class OutageLog {
  private failing = false;

  constructor(
    private readonly logger: Logger,
    private readonly what: string,
  ) {}

  failed(error: unknown): void {
    if (this.failing) return this.logger.debug({ err: error }, `${this.what} still failing`);
    this.failing = true;
    this.logger.error({ err: error }, `${this.what} failed; retrying quietly until it works again`);
  }

  recovered(): void {
    if (!this.failing) return;
    this.failing = false;
    this.logger.info(`${this.what} works again`);
  }
}
