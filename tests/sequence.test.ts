import { Composer, type Context } from 'grammy';
import { describe, expect, it } from 'vitest';
import { sequence } from '../src/telegram/sequence.js';

/** A context is never read by these layers: only passed along. */
const ctx = {} as Context;

describe('sequence: the bot’s layers as one middleware', () => {
  it('when every layer calls next, then they run in order and the outer next runs last', async () => {
    const seen: string[] = [];
    const layer = (name: string) => async (_: Context, next: () => Promise<void>) => {
      seen.push(`${name} in`);
      await next();
      seen.push(`${name} out`);
    };
    await sequence(layer('a'), layer('b'))(ctx, async () => {
      seen.push('outer');
    });
    expect(seen).toEqual(['a in', 'b in', 'outer', 'b out', 'a out']);
  });

  it('when a layer handles the update, then no later layer is entered, not even asked for its middleware', async () => {
    const seen: string[] = [];
    const later = {
      middleware: () => {
        seen.push('later asked');
        return () => undefined;
      },
    };
    await sequence<Context>(() => {
      seen.push('first');
    }, later)(ctx, async () => {
      seen.push('outer');
    });
    expect(seen).toEqual(['first']);
  });

  it('when a layer is a composer, then its handlers run, those added after the sequence was built too', async () => {
    const seen: string[] = [];
    const composer = new Composer<Context>();
    const outer = sequence<Context>(composer, async (_, next) => {
      seen.push('after');
      await next();
    });
    composer.use(async (_, next) => {
      seen.push('composer');
      await next();
    });
    await outer(ctx, async () => undefined);
    expect(seen).toEqual(['composer', 'after']);
  });

  it('when a layer fails, then the error reaches the caller (the error boundary) and later layers do not run', async () => {
    let later = false;
    const failing = sequence<Context>(
      () => Promise.reject(new Error('broken')),
      () => {
        later = true;
      },
    );
    await expect(Promise.resolve(failing(ctx, async () => undefined))).rejects.toThrow('broken');
    expect(later).toBe(false);
  });

  it('when a layer calls next twice, then the second call fails as grammY’s own chain does', async () => {
    const twice = sequence<Context>(async (_, next) => {
      await next();
      await next();
    });
    await expect(Promise.resolve(twice(ctx, async () => undefined))).rejects.toThrow('`next` already called before!');
  });
});
