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
