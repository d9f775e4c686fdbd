import { type CallbackQueryContext, Composer, type Context, GrammyError, InlineKeyboard, InputMediaBuilder } from 'grammy';
import { clip } from '../core/text.js';
import { returnReportButton } from '../rework/rework.buttons.js';
import { findTask } from '../tasks/tasks.service.js';
import { answerPress } from '../telegram/ask.js';
import type { BotContext, Translate } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { pageKeyboard } from '../telegram/pager.js';
import { splitLines } from '../telegram/split.js';
import {
  reportDetailButton,
  reportPhotosButton,
  taskReportsButton,
  taskReportsPageButton,
  unitHistoryButton,
  unitPickerButton,
  unitPickerPageButton,
} from './officials.buttons.js';
import { type EvidencePhoto, findReportDetail, type ReportDetail, reportEvidence, taskReportsPage, unitHistory, unitsPage } from './officials.service.js';
import { flagTexts, historyLines, reportDetailLines, stateMark } from './officials.text.js';

type StaffPress = CallbackQueryContext<BotContext>;

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
  if (d.photoCount > 0) kb.text(t('ofv-photos-button', { count: d.photoCount }), reportPhotosButton.pack(d.taskId, d.unitId)).row();
  if (d.taskOpen && !d.returned) kb.text(t('ofv-return-button'), returnReportButton.pack(d.taskId, d.unitId)).row();
  return kb.text(t('ofv-history-button', { unit: short(d.unitName) }), unitHistoryButton.pack(d.unitId));
}

async function replyLines(ctx: Context, lines: string[], kb?: InlineKeyboard): Promise<void> {
  const chunks = splitLines(lines);
  for (const [i, chunk] of chunks.entries()) await ctx.reply(chunk, i === chunks.length - 1 && kb ? { reply_markup: kb } : {});
}

function caption(t: Translate, d: ReportDetail, photo: EvidencePhoto, range: { from: number; to: number; total: number } | null, zone: string): string {
  const lines = range ? [t('ofv-photos-caption', { title: d.title, unit: d.unitName, ...range })] : [];
  lines.push(...flagTexts(t, photo.flags, zone));
  return clip(lines.join('\n'), MAX_CAPTION);
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

/** A task's reports, one unit per button: page 0 in a new message, later pages in place. */
const onTaskReports =
  ({ deps }: FeatureEnv) =>
  async (ctx: StaffPress) => {
    const opened = taskReportsButton.unpack(ctx.callbackQuery.data);
    const turned = taskReportsPageButton.unpack(ctx.callbackQuery.data);
    const taskId = opened?.[0] ?? turned?.[0];
    const page = turned?.[1] ?? 0;
    if (taskId === undefined) return;
    await answerPress(ctx);
    const task = await findTask(deps.db, taskId);
    if (!task) return ctx.reply(ctx.t('ofv-report-not-found'));
    const { items, hasMore } = await taskReportsPage(deps.db, taskId, page);
    const choices = items.map((item) => ({
      label: `${stateMark(ctx.t, item.state)} ${short(item.unitName)}${item.flagged ? ' ⚠️' : ''}`,
      data: reportDetailButton.pack(taskId, item.unitId),
    }));
    const kb = pageKeyboard(choices, { page, hasMore }, (p) => taskReportsPageButton.pack(taskId, p), ctx.t);
    const text = ctx.t(items.length ? 'ofv-list-header' : 'ofv-list-empty', { title: task.title, page: page + 1 });
    if (opened) await ctx.reply(text, { reply_markup: kb });
    else await ctx.editMessageText(text, { reply_markup: kb }).catch(unlessUnchanged);
  };

const onReportDetail =
  ({ deps }: FeatureEnv) =>
  async (ctx: StaffPress) => {
    const pressed = reportDetailButton.unpack(ctx.callbackQuery.data);
    if (!pressed) return;
    await answerPress(ctx);
    const detail = await findReportDetail(deps.db, ...pressed);
    if (!detail) return ctx.reply(ctx.t('ofv-report-not-found'));
    await replyLines(ctx, reportDetailLines(ctx.t, detail, deps.config.timezone), reportKeyboard(ctx.t, detail));
  };

const onReportPhotos =
  ({ deps }: FeatureEnv) =>
  async (ctx: StaffPress) => {
    const pressed = reportPhotosButton.unpack(ctx.callbackQuery.data);
    if (!pressed) return;
    await answerPress(ctx);
    const evidence = await reportEvidence(deps.db, ...pressed);
    if (!evidence) return ctx.reply(ctx.t('ofv-report-not-found'));
    if (evidence.photos.length === 0) return ctx.reply(ctx.t('ofv-no-photos'));
    await ctx.replyWithChatAction('upload_photo');
    await sendEvidence(ctx, ctx.t, evidence.detail, evidence.photos, deps.config.timezone);
  };

/** The units, for their history: page 0 in a new message, later pages in place. */
const onUnitPicker =
  ({ deps }: FeatureEnv) =>
  async (ctx: StaffPress) => {
    const turned = unitPickerPageButton.unpack(ctx.callbackQuery.data);
    const page = turned?.[0] ?? 0;
    await answerPress(ctx);
    const { units, hasMore } = await unitsPage(deps.db, page);
    const choices = units.map((u) => ({ label: short(u.name), data: unitHistoryButton.pack(u.id) }));
    const kb = pageKeyboard(choices, { page, hasMore }, (p) => unitPickerPageButton.pack(p), ctx.t);
    const text = ctx.t(units.length ? 'ofv-pick-unit' : 'ofv-no-units');
    if (!turned) await ctx.reply(text, { reply_markup: kb });
    else await ctx.editMessageText(text, { reply_markup: kb }).catch(unlessUnchanged);
  };

/** A unit's tasks, newest first, with a button to open each report. */
const onUnitHistory =
  ({ deps }: FeatureEnv) =>
  async (ctx: StaffPress) => {
    const pressed = unitHistoryButton.unpack(ctx.callbackQuery.data);
    if (!pressed) return;
    await answerPress(ctx);
    const history = await unitHistory(deps.db, pressed[0]);
    if (!history) return ctx.reply(ctx.t('ofv-unit-not-found'));
    const kb = new InlineKeyboard();
    for (const line of history.lines.filter((l) => l.state !== 'pending').slice(0, HISTORY_BUTTONS)) {
      kb.text(ctx.t('ofv-history-open', { title: short(line.title) }), reportDetailButton.pack(line.taskId, history.unitId)).row();
    }
    await replyLines(ctx, historyLines(ctx.t, history.unitName, history.lines, deps.config.timezone), kb);
  };

/** Officials and admins: a task's reports, one report in full, a unit's history, and the evidence photos. */
export function createOfficialsFeature(env: FeatureEnv): Feature {
  const composer = new Composer<BotContext>();
  const staff = composer.chatType('private').filter(hasRole('official', 'admin'));
  staff.callbackQuery([taskReportsButton.pattern, taskReportsPageButton.pattern], onTaskReports(env));
  staff.callbackQuery(reportDetailButton.pattern, onReportDetail(env));
  staff.callbackQuery(reportPhotosButton.pattern, onReportPhotos(env));
  staff.callbackQuery([unitPickerButton.pattern, unitPickerPageButton.pattern], onUnitPicker(env));
  staff.callbackQuery(unitHistoryButton.pattern, onUnitHistory(env));
  return { composer };
}
