import { type Context, InlineKeyboard } from 'grammy';
import type { ReportForm } from '../core/schema.js';
import { listActiveUnits } from '../onboarding/units.service.js';
import type { Translate } from '../telegram/context.js';
import { pickTargets } from '../telegram/pick-targets.js';
import { unitsInScope } from '../core/unit-scope.js';
import type { BotConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { askChoice, askText, readPress, waitInput } from '../telegram/ask.js';
import { choice } from '../core/buttons.js';
import { campaignButton, formButton, newCampaignButton, pickedCampaign, taskTargets } from './tasks.buttons.js';
import { parseCampaignPeriod } from './campaign.rules.js';
import { createCampaign, listCampaigns } from './tasks.service.js';
import { clip } from '../core/text.js';

const PHOTO_CYCLE: ReportForm['photos'][] = ['required', 'optional', 'none'];

/** Picks an existing campaign or creates one (name, optional period). */
export async function stepCampaign(env: FeatureEnv, conversation: BotConversation, ctx: Context, t: Translate, actorId: number) {
  const { db, clock } = env.deps;
  const campaigns = await conversation.external(() => listCampaigns(db));
  const kb = new InlineKeyboard();
  for (const c of campaigns) kb.text(clip(c.name, 60), campaignButton.pack(c.id)).row();
  kb.text(t('nt-new-campaign'), newCampaignButton.pack());
  const picked = await askChoice(conversation, ctx, t, t('nt-choose-campaign'), kb, pickedCampaign);
  const existing = campaigns.find((c) => c.id === picked.value);
  if (existing) return existing;
  const name = (await askText(conversation, ctx, t, { prompt: t('nt-ask-campaign-name'), invalid: t('nt-campaign-name-invalid'), max: 150 })) ?? '';
  const periodText = await askText(conversation, ctx, t, {
    prompt: t('nt-ask-campaign-period'),
    invalid: t('nt-campaign-period-invalid'),
    max: 60,
    skip: true,
    valid: (text) => parseCampaignPeriod(text) !== null,
  });
  const period = periodText === null ? null : parseCampaignPeriod(periodText);
  return conversation.external(() =>
    createCampaign(db, clock, actorId, { name, startsOn: period?.startsOn ?? null, endsOn: period?.endsOn ?? null }),
  );
}

export function formLines(t: Translate, form: ReportForm): string[] {
  const yesNo = (on: boolean) => t(on ? 'nt-yes' : 'nt-no');
  return [
    form.number
      ? t('nt-field-number-on', { label: form.number.label }) + (form.number.max === 'households' ? t('nt-field-number-max') : '')
      : t('nt-field-number-off'),
    t('nt-field-photos', { rule: t(`nt-photos-${form.photos}`) }),
    t('nt-field-location', { on: yesNo(form.location) }),
    t('nt-field-note', { on: yesNo(form.note) }),
  ];
}

/** Toggle buttons over the template's form until "Tiếp tục". */
export async function stepForm(conversation: BotConversation, ctx: Context, t: Translate, initial: ReportForm): Promise<ReportForm> {
  let form: ReportForm = initial;
  let lastLabel = initial.number?.label ?? null;
  const keyboard = () => {
    const [number = '', photos = '', location = '', note = ''] = formLines(t, form);
    const kb = new InlineKeyboard().text(number, formButton.pack('number')).row().text(photos, formButton.pack('photos')).row();
    kb.text(location, formButton.pack('location')).row().text(note, formButton.pack('note')).row();
    if (form.number) kb.text(t('nt-relabel'), formButton.pack('label')).row();
    return kb.text(t('nt-continue'), formButton.pack('done'));
  };
  await ctx.reply(t('nt-fields'), { reply_markup: keyboard() });
  for (;;) {
    const input = await waitInput(conversation);
    const action = await readPress(input, choice(formButton));
    if (action === 'done') {
      await input.editMessageReplyMarkup().catch(() => undefined);
      return form;
    }
    if (action === 'photos') form = { ...form, photos: PHOTO_CYCLE[(PHOTO_CYCLE.indexOf(form.photos) + 1) % PHOTO_CYCLE.length] ?? 'optional' };
    else if (action === 'location') form = { ...form, location: !form.location };
    else if (action === 'note') form = { ...form, note: !form.note };
    else if (action === 'number' && form.number) form = { ...form, number: null };
    else if (action === 'number' || action === 'label') {
      const label = lastLabel && action === 'number' ? lastLabel : await askText(conversation, input, t, { prompt: t('nt-ask-number-label'), invalid: t('nt-number-label-invalid'), max: 60 });
      lastLabel = label;
      form = { ...form, number: { label: label ?? '', max: form.number?.max ?? initial.number?.max ?? null } };
      if (action === 'label') {
        await input.reply(t('nt-fields'), { reply_markup: keyboard() });
        continue;
      }
    } else {
      await input.reply(t('press-button'));
      continue;
    }
    await input.editMessageReplyMarkup({ reply_markup: keyboard() }).catch(() => undefined);
  }
}

/** All units, all residential units, several kinds, or units picked by name; at least one unit. */
export async function stepUnits(env: FeatureEnv, conversation: BotConversation, ctx: Context, t: Translate): Promise<{ id: number; name: string }[]> {
  const units = await conversation.external(() => listActiveUnits(env.deps.db));
  for (;;) {
    const scope = await pickTargets(conversation, ctx, t, { buttons: taskTargets, prompt: t('nt-choose-units'), units });
    const chosen = scope.mode === 'extra' ? [] : unitsInScope(units, scope).map((u) => ({ id: u.id, name: u.name })).sort((a, b) => a.id - b.id);
    if (chosen.length > 0) return chosen;
    await ctx.reply(t('nt-no-units'));
  }
}

