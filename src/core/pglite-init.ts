import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** A first start's initdb, in its own process, is given this long. */
const INIT_TIMEOUT_MS = 120_000;

/**
 * Creates the embedded database's files in a new data folder, in a child process. PGlite runs
 * initdb as a second WebAssembly instance inside the process that opens the folder and copies its
 * result through memory, and that process keeps what all of it grew for as long as it runs: RSS
 * ~560 MB for the whole life of a first start, against ~200 MB after any restart (measured). In a
 * child of its own, that memory goes when the child ends. A folder that already holds a database
 * (PG_VERSION) is left alone.
 */
export async function initialiseDataDir(dataDir: string): Promise<void> {
  if (existsSync(join(dataDir, 'PG_VERSION'))) return;
  const pglite = import.meta.resolve('@electric-sql/pglite');
  const code = `const { PGlite } = await import(${JSON.stringify(pglite)}); const db = new PGlite(process.argv[1]); await db.waitReady; await db.close();`;
  // Baseline-compiled only: initdb runs once, so optimizing PGlite's code would cost more CPU than it saves.
  const child = spawn(process.execPath, ['--liftoff-only', '--input-type=module', '-e', code, dataDir], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const timer = setTimeout(() => child.kill('SIGKILL'), INIT_TIMEOUT_MS);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (status) => resolve(status));
  }).finally(() => clearTimeout(timer));
  if (exitCode !== 0) throw new Error(`could not create the database in ${dataDir} (exit code ${String(exitCode)}): ${stderr.trim()}`);
}
