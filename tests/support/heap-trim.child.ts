// Run by tests/heap-trim.test.ts in a process of its own (its heap is the thing measured):
// `node --import tsx heap-trim.child.ts <case>` prints one JSON line.
import { keepHeapTrimmed, oldGenerationBytes, oldGenerationSpaces, type TrimResult, trimHeap } from '../../src/core/heap-trim.js';

const MB = 1024 * 1024;
/** What lives on the pages {@link oldGenerationBytes} counts (exact right after a full collection). */
const oldLive = () => oldGenerationSpaces().reduce((sum, s) => sum + s.space_used_size, 0);

/**
 * A burst's leftovers: ~60 MB of objects promoted to the old generation, of which one in `every`
 * stays alive, spread over all the pages (as a burst's dialogues and caches are).
 */
function burst(every: number): unknown[] {
  let all: Array<{ i: number; s: string }> = [];
  for (let i = 0; i < 600_000; i++) all.push({ i, s: `row ${i}` });
  all = all.filter((_, i) => i % every === 0);
  return all;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Keeps the event loop busy for `ms` (a queue of small jobs, as a burst of updates does). */
async function busyFor(ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    const t = Date.now() + 20;
    while (Date.now() < t);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

async function main(): Promise<void> {
  const trims: TrimResult[] = [];
  if (process.argv[2] === 'now') {
    const kept = burst(2);
    // V8's own full collection (started with --expose-gc) frees the dead objects but keeps their pages.
    (globalThis as { gc?: () => void }).gc?.();
    const before = { pages: oldGenerationBytes(), live: oldLive() };
    trimHeap();
    console.log(JSON.stringify({ kept: kept.length, before, after: { pages: oldGenerationBytes(), live: oldLive() } }));
    return;
  }
  const watch = keepHeapTrimmed({ quietMs: 1_000, minGrowthBytes: 8 * MB, onTrim: (r) => trims.push(r) });
  const kept = burst(10);
  await busyFor(3_000);
  const whileBusy = trims.length;
  // quietMs (1 s) and a check a second: the trim comes 1–2 s into the quiet; 6 s leaves room for a slow machine.
  await sleep(6_000);
  const afterQuiet = trims.length;
  await sleep(3_000);
  watch.stop();
  console.log(JSON.stringify({ kept: kept.length, whileBusy, afterQuiet, total: trims.length, trims }));
}

void main();
