import { describe, expect, it } from 'vitest';
import { PER_CHAT_MS, SendBudget } from '../src/telegram/pacer.js';
import { DialogueCache } from '../src/telegram/dialogue-store.js';
import { VirtualTime } from './support/virtual-time.js';

/** Takes a slot and answers at once; returns the virtual time it was granted at. */
async function send(budget: SendBudget, lane: 'replies' | 'bulk', chatId: number, time: VirtualTime): Promise<number> {
  const answered = await budget[lane].take(chatId);
  if (!answered) throw new Error('refused');
  answered();
  return time.now();
}

describe('the send budget (virtual time)', () => {
  it('when replies and outbox sends wait together, then every reply gets a slot before any outbox send', async () => {
    const time = new VirtualTime();
    const budget = new SendBudget(10, time);
    const order: string[] = [];
    const bulk = Array.from({ length: 5 }, (_, i) => send(budget, 'bulk', 100 + i, time).then(() => order.push(`bulk${i}`)));
    const replies = Array.from({ length: 3 }, (_, i) => send(budget, 'replies', 200 + i, time).then(() => order.push(`reply${i}`)));
    await Promise.all([...bulk, ...replies]);
    // The first bulk send had its slot before the replies arrived; after that, replies first.
    expect(order).toEqual(['bulk0', 'reply0', 'reply1', 'reply2', 'bulk1', 'bulk2', 'bulk3', 'bulk4']);
  });

  it('when both lanes send, then together they keep to 97% of the rate', async () => {
    const time = new VirtualTime();
    const budget = new SendBudget(10, time);
    const at = await Promise.all(Array.from({ length: 21 }, (_, i) => send(budget, i % 2 ? 'replies' : 'bulk', i, time)));
    const sorted = [...at].sort((x, y) => x - y);
    const span = (sorted.at(-1) ?? 0) - (sorted[0] ?? 0);
    expect(span / 20).toBeCloseTo(1000 / (10 * 0.97), 0);
  });

  it('when a reply meets a 429, then both lanes wait retry_after', async () => {
    const time = new VirtualTime();
    const budget = new SendBudget(25, time);
    await send(budget, 'replies', 1, time);
    const before = time.now();
    budget.replies.pause(3);
    const [bulkAt, replyAt] = await Promise.all([send(budget, 'bulk', 2, time), send(budget, 'replies', 3, time)]);
    expect(Math.min(bulkAt, replyAt) - before).toBeGreaterThanOrEqual(3000);
  });

  it('when a chat was just answered, then the outbox waits about a second before sending it a reminder', async () => {
    const time = new VirtualTime();
    const budget = new SendBudget(25, time);
    await send(budget, 'replies', 7, time);
    expect(budget.bulk.chatWait(7)).toBe(PER_CHAT_MS);
    expect(budget.bulk.chatWait(8)).toBe(0);
    expect(budget.replies.chatWait(7)).toBe(0);
  });

  it('when an outbox sender stops while waiting, then it is let go without a slot', async () => {
    const time = new VirtualTime();
    const budget = new SendBudget(25, time);
    budget.bulk.pause(60);
    let stopped = false;
    const waiting = budget.bulk.take(1, () => stopped);
    stopped = true;
    expect(await waiting).toBeNull();
    expect(budget.taken).toBe(0);
  });
});

describe('the dialogue cache', () => {
  it.each([
    { capacity: 2, touched: [], kept: [2, 3] },
    { capacity: 2, touched: [1], kept: [1, 3] },
    { capacity: 3, touched: [], kept: [1, 2, 3] },
  ])('when 3 chats open with room for $capacity after touching $touched, then $kept stay', ({ capacity, touched, kept }) => {
    const cache = new DialogueCache<string>(capacity);
    cache.set(1, 'a');
    cache.set(2, 'b');
    for (const chat of touched) cache.get(chat);
    cache.set(3, 'c');
    expect([1, 2, 3].filter((chat) => cache.get(chat) !== undefined)).toEqual(kept);
    expect(cache.size).toBe(kept.length);
  });
});
