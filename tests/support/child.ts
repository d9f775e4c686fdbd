import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
// `--import` resolves from the working directory, which tests vary: name tsx's loader by path.
const TSX_LOADER = `${ROOT}node_modules/tsx/dist/loader.mjs`;

export interface Child {
  proc: ChildProcess;
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts the bot the way `npm start` does (node --import tsx src/main.ts), with only the given environment. */
export function startBotProcess(env: Record<string, string>, opts: { cwd?: string; nodeArgs?: string[]; ownGroup?: boolean } = {}): Child {
  const args = [...(opts.nodeArgs ?? []), '--import', TSX_LOADER, `${ROOT}src/main.ts`];
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
