// `npm run bench -- broadcast [--scale k] [--recipients n]`: one broadcast to n (10,000) recipients
// through the fake Telegram, which allows 30·k messages/s in total and 1/s per chat and answers
// floods with 429 (longer retry_after when a client comes back too early). Ours: the outbox
// dispatcher on PGlite, configured at the emulator's limit. The peer: the loop grammY's docs
// recommend, `for … await bot.api.sendMessage` with autoRetry(), against a fresh emulator.
import { performance } from 'node:perf_hooks';
import { autoRetry } from '@grammyjs/auto-retry';
import { Api } from 'grammy';
import { createBroadcast } from '../../src/broadcasts/broadcasts.service.js';
import { systemClock } from '../../src/core/clock.js';
import { openDatabase } from '../../src/core/db.js';
import { createLogger } from '../../src/core/logger.js';
import { migrateToLatest } from '../../src/core/migrator.js';
import { Dispatcher } from '../../src/outbox/dispatcher.js';
import { soloElector } from '../../src/outbox/leader.js';
import { createNotifier } from '../../src/telegram/notifier.js';
import { FakeTelegram } from '../support/fake-telegram.js';

const FIRST_ID = 1_000_000;
const TELEGRAM_LIMIT = 30;
const TEXT = 'Kính gửi các khối phố: sáng 14/6 treo cờ Tổ quốc chào mừng kỷ niệm 90 năm.';

function option(args: string[], name: string, fallback: number): number {
  const i = args.indexOf(name);
  const value = i >= 0 ? Number(args[i + 1]) : fallback;
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
}

interface Outcome {
  seconds: number;
  delivered: number;
  lost: number;
  duplicates: number;
  violations: number;
}

function tally(fake: FakeTelegram, ids: number[], seconds: number): Outcome {
  const perChat = new Map<number, number>();
  for (const c of fake.callsOf('sendMessage')) if (!c.error) perChat.set(Number(c.params.chat_id), (perChat.get(Number(c.params.chat_id)) ?? 0) + 1);
  const delivered = [...perChat.values()].reduce((a, b) => a + b, 0);
  return {
    seconds,
    delivered,
    lost: ids.filter((id) => !perChat.has(id)).length,
    duplicates: [...perChat.values()].reduce((sum, n) => sum + n - 1, 0),
    violations: fake.stats().violations,
  };
}

async function ours(ids: number[], limit: number): Promise<Outcome> {
  const fake = await FakeTelegram.start();
  fake.rateLimit({ global: limit, perChat: 1 });
  const database = await openDatabase({ dataDir: 'memory://' });
  try {
    await migrateToLatest(database.db);
    for (let i = 0; i < ids.length; i += 1000) {
      const rows = ids.slice(i, i + 1000).map((id) => ({ telegram_id: id, chat_id: id, display_name: `Khối ${id}`, username: null, locale: null, role: 'leader' as const }));
      await database.db.insertInto('members').values(rows).execute();
    }
    const settings = { window: { zone: 'Asia/Ho_Chi_Minh', quiet: null }, graceHours: 6 };
    const draft = { content: { kind: 'text' as const, text: TEXT }, target: { mode: 'everyone' as const }, sendAt: systemClock.now(), repeat: null, locale: 'vi', progressChatId: 1 };
    await createBroadcast(database.db, systemClock, settings, 1, draft, 'bench');
    await database.db.updateTable('broadcasts').set({ progress_chat_id: null }).execute();
    const dispatcher = new Dispatcher({
      db: database.db,
      clock: systemClock,
      logger: createLogger({ level: 'silent', secrets: [] }),
      notifier: createNotifier({ token: fake.token, apiRoot: fake.apiRoot }),
      elector: soloElector(),
      window: settings.window,
      ratePerSecond: limit,
    });
    const started = performance.now();
    await dispatcher.drain();
    return tally(fake, ids, (performance.now() - started) / 1000);
  } finally {
    await database.close();
    await fake.close();
  }
}

async function peer(ids: number[], limit: number): Promise<Outcome> {
  const fake = await FakeTelegram.start();
  fake.rateLimit({ global: limit, perChat: 1 });
  const api = new Api(fake.token, { apiRoot: fake.apiRoot });
  api.config.use(autoRetry());
  const started = performance.now();
  try {
    for (const id of ids) {
      // grammY's broadcast advice: send one after the other, let autoRetry() wait out 429s.
      await api.sendMessage(id, TEXT).catch(() => undefined);
    }
    return tally(fake, ids, (performance.now() - started) / 1000);
  } finally {
    await fake.close();
  }
}

export async function run(args: string[]): Promise<void> {
  const scale = option(args, '--scale', 1);
  const n = Math.round(option(args, '--recipients', 10_000));
  const limit = Math.round(TELEGRAM_LIMIT * scale);
  const ids = Array.from({ length: n }, (_, i) => FIRST_ID + i);
  console.log(`broadcast to ${n} recipients; emulator: ${limit} msg/s in total, 1/s per chat; our rate = ${limit}/s`);

  const a = await ours(ids, limit);
  const aRate = a.delivered / a.seconds;
  console.log(`ours: ${a.delivered} messages in ${a.seconds.toFixed(1)} s = ${aRate.toFixed(2)} msg/s (ratio ${(aRate / limit).toFixed(3)}), lost ${a.lost}, duplicates ${a.duplicates}, 429s ${a.violations}`);
  const b = await peer(ids, limit);
  const bRate = b.delivered / b.seconds;
  console.log(`peer (for … await sendMessage + autoRetry): ${b.delivered} messages in ${b.seconds.toFixed(1)} s = ${bRate.toFixed(2)} msg/s (ratio ${(bRate / limit).toFixed(3)}), lost ${b.lost}, duplicates ${b.duplicates}, 429s ${b.violations}`);
  console.log(`broadcast: ${aRate.toFixed(2)} msg/s, ratio_to_limit ${(aRate / limit).toFixed(3)}, lost ${a.lost}, duplicates ${a.duplicates}, violations ${a.violations}, peer_ratio ${(bRate / limit).toFixed(3)}`);
}
