import type { Context, Middleware, MiddlewareFn } from 'grammy';

/**
 * The layers in order, as one middleware: what `composer.use(a); composer.use(b); …` does, except
 * that an update pays only for the layers it reaches. grammY nests each `use` inside all the
 * earlier ones, so every update first entered every layer the composer has (an async call, a
 * closure and a promise each, which the office scope's promise hooks then track), even an update
 * the first layer answers: with the bot's ~40 layers, a quarter of what the leader's report step
 * allocated. A layer given as an object (a Composer) is asked for its middleware on each update,
 * as grammY does, so handlers added to it later still run.
 */
export function sequence<C extends Context>(...layers: Middleware<C>[]): MiddlewareFn<C> {
  const fns: MiddlewareFn<C>[] = layers.map((layer) => (typeof layer === 'function' ? layer : (ctx, next) => layer.middleware()(ctx, next)));
  return (ctx, next) => {
    const from = async (i: number): Promise<void> => {
      const fn = fns[i];
      if (!fn) return next();
      let called = false;
      await fn(ctx, async () => {
        if (called) throw new Error('`next` already called before!');
        called = true;
        await from(i + 1);
      });
    };
    return from(0);
  };
}
