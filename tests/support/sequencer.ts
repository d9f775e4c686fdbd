import { BaseSequencer, type TestSpecification } from 'vitest/node';

/**
 * The files that run for many seconds (child processes, real-time pacing) go first, so the two
 * workers end together instead of one starting the longest file when the other is nearly done.
 * Vitest's own order uses the last run's durations, which a fresh checkout (CI) does not have
 * and in which a worker's first file also carries the worker's start-up.
 */
const LONG_FIRST = ['data-folder.crash', 'send-budget.flood', 'entrypoint', 'outbox.crash', 'outbox.stall', 'signals', 'plans.extract', 'outbox.db-restart', 'offices.isolation'];

const rank = (spec: TestSpecification): number => {
  const i = LONG_FIRST.findIndex((name) => spec.moduleId.endsWith(`/${name}.test.ts`));
  return i < 0 ? LONG_FIRST.length : i;
};

export class LongFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    return sorted.map((spec, i) => ({ spec, i })).sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i).map(({ spec }) => spec);
  }
}
