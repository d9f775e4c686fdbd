import { InlineKeyboard } from 'grammy';
import { defineConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { askChoice, askDateTime, askText } from '../telegram/ask.js';
import { materializeOccurrences } from '../series/series-occurrences.js';
import { createSeries } from '../series/series.service.js';
import { stepCampaign, stepForm, stepUnits } from './newtask-steps.conversation.js';
import { createdText, type NewTaskSummary, previewText } from './newtask-preview.js';
import { type ReadWhen, stepWhen } from './newtask-when.conversation.js';
import { createTask } from './tasks.service.js';
import { findTemplate, formFromTemplate, TEMPLATES } from './templates.js';
import { newTaskConfirmButton, templateButton } from './tasks.buttons.js';
import { choice } from '../core/buttons.js';

/** `prefill`: what a typed sentence already said (the one-sentence task hands over what it could read). */
export type NewTaskArgs = {
  locale: string;
  actorId: number;
  /** `when` and `unitIds` only when the sentence said them (a kind's usual units are not "said"). */
  prefill?: { title: string; template: string; when?: ReadWhen; unitIds?: number[] };
};

/** /newtask: campaign → template → title → description → when (deadline, period or rule) (→ event) → form → units → preview → create. */
export function newTaskConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  const zone = deps.config.timezone;
  return defineConversation<NewTaskArgs>('newtask', async (conversation, ctx, { locale, actorId, prefill }) => {
    const t = translator(i18n, locale);
    const campaign = await stepCampaign(env, conversation, ctx, t, actorId);
    const templates = new InlineKeyboard();
    TEMPLATES.forEach((tpl, i) => {
      templates.text(t(`tpl-name-${tpl.id}`), templateButton.pack(tpl.id));
      if (i % 2 === 1) templates.row();
    });
    const tpl = findTemplate(prefill?.template ?? (await askChoice(conversation, ctx, t, t('nt-choose-template'), templates, choice(templateButton))).value);
    const suggested = prefill?.title ?? (tpl.titleKey ? t(tpl.titleKey) : null);
    const title =
      (await askText(conversation, ctx, t, {
        prompt: suggested ? t('nt-ask-title-default', { title: suggested }) : t('nt-ask-title'),
        invalid: t('nt-title-invalid'),
        max: 120,
        ...(suggested ? { accept: { label: t('nt-use-title'), value: suggested } } : {}),
      })) ?? '';
    const description = await askText(conversation, ctx, t, { prompt: t('nt-ask-description'), invalid: t('nt-description-invalid'), max: 1000, skip: true });
    const when = await stepWhen(env, conversation, ctx, t, { template: tpl.id, title, description, ...(prefill?.when ? { read: prefill.when } : {}) });
    // A period or a series carries its own reminders; the event question belongs to a one-off deadline.
    const eventAt = tpl.hasEvent && when.kind === 'deadline' ? await askDateTime(conversation, ctx, t, t('nt-ask-event'), { zone, clock: deps.clock }) : null;
    const form = await stepForm(conversation, ctx, t, formFromTemplate(tpl, t));
    const units = await stepUnits(env, conversation, ctx, t, prefill?.unitIds);

    const summary: NewTaskSummary = { campaign: campaign.name, title, description, when, eventAt, form, units };
    const now = new Date(await conversation.external(() => deps.clock.now().toISOString()));
    const kb = new InlineKeyboard().text(t('nt-confirm'), newTaskConfirmButton.pack('yes')).text(t('nt-cancel'), newTaskConfirmButton.pack('no'));
    const confirm = await askChoice(conversation, ctx, t, previewText(t, summary, zone, now), kb, choice(newTaskConfirmButton));
    if (confirm.value !== 'yes') return confirm.ctx.reply(t('nt-cancelled'));
    const key = `cb:${confirm.ctx.callbackQuery?.id ?? confirm.ctx.update.update_id}`;
    const base = { campaignId: campaign.id, title, description, template: tpl.id, form, unitIds: units.map((u) => u.id) };
    await conversation.external(async () => {
      if (when.kind !== 'series') {
        const period = when.kind === 'period' ? when.period : null;
        await createTask(deps.db, deps.clock, actorId, { ...base, dueAt: when.dueAt, eventAt, period, lunarDates: when.lunar }, key);
        return;
      }
      await createSeries(deps.db, deps.clock, actorId, { ...base, recurrence: when.rule }, key);
      // The first round may already be due to open: make it now rather than at the next tick.
      await materializeOccurrences(deps.db, deps.clock, zone);
    });
    return confirm.ctx.reply(createdText(t, summary, zone, now));
  });
}
