import { type Context, InlineKeyboard } from 'grammy';
import { formatLocal } from '../core/clock.js';
import { formatWholeNumber, parseWholeNumber } from '../core/numbers.js';
import type { ReportForm, ReportStatus } from '../core/schema.js';
import type { Translate } from '../telegram/context.js';
import { pressedWith } from '../telegram/ask.js';
import { waitInput } from '../telegram/conversation-kit.js';
import type { BotConversation, ConversationDef, FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { authorizeReport, type PhotoEvidence, type ReportAnswers, submitReport } from './reports.service.js';

export const REPORT_CONVERSATION = 'report';
const STATUSES: readonly ReportStatus[] = ['done', 'partial', 'not_done'];
const MAX_NOTE = 1000;

/** What the dialogue needs to know, JSON-safe so a replay sees exactly what the first run saw. */
interface ReportView {
  title: string;
  unitName: string;
  households: number | null;
  form: ReportForm;
  due: string;
  already: { by: string; at: string } | null;
}

async function askStatus(conversation: BotConversation, ctx: Context, t: Translate): Promise<ReportStatus> {
  const kb = new InlineKeyboard();
  for (const s of STATUSES) kb.text(t(`report-status-${s}`), `rs:${s}`).row();
  await ctx.reply(t('report-ask-status'), { reply_markup: kb });
  for (;;) {
    const input = await waitInput(conversation);
    const value = await pressedWith(input, 'rs:');
    const status = STATUSES.find((s) => s === value);
    if (status) {
      await input.editMessageReplyMarkup().catch(() => undefined);
      await input.reply(`→ ${t(`report-status-${status}`)}`);
      return status;
    }
    await input.reply(t('report-status-again'), { reply_markup: kb });
  }
}

async function askNumber(conversation: BotConversation, ctx: Context, t: Translate, view: ReportView): Promise<number> {
  const label = view.form.number?.label ?? '';
  const max = view.form.number?.max === 'households' ? view.households : null;
  await ctx.reply(max === null ? t('report-ask-number', { label }) : t('report-ask-number-max', { label, max: formatWholeNumber(max) }));
  for (;;) {
    const input = await waitInput(conversation);
    await pressedWith(input, '');
    const text = input.message?.text;
    const value = text === undefined ? null : parseWholeNumber(text);
    if (text === undefined) await input.reply(t('report-number-not-text'));
    else if (value === null) await input.reply(t('report-number-invalid', { input: text.slice(0, 40) }));
    else if (max !== null && value > max) await input.reply(t('report-number-too-big', { value: formatWholeNumber(value), max: formatWholeNumber(max) }));
    else return value;
  }
}

async function askPhotos(conversation: BotConversation, ctx: Context, t: Translate, required: boolean): Promise<PhotoEvidence[]> {
  const kb = new InlineKeyboard().text(t('report-photos-done'), 'rph:done');
  if (!required) kb.text(t('report-skip'), 'rph:skip');
  await ctx.reply(t(required ? 'report-ask-photos-required' : 'report-ask-photos-optional'), { reply_markup: kb });
  const photos: PhotoEvidence[] = [];
  for (;;) {
    const input = await waitInput(conversation);
    const largest = input.message?.photo?.at(-1);
    if (largest && input.message) {
      if (!photos.some((p) => p.fileUniqueId === largest.file_unique_id)) {
        photos.push({ fileId: largest.file_id, fileUniqueId: largest.file_unique_id, sentAt: new Date(input.message.date * 1000).toISOString() });
      }
      await input.reply(t('report-photo-received', { count: photos.length }), { reply_markup: new InlineKeyboard().text(t('report-photos-done'), 'rph:done') });
      continue;
    }
    const action = await pressedWith(input, 'rph:');
    if (action === 'skip' && !required) return [];
    if (action === 'done' && (photos.length > 0 || !required)) return photos;
    if (action === 'done') await input.reply(t('report-photo-needed'), { reply_markup: kb });
    else await input.reply(t('report-photo-not-text'), { reply_markup: kb });
  }
}

async function askLocation(conversation: BotConversation, ctx: Context, t: Translate): Promise<ReportAnswers['location']> {
  const kb = new InlineKeyboard().text(t('report-skip'), 'rlo:skip');
  await ctx.reply(t('report-ask-location'), { reply_markup: kb });
  for (;;) {
    const input = await waitInput(conversation);
    const loc = input.message?.location;
    if (loc) return { latitude: loc.latitude, longitude: loc.longitude };
    if ((await pressedWith(input, 'rlo:')) === 'skip') return null;
    await input.reply(t('report-location-again'), { reply_markup: kb });
  }
}

async function askNote(conversation: BotConversation, ctx: Context, t: Translate): Promise<string | null> {
  const kb = new InlineKeyboard().text(t('report-skip'), 'rno:skip');
  await ctx.reply(t('report-ask-note'), { reply_markup: kb });
  for (;;) {
    const input = await waitInput(conversation);
    const text = input.message?.text?.trim();
    if (text && text.length <= MAX_NOTE) return text;
    if ((await pressedWith(input, 'rno:')) === 'skip') return null;
    await input.reply(t('report-note-again'), { reply_markup: kb });
  }
}

/** One question at a time, only those the task's form asks; "Chưa làm" skips number and photos. */
async function collectAnswers(conversation: BotConversation, ctx: Context, t: Translate, view: ReportView): Promise<ReportAnswers> {
  const status = await askStatus(conversation, ctx, t);
  const worked = status !== 'not_done';
  const number = worked && view.form.number ? await askNumber(conversation, ctx, t, view) : null;
  const photos = worked && view.form.photos !== 'none' ? await askPhotos(conversation, ctx, t, view.form.photos === 'required') : [];
  const location = view.form.location ? await askLocation(conversation, ctx, t) : null;
  const note = view.form.note ? await askNote(conversation, ctx, t) : null;
  return { status, number, photos, location, note };
}

function summary(t: Translate, view: ReportView, a: ReportAnswers): string {
  const lines = [
    t('report-summary-header'),
    t('report-summary-task', { title: view.title, unit: view.unitName }),
    t('report-summary-status', { status: t(`report-status-${a.status}`) }),
  ];
  if (a.number !== null && view.form.number) lines.push(t('report-summary-number', { label: view.form.number.label, value: formatWholeNumber(a.number) }));
  if (view.form.photos !== 'none') lines.push(t('report-summary-photos', { count: a.photos.length }));
  if (a.location) lines.push(t('report-summary-location'));
  if (a.note) lines.push(t('report-summary-note', { note: a.note }));
  lines.push(t('report-summary-ask'));
  return lines.join('\n');
}

/** The confirmation dialogue a leader goes through from a "Báo cáo" button. */
export function reportConversation(env: FeatureEnv): ConversationDef {
  const { deps, i18n } = env;
  const zone = deps.config.timezone;
  async function report(conversation: BotConversation, ctx: Context, locale: string, memberId: number, taskId: number, unitId: number) {
    const t = translator(i18n, locale);
    const loaded = await conversation.external(async () => {
      const auth = await authorizeReport(deps.db, memberId, taskId, unitId);
      if (!auth.ok) return { refused: auth.reason };
      const { task, unit, current } = auth.target;
      const view: ReportView = {
        title: task.title,
        unitName: unit.name,
        households: unit.households,
        form: task.form,
        due: formatLocal(task.dueAt, zone),
        already: current ? { by: current.reportedBy, at: formatLocal(current.reportedAt, zone) } : null,
      };
      return { view };
    });
    if (!('view' in loaded) || !loaded.view) return ctx.reply(t(`report-refused-${loaded.refused}`));
    const view = loaded.view;
    const intro = [t('report-intro', { title: view.title, unit: view.unitName, due: view.due })];
    if (view.already) intro.push(t('report-already', view.already));
    await ctx.reply(intro.join('\n'));
    for (;;) {
      const answers = await collectAnswers(conversation, ctx, t, view);
      const kb = new InlineKeyboard().text(t('report-send'), 'rc:send').text(t('report-edit'), 'rc:edit').row().text(t('report-cancel'), 'rc:cancel');
      await ctx.reply(summary(t, view, answers), { reply_markup: kb });
      let choice: string | null = null;
      let input: Context = ctx;
      while (choice === null) {
        input = await waitInput(conversation);
        choice = await pressedWith(input, 'rc:');
        if (choice === null) await input.reply(t('report-confirm-again'));
      }
      await input.editMessageReplyMarkup().catch(() => undefined);
      if (choice === 'edit') continue;
      if (choice !== 'send') return input.reply(t('report-cancelled'));
      const submissionKey = `cb:${input.callbackQuery?.id ?? input.update.update_id}`;
      const result = await conversation.external(async () => {
        const r = await submitReport(deps.db, deps.clock, { memberId, taskId, unitId, submissionKey, answers });
        return r.outcome === 'refused' ? r : { ...r, at: formatLocal(r.submittedAt, zone), submittedAt: r.submittedAt.toISOString() };
      });
      if (result.outcome === 'refused') return input.reply(t(`report-refused-${result.reason}`));
      const lines = [t('report-receipt', { title: view.title, unit: view.unitName, at: result.at, revision: result.revision })];
      if (result.late) lines.push(t('report-receipt-late'));
      if (result.flags.some((f) => f.kind === 'photo-reused')) lines.push(t('report-flag-reused'));
      if (result.flags.some((f) => f.kind === 'photo-before-task')) lines.push(t('report-flag-old-photo'));
      return input.reply(lines.join('\n'));
    }
  }
  return { id: REPORT_CONVERSATION, builder: report as ConversationDef['builder'] };
}
