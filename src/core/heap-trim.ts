import { performance } from 'node:perf_hooks';
import { getHeapSpaceStatistics, getHeapStatistics, type HeapSpaceInfo, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Gives the JavaScript heap back after a burst. When a reminder goes out, thousands of leaders
 * answer within a minute; V8 grows the heap for the garbage of that minute and keeps its pages
 * afterwards (40–60 MB on the 10,000-dialogue benchmark, twice what stays alive). Its own memory
 * reducer waits for 8 s ticks and a low allocation rate, and on an office's small server it often
 * does not run before the next burst. This does it deliberately: once the process has been nearly
 * idle for a few seconds and the old generation has grown since the last trim, one compacting full
 * collection moves the survivors together and returns the empty pages to the system (~250 ms for
 * the ~40 MB live after the benchmark's burst, more with more live; only while idle).
 *
 * V8 compacts only fragmented pages on its own; the testing flag below asks it to compact all of
 * them for this one collection, and is cleared right after. `tests/heap-trim.test.ts` checks that
 * the heap really shrinks on this Node, so an upgrade that turns this into a no-op is caught.
 */

export interface HeapTrimOptions {
  /** How long the event loop must stay nearly idle before a trim. */
  quietMs: number;
  /** How much the old generation must have grown since the last trim (or start) to trim again. */
  minGrowthBytes: number;
  /** Called after each trim with what it gave back (for the log). */
  onTrim?: (result: TrimResult) => void;
}

export interface TrimResult {
  beforeBytes: number;
  afterBytes: number;
  tookMs: number;
}

const CHECK_MS = 1_000;
/** Below this share of time busy, the process counts as idle (timers and polls keep it above 0). */
const IDLE_UTILIZATION = 0.05;

let collect: (() => void) | undefined;

/** A full collection function, without starting node with --expose-gc. */
function fullCollection(): () => void {
  if (collect) return collect;
  setFlagsFromString('--expose-gc');
  collect = runInNewContext('gc') as () => void;
  return collect;
}

/**
 * The pages the old generation holds. The young generation is left out: its two semi-spaces stay
 * committed whatever a collection does. (What lives on the pages is not known between collections:
 * their "used" size counts dead objects too, so growth is the signal, not slack.)
 */
export function oldGenerationBytes(): number {
  return oldGenerationSpaces().reduce((sum, s) => sum + s.space_size, 0);
}

/** V8's heap spaces other than the young generation's (the pages {@link oldGenerationBytes} counts). */
export function oldGenerationSpaces(): HeapSpaceInfo[] {
  return getHeapSpaceStatistics().filter((s) => !s.space_name.startsWith('new_'));
}

/** One compacting full collection, now. */
export function trimHeap(): TrimResult {
  const gc = fullCollection();
  const beforeBytes = getHeapStatistics().total_heap_size;
  const start = performance.now();
  setFlagsFromString('--compact-on-every-full-gc');
  try {
    gc();
  } finally {
    setFlagsFromString('--no-compact-on-every-full-gc');
  }
  return { beforeBytes, afterBytes: getHeapStatistics().total_heap_size, tookMs: performance.now() - start };
}

/** Watches the event loop; trims once per burst, after it. */
export function keepHeapTrimmed(options: HeapTrimOptions): { stop(): void } {
  let last = performance.eventLoopUtilization();
  let quietSince = performance.now();
  let baseline = oldGenerationBytes();
  const timer = setInterval(() => {
    const now = performance.eventLoopUtilization();
    const busy = performance.eventLoopUtilization(now, last).utilization > IDLE_UTILIZATION;
    last = now;
    if (busy) {
      quietSince = performance.now();
      return;
    }
    if (performance.now() - quietSince < options.quietMs || oldGenerationBytes() - baseline < options.minGrowthBytes) return;
    options.onTrim?.(trimHeap());
    baseline = oldGenerationBytes();
    // Busy or not, the next trim waits for another quiet spell.
    quietSince = performance.now();
    last = performance.eventLoopUtilization();
  }, CHECK_MS);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
