import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/child.js';

const MB = 1024 * 1024;

/** Runs the child script in a process of its own: the heap it measures is its own. */
function child(mode: 'now' | 'watch'): Record<string, unknown> {
  const run = spawnSync(process.execPath, ['--expose-gc', '--import', `${ROOT}node_modules/tsx/dist/loader.mjs`, `${ROOT}tests/support/heap-trim.child.ts`, mode], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`child failed: ${run.stdout}${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, unknown>;
}

describe('giving the heap back after a burst', () => {
  it('when half of every old-generation page is garbage after a full collection, then one trim packs the survivors and returns the empty pages', () => {
    type Heap = { pages: number; live: number };
    const { before, after, kept } = child('now') as { before: Heap; after: Heap; kept: number };
    expect(kept).toBe(300_000);
    // After V8's own full collection: half of every page is empty, and V8 leaves such pages as they are.
    expect(before.pages - before.live).toBeGreaterThan(10 * MB);
    // After the trim: the same survivors, packed.
    expect(Math.abs(after.live - before.live)).toBeLessThan(2 * MB);
    expect(after.pages - after.live).toBeLessThan(before.pages - before.live - 8 * MB);
  });

  it('when the process is busy, then nothing is trimmed; once it has been quiet a while, then the heap is trimmed once, not again', { timeout: 60_000 }, () => {
    const r = child('watch') as { whileBusy: number; afterQuiet: number; total: number; trims: Array<{ beforeBytes: number; afterBytes: number; tookMs: number }> };
    expect(r.whileBusy).toBe(0);
    expect(r.afterQuiet).toBe(1);
    expect(r.total).toBe(1);
    const [trim] = r.trims;
    expect(trim && trim.beforeBytes - trim.afterBytes).toBeGreaterThan(20 * MB);
  });
});
