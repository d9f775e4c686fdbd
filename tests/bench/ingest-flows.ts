// What the simulated leaders do in the ingest benchmark: the seven updates of one confirmation,
// everyone at once (closed loop) or flows started at a fixed rate (open loop).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../support/child.js';
import type { FakeTelegram } from '../support/fake-telegram.js';
import type { SimUser } from '../support/fake-telegram-user.js';

export const UPDATES_PER_FLOW = 7;
const REPLY_TIMEOUT_MS = 120_000;

/** The bot's apologies (busy, disk full, anything else), in every language, from the locale files. */
const APOLOGY_KEYS = /^(error-busy|error-generic|error-disk-full) = (.+)$/;
export const APOLOGIES: readonly string[] = readdirSync(join(ROOT, 'src/locales')).flatMap((locale) =>
  readFileSync(join(ROOT, 'src/locales', locale, 'common.ftl'), 'utf8')
    .split('\n')
    .flatMap((line) => APOLOGY_KEYS.exec(line)?.[2]?.trim() ?? []),
);

/** True when a text the bot sent is one of its apologies. */
export const isApology = (text: string): boolean => APOLOGIES.some((a) => text.includes(a));

/** One step: act, then wait for the replies; returns ms from the update's arrival to the last reply. An apology fails the flow. */
async function step(user: SimUser, act: () => void, replies: number): Promise<number> {
  const start = performance.now();
  act();
  const messages = await user.nextMessages(replies, { timeoutMs: REPLY_TIMEOUT_MS });
  const elapsed = performance.now() - start;
  const apology = messages.find((m) => isApology(m.text));
  if (apology) throw new Error(`User ${user.id} got the apology "${apology.text}".\nTranscript:\n${user.transcriptText()}`);
  return elapsed;
}

/**
 * The leader's seven updates: Báo cáo → Đã xong → 45 → photo → Xong → Bỏ qua → Gửi. Each gets one
 * message (the intro comes with the first question, the choice with the next one); the echo peer
 * answers each once.
 */
export async function leaderFlow(user: SimUser, echo: boolean): Promise<number[]> {
  const btn = (label: string | RegExp) => () => (echo ? user.pressCallbackData('x') : user.pressButton(label));
  return [
    await step(user, btn(/Báo cáo/), 1),
    await step(user, btn('✅ Đã xong'), 1),
    await step(user, () => user.sendText('45'), 1),
    await step(user, () => user.sendPhoto({ fileUniqueId: `bench-${user.id}-${performance.now()}` }), 1),
    await step(user, btn('Xong'), 1),
    await step(user, btn('Bỏ qua'), 1),
    await step(user, btn('📤 Gửi'), 1),
  ];
}

/**
 * Not measured: each leader opens /tasks, so the Báo cáo button is on screen (a hundred at a time).
 * A leader who got an apology instead keeps no button: that flow fails, with the apology in its transcript.
 */
export async function warmUp(users: SimUser[]): Promise<void> {
  for (let i = 0; i < users.length; i += 100) {
    await Promise.all(users.slice(i, i + 100).map((u) => step(u, () => u.sendText('/tasks'), 1).catch(() => 0)));
  }
}

export interface Latencies {
  updates: number;
  seconds: number;
  p50: number;
  p99: number;
  /** Flows that did not finish: a reply that never came or was not the expected one (e.g. the "busy" apology). */
  failed: number;
  firstFailure?: string;
}

/** A failed flow is counted and reported, not hidden: its updates are left out of the latencies. */
async function flowOrFailure(user: SimUser, echo: boolean): Promise<number[] | Error> {
  try {
    return await leaderFlow(user, echo);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
}

export function summarize(flows: Array<number[] | Error>, seconds: number): Latencies {
  const failures = flows.filter((f): f is Error => f instanceof Error);
  const sorted = flows.flatMap((f) => (f instanceof Error ? [] : f)).sort((a, b) => a - b);
  const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
  const firstFailure = failures[0]?.message.split('\n').slice(0, 8).join('\n');
  return { updates: sorted.length, seconds, p50: pct(50), p99: pct(99), failed: failures.length, ...(firstFailure ? { firstFailure } : {}) };
}

/** Everyone at once: throughput is what the bot sustains; p99 is mostly queueing. */
export async function closedLoop(users: SimUser[], echo: boolean): Promise<Latencies> {
  const t0 = performance.now();
  const flows = await Promise.all(users.map((u) => flowOrFailure(u, echo)));
  return summarize(flows, (performance.now() - t0) / 1000);
}

/** Flows start at a fixed rate, whether or not the earlier ones are done: latency under a given load. */
export async function openLoop(users: SimUser[], echo: boolean, updatesPerSecond: number): Promise<Latencies> {
  const intervalMs = (1000 * UPDATES_PER_FLOW) / updatesPerSecond;
  const t0 = performance.now();
  const flows: Promise<number[] | Error>[] = [];
  for (const [i, user] of users.entries()) {
    const wait = t0 + i * intervalMs - performance.now();
    if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
    flows.push(flowOrFailure(user, echo));
  }
  return summarize(await Promise.all(flows), (performance.now() - t0) / 1000);
}

/**
 * A "Báo cáo" press as from a reminder the leader never opened in this run (no message of the
 * bot on screen yet). Its query id is unknown to the fake, so answering it fails as a stale
 * press does; the dialogue opens all the same.
 */
export function pressReportFromReminder(fake: FakeTelegram, user: SimUser, data: string): void {
  const chat = { id: user.id, type: 'private' as const, first_name: user.user.first_name };
  fake.pushUpdate({
    callback_query: {
      id: `bench-${user.id}-${Date.now()}`,
      from: user.user,
      chat_instance: `ci${user.id}`,
      data,
      message: { message_id: 1, date: Math.floor(Date.now() / 1000), chat, text: 'Nhắc việc' },
    },
  });
}
