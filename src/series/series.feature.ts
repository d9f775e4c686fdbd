import { type CallbackQueryContext, Composer, InlineKeyboard } from 'grammy';
import type { Member } from '../core/member.js';
import { answerPress } from '../telegram/ask.js';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { splitLines } from '../telegram/split.js';
import { seriesChangeConversation } from './series-change.conversation.js';
import { listRecentOccurrences } from './series.queries.js';
import { seriesButton, seriesChangeButton, seriesEndButton, seriesEndNoButton, seriesEndYesButton, seriesListButton, seriesStatusButton } from './series.buttons.js';
import { changeSeries, findSeries, listSeries } from './series.service.js';
import { seriesDetailLines, seriesListLines } from './series.text.js';
import { clip } from '../core/text.js';

type AdminPress = CallbackQueryContext<BotContext & { member: Member }>;
type Change = ReturnType<typeof seriesChangeConversation>;
const RECENT_ROUNDS = 5;

const onList = ({ deps }: FeatureEnv) => async (ctx: AdminPress) => {
  await answerPress(ctx);
  const series = await listSeries(deps.db);
  const kb = new InlineKeyboard();
  series.forEach((s, i) => kb.text(ctx.t('tasks-admin-manage', { title: `${i + 1}. ${clip(s.title, 40)}` }), seriesButton.pack(s.id)).row());
  const chunks = splitLines(seriesListLines(ctx.t, series, deps.clock.now(), deps.config.timezone));
  for (const [i, chunk] of chunks.entries()) await ctx.reply(chunk, i === chunks.length - 1 ? { reply_markup: kb } : {});
};

/** One series with its actions: pause or resume, change rule / title / units, end. */
async function showSeries({ deps }: FeatureEnv, ctx: AdminPress, id: number, edit: boolean) {
  const s = await findSeries(deps.db, id);
  if (!s) return ctx.reply(ctx.t('series-gone'));
  const recent = await listRecentOccurrences(deps.db, id, RECENT_ROUNDS);
  const text = seriesDetailLines(ctx.t, s, recent, deps.clock.now(), deps.config.timezone).join('\n');
  const kb = new InlineKeyboard();
  if (s.status !== 'ended') {
    kb.text(ctx.t(s.status === 'paused' ? 'series-resume' : 'series-pause'), seriesStatusButton.pack(s.status === 'paused' ? 'resume' : 'pause', id)).row();
    kb.text(ctx.t('series-change-rule'), seriesChangeButton.pack('rule', id)).text(ctx.t('series-change-title'), seriesChangeButton.pack('title', id)).row();
    kb.text(ctx.t('series-change-units'), seriesChangeButton.pack('units', id)).text(ctx.t('series-end'), seriesEndButton.pack(id));
  }
  return edit ? ctx.editMessageText(text, { reply_markup: kb }) : ctx.reply(text, { reply_markup: kb });
}

const onSeries = (env: FeatureEnv) => async (ctx: AdminPress) => {
  const [id] = seriesButton.unpack(ctx.callbackQuery.data) ?? [0];
  await answerPress(ctx);
  if (id) await showSeries(env, ctx, id, false);
};

const onStatus = (env: FeatureEnv) => async (ctx: AdminPress) => {
  const pressed = seriesStatusButton.unpack(ctx.callbackQuery.data);
  await answerPress(ctx);
  if (!pressed) return;
  const [action, id] = pressed;
  const changed = await changeSeries(env.deps.db, env.deps.clock, ctx.member.id, id, { kind: 'status', status: action === 'pause' ? 'paused' : 'active' });
  if (!changed) return ctx.reply(ctx.t('series-gone'));
  await showSeries(env, ctx, id, true);
};

const onChange = (env: FeatureEnv, change: Change) => async (ctx: AdminPress) => {
  const pressed = seriesChangeButton.unpack(ctx.callbackQuery.data);
  await answerPress(ctx);
  if (!pressed) return;
  await ctx.editMessageReplyMarkup().catch(() => undefined);
  await change.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, seriesId: pressed[1], what: pressed[0] });
};

const onEnd = ({ deps }: FeatureEnv) => async (ctx: AdminPress) => {
  const [id] = seriesEndButton.unpack(ctx.callbackQuery.data) ?? [0];
  await answerPress(ctx);
  const s = id ? await findSeries(deps.db, id) : null;
  if (!s || s.status === 'ended') return ctx.reply(ctx.t('series-gone'));
  const kb = new InlineKeyboard().text(ctx.t('tasks-admin-yes'), seriesEndYesButton.pack(s.id)).text(ctx.t('tasks-admin-no'), seriesEndNoButton.pack());
  await ctx.editMessageText(ctx.t('series-confirm-end', { title: s.title }), { reply_markup: kb });
};

const onEndYes = ({ deps }: FeatureEnv) => async (ctx: AdminPress) => {
  const [id] = seriesEndYesButton.unpack(ctx.callbackQuery.data) ?? [0];
  await answerPress(ctx);
  const s = id ? await findSeries(deps.db, id) : null;
  const ended = s ? await changeSeries(deps.db, deps.clock, ctx.member.id, s.id, { kind: 'status', status: 'ended' }) : false;
  await ctx.editMessageText(ended && s ? ctx.t('series-ended', { title: s.title }) : ctx.t('series-gone'));
};

const onEndNo = async (ctx: AdminPress) => {
  await answerPress(ctx);
  await ctx.editMessageText(ctx.t('tasks-admin-kept'));
};

/** Admins: the recurring tasks under /tasks (list, one series, pause/resume, change, end). */
export function createSeriesFeature(env: FeatureEnv): Feature {
  const composer = new Composer<BotContext>();
  const admin = composer.chatType('private').filter(hasRole('admin'));
  const change = seriesChangeConversation(env);
  admin.callbackQuery(seriesListButton.pattern, onList(env));
  admin.callbackQuery(seriesButton.pattern, onSeries(env));
  admin.callbackQuery(seriesStatusButton.pattern, onStatus(env));
  admin.callbackQuery(seriesChangeButton.pattern, onChange(env, change));
  admin.callbackQuery(seriesEndButton.pattern, onEnd(env));
  admin.callbackQuery(seriesEndYesButton.pattern, onEndYes(env));
  admin.callbackQuery(seriesEndNoButton.pattern, onEndNo);
  return { composer, conversations: [change] };
}
