import { InlineKeyboard } from 'grammy';
import { DateTime } from 'luxon';
import { formatLocal } from '../core/clock.js';
import type { BroadcastContent, BroadcastTarget } from '../core/schema.js';
import { isQuiet, nextSendable } from '../outbox/outbox.rules.js';
import { askChoice } from '../telegram/ask.js';
import type { Translate } from '../telegram/context.js';
import { defineConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { stepContent, stepTarget, stepWhen } from './broadcast-steps.conversation.js';
import { confirmButton } from './broadcasts.buttons.js';
import { choice } from '../core/buttons.js';
import { createBroadcast, outboxSettings, type Repeat } from './broadcasts.service.js';
import { clip } from '../core/text.js';

export type BroadcastArgs = { locale: string; actorId: number; chatId: number };
const EXCERPT = 300;

export function targetLabel(t: Translate, target: BroadcastTarget): string {
  if (target.mode === 'kind') return t('bc-target-label-kind', { kind: t(`unit-kind-${target.kind}`) });
  if (target.mode === 'kinds') return t('bc-target-label-kinds', { kinds: target.kinds.map((k) => t(`unit-kind-${k}`)).join(', ') });
  if (target.mode === 'pick') return t('bc-target-label-pick', { count: target.unitIds.length });
  return t(`bc-target-label-${target.mode}`);
}

export function whenLabel(t: Translate, at: Date, repeat: Repeat, zone: string): string {
  const local = DateTime.fromJSDate(at, { zone });
  if (repeat === 'daily') return t('bc-repeat-daily', { time: local.toFormat('HH:mm'), from: formatLocal(at, zone) });
  if (repeat === 'weekly') return t('bc-repeat-weekly', { weekday: t(`bc-weekday-${local.weekday}`), time: local.toFormat('HH:mm'), from: formatLocal(at, zone) });
  return formatLocal(at, zone);
}

function contentLines(t: Translate, c: BroadcastContent): string[] {
  const excerpt = clip(c.text, EXCERPT);
  return [t(`bc-preview-kind-${c.kind}`), ...(excerpt ? [t('bc-preview-text', { text: excerpt })] : [])];
}

/** /broadcast: content → target → when → preview with the recipient count → confirm. */
export function broadcastConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  const zone = deps.config.timezone;
  const settings = outboxSettings(deps);
  return defineConversation<BroadcastArgs>('broadcast', async (conversation, ctx, { locale, actorId, chatId }) => {
    const t = translator(i18n, locale);
    const content = await stepContent(conversation, ctx, t);
    const { target, count } = await stepTarget(env, conversation, ctx, t);
    const when = await stepWhen(env, conversation, ctx, t);
    const now = new Date(await conversation.external(() => deps.clock.now().toISOString()));
    const startAt = when.sendAt ?? now;
    const lines = [
      t('bc-preview-header'),
      ...contentLines(t, content),
      t('bc-preview-target', { target: targetLabel(t, target), count }),
      when.sendAt ? t('bc-preview-when', { when: whenLabel(t, startAt, when.repeat, zone) }) : t('bc-preview-now'),
    ];
    if (isQuiet(startAt, settings.window)) lines.push(t('bc-preview-quiet', { at: formatLocal(nextSendable(startAt, settings.window), zone) }));
    const kb = new InlineKeyboard().text(t('bc-confirm'), confirmButton.pack('yes')).text(t('bc-cancel'), confirmButton.pack('no'));
    const confirm = await askChoice(conversation, ctx, t, lines.join('\n'), kb, choice(confirmButton));
    if (confirm.value !== 'yes') return confirm.ctx.reply(t('bc-cancelled'));
    const key = `cb:${confirm.ctx.callbackQuery?.id ?? confirm.ctx.update.update_id}`;
    const created = await conversation.external(async () => {
      const draft = { content, target, sendAt: when.sendAt ?? deps.clock.now(), repeat: when.repeat, locale, progressChatId: chatId };
      const b = await createBroadcast(deps.db, deps.clock, settings, actorId, draft, key);
      return { id: b.id, status: b.status };
    });
    if (!when.sendAt) return confirm.ctx.reply(t('bc-created-now', { id: created.id, count }));
    return confirm.ctx.reply(t('bc-created-later', { id: created.id, count, when: whenLabel(t, when.sendAt, when.repeat, zone) }));
  });
}
