/**
 * Requests asked for while the event loop works through one round of input, run together: one
 * statement (one round trip, one commit) for all of them instead of one each. Under load that is
 * many requests per statement; alone, a request is still one statement. When a batch of several
 * fails, each is run again alone, so one bad request fails only itself (a statement that failed
 * wrote nothing, so running it again is safe). Requests that must not share a statement (two
 * writes of one row) name the same key in `conflicts`: the later one waits until the run with the
 * earlier one has ended (its one-by-one retries included), so they are written in the order asked.
 */
export class TickBatch<Req, Res> {
  private pending: Array<Pending<Req, Res>> = [];
  private scheduled = false;
  /** Keys of the requests being run now. */
  private readonly running = new Set<string>();

  /** `run` answers the requests in order: one result per request. */
  constructor(
    private readonly run: (reqs: Req[]) => Promise<Res[]>,
    private readonly conflicts?: (req: Req) => readonly string[],
  ) {}

  ask(req: Req): Promise<Res> {
    return new Promise((done, failed) => {
      this.pending.push({ req, done, failed });
      this.schedule();
    });
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const { batch, keys } = this.take();
    if (batch.length === 0) return;
    for (const k of keys) this.running.add(k);
    try {
      const results = await this.run(batch.map((p) => p.req));
      for (const [i, p] of batch.entries()) answer(p, results[i]);
    } catch (error) {
      if (batch.length === 1) batch[0]?.failed(error);
      else await Promise.all(batch.map((p) => this.run([p.req]).then(([result]) => answer(p, result), p.failed)));
    } finally {
      for (const k of keys) this.running.delete(k);
      // Requests held back for these keys can go now.
      if (keys.length > 0 && this.pending.length > 0) this.schedule();
    }
  }

  /** The next batch: every pending request but those whose key is being run, or is in the batch already. */
  private take(): { batch: Array<Pending<Req, Res>>; keys: string[] } {
    const all = this.pending.splice(0);
    if (!this.conflicts) return { batch: all, keys: [] };
    const taken = new Set<string>();
    const batch: Array<Pending<Req, Res>> = [];
    for (const p of all) {
      const reqKeys = this.conflicts(p.req);
      if (reqKeys.some((k) => taken.has(k) || this.running.has(k))) this.pending.push(p);
      else {
        for (const k of reqKeys) taken.add(k);
        batch.push(p);
      }
    }
    return { batch, keys: [...taken] };
  }
}

/**
 * A TickBatch for each of some objects, made when first asked (one per database handle: tests run
 * several bots, each on a handle of its own).
 */
export function batchedPer<K extends object, Req, Res>(
  run: (key: K, reqs: Req[]) => Promise<Res[]>,
  conflicts?: (req: Req) => readonly string[],
): (key: K, req: Req) => Promise<Res> {
  const batches = new WeakMap<K, TickBatch<Req, Res>>();
  return (key, req) => {
    let batch = batches.get(key);
    if (!batch) batches.set(key, (batch = new TickBatch((reqs) => run(key, reqs), conflicts)));
    return batch.ask(req);
  };
}

/** A batched statement's rows, each numbered by its request's position (`i`), as the run answers them: in the requests' order. */
export function byPosition<R extends object>(rows: ReadonlyArray<R & { i: number }>): R[] {
  const out: R[] = [];
  for (const { i, ...row } of rows) out[i] = row as R;
  return out;
}

interface Pending<Req, Res> {
  req: Req;
  done: (res: Res) => void;
  failed: (error: unknown) => void;
}

/** A request's result, or its failure when the run gave it none (rather than leave it waiting). */
function answer<Res>(p: { done: (res: Res) => void; failed: (error: unknown) => void }, result: Res | undefined): void {
  if (result === undefined) p.failed(new Error('a batched request got no result'));
  else p.done(result);
}
