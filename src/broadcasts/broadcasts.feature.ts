import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { splitLines } from '../telegram/split.js';
import { broadcastConversation, targetLabel, whenLabel } from './broadcast.conversation.js';
import { listUndelivered } from './broadcasts.queries.js';
import { type BroadcastSummary, cancelBroadcast, findBroadcast, listRecentBroadcasts } from './broadcasts.service.js';
import { clip } from '../core/text.js';

const EXCERPT = 40;

/** Admins: /broadcast (guided), /broadcasts (recent ones, who did not receive, cancel). */
export function createBroadcastsFeature(env: FeatureEnv): Feature {
  const { deps } = env;
  const zone = deps.config.timezone;
  const composer = new Composer<BotContext>();
  const admin = composer.chatType('private').filter(hasRole('admin'));
  const broadcast = broadcastConversation(env);

  admin.command('broadcast', async (ctx) => {
    await broadcast.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, chatId: ctx.chat.id });
  });

  admin.command('broadcasts', async (ctx) => {
    const list = await listRecentBroadcasts(deps.db);
    if (list.length === 0) return ctx.reply(ctx.t('bc-list-none'));
    const lines = [ctx.t('bc-list-header'), ...list.map((b) => line(ctx, b, zone))];
    const kb = new InlineKeyboard();
    for (const b of list) {
      kb.text(ctx.t('bc-who-button', { id: b.id }), `bcn:${b.id}`);
      if (b.status === 'scheduled' || b.status === 'sending') kb.text(ctx.t('bc-cancel-button', { id: b.id }), `bcx:${b.id}`);
      kb.row();
    }
    const chunks = splitLines(lines);
    for (const [i, chunk] of chunks.entries()) await ctx.reply(chunk, i === chunks.length - 1 ? { reply_markup: kb } : {});
  });

  admin.callbackQuery(/^bcn:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const id = Number(ctx.match[1]);
    if (!(await findBroadcast(deps.db, id))) return ctx.reply(ctx.t('bc-not-found'));
    const missing = await listUndelivered(deps.db, id);
    if (missing.length === 0) return ctx.reply(ctx.t('bc-undelivered-none', { id }));
    const lines = [ctx.t('bc-undelivered-header', { id, count: missing.length }), ...missing.map((m) => ctx.t('bc-undelivered-line', { name: m.name, reason: ctx.t(`bc-reason-${m.status}`) }))];
    for (const chunk of splitLines(lines)) await ctx.reply(chunk);
  });

  admin.callbackQuery(/^bcx:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const b = await findBroadcast(deps.db, Number(ctx.match[1]));
    if (!b || (b.status !== 'scheduled' && b.status !== 'sending')) return ctx.reply(ctx.t('bc-not-cancellable'));
    const kb = new InlineKeyboard().text(ctx.t('bc-cancel-yes'), `bcy:${b.id}`).text(ctx.t('bc-cancel-no'), 'bcy:no');
    await ctx.reply(ctx.t('bc-cancel-confirm', { id: b.id, text: b.content.text.slice(0, EXCERPT) }), { reply_markup: kb });
  });

  admin.callbackQuery(/^bcy:(\d+|no)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    if (ctx.match[1] === 'no') return ctx.editMessageText(ctx.t('bc-cancel-kept'));
    const id = Number(ctx.match[1]);
    const cancelled = await cancelBroadcast(deps.db, deps.clock, ctx.member.id, id);
    await ctx.editMessageText(ctx.t(cancelled ? 'bc-cancel-done' : 'bc-not-cancellable', { id }));
  });

  return { composer, conversations: [broadcast] };
}

function line(ctx: BotContext, b: BroadcastSummary, zone: string): string {
  const c = b.counts;
  const text = b.content.text || ctx.t(`bc-preview-kind-${b.content.kind}`);
  return ctx.t('bc-list-line', {
    id: b.id,
    when: whenLabel(ctx.t.bind(ctx), b.sendAt, b.repeat, zone),
    target: targetLabel(ctx.t.bind(ctx), b.target),
    text: clip(text, EXCERPT),
    status: ctx.t(`bc-status-${b.status}`),
    sent: c.sent,
    failed: c.failed + c.skipped,
    unreachable: c.unreachable,
    waiting: c.queued + c.sending,
  });
}
