import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { type AddressInfo, createServer as createTcpServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CADDY = '/usr/bin/caddy';
const CADDYFILE = fileURLToPath(new URL('../Caddyfile', import.meta.url));

if (!existsSync(CADDY)) console.warn(`Caddyfile test skipped: ${CADDY} is missing (apt-get install -y caddy)`);

async function freePort(): Promise<number> {
  const probe = createTcpServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

/** The repository's Caddyfile, run by Caddy over plain http in front of a stand-in for the bot. */
describe.skipIf(!existsSync(CADDY))('Caddyfile in front of the bot', () => {
  let caddy: ChildProcess;
  let bot: Server;
  let front = '';
  /** What reached the bot, as "METHOD path". */
  const reached: string[] = [];

  beforeAll(async () => {
    bot = createServer((req, res) => {
      reached.push(`${req.method} ${req.url}`);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('bot');
    });
    await new Promise<void>((resolve) => bot.listen(0, '127.0.0.1', resolve));
    const port = await freePort();
    front = `http://127.0.0.1:${port}`;
    const dir = mkdtempSync(join(tmpdir(), 'khoipho-caddy-'));
    // The file as shipped, imported under a global block that only turns the admin port off.
    const config = join(dir, 'Caddyfile');
    writeFileSync(config, `{\n\tadmin off\n}\nimport ${CADDYFILE}\n`);
    const env = { ...process.env, HOME: dir, XDG_DATA_HOME: dir, XDG_CONFIG_HOME: dir, DOMAIN: front, WEBHOOK_PATH: '/tg-hook-7f3a', BOT_UPSTREAM: `127.0.0.1:${(bot.address() as AddressInfo).port}` };
    caddy = spawn(CADDY, ['run', '--config', config, '--adapter', 'caddyfile'], { env, stdio: 'ignore' });
    // Caddy takes a moment to listen: ask until it answers.
    for (let i = 0; i < 200; i++) {
      if (await fetch(`${front}/`).then(() => true, () => false)) return;
      await delay(50);
    }
    throw new Error('caddy did not start');
  }, 20_000);
  afterAll(async () => {
    caddy?.kill();
    await new Promise((resolve) => bot?.close(resolve));
  });

  it('when the dashboard and the webhook are asked through Caddy, then they reach the bot; /healthz, /backup and every other path get 404 at Caddy', async () => {
    reached.length = 0;
    const through = [
      ['GET', '/dashboard'],
      ['GET', '/dashboard/'],
      ['GET', '/dashboard/app.js'],
      ['GET', '/dashboard/api/campaigns'],
      ['POST', '/dashboard/api/tasks/1/units/2/remind'],
      ['POST', '/tg-hook-7f3a'],
    ];
    const stopped = [
      ['GET', '/healthz'],
      ['POST', '/backup'],
      ['GET', '/'],
      ['POST', '/'],
      ['GET', '/tg-hook-7f3a'],
      ['GET', '/dashboardx'],
      ['GET', '/x/dashboard/'],
      ['POST', '/telegram-webhook'],
    ];
    for (const [method, path] of through) {
      const res = await fetch(`${front}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(200);
    }
    for (const [method, path] of stopped) {
      const res = await fetch(`${front}${path}`, { method });
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(await res.text()).not.toBe('bot');
    }
    expect(reached).toEqual(through.map(([method, path]) => `${method} ${path}`));
  });
});
