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

  it('when two requests in one round name the same key, then the second is run only once the run with the first has ended', async () => {
    const events: string[] = [];
    const batch = new TickBatch<string, string>(
      async (reqs) => {
        events.push(`start ${reqs.join(',')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
        events.push(`end ${reqs.join(',')}`);
        return reqs.map((r) => r.toUpperCase());
      },
      (req) => [req.slice(0, 1)],
    );
    expect(await Promise.all([batch.ask('a1'), batch.ask('b1'), batch.ask('a2'), batch.ask('a3')])).toEqual(['A1', 'B1', 'A2', 'A3']);
    expect(events).toEqual(['start a1,b1', 'end a1,b1', 'start a2', 'end a2', 'start a3', 'end a3']);
  });

  it('when a batch fails and is run again request by request, then a request held back for one of its keys waits for those runs too', async () => {
    const events: string[] = [];
    const batch = new TickBatch<string, string>(
      async (reqs) => {
        events.push(reqs.join(','));
        await new Promise((resolve) => setTimeout(resolve, 10));
        if (reqs.length > 1) throw new Error('the batch failed');
        return reqs.map((r) => r.toUpperCase());
      },
      (req) => [req.slice(0, 1)],
    );
    expect(await Promise.all([batch.ask('a1'), batch.ask('b1'), batch.ask('a2')])).toEqual(['A1', 'B1', 'A2']);
    expect(events).toEqual(['a1,b1', 'a1', 'b1', 'a2']);
  });
});
