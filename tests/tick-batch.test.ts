import { describe, expect, it } from 'vitest';
import { TickBatch } from '../src/core/tick-batch.js';

// The batching under the leaders' Báo cáo and Gửi presses (report-open.queries.ts, report-submit.queries.ts), without a database.
describe('requests batched per round of input', () => {
  it('when requests come in the same round, then one run answers them all, each with its own result; a later one gets a run of its own', async () => {
    const runs: number[][] = [];
    const batch = new TickBatch<number, string>((reqs) => {
      runs.push(reqs);
      return Promise.resolve(reqs.map((n) => `#${n}`));
    });
    expect(await Promise.all([batch.ask(1), batch.ask(2), batch.ask(3)])).toEqual(['#1', '#2', '#3']);
    expect(await batch.ask(4)).toBe('#4');
    expect(runs).toEqual([[1, 2, 3], [4]]);
  });

  it('when a batch fails because of one request, then each is run alone: only that one fails', async () => {
    const runs: number[][] = [];
    const batch = new TickBatch<number, string>((reqs) => {
      runs.push(reqs);
      return reqs.includes(13) ? Promise.reject(new Error('bad request 13')) : Promise.resolve(reqs.map((n) => `#${n}`));
    });
    const results = await Promise.allSettled([batch.ask(12), batch.ask(13), batch.ask(14)]);
    expect(results).toEqual([
      { status: 'fulfilled', value: '#12' },
      { status: 'rejected', reason: new Error('bad request 13') },
      { status: 'fulfilled', value: '#14' },
    ]);
    expect(runs).toEqual([[12, 13, 14], [12], [13], [14]]);
  });

  it('when a run answers fewer results than requests, then the unanswered ones fail instead of waiting forever', async () => {
    const batch = new TickBatch<number, string>(() => Promise.resolve(['only one']));
    const results = await Promise.allSettled([batch.ask(1), batch.ask(2)]);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected']);
  });

  it('when two requests in one round name the same key, then the second waits for the next run, which starts after the first', async () => {
    const runs: string[][] = [];
    const batch = new TickBatch<string, string>(
      (reqs) => {
        runs.push(reqs);
        return Promise.resolve(reqs.map((r) => r.toUpperCase()));
      },
      (req) => [req.slice(0, 1)],
    );
    expect(await Promise.all([batch.ask('a1'), batch.ask('b1'), batch.ask('a2'), batch.ask('a3')])).toEqual(['A1', 'B1', 'A2', 'A3']);
    expect(runs).toEqual([['a1', 'b1'], ['a2'], ['a3']]);
  });
});
