import { type Context, InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import { unitsInScope } from '../core/unit-scope.js';
import { accept, answerPress, ask, askText, clearButtons, retry } from '../telegram/ask.js';
import type { Translate } from '../telegram/context.js';
import type { BotConversation } from '../telegram/conversation.js';
import { pickTargets } from '../telegram/pick-targets.js';
import { explainDateInput, showWhen } from '../calendar/date-format.js';
import { readWhen } from '../calendar/when-reader.js';
import { type DraftItem, PLAN_ITEM_KINDS, type PlanPeriod } from './plan-types.js';
import { FORM_EDITS, type ItemAction, planButtons, planTargets } from './plans.buttons.js';
import { type FormChange, inYear, nextYearFor, reportFormOf, type ReviewItem, withKind, withPeriod, withUnits } from './plans.review.js';
import type { ReadPlan } from './plans.service.js';
import { formFields, type TextContext } from './plans.text.js';

/** The questions behind an item's edit buttons in the review: dates, units, kind, name, report form, the quiz's link. */

/** Asks what one edit button needs (dates, units, kind, link) and applies it; returns the last input. */
export async function editItem(conversation: BotConversation, ctx: Context, t: Translate, r: ReviewItem, action: ItemAction, tc: TextContext, plan: ReadPlan): Promise<Context> {
  const { zone } = tc;
  if (action === 'date') {
    const answer = await askPeriod(conversation, ctx, t, r.item, tc);
    r.item = withPeriod(r.item, answer.value.period, zone, answer.value.deadline);
    return answer.ctx;
  }
  if (action === 'units') {
    const scope = await pickTargets(conversation, ctx, t, { buttons: planTargets, prompt: t('plan-ask-units', { title: r.item.title }), units: plan.units });
    if (scope.mode !== 'extra') r.item = withUnits(r.item, unitsInScope(plan.units, scope).map((u) => u.id), plan.units);
    return ctx;
  }
  if (action === 'kind') {
    const kb = new InlineKeyboard();
    PLAN_ITEM_KINDS.forEach((k, i) => {
      kb.text(t(`plan-kind-${k}`), planButtons.kind.pack(k, r.item.index));
      if (i % 2 === 1) kb.row();
    });
    const answer = await ask(conversation, ctx, {
      prompt: t('plan-ask-kind', { title: r.item.title, kind: t(`plan-kind-${r.item.kind}`) }),
      keyboard: kb,
      read: async (input) => {
        await answerPress(input);
        const kind = planButtons.kind.unpack(input.callbackQuery?.data);
        return kind && kind[1] === r.item.index ? accept(kind[0]) : retry(t('press-button'));
      },
    });
    await clearButtons(answer.ctx);
    r.item = withKind(r.item, answer.value, zone);
    return answer.ctx;
  }
  if (action === 'rename') {
    const title = await askText(conversation, ctx, t, { prompt: t('plan-ask-title', { title: r.item.title }), invalid: t('plan-title-invalid'), max: 60 });
    if (title?.trim()) r.item = { ...r.item, title: title.trim() };
    return ctx;
  }
  if (action === 'form') return editForm(conversation, ctx, t, r);
  if (action === 'link') {
    const valid = (s: string) => /^https?:\/\/\S+$/i.test(s);
    r.link = await askText(conversation, ctx, t, { prompt: t('plan-ask-link', { title: r.item.title }), invalid: t('plan-link-invalid'), max: 300, valid });
    return ctx;
  }
  return ctx;
}

/** "Sửa câu hỏi báo cáo": a typed number question, or a button for the photo rule or no number question. */
async function editForm(conversation: BotConversation, ctx: Context, t: Translate, r: ReviewItem): Promise<Context> {
  const form = reportFormOf(r, t);
  const kb = new InlineKeyboard();
  FORM_EDITS.forEach((edit, i) => {
    kb.text(t(edit === 'no-number' ? 'plan-form-no-number' : `plan-form-${edit}`), planButtons.form.pack(edit, r.item.index));
    if (i % 2 === 1) kb.row();
  });
  const answer = await ask<FormChange>(conversation, ctx, {
    prompt: t('plan-ask-form', { title: r.item.title, fields: form ? formFields(form, t) : '' }),
    keyboard: kb,
    read: async (input) => {
      await answerPress(input);
      const pressed = planButtons.form.unpack(input.callbackQuery?.data);
      if (pressed && pressed[1] === r.item.index) return accept(pressed[0] === 'no-number' ? { numberLabel: null } : { photos: photoRule(pressed[0]) });
      const text = input.message?.text?.trim() ?? '';
      return text && text.length <= 60 && !text.startsWith('/') ? accept({ numberLabel: text }) : retry(t('plan-form-invalid'));
    },
  });
  await clearButtons(answer.ctx);
  r.form = { ...r.form, ...answer.value };
  return answer.ctx;
}

function photoRule(edit: (typeof FORM_EDITS)[number]): 'required' | 'optional' | 'none' {
  return edit === 'photos-required' ? 'required' : edit === 'photos-optional' ? 'optional' : 'none';
}

/** An example of the expected answer, from the item's own dates (moved to a year still ahead). */
function periodExample(item: DraftItem, tc: TextContext): string {
  const period: PlanPeriod = item.period ?? { start: tc.now, end: tc.now, precision: 'day' };
  const ahead = item.period && period.end <= tc.now ? inYear(item, nextYearFor(period, tc.now, tc.zone), tc.zone).period ?? period : period;
  const fmt = (d: Date) => DateTime.fromJSDate(d, { zone: tc.zone }).toFormat('dd/MM/yyyy');
  return tc.t('plan-date-example', { from: fmt(ahead.start), to: fmt(ahead.end) });
}

/** *Sửa ngày*: the one reader, as /newtask reads it (a date with no year is the next one to come); what it read is shown back. */
async function askPeriod(conversation: BotConversation, ctx: Context, t: Translate, item: DraftItem, tc: TextContext) {
  return ask(conversation, ctx, {
    prompt: t('plan-ask-date', { title: item.title, example: periodExample(item, tc) }),
    read: async (input) => {
      await answerPress(input);
      const text = input.message?.text?.trim() ?? '';
      if (!text) return retry(t('plan-date-type'));
      const parsed = readWhen(text, { now: tc.now, zone: tc.zone, allowPast: true });
      if (!parsed.ok) return retry(`${explainDateInput(parsed, tc.zone, t)} ${t('cancel-hint')}`);
      const v = parsed.value;
      if (v.end.toMillis() <= tc.now.getTime()) return retry(t('plan-date-past', { text: parsed.matched }));
      await input.reply(showWhen(v, tc.zone, t));
      const start = (v.start ?? (v.precision === 'month' ? v.end.startOf('month') : v.end.startOf('day'))).toJSDate();
      const lunar = v.startLunar !== null || v.endLunar !== null;
      return accept({ period: { start, end: v.end.toJSDate(), precision: v.precision, ...(lunar ? { lunar } : {}) }, deadline: v.start === null });
    },
  });
}
