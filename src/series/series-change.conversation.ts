import { formatRecurrence } from './recurrence-input.js';
import { askRecurrence, firstOccurrenceText } from './series-ask.conversation.js';
import { changeSeries, findSeries, type SeriesChange } from './series.service.js';
import { stepUnits } from '../tasks/newtask-steps.conversation.js';
import { askText } from '../telegram/ask.js';
import { defineConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';

export type SeriesChangeArgs = { locale: string; actorId: number; seriesId: number; what: 'rule' | 'title' | 'units' };

/** Changes a series' rule, title or units; the change applies from the next occurrence made on. */
export function seriesChangeConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  const zone = deps.config.timezone;
  return defineConversation<SeriesChangeArgs>('series-change', async (conversation, ctx, { locale, actorId, seriesId, what }) => {
    const t = translator(i18n, locale);
    const found = await conversation.external(async () => {
      const s = await findSeries(deps.db, seriesId);
      return s ? { title: s.title, lastDueAt: s.lastDueAt?.toISOString() ?? null } : null;
    });
    if (!found) return ctx.reply(t('series-gone'));
    const lastDueAt = found.lastDueAt ? new Date(found.lastDueAt) : null;
    let change: SeriesChange;
    if (what === 'rule') {
      change = { kind: 'rule', recurrence: (await askRecurrence(conversation, ctx, t, { zone, clock: deps.clock, lastDueAt })).rule };
    } else if (what === 'title') {
      const title = await askText(conversation, ctx, t, { prompt: t('series-ask-title', { title: found.title }), invalid: t('nt-title-invalid'), max: 120 });
      change = { kind: 'title', title: title ?? found.title };
    } else {
      change = { kind: 'units', unitIds: (await stepUnits(env, conversation, ctx, t)).map((u) => u.id) };
    }
    const result = await conversation.external(async () => {
      if (!(await changeSeries(deps.db, deps.clock, actorId, seriesId, change))) return null;
      const s = await findSeries(deps.db, seriesId);
      return s ? { now: deps.clock.now().toISOString(), title: s.title, rule: s.recurrence } : null;
    });
    if (!result) return ctx.reply(t('series-gone'));
    const first = firstOccurrenceText(result.rule, new Date(result.now), zone, t, lastDueAt);
    return ctx.reply(t('series-changed', { title: result.title, rule: formatRecurrence(result.rule, t), first }));
  });
}
