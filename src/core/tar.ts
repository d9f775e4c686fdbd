import { closeSync, createReadStream, mkdirSync, openSync, readdirSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve, sep } from 'node:path';

/**
 * The few lines of ustar a snapshot needs (regular files and folders, names under 100 bytes, as
 * in a Postgres data folder), so a snapshot opens with any `tar -xzf` and needs no dependency.
 */

const BLOCK = 512;

function header(name: string, size: number, dir: boolean): Buffer {
  const h = Buffer.alloc(BLOCK);
  if (Buffer.byteLength(name) > 100) throw new Error(`name too long for the snapshot: ${name}`);
  h.write(name, 0, 100, 'utf8');
  h.write(dir ? '0000755\0' : '0000600\0', 100, 8, 'ascii');
  h.write('0000000\0', 108, 8, 'ascii');
  h.write('0000000\0', 116, 8, 'ascii');
  h.write(`${size.toString(8).padStart(11, '0')}\0`, 124, 12, 'ascii');
  h.write(`${Math.floor(Date.now() / 1000).toString(8).padStart(11, '0')}\0`, 136, 12, 'ascii');
  h.write(dir ? '5' : '0', 156, 1, 'ascii');
  h.write('ustar\u000000', 257, 8, 'ascii');
  h.fill(' ', 148, 156);
  let sum = 0;
  for (const byte of h) sum += byte;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii');
  return h;
}

/** Names under `root` ('/'-separated, folders ending in '/'), parents before children, skipping `skip` at the top. */
function walk(root: string, skip: ReadonlySet<string>): string[] {
  const names: string[] = [];
  const visit = (rel: string) => {
    for (const d of readdirSync(join(root, rel), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const name = rel ? `${rel}/${d.name}` : d.name;
      if (!rel && skip.has(d.name)) continue;
      if (d.isDirectory()) {
        names.push(`${name}/`);
        visit(name);
      } else if (d.isFile()) names.push(name);
    }
  };
  visit('');
  return names;
}

/**
 * The folder `root` as a tar stream, each file read as it is sent: a file's bytes pass through
 * memory a chunk at a time, so a data folder of any size is packed in a few hundred kB. The
 * folder must not change meanwhile (snapshots pack a copy of their own).
 */
export async function* tarFolder(root: string, skip: ReadonlySet<string> = new Set()): AsyncGenerator<Buffer> {
  for (const name of walk(root, skip)) {
    if (name.endsWith('/')) {
      yield header(name, 0, true);
      continue;
    }
    const size = statSync(join(root, name)).size;
    yield header(name, size, false);
    let sent = 0;
    for await (const chunk of createReadStream(join(root, name))) {
      sent += (chunk as Buffer).length;
      yield chunk as Buffer;
    }
    if (sent !== size) throw new Error(`${name} changed size while it was packed`);
    const pad = (BLOCK - (size % BLOCK)) % BLOCK;
    if (pad) yield Buffer.alloc(pad);
  }
  yield Buffer.alloc(BLOCK * 2);
}

type Unpacking = { kind: 'header' } | { kind: 'data'; fd: number; left: number; pad: number } | { kind: 'skip'; left: number };

/**
 * Writes what {@link tarFolder} (or a plain ustar tar) sent into the folder `dir`, as it arrives;
 * returns the names written. Throws on a damaged archive or a name that would land outside `dir`.
 */
export async function untarInto(source: AsyncIterable<Buffer> | Iterable<Buffer>, dir: string): Promise<string[]> {
  const names: string[] = [];
  const root = resolve(dir);
  let state: Unpacking = { kind: 'header' };
  let pending: Buffer = Buffer.alloc(0);
  let ended = false;
  try {
    for await (const chunk of source) {
      pending = pending.length > 0 ? Buffer.concat([pending, chunk]) : chunk;
      let at = 0;
      while (!ended && at < pending.length) {
        if (state.kind === 'data') {
          const take = Math.min(state.left, pending.length - at);
          writeSync(state.fd, pending, at, take);
          at += take;
          state.left -= take;
          if (state.left > 0) break;
          closeSync(state.fd);
          state = { kind: 'skip', left: state.pad };
        } else if (state.kind === 'skip') {
          const take = Math.min(state.left, pending.length - at);
          at += take;
          state.left -= take;
          if (state.left > 0) break;
          state = { kind: 'header' };
        } else {
          if (pending.length - at < BLOCK) break;
          const h = pending.subarray(at, at + BLOCK);
          at += BLOCK;
          if (h.every((b) => b === 0)) {
            ended = true;
            break;
          }
          const entry = readHeader(h);
          const pad = (BLOCK - (entry.size % BLOCK)) % BLOCK;
          if (entry.kind === 'other') {
            state = { kind: 'skip', left: entry.size + pad };
            continue;
          }
          const path = resolve(root, entry.name);
          if (path !== root && !path.startsWith(`${root}${sep}`)) throw new Error(`unsafe name in the snapshot: ${entry.name}`);
          names.push(entry.name);
          if (entry.kind === 'dir') mkdirSync(path, { recursive: true });
          else {
            mkdirSync(dirname(path), { recursive: true });
            state = { kind: 'data', fd: openSync(path, 'w'), left: entry.size, pad };
            if (entry.size === 0) {
              closeSync(state.fd);
              state = { kind: 'skip', left: state.pad };
            }
          }
        }
      }
      pending = pending.subarray(at);
    }
  } catch (error) {
    if (state.kind === 'data') closeSync(state.fd);
    throw error;
  }
  if (state.kind === 'data') closeSync(state.fd);
  if (state.kind === 'data' || (state.kind === 'skip' && state.left > 0)) throw new Error('the snapshot is damaged (it ends inside a file)');
  return names;
}

/** A header: a folder, a file, or an entry of another kind (pax headers, links), whose data is skipped. */
function readHeader(h: Buffer): { name: string; size: number; kind: 'dir' | 'file' | 'other' } {
  const stored = parseInt(h.toString('ascii', 148, 156).replace(/\0.*$/s, '').trim(), 8);
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (h[i] ?? 0);
  if (stored !== sum) throw new Error('the snapshot is damaged (a header checksum does not match)');
  const field = (from: number, len: number) => h.toString('utf8', from, from + len).replace(/\0.*$/s, '');
  const prefix = field(345, 155);
  const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
  const type = field(156, 1);
  if (type === '5') return { name: name.endsWith('/') ? name : `${name}/`, size: 0, kind: 'dir' };
  return { name, size: parseInt(field(124, 12).trim() || '0', 8), kind: type === '0' || type === '' ? 'file' : 'other' };
}
