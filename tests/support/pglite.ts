/**
 * One PGlite per test worker. Starting PGlite costs seconds (WASM, initdb) and migrating more,
 * so a worker starts one instance, from a migrated template cached on disk, and lends it to
 * one test file after another (vitest runs with `isolate: false`, so this module's state
 * outlives a file); openTestDatabase() empties it for each file.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { PGlite, types } from '@electric-sql/pglite';
import { Kysely } from 'kysely';
import { PGliteDialect } from 'kysely-pglite-dialect';
import { type DatabaseHandle, PGLITE_PARSERS, preparingPglite } from '../../src/core/db.js';
import { leanParsers } from '../../src/core/pglite-parsers.js';
import { migrateToLatest } from '../../src/core/migrator.js';
import type { Database } from '../../src/core/schema.js';

const ROOT = new URL('../../', import.meta.url);
const MIGRATIONS = new URL('migrations/', ROOT);
const CACHE = new URL('node_modules/.cache/khoipho-tests/pglite/', ROOT);

export interface PgliteLease {
  handle: DatabaseHandle;
  /** Gives the shared instance back (a private one is closed). */
  release(): Promise<void>;
}

interface Shared {
  handle: DatabaseHandle;
  leased: boolean;
}

// On globalThis so that even a re-evaluated module (isolate: true) finds the worker's instance.
const KEY = Symbol.for('khoipho.tests.sharedPglite');
const store = globalThis as { [KEY]?: Promise<Shared> };

const sharedInstance = (): Promise<Shared> => (store[KEY] ??= startInstance().then((handle) => ({ handle, leased: false })));

/** The worker's shared instance; when a file already holds it, a private one from the template. */
export async function leasePglite(): Promise<PgliteLease> {
  const shared = await sharedInstance();
  if (!shared.leased) {
    shared.leased = true;
    let released = false;
    return {
      handle: shared.handle,
      release: async () => {
        if (released) return;
        released = true;
        shared.leased = false;
      },
    };
  }
  const own = await startInstance();
  return { handle: own, release: () => own.close() };
}

/**
 * Fills `dir` with a migrated PGlite data directory, for a child process's DATA_DIR: it then
 * starts in about a second instead of running initdb and every migration.
 */
export async function seedDataDir(dir: string): Promise<void> {
  const file = templateFile();
  if (!existsSync(file)) await sharedInstance(); // builds the template and caches it
  if (!existsSync(file)) throw new Error(`no PGlite template at ${fileURLToPath(file)} (is node_modules writable?)`);
  mkdirSync(dir, { recursive: true });
  // A plain tar of the data directory (PGlite's dumpDataDir).
  execFileSync('tar', ['-xf', fileURLToPath(file), '-C', dir], { stdio: 'ignore' });
}

// Worked out when the migrations were imported (just before this module), not when the template is
// built: a migration edited during a run must not label a template built from the old code.
const TEMPLATE_KEY = templateKey();
const templateFile = () => new URL(`pglite-${TEMPLATE_KEY}.tar`, CACHE);

/** A migrated PGlite: loaded from the cached template of these migrations, or migrated now and cached. */
async function startInstance(): Promise<DatabaseHandle> {
  const file = templateFile();
  let template: Blob | undefined;
  try {
    template = new Blob([readFileSync(file)]);
  } catch {
    template = undefined;
  }
  const fresh = await open(template).catch(async (e: unknown) => {
    if (!template) throw e;
    template = undefined; // a damaged cache file: start from scratch and replace it
    return open(undefined);
  });
  if (!template) {
    await migrateToLatest(fresh.handle.db);
    // A cache that cannot be written only costs the next run a migration.
    await saveTemplate(file, await fresh.pglite.dumpDataDir('none')).catch(() => undefined);
  }
  return fresh.handle;
}

async function open(template: Blob | undefined): Promise<{ pglite: PGlite; handle: DatabaseHandle }> {
  // The same INT8 parser as src/core/db.ts: the app sees numbers on both targets.
  const pglite = new PGlite({ parsers: PGLITE_PARSERS, ...(template ? { loadDataDir: template } : {}) });
  await pglite.waitReady;
  // As openDatabase does: the lean parser map, and marked statements run prepared (src/core/db.ts).
  const arrays = await leanParsers(pglite, types, PGLITE_PARSERS);
  const db = new Kysely<Database>({ dialect: new PGliteDialect(preparingPglite(pglite, arrays)) });
  const close = async () => {
    await db.destroy();
    if (!pglite.closed) await pglite.close();
  };
  return { pglite, handle: { db, target: 'pglite', close } };
}

/** Changes whenever a migration or PGlite itself does. */
function templateKey(): string {
  const hash = createHash('sha256');
  const pkg = JSON.parse(readFileSync(new URL('node_modules/@electric-sql/pglite/package.json', ROOT), 'utf8')) as { version: string };
  hash.update(pkg.version);
  for (const name of readdirSync(MIGRATIONS).sort()) {
    hash.update(name);
    hash.update(readFileSync(new URL(name, MIGRATIONS)));
  }
  return hash.digest('hex').slice(0, 16);
}

async function saveTemplate(file: URL, dump: Blob): Promise<void> {
  mkdirSync(CACHE, { recursive: true });
  const name = file.pathname.split('/').at(-1) ?? '';
  for (const old of readdirSync(CACHE)) if (!old.startsWith(name)) rmSync(new URL(old, CACHE), { force: true });
  // Written aside and renamed, so a worker never reads half a file.
  const tmp = new URL(`${name}.${process.pid}.tmp`, CACHE);
  writeFileSync(tmp, Buffer.from(await dump.arrayBuffer()));
  renameSync(tmp, file);
}
