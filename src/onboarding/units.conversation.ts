import { defineConversation } from '../telegram/conversation.js';
import type { Translate } from '../telegram/context.js';
import { accept, ask, retry } from '../telegram/ask.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { pickUnitKind } from '../telegram/pick-units.js';
import { MAX_UNIT_NAME, parseUnitLines, type UnitLineError } from './units.rules.js';
import { addUnits, renameUnit } from './units.service.js';

export type UnitsAddArgs = { locale: string; actorId: number };
export type UnitRenameArgs = { locale: string; actorId: number; unitId: number; oldName: string };

function lineErrors(t: Translate, errors: UnitLineError[]): string {
  const lines = errors.map((e) => t('units-line-error', { lineNo: e.lineNo, line: e.line.slice(0, 60), reason: t(`units-reason-${e.reason}`) }));
  return [t('units-add-bad-lines'), ...lines, t('units-add-fix')].join('\n');
}

/** Admin pastes many units at once; a bad line is explained and nothing is stored until all are right. */
export function unitsAddConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  return defineConversation<UnitsAddArgs>('units-add', async (conversation, ctx, { locale, actorId }) => {
    const t = translator(i18n, locale);
    const kind = await pickUnitKind(conversation, ctx, t, { prompt: t('units-add-kind'), again: t('units-add-kind-again'), prefix: 'uk:', perRow: 2 });
    const pasted = await ask(conversation, ctx, {
      prompt: t('units-add-paste'),
      read: (input) => {
        const text = input.message?.text;
        const parsed = text ? parseUnitLines(text) : null;
        if (!parsed || (parsed.errors.length === 0 && parsed.units.length === 0)) return retry(t('units-add-need-text'));
        if (parsed.errors.length > 0) return retry(lineErrors(t, parsed.errors));
        return accept(parsed.units);
      },
    });
    const result = await conversation.external(() => addUnits(deps.db, deps.clock, actorId, kind.value, pasted.value));
    const parts = [
      result.added.length ? t('units-added', { count: result.added.length, names: result.added.map((u) => u.name).join(', ') }) : t('units-nothing-added'),
    ];
    if (result.skipped.length) parts.push(t('units-skipped', { names: result.skipped.join(', ') }));
    await pasted.ctx.reply(parts.join('\n'));
  });
}

/** Admin renames one unit; a taken name or bad length is explained and asked again. */
export function unitRenameConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  return defineConversation<UnitRenameArgs>('unit-rename', async (conversation, ctx, { locale, actorId, unitId, oldName }) => {
    const t = translator(i18n, locale);
    const renamed = await ask(conversation, ctx, {
      prompt: t('units-rename-ask', { name: oldName }),
      read: async (input) => {
        const name = input.message?.text?.trim().replace(/\s+/g, ' ') ?? '';
        if (!name || name.length > MAX_UNIT_NAME) return retry(t('units-rename-invalid'));
        const result = await conversation.external(() => renameUnit(deps.db, deps.clock, actorId, unitId, name));
        if (result === 'name-taken') return retry(t('units-name-taken', { name }));
        return accept(result === 'renamed' ? t('units-renamed', { from: oldName, to: name }) : t('units-not-found'));
      },
    });
    await renamed.ctx.reply(renamed.value);
  });
}
