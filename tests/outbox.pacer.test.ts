import { describe, expect, it } from 'vitest';
import { PER_CHAT_MS, SendBudget, type SendPacer } from '../src/telegram/pacer.js';
import { VirtualTime } from './support/virtual-time.js';

/** Books `n` sends to distinct chats; returns when each left (virtual ms) and its answer callback. */
async function book(pacer: SendPacer, time: VirtualTime, n: number, firstChat = 1) {
  const out = [];
  for (let i = 0; i < n; i++) {
    const answered = await pacer.take(firstChat + i);
    if (!answered) throw new Error('pacer refused to book');
    out.push({ at: time.now(), answered });
  }
  return out;
}

describe('the outbox lane of the send budget (virtual time)', () => {
  it('when sending to many chats, then sends are spaced at 97% of the rate', async () => {
    const time = new VirtualTime();
    const pacer = new SendBudget(10, time).bulk;
    const sends = await book(pacer, time, 21);
    for (const s of sends) s.answered();
    const span = (sends.at(-1)?.at ?? 0) - (sends[0]?.at ?? 0);
    expect(span / 20).toBeCloseTo(1000 / (10 * 0.97), 0);
  });

  it('when the send one window back has not answered, then the next one does not wait for it', async () => {
    const time = new VirtualTime();
    const pacer = new SendBudget(10, time).bulk;
    const [hung, ...rest] = await book(pacer, time, 10);
    for (const s of rest) s.answered();
    const [next] = await book(pacer, time, 1, 100);
    // Spacing only: the 11th leaves one interval after the 10th, not when the hung one answers.
    expect((next?.at ?? 0) - (rest.at(-1)?.at ?? 0)).toBeLessThan(1000 / (10 * 0.97) + 1);
    hung?.answered('abandoned');
  });

  it('when the send one window back answered late, then the next waits one second after it could have arrived', async () => {
    const time = new VirtualTime();
    const pacer = new SendBudget(10, time).bulk;
    const sends = await book(pacer, time, 10);
    for (const s of sends.slice(1)) s.answered();
    await time.sleep(5_000);
    sends[0]?.answered(); // answered 5 s after it left: it may have arrived as late as that
    const answeredAt = time.now();
    const [next] = await book(pacer, time, 1, 100);
    expect((next?.at ?? 0) - answeredAt).toBeGreaterThanOrEqual(1000 - 1);
  });

  it('when a chat was just sent to, then it waits about a second; a 429 pauses everyone for retry_after', async () => {
    const time = new VirtualTime();
    const pacer = new SendBudget(25, time).bulk;
    await pacer.take(7);
    expect(pacer.chatWait(7)).toBe(PER_CHAT_MS);
    expect(pacer.chatWait(8)).toBe(0);
    const before = time.now();
    pacer.pause(2);
    await pacer.take(8);
    expect(time.now() - before).toBeGreaterThanOrEqual(2000);
  });
});
