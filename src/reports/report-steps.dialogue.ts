import { type Context, InlineKeyboard } from 'grammy';
import { mapLink } from '../core/map-link.js';
import { parseWholeNumber } from '../core/numbers.js';
import type { Translate } from '../telegram/context.js';
import type { Say, Step } from '../telegram/hot-dialogue.js';
import { type ReportDraft, type ReportState, stepAfter } from './report-state.js';
import type { PhotoEvidence } from './report.model.js';
import { locationSkipButton, noteSkipButton, photosButton, pressedConfirm, pressedPhotos, pressedStatus, REPORT_STATUSES, reportConfirmButton, reportSendButton, statusButton } from './reports.buttons.js';
import { clip } from '../core/text.js';

/**
 * The questions of the report dialogue: what each step asks, and what it makes of one input.
 * Pure: no database, no sending (the runtime stores the new state, then sends what a step says).
 * Numbers go to the texts as numbers: Fluent formats them for the reader's language (1.200 / 1,200).
 */

const MAX_NOTE = 1000;
/** How much of a refused answer is shown back (cut by characters, never inside an emoji). */
const MAX_ECHO = 40;

const say = (text: string, keyboard?: InlineKeyboard): Say => (keyboard ? { text, keyboard } : { text });
const stay = (state: ReportState, ...messages: Say[]): Step<ReportState> => ({ kind: 'continue', state, say: messages });
const data = (input: Context): string | undefined => input.callbackQuery?.data;

function statusKeyboard(t: Translate): InlineKeyboard {
  const kb = new InlineKeyboard();
  for (const s of REPORT_STATUSES) kb.text(t(`report-status-${s}`), statusButton.pack(s)).row();
  return kb;
}

function photosKeyboard(t: Translate, required: boolean): InlineKeyboard {
  const kb = new InlineKeyboard().text(t('report-photos-done'), photosButton.pack('done'));
  return required ? kb : kb.text(t('report-skip'), photosButton.pack('skip'));
}

const skipKeyboard = (t: Translate, data: string) => new InlineKeyboard().text(t('report-skip'), data);

export function summary(t: Translate, state: ReportState): string {
  const { form, answers: a } = state;
  const lines = [t('report-summary-header'), t('report-summary-task', { title: state.title, unit: state.unit }), t('report-summary-status', { status: t(`report-status-${a.status ?? 'done'}`) })];
  if (a.number !== null && form.number) lines.push(t('report-summary-number', { label: form.number.label, value: a.number }));
  // Like the number, the location and the note, photos are listed only when sent: a skipped photo read "Ảnh: 0", as if something failed.
  if (a.photos.length > 0) lines.push(t('report-summary-photos', { count: a.photos.length }));
  if (a.location) lines.push(t('report-summary-location', { map: mapLink(a.location) }));
  if (a.note) lines.push(t('report-summary-note', { note: a.note }));
  lines.push(t('report-summary-ask'));
  return lines.join('\n');
}

/** Gửi under this summary (the plain 'rc:send' of older versions only while no token was set). */
const sendData = (state: ReportState) => (state.summary === null ? reportConfirmButton.pack('send') : reportSendButton.pack(state.summary, state.taskId, state.unitId));

/** The first question, asked right after the intro. */
export const statusPrompt = (t: Translate): Say => say(t('report-ask-status'), statusKeyboard(t));

/** The question of `state.step`, with its buttons (asked when the step begins, and again on "Tiếp tục"). */
export function prompt(t: Translate, state: ReportState): Say {
  switch (state.step) {
    case 'status':
      return statusPrompt(t);
    case 'number': {
      const label = state.form.number?.label ?? '';
      return say(state.max === null ? t('report-ask-number', { label }) : t('report-ask-number-max', { label, max: state.max }));
    }
    case 'photos':
      return say(t(state.form.photos === 'required' ? 'report-ask-photos-required' : 'report-ask-photos-optional'), photosKeyboard(t, state.form.photos === 'required'));
    case 'location':
      return say(t('report-ask-location'), skipKeyboard(t, locationSkipButton.pack('skip')));
    case 'note':
      return say(t('report-ask-note'), skipKeyboard(t, noteSkipButton.pack('skip')));
    case 'confirm':
      return say(summary(t, state), new InlineKeyboard().text(t('report-send'), sendData(state)).text(t('report-edit'), reportConfirmButton.pack('edit')).row().text(t('report-cancel'), reportConfirmButton.pack('cancel')));
  }
}

