import { z } from 'zod';

/**
 * The leader's report dialogue as stored between two inputs (one kv_store row, a few hundred
 * bytes): who reports what, the few task fields the questions show, the step and the answers.
 * The row is written by SQL at entry (openReportDialogue: OPENED_STATE, typed against this shape)
 * and by the dialogue afterwards; this schema checks it when it is read back.
 */

const STEPS = ['status', 'number', 'photos', 'location', 'note', 'confirm'] as const;
export type ReportStep = (typeof STEPS)[number];

const photoSchema = z.object({ fileId: z.string(), fileUniqueId: z.string(), sentAt: z.string() });
const formSchema = z.object({
  number: z.object({ label: z.string(), max: z.enum(['households']).nullable() }).nullable(),
  photos: z.enum(['required', 'optional', 'none']),
  location: z.boolean(),
  note: z.boolean(),
});

export const reportStateSchema = z.object({
  memberId: z.number().int(),
  taskId: z.number().int(),
  unitId: z.number().int(),
  /** The leader's language when the dialogue opened (null: the bot's default). */
  locale: z.string().nullable(),
  title: z.string(),
  unit: z.string(),
  /** The largest number accepted (the unit's households when the form says so). */
  max: z.number().nullable(),
  form: formSchema,
  step: z.enum(STEPS),
  /** The summary token (reportSendButton in reports.buttons.ts) shown with the summary; null before one is shown. */
  summary: z.number().int().nullable().default(null),
  answers: z.object({
    status: z.enum(['done', 'partial', 'not_done']).nullable(),
    number: z.number().nullable(),
    photos: z.array(photoSchema),
    location: z.object({ latitude: z.number(), longitude: z.number() }).nullable(),
    note: z.string().nullable(),
  }),
});

export type ReportState = z.infer<typeof reportStateSchema>;
export type ReportDraft = ReportState['answers'];

export const EMPTY_DRAFT: ReportDraft = { status: null, number: null, photos: [], location: null, note: null };

/** Whether the dialogue asks this step, given the form and the status answered so far. */
function asks(state: ReportState, step: ReportStep): boolean {
  const worked = state.answers.status !== 'not_done';
  switch (step) {
    case 'status':
    case 'confirm':
      return true;
    case 'number':
      return worked && state.form.number !== null;
    case 'photos':
      return worked && state.form.photos !== 'none';
    case 'location':
      return worked && state.form.location;
    case 'note':
      return state.form.note;
  }
}

/** The next question after `step`: one at a time, only those the form asks; "Chưa làm" skips number, photos and location. */
export function stepAfter(state: ReportState, step: ReportStep): ReportStep {
  return STEPS.slice(STEPS.indexOf(step) + 1).find((s) => asks(state, s)) ?? 'confirm';
}
