import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './child.js';

const run = promisify(execFile);
const BIN = '/usr/lib/postgresql/15/bin';

/**
 * A throwaway PostgreSQL 15 server that a test starts, stops and restarts itself, on a free
 * port in a temporary directory owned by postgres (initdb and pg_ctl refuse to run as root).
 * Never the shared server on 5432.
 */
export class PgCluster {
  private constructor(
    readonly dir: string,
    readonly port: number,
  ) {}

  /** Only as root on a machine with the PostgreSQL 15 binaries and a postgres user. */
  static available(): boolean {
    return process.getuid?.() === 0 && existsSync(`${BIN}/initdb`) && existsSync('/usr/sbin/runuser');
  }

  static async create(): Promise<PgCluster> {
    const dir = mkdtempSync(join(tmpdir(), 'khoipho-pg-'));
    const { stdout: uid } = await run('id', ['-u', 'postgres']);
    const { stdout: gid } = await run('id', ['-g', 'postgres']);
    chownSync(dir, Number(uid.trim()), Number(gid.trim()));
    const cluster = new PgCluster(dir, await freePort());
    await cluster.pg('initdb', ['-D', cluster.data, '-A', 'trust', '-U', 'postgres', '--no-sync', '-E', 'UTF8', '--locale=C']);
    return cluster;
  }

  get data(): string {
    return join(this.dir, 'data');
  }

  url(database: string): string {
    return `postgres://postgres@127.0.0.1:${this.port}/${database}`;
  }

  async start(): Promise<void> {
    const opts = `-p ${this.port} -k ${this.dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
    await this.pg('pg_ctl', ['-D', this.data, '-l', join(this.dir, 'log'), '-o', opts, '-w', 'start']);
  }

  /** `fast` disconnects every session at once (what a restart for maintenance does). */
  async stop(mode: 'fast' | 'immediate' = 'fast'): Promise<void> {
    await this.pg('pg_ctl', ['-D', this.data, '-m', mode, '-w', 'stop']);
  }

  async destroy(): Promise<void> {
    await this.stop('immediate').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async pg(tool: string, args: string[]): Promise<void> {
    await run('runuser', ['-u', 'postgres', '--', `${BIN}/${tool}`, ...args], { cwd: this.dir, env: { PATH: process.env.PATH ?? '', LC_ALL: 'C' } });
  }
}
