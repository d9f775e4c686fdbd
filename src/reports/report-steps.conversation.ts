import { type Context, InlineKeyboard } from 'grammy';
import { parseWholeNumber } from '../core/numbers.js';
import type { ReportForm, ReportStatus } from '../core/schema.js';
import { accept, answerPress, ask, clearButtons, type InputGuard, pressedWith, retry } from '../telegram/ask.js';
import type { Translate } from '../telegram/context.js';
import type { BotConversation } from '../telegram/conversation.js';
import type { PhotoEvidence, ReportAnswers } from './reports.service.js';

/**
 * The questions of the report dialogue, one function each, all on the shared `ask` loop.
 * Numbers go to the texts as numbers: Fluent formats them for the reader's language (1.200 / 1,200).
 */

const STATUSES: readonly ReportStatus[] = ['done', 'partial', 'not_done'];
const MAX_NOTE = 1000;

/** What the questions need to know about the task and unit (JSON-safe: it is part of the replayed state). */
export type ReportView = {
  taskId: number;
  unitId: number;
  title: string;
  unitName: string;
  households: number | null;
  form: ReportForm;
  due: string;
  already: { by: string; at: string } | null;
  /** Why an official returned the current report, shown again when reporting anew. */
  returnReason: string | null;
};

/** What every question of the dialogue needs: the conversation, the texts and the guard against a second report. */
export interface StepEnv {
  conversation: BotConversation;
  t: Translate;
  guard: InputGuard;
}

/** What a photo step got instead of a photo, so the answer can say so. */
function notAPhoto(input: Context): string {
  const m = input.message;
  if (m?.sticker) return 'report-photo-got-sticker';
  if (m?.video || m?.video_note || m?.animation) return 'report-photo-got-video';
  if (m?.voice || m?.audio) return 'report-photo-got-voice';
  if (m?.document) return 'report-photo-got-file';
  if (m?.location) return 'report-photo-got-location';
  return 'report-photo-not-text';
}

/** A photo sent as a picture, or as a file that is an image (some phones send photos that way). */
function photoOf(input: Context): PhotoEvidence | null {
  const m = input.message;
  if (!m) return null;
  const sentAt = new Date(m.date * 1000).toISOString();
  const largest = m.photo?.at(-1);
  if (largest) return { fileId: largest.file_id, fileUniqueId: largest.file_unique_id, sentAt };
  if (m.document?.mime_type?.startsWith('image/')) return { fileId: m.document.file_id, fileUniqueId: m.document.file_unique_id, sentAt };
  return null;
}

export async function askStatus({ conversation, t, guard }: StepEnv, ctx: Context): Promise<ReportStatus> {
  const kb = new InlineKeyboard();
  for (const s of STATUSES) kb.text(t(`report-status-${s}`), `rs:${s}`).row();
  const answer = await ask(conversation, ctx, {
    guard,
    prompt: t('report-ask-status'),
    keyboard: kb,
    read: async (input) => {
      const value = await pressedWith(input, 'rs:');
      const status = STATUSES.find((s) => s === value);
      return status ? accept(status) : retry(t('report-status-again'), kb);
    },
  });
  await clearButtons(answer.ctx);
  await answer.ctx.reply(`→ ${t(`report-status-${answer.value}`)}`);
  return answer.value;
}

export async function askNumber({ conversation, t, guard }: StepEnv, ctx: Context, view: ReportView): Promise<number> {
  const label = view.form.number?.label ?? '';
  const max = view.form.number?.max === 'households' ? view.households : null;
  const answer = await ask(conversation, ctx, {
    guard,
    prompt: max === null ? t('report-ask-number', { label }) : t('report-ask-number-max', { label, max }),
    read: async (input) => {
      await answerPress(input);
      const text = input.message?.text;
      if (text === undefined) return retry(t('report-number-not-text'));
      const value = parseWholeNumber(text);
      if (value === null) return retry(t('report-number-invalid', { input: text.slice(0, 40) }));
      if (max !== null && value > max) return retry(t('report-number-too-big', { value, max }));
      return accept(value);
    },
  });
  return answer.value;
}

export async function askPhotos({ conversation, t, guard }: StepEnv, ctx: Context, required: boolean): Promise<PhotoEvidence[]> {
  const kb = new InlineKeyboard().text(t('report-photos-done'), 'rph:done');
  if (!required) kb.text(t('report-skip'), 'rph:skip');
  const photos: PhotoEvidence[] = [];
  const answer = await ask(conversation, ctx, {
    guard,
    prompt: t(required ? 'report-ask-photos-required' : 'report-ask-photos-optional'),
    keyboard: kb,
    read: async (input) => {
      const photo = photoOf(input);
      if (photo) {
        if (!photos.some((p) => p.fileUniqueId === photo.fileUniqueId)) photos.push(photo);
        return retry(t('report-photo-received', { count: photos.length }), new InlineKeyboard().text(t('report-photos-done'), 'rph:done'));
      }
      const action = await pressedWith(input, 'rph:');
      if (action === 'skip' && !required) return accept([]);
      if (action === 'done' && (photos.length > 0 || !required)) return accept(photos);
      return retry(t(action === 'done' ? 'report-photo-needed' : notAPhoto(input)), kb);
    },
  });
  return answer.value;
}

export async function askLocation({ conversation, t, guard }: StepEnv, ctx: Context): Promise<ReportAnswers['location']> {
  const kb = new InlineKeyboard().text(t('report-skip'), 'rlo:skip');
  const answer = await ask<ReportAnswers['location']>(conversation, ctx, {
    guard,
    prompt: t('report-ask-location'),
    keyboard: kb,
    read: async (input) => {
      const loc = input.message?.location;
      if (loc) return accept({ latitude: loc.latitude, longitude: loc.longitude });
      if ((await pressedWith(input, 'rlo:')) === 'skip') return accept(null);
      return retry(t('report-location-again'), kb);
    },
  });
  return answer.value;
}

export async function askNote({ conversation, t, guard }: StepEnv, ctx: Context): Promise<string | null> {
  const kb = new InlineKeyboard().text(t('report-skip'), 'rno:skip');
  const answer = await ask<string | null>(conversation, ctx, {
    guard,
    prompt: t('report-ask-note'),
    keyboard: kb,
    read: async (input) => {
      const text = input.message?.text?.trim();
      if (text && text.length <= MAX_NOTE) return accept(text);
      if ((await pressedWith(input, 'rno:')) === 'skip') return accept(null);
      return retry(t('report-note-again'), kb);
    },
  });
  return answer.value;
}

export type Confirmation = 'send' | 'edit' | 'cancel';

/** Shows the summary with Gửi / Sửa / Huỷ and waits for one of them. */
export async function askConfirmation({ conversation, t, guard }: StepEnv, ctx: Context, summary: string): Promise<{ value: Confirmation; ctx: Context }> {
  const kb = new InlineKeyboard().text(t('report-send'), 'rc:send').text(t('report-edit'), 'rc:edit').row().text(t('report-cancel'), 'rc:cancel');
  const answer = await ask<Confirmation>(conversation, ctx, {
    guard,
    prompt: summary,
    keyboard: kb,
    read: async (input) => {
      const choice = await pressedWith(input, 'rc:');
      return choice === 'send' || choice === 'edit' || choice === 'cancel' ? accept(choice) : retry(t('report-confirm-again'));
    },
  });
  await clearButtons(answer.ctx);
  return answer;
}
