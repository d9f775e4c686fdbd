// The bot runs in two ways: `npm start` (package.json) and the Docker image (Dockerfile). Both set
// V8's flags and glibc's allocator settings that the memory and CPU figures depend on; they are
// written twice, so this keeps them equal.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT } from './support/child.js';
import { dockerEnv, dockerNodeFlags } from './support/dockerfile.js';

const start = (JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> }).scripts.start ?? '';

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
    const flags = dockerNodeFlags(ROOT);
    expect(flags.length).toBeGreaterThan(0);
    expect(startScript().flags).toEqual(flags);
  });

  it('when it is started with npm start, then the C library gets the same GLIBC_TUNABLES as in the Docker image', () => {
    const tunables = dockerEnv(ROOT).GLIBC_TUNABLES;
    expect(tunables).toMatch(/arena_max/);
    expect(startScript().env.GLIBC_TUNABLES).toBe(tunables);
  });
});
