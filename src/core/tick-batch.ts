/**
 * Requests asked for while the event loop works through one round of input, run together: one
 * statement (one round trip, one commit) for all of them instead of one each. Under load that is
 * many requests per statement; alone, a request is still one statement. When a batch of several
 * fails, each is run again alone, so one bad request fails only itself (a statement that failed
 * wrote nothing, so running it again is safe).
 */
export class TickBatch<Req, Res> {
  private pending: Array<{ req: Req; done: (res: Res) => void; failed: (error: unknown) => void }> = [];
  private scheduled = false;

  /** `run` answers the requests in order: one result per request. */
  constructor(private readonly run: (reqs: Req[]) => Promise<Res[]>) {}

  ask(req: Req): Promise<Res> {
    return new Promise((done, failed) => {
      this.pending.push({ req, done, failed });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.flush());
      }
    });
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const batch = this.pending.splice(0);
    try {
      const results = await this.run(batch.map((p) => p.req));
      for (const [i, p] of batch.entries()) answer(p, results[i]);
    } catch (error) {
      if (batch.length === 1) batch[0]?.failed(error);
      else for (const p of batch) void this.run([p.req]).then(([result]) => answer(p, result), p.failed);
    }
  }
}

/** A request's result, or its failure when the run gave it none (rather than leave it waiting). */
function answer<Res>(p: { done: (res: Res) => void; failed: (error: unknown) => void }, result: Res | undefined): void {
  if (result === undefined) p.failed(new Error('a batched request got no result'));
  else p.done(result);
}
