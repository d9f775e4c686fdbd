import { Composer, type Context, GrammyError, InlineKeyboard, InputMediaBuilder } from 'grammy';
import { findTask } from '../tasks/tasks.service.js';
import type { BotContext, Translate } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { splitLines } from '../telegram/split.js';
import { type EvidencePhoto, type ReportDetail, reportEvidence, findReportDetail, taskReportsPage, unitHistory, unitsPage } from './officials.service.js';
import { flagTexts, historyLines, reportDetailLines, stateMark } from './officials.text.js';
import { clip } from '../core/text.js';

const ALBUM = 10;
const MAX_CAPTION = 1024;
const HISTORY_BUTTONS = 10;
const MAX_LABEL = 40;
const short = (s: string) => clip(s, MAX_LABEL);

/** For page turns and step edits: a repeated press (same text, same buttons) is not an error. */
export function unlessUnchanged(error: unknown): void {
  if (!(error instanceof GrammyError && /message is not modified/.test(error.description))) throw error;
}

/** Buttons under a report: its photos, return for rework (open task, not returned yet), the unit's history. */
export function reportKeyboard(t: Translate, d: ReportDetail): InlineKeyboard {
  const kb = new InlineKeyboard();
  if (d.photoCount > 0) kb.text(t('ofv-photos-button', { count: d.photoCount }), `oph:${d.taskId}:${d.unitId}`).row();
  if (d.taskOpen && !d.returned) kb.text(t('ofv-return-button'), `orw:${d.taskId}:${d.unitId}`).row();
  return kb.text(t('ofv-history-button', { unit: short(d.unitName) }), `oh:${d.unitId}`);
}

async function replyLines(ctx: Context, lines: string[], kb?: InlineKeyboard): Promise<void> {
  const chunks = splitLines(lines);
  for (const [i, chunk] of chunks.entries()) await ctx.reply(chunk, i === chunks.length - 1 && kb ? { reply_markup: kb } : {});
}

function caption(t: Translate, d: ReportDetail, photo: EvidencePhoto, range: { from: number; to: number; total: number } | null, zone: string): string {
  const lines = range ? [t('ofv-photos-caption', { title: d.title, unit: d.unitName, ...range })] : [];
  lines.push(...flagTexts(t, photo.flags, zone));
  const text = lines.join('\n');
  return clip(text, MAX_CAPTION);
}

/** Re-sends a report's photos: albums of at most 10 (sendMediaGroup), a lone photo with sendPhoto. */
async function sendEvidence(ctx: Context, t: Translate, d: ReportDetail, photos: EvidencePhoto[], zone: string): Promise<void> {
  for (let start = 0; start < photos.length; start += ALBUM) {
    const chunk = photos.slice(start, start + ALBUM);
    const range = { from: start + 1, to: start + chunk.length, total: photos.length };
    const captions = chunk.map((p, i) => caption(t, d, p, i === 0 ? range : null, zone));
    const [first] = chunk;
    if (chunk.length === 1 && first) await ctx.replyWithPhoto(first.fileId, captions[0] ? { caption: captions[0] } : {});
    else await ctx.replyWithMediaGroup(chunk.map((p, i) => InputMediaBuilder.photo(p.fileId, captions[i] ? { caption: captions[i] } : {})));
  }
}

/** Officials and admins: a task's reports, one report in full, a unit's history, and the evidence photos. */
export function createOfficialsFeature(env: FeatureEnv): Feature {
  const { deps } = env;
  const zone = deps.config.timezone;
  const composer = new Composer<BotContext>();
  const staff = composer.chatType('private').filter(hasRole('official', 'admin'));

  // "or:l:<task>" opens the list in a new message, "or:p:<task>:<page>" turns its pages.
  staff.callbackQuery(/^or:(?:l:(\d+)|p:(\d+):(\d+))$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const taskId = Number(ctx.match[1] ?? ctx.match[2]);
    const page = Number(ctx.match[3] ?? 0);
    const task = await findTask(deps.db, taskId);
    if (!task) return ctx.reply(ctx.t('ofv-report-not-found'));
    const { items, hasMore } = await taskReportsPage(deps.db, taskId, page);
    const kb = new InlineKeyboard();
    for (const item of items) kb.text(`${stateMark(ctx.t, item.state)} ${short(item.unitName)}${item.flagged ? ' ⚠️' : ''}`, `or:d:${taskId}:${item.unitId}`).row();
    if (page > 0) kb.text(ctx.t('page-prev'), `or:p:${taskId}:${page - 1}`);
    if (hasMore) kb.text(ctx.t('page-next'), `or:p:${taskId}:${page + 1}`);
    const text = ctx.t(items.length ? 'ofv-list-header' : 'ofv-list-empty', { title: task.title, page: page + 1 });
    if (ctx.match[1]) await ctx.reply(text, { reply_markup: kb });
    else await ctx.editMessageText(text, { reply_markup: kb }).catch(unlessUnchanged);
  });

  staff.callbackQuery(/^or:d:(\d+):(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const detail = await findReportDetail(deps.db, Number(ctx.match[1]), Number(ctx.match[2]));
    if (!detail) return ctx.reply(ctx.t('ofv-report-not-found'));
    await replyLines(ctx, reportDetailLines(ctx.t, detail, zone), reportKeyboard(ctx.t, detail));
  });

  staff.callbackQuery(/^oph:(\d+):(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const evidence = await reportEvidence(deps.db, Number(ctx.match[1]), Number(ctx.match[2]));
    if (!evidence) return ctx.reply(ctx.t('ofv-report-not-found'));
    if (evidence.photos.length === 0) return ctx.reply(ctx.t('ofv-no-photos'));
    await ctx.replyWithChatAction('upload_photo');
    await sendEvidence(ctx, ctx.t, evidence.detail, evidence.photos, zone);
  });

  // "ou:l" opens the unit picker, "ou:p:<page>" turns its pages.
  staff.callbackQuery(/^ou:(?:l|p:(\d+))$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const page = Number(ctx.match[1] ?? 0);
    const { units, hasMore } = await unitsPage(deps.db, page);
    const kb = new InlineKeyboard();
    for (const u of units) kb.text(short(u.name), `oh:${u.id}`).row();
    if (page > 0) kb.text(ctx.t('page-prev'), `ou:p:${page - 1}`);
    if (hasMore) kb.text(ctx.t('page-next'), `ou:p:${page + 1}`);
    const text = ctx.t(units.length ? 'ofv-pick-unit' : 'ofv-no-units');
    if (ctx.match[1] === undefined) await ctx.reply(text, { reply_markup: kb });
    else await ctx.editMessageText(text, { reply_markup: kb }).catch(unlessUnchanged);
  });

  staff.callbackQuery(/^oh:(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    const history = await unitHistory(deps.db, Number(ctx.match[1]));
    if (!history) return ctx.reply(ctx.t('ofv-unit-not-found'));
    const kb = new InlineKeyboard();
    for (const line of history.lines.filter((l) => l.state !== 'pending').slice(0, HISTORY_BUTTONS)) {
      kb.text(ctx.t('ofv-history-open', { title: short(line.title) }), `or:d:${line.taskId}:${history.unitId}`).row();
    }
    await replyLines(ctx, historyLines(ctx.t, history.unitName, history.lines, zone), kb);
  });

  return { composer };
}
