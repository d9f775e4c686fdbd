import { InlineKeyboard } from 'grammy';
import { formatLocal } from '../core/clock.js';
import type { ReportForm } from '../core/schema.js';
import type { Translate } from '../telegram/context.js';
import { defineConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { askChoice, askDateTime, askText } from '../telegram/ask.js';
import { stepCampaign, stepForm, stepUnits } from './newtask-steps.conversation.js';
import { createTask, type TaskDraft } from './tasks.service.js';
import { findTemplate, formFromTemplate, TEMPLATES } from './templates.js';

export type NewTaskArgs = { locale: string; actorId: number };
const MAX_NAMES_IN_PREVIEW = 30;

function formSummary(t: Translate, form: ReportForm): string {
  const parts: string[] = [];
  if (form.number) parts.push(form.number.label.toLocaleLowerCase('vi'));
  if (form.photos !== 'none') parts.push(t('nt-summary-photos', { rule: t(`nt-photos-${form.photos}`) }));
  if (form.location) parts.push(t('nt-summary-location'));
  if (form.note) parts.push(t('nt-summary-note'));
  return parts.map((p) => `, ${p}`).join('');
}

/** /newtask: campaign → template → title → description → deadline (→ event) → form → units → preview → create. */
export function newTaskConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  const zone = deps.config.timezone;
  return defineConversation<NewTaskArgs>('newtask', async (conversation, ctx, { locale, actorId }) => {
    const t = translator(i18n, locale);
    const campaign = await stepCampaign(env, conversation, ctx, t, actorId);
    const templates = new InlineKeyboard();
    TEMPLATES.forEach((tpl, i) => {
      templates.text(t(`tpl-name-${tpl.id}`), `ntp:${tpl.id}`);
      if (i % 2 === 1) templates.row();
    });
    const tpl = findTemplate((await askChoice(conversation, ctx, t, t('nt-choose-template'), templates, 'ntp:')).value);
    const suggested = tpl.titleKey ? t(tpl.titleKey) : null;
    const title =
      (await askText(conversation, ctx, t, {
        prompt: suggested ? t('nt-ask-title-default', { title: suggested }) : t('nt-ask-title'),
        invalid: t('nt-title-invalid'),
        max: 120,
        ...(suggested ? { accept: { label: t('nt-use-title'), value: suggested } } : {}),
      })) ?? '';
    const description = await askText(conversation, ctx, t, { prompt: t('nt-ask-description'), invalid: t('nt-description-invalid'), max: 1000, skip: true });
    const dueAt = await askDateTime(conversation, ctx, t, t('nt-ask-due'), { zone, clock: deps.clock });
    const eventAt = tpl.hasEvent ? await askDateTime(conversation, ctx, t, t('nt-ask-event'), { zone, clock: deps.clock }) : null;
    const form = await stepForm(conversation, ctx, t, formFromTemplate(tpl, t));
    const units = await stepUnits(env, conversation, ctx, t);

    const names = units.slice(0, MAX_NAMES_IN_PREVIEW).map((u) => u.name).join(', ') + (units.length > MAX_NAMES_IN_PREVIEW ? ', …' : '');
    const preview = [
      t('nt-preview-header'),
      t('nt-preview-campaign', { name: campaign.name }),
      t('nt-preview-title', { title }),
      ...(description ? [t('nt-preview-description', { description })] : []),
      t('nt-preview-due', { due: formatLocal(dueAt, zone) }),
      ...(eventAt ? [t('nt-preview-event', { at: formatLocal(eventAt, zone) })] : []),
      t('nt-preview-form', { fields: formSummary(t, form) }),
      t('nt-preview-units', { count: units.length, names }),
    ].join('\n');
    const kb = new InlineKeyboard().text(t('nt-confirm'), 'ntc:yes').text(t('nt-cancel'), 'ntc:no');
    const confirm = await askChoice(conversation, ctx, t, preview.slice(0, 4000), kb, 'ntc:');
    if (confirm.value !== 'yes') return confirm.ctx.reply(t('nt-cancelled'));
    const draft: TaskDraft = { campaignId: campaign.id, title, description, template: tpl.id, dueAt, eventAt, form, unitIds: units.map((u) => u.id) };
    const key = `cb:${confirm.ctx.callbackQuery?.id ?? confirm.ctx.update.update_id}`;
    await conversation.external(async () => {
      await createTask(deps.db, deps.clock, actorId, draft, key);
    });
    return confirm.ctx.reply(t('nt-created', { title, count: units.length, due: formatLocal(dueAt, zone) }));
  });
}
