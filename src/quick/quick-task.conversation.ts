import { type Context, InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import { formatTaskDate, showDay, showPeriodEnds, tetNote } from '../calendar/date-format.js';
import { formatLocal } from '../core/clock.js';
import type { ReportForm } from '../core/schema.js';
import { type ScopeUnit, unitsInScope } from '../core/unit-scope.js';
import { toReportForm } from '../plans/plan-forms.js';
import { formSummary } from '../tasks/newtask-preview.js';
import { askChoice, askDated, askDateTime } from '../telegram/ask.js';
import type { Translate } from '../telegram/context.js';
import { type BotConversation, defineConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { pickTargets } from '../telegram/pick-targets.js';
import { choice } from '../core/buttons.js';
import { quickConfirmButton, quickTargets } from './quick.buttons.js';

const pressedQuick = choice(quickConfirmButton);
import { createQuickTask, readTypedTask, typedLunar, typedTimes } from './quick-task.service.js';

export type QuickTaskArgs = { locale: string; actorId: number; text: string };

/** The draft as the dialogue keeps it: JSON-safe (dates as ISO strings), so replays agree. */
type Draft = { title: string; template: string; form: ReportForm; due: string | null; start: string | null; end: string | null; event: string | null; hasEvent: boolean; unitIds: number[]; lunar: boolean };

const MAX_NAMES = 30;

function preview(t: Translate, d: Draft, units: ScopeUnit[], zone: string): string {
  const chosen = units.filter((u) => d.unitIds.includes(u.id));
  const names = chosen.slice(0, MAX_NAMES).map((u) => u.name).join(', ') + (chosen.length > MAX_NAMES ? ', …' : '');
  const lines = [t('qt-preview-header'), t('nt-preview-title', { title: d.title })];
  // Every date read is shown once, with its weekday and lunar date, so a misread month stands out.
  if (d.start && d.end) {
    const { from, to, endTimed } = showPeriodEnds({ start: new Date(d.start), end: new Date(d.end) }, zone, t);
    lines.push(t(endTimed ? 'qt-preview-period-to' : 'qt-preview-period', { from, to }));
  }
  if (d.due) lines.push(t('nt-preview-due', { due: showDay(DateTime.fromISO(d.due), zone, t, true) }));
  const note = d.due ? tetNote(new Date(d.due), zone, t) : null;
  if (note) lines.push(note);
  if (d.event) lines.push(t('nt-preview-event', { at: formatLocal(new Date(d.event), zone) }));
  lines.push(t('nt-preview-form', { fields: formSummary(t, d.form) }), t('nt-preview-units', { count: chosen.length, names }));
  return lines.join('\n');
}

/** A task typed as one sentence: read, completed where something is missing, previewed, created with one tap. */
export function quickTaskConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  const zone = deps.config.timezone;
  const opts = { zone, clock: deps.clock };
  return defineConversation<QuickTaskArgs>('quick-task', async (conversation, ctx, { locale, actorId, text }) => {
    const t = translator(i18n, locale);
    const read = await conversation.external(async () => {
      const { task, units } = await readTypedTask(deps.db, text, { zone, now: deps.clock.now() });
      const due = typedTimes(task, zone).dueAt;
      const iso = (d: Date | null) => (d ? d.toISOString() : null);
      const draft: Draft = { title: task.title, template: task.template, form: toReportForm(task.form, t), due: iso(due), start: iso(task.startsAt), end: task.startsAt ? iso(task.dueAt) : null, event: null, hasEvent: task.hasEvent, unitIds: task.unitIds, lunar: typedLunar(task) };
      return { draft, units: units.map((u) => ({ id: u.id, name: u.name, kind: u.kind })) };
    });
    const { draft, units } = read;
    // A deadline typed as a lunar date ("10/3 âm lịch") marks the task lunar; a solar one clears the mark.
    const askDue = async () => {
      const due = await askDated(conversation, ctx, t, t('qt-ask-due', { title: draft.title }), opts);
      draft.due = due.at.toISOString();
      draft.lunar = due.lunar;
    };
    if (!draft.due) await askDue();
    if (draft.unitIds.length === 0) draft.unitIds = await chooseUnits(conversation, ctx, t, units);
    if (draft.hasEvent) draft.event = (await askDateTime(conversation, ctx, t, t('nt-ask-event'), opts)).toISOString();
    for (;;) {
      const b = quickConfirmButton;
      const kb = new InlineKeyboard().text(t('nt-confirm'), b.pack('yes')).row().text(t('qt-edit-due'), b.pack('due')).text(t('qt-edit-units'), b.pack('units')).row().text(t('nt-cancel'), b.pack('no'));
      const choice = await askChoice(conversation, ctx, t, preview(t, draft, units, zone), kb, pressedQuick);
      if (choice.value === 'no') return choice.ctx.reply(t('nt-cancelled'));
      if (choice.value === 'due') {
        await askDue();
        draft.start = draft.end = null;
      } else if (choice.value === 'units') draft.unitIds = await chooseUnits(conversation, ctx, t, units);
      else if (choice.value === 'yes') return create(choice.ctx);
    }

    async function create(pressed: Context) {
      const key = `cb:${pressed.callbackQuery?.id ?? pressed.update.update_id}`;
      const due = draft.due ?? new Date().toISOString();
      const period = draft.start && draft.end ? { start: new Date(draft.start), end: new Date(draft.end) } : null;
      const made = await conversation.external(() =>
        createQuickTask(deps.db, deps.clock, actorId, { title: draft.title, template: draft.template, form: draft.form, dueAt: new Date(due), eventAt: draft.event ? new Date(draft.event) : null, period, unitIds: draft.unitIds, lunarDates: draft.lunar }, key, t('qt-campaign-default')),
      );
      return pressed.reply(t('qt-created', { title: draft.title, count: draft.unitIds.length, due: formatTaskDate(new Date(due), zone, t, draft.lunar), campaign: made.campaign }));
    }
  });
}

async function chooseUnits(conversation: BotConversation, ctx: Context, t: Translate, units: ScopeUnit[]): Promise<number[]> {
  for (;;) {
    const scope = await pickTargets(conversation, ctx, t, { buttons: quickTargets, prompt: t('nt-choose-units'), units });
    const ids = scope.mode === 'extra' ? [] : unitsInScope(units, scope).map((u) => u.id);
    if (ids.length) return ids;
    await ctx.reply(t('nt-no-units'));
  }
}
