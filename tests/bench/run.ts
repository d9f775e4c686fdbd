// `npm run bench -- <name> [options]` runs tests/bench/<name>.ts; without a name, every benchmark.
import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = fileURLToPath(new URL('.', import.meta.url));
const available = readdirSync(here)
  .filter((f) => f.endsWith('.bench.ts'))
  .map((f) => f.replace(/\.bench\.ts$/, ''))
  .sort();
const [name, ...args] = process.argv.slice(2);
const chosen = name && !name.startsWith('-') ? [name] : available;

async function main(): Promise<void> {
  for (const bench of chosen) {
    if (!available.includes(bench)) {
      console.error(`unknown benchmark "${bench}"; available: ${available.join(', ') || '(none)'}`);
      process.exit(1);
    }
    const mod = (await import(pathToFileURL(`${here}${bench}.bench.ts`).href)) as { run(args: string[]): Promise<void> };
    await mod.run(name === bench ? args : []);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
