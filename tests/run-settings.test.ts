// The bot runs in two ways: `npm start` (package.json) and the Docker image (Dockerfile). Both set
// V8's flags and glibc's allocator settings that the memory and CPU figures depend on; they are
// written twice, so this keeps them equal.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const ROOT = new URL('../', import.meta.url);
const dockerfile = readFileSync(new URL('Dockerfile', ROOT), 'utf8').split('\n');
const start = (JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';

/** The image's command (the last exec-form CMD): node's flags, between `node` and the script. */
function dockerNodeFlags(): string[] {
  const cmd = dockerfile.filter((l) => l.startsWith('CMD [')).at(-1);
  const argv = JSON.parse(cmd?.slice('CMD '.length) ?? '[]') as string[];
  expect(argv[0], 'the CMD starts node').toBe('node');
  return argv.slice(1, -1);
}

/** A variable the image sets with ENV (`ENV A=1 B=2` lines). */
function dockerEnv(name: string): string | undefined {
  const pairs = dockerfile.filter((l) => l.startsWith('ENV ')).flatMap((l) => l.slice('ENV '.length).trim().split(/\s+/));
  return pairs.find((p) => p.startsWith(`${name}=`))?.slice(name.length + 1);
}

/** `npm start`: `VAR=value … node <flags> --import tsx src/main.ts`. */
function startScript(): { env: Record<string, string>; flags: string[] } {
  const words = start.split(/\s+/).filter(Boolean);
  const node = words.indexOf('node');
  const env = Object.fromEntries(words.slice(0, node).map((w) => [w.slice(0, w.indexOf('=')), w.slice(w.indexOf('=') + 1)]));
  const rest = words.slice(node + 1);
  const importAt = rest.indexOf('--import');
  return { env, flags: importAt >= 0 ? rest.slice(0, importAt) : rest.slice(0, -1) };
}

describe('how the bot is run', () => {
  it('when it is started with npm start, then node gets the same flags as in the Docker image', () => {
    const flags = dockerNodeFlags();
    expect(flags.length).toBeGreaterThan(0);
    expect(startScript().flags).toEqual(flags);
  });

  it('when it is started with npm start, then the C library gets the same GLIBC_TUNABLES as in the Docker image', () => {
    const tunables = dockerEnv('GLIBC_TUNABLES');
    expect(tunables).toMatch(/arena_max/);
    expect(startScript().env.GLIBC_TUNABLES).toBe(tunables);
  });
});
