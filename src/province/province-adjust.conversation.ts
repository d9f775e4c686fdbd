import { unitsInScope } from '../core/unit-scope.js';
import { listActiveUnits } from '../onboarding/units.service.js';
import { askDateTime } from '../telegram/ask.js';
import { defineConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { pickTargets } from '../telegram/pick-targets.js';
import { adjustTargets } from './province.buttons.js';
import { keepForCommune, openForCommune } from './province.service.js';
import { keptReply } from './province.keep.js';
import { formatDayAt } from '../calendar/date-format.js';

export type AdjustArgs = { locale: string; actorId: number; communeId: number; sendId: number };

/** "Điều chỉnh": the commune's deadline (not later than the province's), then its units; then kept. */
export function adjustConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  const zone = deps.config.timezone;
  return defineConversation<AdjustArgs>('province-adjust', async (conversation, ctx, { locale, actorId, communeId, sendId }) => {
    const t = translator(i18n, locale);
    const send = await conversation.external(async () => {
      const found = await openForCommune(deps.db, deps.clock, communeId, sendId);
      return found ? { dueAt: found.dueAt.toISOString(), kept: found.taskId !== null } : null;
    });
    if (!send) return ctx.reply(t('pk-not-found'));
    if (send.kept) return ctx.reply(t('pk-already-kept'));
    const limit = new Date(send.dueAt);
    let dueAt = await askDateTime(conversation, ctx, t, t('pk-adjust-due', { due: formatDayAt(limit, zone, t) }), { zone, clock: deps.clock });
    while (dueAt.getTime() > limit.getTime()) {
      await ctx.reply(t('pk-too-late', { due: formatDayAt(limit, zone, t) }));
      dueAt = await askDateTime(conversation, ctx, t, t('pk-adjust-due', { due: formatDayAt(limit, zone, t) }), { zone, clock: deps.clock });
    }
    const units = await conversation.external(async () => (await listActiveUnits(deps.db)).map(({ id, name, kind }) => ({ id, name, kind })));
    const scope = await pickTargets(conversation, ctx, t, { buttons: adjustTargets, prompt: t('pk-adjust-units'), units });
    const unitIds = scope.mode === 'extra' ? [] : unitsInScope(units, scope).map((u) => u.id);
    const due = dueAt.toISOString();
    const result = await conversation.external(() => keepForCommune(deps.db, deps.clock, { communeId, actorId, sendId, dueAt: new Date(due), unitIds }));
    return ctx.reply(keptReply(t, result, zone));
  });
}
