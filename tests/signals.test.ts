import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Child, startBotProcess } from './support/child.js';
import { FakeTelegram } from './support/fake-telegram.js';
import { seedDataDir } from './support/pglite.js';

// Runs on the embedded database only: what is tested is the process's signal handling.
describe('stopping npm start with Ctrl+C', () => {
  let fake: FakeTelegram;
  let dataDir: string;
  let child: Child | undefined;
  beforeAll(async () => {
    fake = await FakeTelegram.start();
    dataDir = mkdtempSync(join(tmpdir(), 'khoipho-signals-'));
    // A migrated database from the suite's cache: the child skips PGlite's first-start work.
    await seedDataDir(join(dataDir, 'db'));
  });
  afterAll(async () => {
    child?.proc.kill('SIGKILL');
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('when SIGINT arrives twice in a row, then the bot still stops cleanly, closes the database and exits 0', { timeout: 120_000 }, async () => {
    child = startBotProcess({ BOT_TOKEN: fake.token, ADMIN_IDS: '1', TELEGRAM_API_ROOT: fake.apiRoot, DATA_DIR: join(dataDir, 'db') }, { ownGroup: true });
    await fake.waitFor(() => fake.callsOf('getUpdates').length > 0, 90_000).catch((e: unknown) => {
      throw new Error(`${String(e)}\n${child?.output() ?? ''}`);
    });
    // Ctrl+C in a terminal signals the whole process group; impatient people press it twice,
    // the second time while the bot is still stopping.
    const group = -(child.proc.pid ?? 0);
    process.kill(group, 'SIGINT');
    const started = Date.now();
    while (!child.output().includes('"msg":"shutting down"') && Date.now() - started < 10_000) await new Promise((resolve) => setImmediate(resolve));
    try {
      process.kill(group, 'SIGINT');
    } catch (error) {
      // The stop was quicker than the second press: the group is gone (ESRCH), which is what a stop is.
      if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
    }
    const { code, signal } = await child.exited;
    const output = child.output();
    expect({ code, signal }, output).toEqual({ code: 0, signal: null });
    expect(output).toContain('"msg":"stopped"');
  });
});
