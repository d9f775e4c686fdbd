import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { initialiseDataDir } from '../src/core/pglite-init.js';
import { CHILD_NODE_FLAGS, ROOT } from './support/child.js';

/** Opens the data folder as the bot does, in a process of its own, and says its RSS (MB) once open. */
async function rssOnceOpen(scratch: string, dataDir: string): Promise<number> {
  const script = join(scratch, 'open.mts');
  writeFileSync(
    script,
    `import { readFileSync } from 'node:fs';
import { openDatabase } from ${JSON.stringify(`${ROOT}src/core/db.ts`)};
const handle = await openDatabase({ dataDir: process.argv[2] });
const rss = Number(/VmRSS:\\s+(\\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1]) / 1024;
await handle.close();
console.log(JSON.stringify({ rss }));`,
  );
  const proc = spawn(process.execPath, [...CHILD_NODE_FLAGS, '--import', `${ROOT}node_modules/tsx/dist/loader.mjs`, script, dataDir], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  proc.stdout.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const code = await new Promise<number | null>((resolve) => proc.on('close', resolve));
  expect(code, out).toBe(0);
  return (JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as { rss: number }).rss;
}

describe('the embedded database’s first start', () => {
  it('when the bot opens a new data folder, then the database is created in a process of its own and the bot holds no more memory than after a restart', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'khoipho-first-start-'));
    try {
      const dataDir = join(scratch, 'db');
      const first = await rssOnceOpen(scratch, dataDir);
      expect(existsSync(join(dataDir, 'PG_VERSION'))).toBe(true);
      const restart = await rssOnceOpen(scratch, dataDir);
      // In the opening process, initdb's memory stayed for the process's life: 560–670 MB against ~160–190 after a restart.
      expect(first).toBeLessThan(restart + 60);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });

  it('when the folder cannot take a database, then opening fails with the reason and nothing is left half made', async () => {
    const scratch = mkdtempSync(join(tmpdir(), 'khoipho-first-start-'));
    try {
      // A file where the folder should be: initdb cannot create anything there.
      const notADir = join(scratch, 'db');
      writeFileSync(notADir, 'not a folder');
      await expect(initialiseDataDir(notADir)).rejects.toThrow(/could not create the database in .*db \(exit code 1\)/);
      expect(existsSync(join(scratch, 'db', 'PG_VERSION'))).toBe(false);
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  });
});
