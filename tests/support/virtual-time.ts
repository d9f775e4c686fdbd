import type { TimeSource } from '../../src/telegram/pacer.js';

/**
 * A pacing clock for the outbox that never waits: a sleep resolves on the next turn of the
 * event loop, with the clock moved to its end (earliest sleeper first). So a 429 pause or the
 * one-second spacing per chat costs no real time, and a test can still read how long the
 * dispatcher waited, in virtual milliseconds. Real HTTP round trips take no virtual time.
 */
export class VirtualTime implements TimeSource {
  private t = 0;
  private readonly sleepers: { at: number; resolve: () => void }[] = [];
  private scheduled = false;

  now = (): number => this.t;

  sleep = (ms: number): Promise<void> =>
    new Promise((resolve) => {
      this.sleepers.push({ at: this.t + Math.max(0, ms), resolve });
      this.schedule();
    });

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      this.sleepers.sort((a, b) => a.at - b.at);
      const next = this.sleepers.shift();
      if (!next) return;
      this.t = Math.max(this.t, next.at);
      next.resolve();
      if (this.sleepers.length > 0) this.schedule();
    });
  }
}
