import { defineConfig } from 'vitest/config';
import { LongFirstSequencer } from './tests/support/sequencer.js';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    // Server target: one migrated template database per run (files copy it).
    globalSetup: ['tests/support/global-setup.ts'],
    // Files share their worker's process, so a worker starts PGlite once and lends it to file after
    // file (tests/support/pglite.ts); each file still gets an empty database.
    isolate: false,
    // The first file in a worker starts PGlite (seconds on a busy machine).
    hookTimeout: 60_000,
    testTimeout: 30_000,
    pool: 'forks',
    maxWorkers: 2,
    reporters: ['default'],
    sequence: { sequencer: LongFirstSequencer },
    // Transformed modules kept between runs (keyed by content): a warm run skips ~3 s of transforms.
    experimental: { fsModuleCache: true, fsModuleCachePath: 'node_modules/.cache/khoipho-tests/vitest-modules' },
  },
});
