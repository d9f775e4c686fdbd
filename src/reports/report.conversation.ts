import { type Context, InlineKeyboard } from 'grammy';
import { formatLocal } from '../core/clock.js';
import type { Translate } from '../telegram/context.js';
import { type BotConversation, defineConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { answerPress, type InputGuard } from '../telegram/ask.js';
import { mapLink } from '../core/map-link.js';
import { askConfirmation, askLocation, askNote, askNumber, askPhotos, askStatus, type ReportView, type StepEnv } from './report-steps.conversation.js';
import { reportButton } from './report-button.js';
import { reportStayButton, reportSwitchButton } from './report-switch.js';
import { authorizeReport, type ReportAnswers, submitReport } from './reports.service.js';

export type ReportArgs = { locale: string; memberId: number; taskId: number; unitId: number };

/** One question at a time, only those the task's form asks; "Chưa làm" skips number, photos and location. */
async function collectAnswers(steps: StepEnv, ctx: Context, view: ReportView): Promise<ReportAnswers> {
  const status = await askStatus(steps, ctx);
  const worked = status !== 'not_done';
  const number = worked && view.form.number ? await askNumber(steps, ctx, view) : null;
  const photos = worked && view.form.photos !== 'none' ? await askPhotos(steps, ctx, view.form.photos === 'required') : [];
  const location = worked && view.form.location ? await askLocation(steps, ctx) : null;
  const note = view.form.note ? await askNote(steps, ctx) : null;
  return { status, number, photos, location, note };
}

/**
 * A "Báo cáo" press for another task while this report is open is not swallowed: the leader is
 * told which report is open and chooses to go on or to switch (which leaves this dialogue).
 */
function switchGuard(conversation: BotConversation, t: Translate, view: ReportView): InputGuard {
  return async (input) => {
    const data = input.callbackQuery?.data;
    if (reportSwitchButton.unpack(data)) return conversation.halt({ next: true });
    if (reportStayButton.unpack(data)) {
      await answerPress(input);
      return 'repeat';
    }
    const other = reportButton.unpack(data);
    if (!other) return null;
    await answerPress(input);
    const keyboard = new InlineKeyboard()
      .text(t('report-switch-stay'), reportStayButton.pack())
      .row()
      .text(t('report-switch-go'), reportSwitchButton.pack(other[0], other[1]));
    return { again: t('report-switch-ask', { title: view.title, unit: view.unitName }), keyboard };
  };
}

function summary(t: Translate, view: ReportView, a: ReportAnswers): string {
  const lines = [
    t('report-summary-header'),
    t('report-summary-task', { title: view.title, unit: view.unitName }),
    t('report-summary-status', { status: t(`report-status-${a.status}`) }),
  ];
  if (a.number !== null && view.form.number) lines.push(t('report-summary-number', { label: view.form.number.label, value: a.number }));
  if (view.form.photos !== 'none') lines.push(t('report-summary-photos', { count: a.photos.length }));
  if (a.location) lines.push(t('report-summary-location', { map: mapLink(a.location) }));
  if (a.note) lines.push(t('report-summary-note', { note: a.note }));
  lines.push(t('report-summary-ask'));
  return lines.join('\n');
}

/** The confirmation dialogue a leader goes through from a "Báo cáo" button. */
export function reportConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  const zone = deps.config.timezone;

  const loadView = (args: ReportArgs) => async (): Promise<{ view: ReportView } | { refused: string }> => {
    const auth = await authorizeReport(deps.db, args.memberId, args.taskId, args.unitId);
    if (!auth.ok) return { refused: auth.reason };
    const { task, unit, current } = auth.target;
    return {
      view: {
        title: task.title,
        unitName: unit.name,
        households: unit.households,
        form: task.form,
        taskId: task.id,
        unitId: unit.id,
        due: formatLocal(task.dueAt, zone),
        already: current && !current.returnReason ? { by: current.reportedBy, at: formatLocal(current.reportedAt, zone) } : null,
        returnReason: current?.returnReason ?? null,
      },
    };
  };

  const submit = (args: ReportArgs, submissionKey: string, answers: ReportAnswers) => async () => {
    const r = await submitReport(deps.db, deps.clock, { memberId: args.memberId, taskId: args.taskId, unitId: args.unitId, submissionKey, answers });
    return r.outcome === 'refused' ? r : { ...r, at: formatLocal(r.submittedAt, zone), submittedAt: r.submittedAt.toISOString() };
  };

  return defineConversation<ReportArgs>('report', async (conversation, ctx, args) => {
    const t = translator(i18n, args.locale);
    const loaded = await conversation.external(loadView(args));
    if ('refused' in loaded) return ctx.reply(t(`report-refused-${loaded.refused}`));
    const { view } = loaded;
    const intro = [t('report-intro', { title: view.title, unit: view.unitName, due: view.due })];
    if (view.already) intro.push(t('report-already', view.already));
    if (view.returnReason) intro.push(t('report-returned-reason', { reason: view.returnReason }));
    await ctx.reply(intro.join('\n'));
    const steps: StepEnv = { conversation, t, guard: switchGuard(conversation, t, view) };
    for (;;) {
      const answers = await collectAnswers(steps, ctx, view);
      const confirm = await askConfirmation(steps, ctx, summary(t, view, answers));
      const input = confirm.ctx;
      if (confirm.value === 'edit') continue;
      if (confirm.value === 'cancel') return input.reply(t('report-cancelled'));
      // The pressed button's query id makes a re-delivered or replayed "Gửi" store one revision.
      const submissionKey = `cb:${input.callbackQuery?.id ?? input.update.update_id}`;
      const result = await conversation.external(submit(args, submissionKey, answers));
      if (result.outcome === 'refused') return input.reply(t(`report-refused-${result.reason}`));
      const lines = [t('report-receipt', { title: view.title, unit: view.unitName, at: result.at, revision: result.revision })];
      if (result.late) lines.push(t('report-receipt-late'));
      if (result.flags.some((f) => f.kind === 'photo-reused')) lines.push(t('report-flag-reused'));
      if (result.flags.some((f) => f.kind === 'photo-before-task')) lines.push(t('report-flag-old-photo'));
      return input.reply(lines.join('\n'));
    }
  });
}
