import { accept, ask, retry } from '../telegram/ask.js';
import type { Translate } from '../telegram/context.js';
import { defineConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { type HouseholdEdit, type HouseholdEditError, matchHouseholdEdits } from './units-households.rules.js';
import { listActiveUnits, setHouseholds } from './units.service.js';

export type UnitHouseholdsArgs = { locale: string; actorId: number };

function editErrors(t: Translate, errors: HouseholdEditError[], example: string): string {
  const lines = errors.map((e) => {
    const reason = e.match ? t(`units-hh-reason-${e.reason}`, { example }) : t(`units-reason-${e.reason}`);
    return t('units-line-error', { lineNo: e.lineNo, line: e.line.slice(0, 60), reason });
  });
  return [t('units-hh-bad-lines'), ...lines, t('units-add-fix')].join('\n');
}

function editsDone(t: Translate, edits: HouseholdEdit[]): string {
  if (edits.length === 0) return t('units-hh-nothing');
  const lines = edits.map((e) => t('units-hh-line', { name: e.name, from: e.from ?? t('units-hh-unknown'), to: e.to }));
  return [t('units-hh-done'), ...lines].join('\n');
}

/**
 * Correcting household counts by typing "Khối 7; 320", several lines at once, matched to the
 * residential units by name (accents optional): a typo found after a paste costs three messages.
 */
export function unitHouseholdsConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  return defineConversation<UnitHouseholdsArgs>('unit-households', async (conversation, ctx, { locale, actorId }) => {
    const t = translator(i18n, locale);
    const units = await conversation.external(() => listActiveUnits(deps.db));
    const first = units.find((u) => u.kind === 'block');
    if (!first) return ctx.reply(t('units-hh-none'));
    const example = `${first.name}; ${first.households ?? 120}`;
    const answer = await ask(conversation, ctx, {
      prompt: t('units-hh-ask', { example }),
      read: (input) => {
        const text = input.message?.text;
        if (!text) return retry(t('units-add-need-text'));
        const { edits, errors } = matchHouseholdEdits(text, units);
        return errors.length ? retry(editErrors(t, errors, example)) : accept(edits);
      },
    });
    await conversation.external(() => setHouseholds(deps.db, deps.clock, actorId, answer.value));
    await answer.ctx.reply(editsDone(t, answer.value));
  });
}
