import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import type { Db } from '../core/db.js';
import { answerPress } from '../telegram/ask.js';
import { hasRole } from '../telegram/guards.js';
import { splitLines } from '../telegram/split.js';
import { broadcastConversation, targetLabel, whenLabel } from './broadcast.conversation.js';
import { cancelButton, cancelKeepButton, cancelYesButton, undeliveredButton } from './broadcasts.buttons.js';
import { listUndelivered } from './broadcasts.queries.js';
import { type BroadcastSummary, cancelBroadcast, findBroadcast, listRecentBroadcasts } from './broadcasts.service.js';
import { clip } from '../core/text.js';

const EXCERPT = 40;

/** Admins: /broadcast (guided), /broadcasts (recent ones, who did not receive, cancel). */
export function createBroadcastsFeature(env: FeatureEnv): Feature {
  const composer = new Composer<BotContext>();
  const admin = composer.chatType('private').filter(hasRole('admin'));
  const broadcast = broadcastConversation(env);
  const deps = env.deps;

  admin.command('broadcast', async (ctx) => {
    await broadcast.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, chatId: ctx.chat.id });
  });
  admin.command('broadcasts', (ctx) => showRecent(ctx, deps.db, deps.config.timezone));
  admin.callbackQuery(undeliveredButton.pattern, async (ctx) => {
    const [id] = undeliveredButton.unpack(ctx.callbackQuery.data) ?? [0];
    await answerPress(ctx);
    await showUndelivered(ctx, deps.db, id);
  });
  admin.callbackQuery(cancelButton.pattern, async (ctx) => {
    const [id] = cancelButton.unpack(ctx.callbackQuery.data) ?? [0];
    await answerPress(ctx);
    await askToCancel(ctx, deps.db, id);
  });
  admin.callbackQuery(cancelYesButton.pattern, async (ctx) => {
    const [id] = cancelYesButton.unpack(ctx.callbackQuery.data) ?? [0];
    await answerPress(ctx);
    const cancelled = await cancelBroadcast(deps.db, deps.clock, ctx.member.id, id);
    await ctx.editMessageText(ctx.t(cancelled ? 'bc-cancel-done' : 'bc-not-cancellable', { id }));
  });
  admin.callbackQuery(cancelKeepButton.pattern, async (ctx) => {
    await answerPress(ctx);
    await ctx.editMessageText(ctx.t('bc-cancel-kept'));
  });

  return { composer, conversations: [broadcast] };
}

async function showRecent(ctx: BotContext, db: Db, zone: string) {
  const list = await listRecentBroadcasts(db);
  if (list.length === 0) return ctx.reply(ctx.t('bc-list-none'));
  const lines = [ctx.t('bc-list-header'), ...list.map((b) => line(ctx, b, zone))];
  const kb = new InlineKeyboard();
  for (const b of list) {
    kb.text(ctx.t('bc-who-button', { id: b.id }), undeliveredButton.pack(b.id));
    if (b.status === 'scheduled' || b.status === 'sending') kb.text(ctx.t('bc-cancel-button', { id: b.id }), cancelButton.pack(b.id));
    kb.row();
  }
  const chunks = splitLines(lines);
  for (const [i, chunk] of chunks.entries()) await ctx.reply(chunk, i === chunks.length - 1 ? { reply_markup: kb } : {});
}

async function showUndelivered(ctx: BotContext, db: Db, id: number) {
  if (!(await findBroadcast(db, id))) return ctx.reply(ctx.t('bc-not-found'));
  const missing = await listUndelivered(db, id);
  if (missing.length === 0) return ctx.reply(ctx.t('bc-undelivered-none', { id }));
  const lines = [ctx.t('bc-undelivered-header', { id, count: missing.length }), ...missing.map((m) => ctx.t('bc-undelivered-line', { name: m.name, reason: ctx.t(`bc-reason-${m.status}`) }))];
  for (const chunk of splitLines(lines)) await ctx.reply(chunk);
}

async function askToCancel(ctx: BotContext, db: Db, id: number) {
  const b = await findBroadcast(db, id);
  if (!b || (b.status !== 'scheduled' && b.status !== 'sending')) return ctx.reply(ctx.t('bc-not-cancellable'));
  const kb = new InlineKeyboard().text(ctx.t('bc-cancel-yes'), cancelYesButton.pack(b.id)).text(ctx.t('bc-cancel-no'), cancelKeepButton.pack());
  await ctx.reply(ctx.t('bc-cancel-confirm', { id: b.id, text: b.content.text.slice(0, EXCERPT) }), { reply_markup: kb });
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
