import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// `--import` resolves from the working directory, which tests vary: name tsx's loader by path.
const TSX_LOADER = `${ROOT}node_modules/tsx/dist/loader.mjs`;

/**
 * V8 flags for the short-lived bots tests start. PGlite is a 10 MB WebAssembly module, and V8
 * recompiles it with its optimizing tier in background threads: seconds of CPU a process that
 * lives a few seconds never earns back (a start costs ~5 s of CPU with it, ~3 s without, on 2
 * cores shared with the rest of the suite). Semantics are the same; only compilation differs.
 */
export const CHILD_NODE_FLAGS = ['--liftoff-only'];

export interface Child {
  proc: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the bot the way `npm start` does (node --import tsx src/main.ts), with only the given environment. */
export function startBotProcess(env: Record<string, string>, opts: { cwd?: string; nodeArgs?: string[]; ownGroup?: boolean } = {}): Child {
  const args = [...CHILD_NODE_FLAGS, ...(opts.nodeArgs ?? []), '--import', TSX_LOADER, `${ROOT}src/main.ts`];
  const proc = spawn(process.execPath, args, {
    cwd: opts.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a test can signal the group the way a terminal's Ctrl+C does.
    detached: opts.ownGroup ?? false,
  });
  let out = '';
  proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    proc.on('exit', (code, signal) => resolve({ code, signal })),
  );
  return { proc, output: () => out, exited };
}

/** Runs one of the npm scripts' entry points (e.g. src/backup.ts) to its end, as `npm run` would. */
export async function runScript(script: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const proc = spawn(process.execPath, [...CHILD_NODE_FLAGS, '--import', TSX_LOADER, `${ROOT}${script}`, ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  proc.stdout.on('data', (d: Buffer) => (output += d.toString()));
  proc.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((resolve) => proc.on('close', (c) => resolve(c)));
  return { code, output };
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