/** Takes the answer to the current step and moves to the next question (`before` is said first). */
function answered(t: Translate, state: ReportState, change: Partial<ReportDraft>, ...before: Say[]): Step<ReportState> {
  const withAnswer = { ...state, answers: { ...state.answers, ...change } };
  const next = { ...withAnswer, step: stepAfter(withAnswer, state.step) };
  return stay(next, ...before, prompt(t, next));
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

function readStatus(t: Translate, state: ReportState, input: Context): Step<ReportState> {
  const status = pressedStatus(data(input));
  if (!status) return stay(state, say(t('report-status-again'), statusKeyboard(t)));
  return answered(t, state, { status }, say(`→ ${t(`report-status-${status}`)}`));
}

function readNumber(t: Translate, state: ReportState, input: Context): Step<ReportState> {
  const text = input.message?.text;
  // With a cap (the unit's households), the hint names the range, not an example that may exceed it.
  const max = state.max;
  if (text === undefined) return stay(state, say(max === null ? t('report-number-not-text') : t('report-number-not-text-max', { max })));
  const value = parseWholeNumber(text);
  if (value === null) {
    const input = clip(text, MAX_ECHO);
    return stay(state, say(max === null ? t('report-number-invalid', { input }) : t('report-number-invalid-max', { input, max })));
  }
  if (max !== null && value > max) return stay(state, say(t('report-number-too-big', { value, max })));
  return answered(t, state, { number: value });
}

function readPhotos(t: Translate, state: ReportState, input: Context): Step<ReportState> {
  const required = state.form.photos === 'required';
  const photos = state.answers.photos;
  const photo = photoOf(input);
  if (photo) {
    const kept = photos.some((p) => p.fileUniqueId === photo.fileUniqueId) ? photos : [...photos, photo];
    const next = { ...state, answers: { ...state.answers, photos: kept } };
    return stay(next, say(t('report-photo-received', { count: kept.length }), new InlineKeyboard().text(t('report-photos-done'), photosButton.pack('done'))));
  }
  const action = pressedPhotos(data(input));
  if (action === 'skip' && !required) return answered(t, state, { photos: [] });
  if (action === 'done' && (photos.length > 0 || !required)) return answered(t, state, {});
  return stay(state, say(t(action === 'done' ? 'report-photo-needed' : notAPhoto(input)), photosKeyboard(t, required)));
}

function readLocation(t: Translate, state: ReportState, input: Context): Step<ReportState> {
  const loc = input.message?.location;
  if (loc) return answered(t, state, { location: { latitude: loc.latitude, longitude: loc.longitude } });
  if (locationSkipButton.unpack(data(input))) return answered(t, state, { location: null });
  return stay(state, say(t('report-location-again'), skipKeyboard(t, locationSkipButton.pack('skip'))));
}

function readNote(t: Translate, state: ReportState, input: Context): Step<ReportState> {
  const text = input.message?.text?.trim();
  if (text && text.length <= MAX_NOTE) return answered(t, state, { note: text });
  if (noteSkipButton.unpack(data(input))) return answered(t, state, { note: null });
  return stay(state, say(t('report-note-again'), skipKeyboard(t, noteSkipButton.pack('skip'))));
}

/** Reads one input at a question step (the confirmation has its own reader, it may submit). */
export function readAnswer(t: Translate, state: ReportState, input: Context): Step<ReportState> {
  switch (state.step) {
    case 'status':
      return readStatus(t, state, input);
    case 'number':
      return readNumber(t, state, input);
    case 'photos':
      return readPhotos(t, state, input);
    case 'location':
      return readLocation(t, state, input);
    case 'note':
      return readNote(t, state, input);
    case 'confirm':
      return stay(state, say(t('report-confirm-again')));
  }
}

export type Confirmation = 'send' | 'edit' | 'cancel';

/** The press on the summary, or null (then "Gửi / Sửa / Huỷ ở trên" is said again). */
export function confirmation(input: Context): Confirmation | null {
  if (reportSendButton.unpack(data(input))) return 'send';
  return pressedConfirm(data(input));
}
