// Counts database round trips on the wire: a TCP proxy in front of PostgreSQL that reads the
// frontend protocol. Every round trip ends with either a simple Query ('Q') or a Sync ('S') after
// Parse/Bind/Execute, so their count is the number of times the bot waited for the server,
// whatever library, transaction or statement shape produced them.
import { createServer, type Server, type Socket, connect } from 'node:net';

export interface WireCounter {
  /** postgres://… pointing at the proxy instead of the server. */
  url: string;
  roundTrips(): number;
  reset(): void;
  close(): Promise<void>;
}

const STARTUP = -1;

/** Reads message boundaries of one client's stream; calls `onMessage` with each message type. */
function frontendParser(onMessage: (type: number) => void): (chunk: Buffer) => void {
  let pending: Buffer = Buffer.alloc(0);
  let expect = STARTUP; // the first message has no type byte
  return (chunk) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let at = 0;
    for (;;) {
      if (expect === STARTUP) {
        if (pending.length - at < 8) break;
        const len = pending.readInt32BE(at);
        const code = pending.readInt32BE(at + 4);
        if (pending.length - at < len) break;
        at += len;
        // SSL/GSS negotiation requests are followed by another startup message.
        if (code !== 80877103 && code !== 80877104) expect = 0;
        continue;
      }
      if (pending.length - at < 5) break;
      const type = pending[at] ?? 0;
      const len = pending.readInt32BE(at + 1);
      if (pending.length - at < len + 1) break;
      onMessage(type);
      at += len + 1;
    }
    pending = pending.subarray(at);
  };
}

/** Starts the proxy on a free local port in front of `serverUrl`. */
export async function startWireCounter(serverUrl: string): Promise<WireCounter> {
  const target = new URL(serverUrl);
  const port = Number(target.port || 5432);
  let count = 0;
  const sockets = new Set<Socket>();
  const Q = 'Q'.charCodeAt(0);
  const S = 'S'.charCodeAt(0);
  const server: Server = createServer((client) => {
    const upstream = connect(port, target.hostname);
    sockets.add(client).add(upstream);
    const parse = frontendParser((type) => {
      if (type === Q || type === S) count++;
    });
    client.on('data', (chunk: Buffer) => {
      parse(chunk);
      upstream.write(chunk);
    });
    upstream.pipe(client);
    const end = () => {
      client.destroy();
      upstream.destroy();
      sockets.delete(client);
      sockets.delete(upstream);
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const local = new URL(serverUrl);
  local.hostname = '127.0.0.1';
  local.port = String(typeof address === 'object' && address ? address.port : 0);
  return {
    url: local.toString(),
    roundTrips: () => count,
    reset: () => {
      count = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}
