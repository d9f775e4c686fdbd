/**
 * The few lines of ustar a snapshot needs (regular files and folders, names under 100 bytes, as
 * in a Postgres data folder), so a snapshot opens with any `tar -xzf` and needs no dependency.
 */

export interface TarEntry {
  /** Relative, '/'-separated; folders end in '/'. */
  name: string;
  data: Buffer;
}

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

export function tarPack(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    const dir = e.name.endsWith('/');
    parts.push(header(e.name, dir ? 0 : e.data.length, dir));
    if (!dir) {
      parts.push(e.data);
      const pad = (BLOCK - (e.data.length % BLOCK)) % BLOCK;
      if (pad) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

/** Reads what {@link tarPack} (or a plain ustar tar) wrote; throws on a damaged archive. */
export function tarUnpack(tar: Buffer): TarEntry[] {
  const entries: TarEntry[] = [];
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const h = tar.subarray(at, at + BLOCK);
    if (h.every((b) => b === 0)) break;
    const stored = parseInt(h.toString('ascii', 148, 156).replace(/\0.*$/s, '').trim(), 8);
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : (h[i] ?? 0);
    if (stored !== sum) throw new Error('the snapshot is damaged (a header checksum does not match)');
    const field = (from: number, len: number) => h.toString('utf8', from, from + len).replace(/\0.*$/s, '');
    const prefix = field(345, 155);
    const name = prefix ? `${prefix}/${field(0, 100)}` : field(0, 100);
    const size = parseInt(field(124, 12).trim() || '0', 8);
    const type = field(156, 1);
    at += BLOCK;
    if (type === '5') entries.push({ name: name.endsWith('/') ? name : `${name}/`, data: Buffer.alloc(0) });
    else if (type === '0' || type === '') entries.push({ name, data: Buffer.from(tar.subarray(at, at + size)) });
    if (at + size > tar.length) throw new Error('the snapshot is damaged (it ends inside a file)');
    at += Math.ceil(size / BLOCK) * BLOCK;
  }
  return entries;
}
