import { matchesName } from '../core/fold.js';
import type { Office } from '../core/office-settings.js';
import { askText } from '../telegram/ask.js';
import { defineConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { deliverSend } from './province.deliver.js';
import { communesFor, sendDown } from './province.service.js';
import { communeName } from './province.text.js';

export type SendByNameArgs = { locale: string; actorId: number; province: { id: number; name: string | null; kind: Office['kind']; parentId: number | null }; sendId: number };

const MAX_NAMES_TEXT = 2000;

/** "Chọn theo tên": the admin types the communes' names (accents and case do not matter), separated by commas or lines. */
export function sendByNameConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  return defineConversation<SendByNameArgs>('province-send-names', async (conversation, ctx, { locale, actorId, province, sendId }) => {
    const t = translator(i18n, locale);
    const communes = await conversation.external(() => communesFor(deps.db, province.id, { mode: 'all' }));
    let chosen: number[] = [];
    while (chosen.length === 0) {
      const text = await askText(conversation, ctx, t, { prompt: t('pv-names-ask'), invalid: t('pv-names-none'), max: MAX_NAMES_TEXT });
      const parts = (text ?? '').split(/[,;\n]/).map((p) => p.trim()).filter(Boolean);
      chosen = communes.filter((c) => parts.some((p) => matchesName(p, communeName(t, c)))).map((c) => c.id);
      if (chosen.length === 0) await ctx.reply(t('pv-names-none'));
    }
    const ids = chosen;
    const result = await conversation.external(async () => {
      const sent = await sendDown(deps.db, deps.clock, { provinceId: province.id, actorId, sendId, target: { mode: 'pick', officeIds: ids } });
      if (sent.ok) await deliverSend(env, province, sent.send, sent.communeIds);
      return sent.ok ? { ok: true as const, title: sent.send.title, count: sent.communeIds.length } : { ok: false as const, reason: sent.reason };
    });
    if (!result.ok) return ctx.reply(t(`pv-${result.reason}`));
    const names = communes.filter((c) => ids.includes(c.id)).map((c) => communeName(t, c));
    return ctx.reply(t('pv-sent-names', { title: result.title, count: result.count, names: names.join(', ') }));
  });
}
