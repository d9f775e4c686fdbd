// The processes a benchmark measures: the compiled bot (as the Dockerfile runs it) and the echo
// peer, each a plain `node` process, so /proc shows their own CPU time and memory.
import { spawn, spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Child } from '../support/child.js';
import { ROOT } from '../support/child.js';
import { dockerEnv, dockerNodeFlags as imageNodeFlags } from '../support/dockerfile.js';

const CLOCK_TICKS_PER_SECOND = 100;
/** BENCH_BOT_DIR=<checkout> measures another copy of the code (e.g. the last commit, for a before/after). */
const BOT_ROOT = process.env.BENCH_BOT_DIR ?? ROOT;
const MAIN = join(BOT_ROOT, 'dist/src/main.js');

/**
 * `npm run build` and the locale files beside it, as the Dockerfile does. Type errors in files
 * being edited elsewhere do not stop the build (tsc still emits); a missing output does.
 */
export function buildBot(): void {
  const tsc = spawnSync(join(ROOT, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.build.json'], { cwd: BOT_ROOT, encoding: 'utf8' });
  if (tsc.status !== 0) console.warn(`build: tsc reported problems (output still used):\n${tsc.stdout.split('\n').slice(0, 5).join('\n')}`);
  if (!existsSync(MAIN)) throw new Error(`build: ${MAIN} was not produced`);
  cpSync(join(BOT_ROOT, 'src/locales'), join(BOT_ROOT, 'dist/src/locales'), { recursive: true });
}

function childOf(cmd: string, args: string[], env: Record<string, string>): Child {
  const proc = spawn(cmd, args, { cwd: BOT_ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '/tmp', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  // BENCH_BOT_LOG=<file> keeps what the processes print (e.g. with BENCH_NODE_FLAGS=--trace-gc).
  const keep = (d: Buffer) => {
    out += d.toString();
    if (process.env.BENCH_BOT_LOG) appendFileSync(process.env.BENCH_BOT_LOG, d);
  };
  proc.stdout?.on('data', keep);
  proc.stderr?.on('data', keep);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  return { proc, output: () => out, exited };
}

/**
 * The node flags the Dockerfile starts the bot with (its CMD: `node <flags> dist/src/main.js`),
 * so the benchmark measures the process the image runs, not a default one.
 */
export const dockerNodeFlags = (): string[] => imageNodeFlags(BOT_ROOT);

/**
 * The Dockerfile's `ENV` variables that tune the process rather than configure the bot (the C
 * library's malloc), so the benchmark runs with them as the image does.
 */
export function dockerProcessEnv(): Record<string, string> {
  const { GLIBC_TUNABLES } = dockerEnv(BOT_ROOT);
  return GLIBC_TUNABLES === undefined ? {} : { GLIBC_TUNABLES };
}

/** The compiled bot: `node <the Dockerfile's flags> dist/src/main.js` (BENCH_PROFILE=<dir> adds a CPU profile, BENCH_NODE_FLAGS other node flags). */
export function startCompiledBot(env: Record<string, string>): Child {
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : [];
  const flags = process.env.BENCH_NODE_FLAGS?.split(' ').filter(Boolean) ?? [];
  return childOf(process.execPath, [...profile, ...dockerNodeFlags(), ...flags, MAIN], { NODE_ENV: 'production', ...dockerProcessEnv(), ...env });
}

/** The echo peer, on node itself (tsx only as a loader, so the pid is the bot's). */
export function startEcho(env: Record<string, string>): Child {
  return childOf(process.execPath, ['--import', 'tsx', join(ROOT, 'tests/bench/echo-bot.ts')], env);
}

/** Migrates with the measured code's own migrations (`node dist/src/migrate.js`), so an older copy gets its own schema. */
export function migrateBotDatabase(env: Record<string, string>): void {
  const run = spawnSync(process.execPath, [join(BOT_ROOT, 'dist/src/migrate.js')], { cwd: BOT_ROOT, env: { PATH: process.env.PATH ?? '', ...env }, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`migration failed: ${run.stdout}${run.stderr}`);
}

/** CPU time (user + system) the process has used so far, in ms. */
export function cpuMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  // Fields after the command name (which may hold spaces): utime is the 12th, stime the 13th.
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/**
 * Time the process's main thread has waited, runnable, for a core so far, in ms (/proc/<pid>/schedstat:
 * on-CPU ns, runqueue-wait ns, timeslices). High when the machine is full: the thread had work and no core.
 */
export function runnableWaitMs(pid: number | undefined): number {
  if (pid === undefined) return 0;
  return Number(readFileSync(`/proc/${pid}/schedstat`, 'utf8').split(' ')[1] ?? 0) / 1e6;
}

/** Busy CPU time of the whole machine so far (all cores, every process: ours and anyone else's), in ms. */
export function machineBusyMs(): number {
  // The first line of /proc/stat: user nice system idle iowait irq softirq steal … (in clock ticks).
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = (readFileSync('/proc/stat', 'utf8').split('\n')[0] ?? '').trim().split(/\s+/).slice(1).map(Number);
  return ((user + nice + system + irq + softirq + steal) * 1000) / CLOCK_TICKS_PER_SECOND;
}

/** Resident memory of the process, in MB. */
export function rssMb(pid: number | undefined): number {
  if (pid === undefined) return 0;
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(/\d+/.exec(line ?? '')?.[0] ?? 0) / 1024;
}

/** The machine's load, printed with every run (it is shared). */
export function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ');
}

export async function stopChild(child: Child): Promise<void> {
  if (child.proc.exitCode !== null) return;
  child.proc.kill('SIGTERM');
  const timer = setTimeout(() => child.proc.kill('SIGKILL'), 20_000);
  await child.exited;
  clearTimeout(timer);
}
