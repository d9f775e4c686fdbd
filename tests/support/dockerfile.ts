// What the Dockerfile says about how the bot's process runs: read by the benchmark (to run the bot
// as the image does) and by tests/run-settings.test.ts (to keep `npm start` the same).
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The Dockerfile's lines that start with `instruction ` (none when the checkout has no Dockerfile). */
function dockerfileLines(root: string, instruction: 'CMD' | 'ENV'): string[] {
  const dockerfile = join(root, 'Dockerfile');
  if (!existsSync(dockerfile)) return [];
  return readFileSync(dockerfile, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith(`${instruction} `))
    .map((l) => l.slice(instruction.length + 1).trim());
}

/** The node flags of the image's command (its last exec-form CMD: `node <flags> dist/src/main.js`); none when it does not start node. */
export function dockerNodeFlags(root: string): string[] {
  const cmd = dockerfileLines(root, 'CMD')
    .filter((l) => l.startsWith('['))
    .at(-1);
  if (!cmd) return [];
  const argv = JSON.parse(cmd) as string[];
  return argv[0] === 'node' ? argv.slice(1, -1) : [];
}

/** Every variable the image sets with ENV (`ENV A=1 B=2` lines). */
export function dockerEnv(root: string): Record<string, string> {
  const pairs = dockerfileLines(root, 'ENV').flatMap((l) => l.split(/\s+/));
  return Object.fromEntries(pairs.map((p) => [p.slice(0, p.indexOf('=')), p.slice(p.indexOf('=') + 1)]));
}
