import { InlineKeyboard } from 'grammy';
import type { UnitKind } from '../core/schema.js';
import { accept, ask, retry } from '../telegram/ask.js';
import type { Translate } from '../telegram/context.js';
import { defineConversation } from '../telegram/conversation.js';
import type { FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { pickUnitKind } from '../telegram/pick-units.js';
import { splitLines } from '../telegram/split.js';
import { unitKindButton, unitsAddKindButton } from './onboarding.buttons.js';
import { UNIT_KINDS } from '../core/unit-kinds.js';
import { MAX_UNIT_NAME, parseUnitLines, type UnitLineError } from './units.rules.js';
import { addUnits, renameUnit, type Unit } from './units.service.js';

/** `kind` null asks for it first; a "➕ <kind>" button enters with it. */
export type UnitsAddArgs = { locale: string; actorId: number; kind: UnitKind | null };
export type UnitRenameArgs = { locale: string; actorId: number; unitId: number; oldName: string };

export function lineErrors(t: Translate, errors: UnitLineError[], head = 'units-add-bad-lines'): string {
  const lines = errors.map((e) => t('units-line-error', { lineNo: e.lineNo, line: e.line.slice(0, 60), reason: t(`units-reason-${e.reason}`) }));
  return [t(head), ...lines, t('units-add-fix')].join('\n');
}

/** " (120 hộ)" for a residential unit with a count, " (chưa ghi số hộ)" without; nothing for other kinds. */
export function householdsNote(t: Translate, unit: Pick<Unit, 'kind' | 'households'>): string {
  if (unit.kind !== 'block') return '';
  return unit.households === null ? t('units-households-missing') : t('units-households', { count: unit.households });
}

/** One "➕ <kind>" button per kind of unit, two a row: the next paste without retyping /units. */
export function addKindKeyboard(t: Translate): InlineKeyboard {
  const kb = new InlineKeyboard();
  UNIT_KINDS.forEach((kind, i) => {
    kb.text(t('units-add-kind-button', { kind: t(`unit-kind-${kind}`) }), unitsAddKindButton.pack(kind));
    if (i % 2 === 1) kb.row();
  });
  return kb;
}

/** What was added, each with its households so a typo shows, then the offer to add another kind. */
function addedReport(t: Translate, kind: UnitKind, result: { added: Unit[]; skipped: string[] }): string[] {
  const lines = result.added.length
    ? [t('units-added', { count: result.added.length, kind: t(`unit-kind-${kind}`) }), ...result.added.map((u) => t('units-added-line', { name: u.name, households: householdsNote(t, u) }))]
    : [t('units-nothing-added')];
  if (result.skipped.length) lines.push(t('units-skipped', { names: result.skipped.join(', ') }));
  if (kind === 'block' && result.added.length) lines.push(t('units-added-check'));
  return [...lines, t('units-add-more')];
}

/**
 * Admin pastes many units of one kind at once (households only for residential units); a bad
 * line is explained and nothing is stored until all are right.
 */
export function unitsAddConversation(env: FeatureEnv) {
  const { deps, i18n } = env;
  return defineConversation<UnitsAddArgs>('units-add', async (conversation, ctx, args) => {
    const t = translator(i18n, args.locale);
    const kind = args.kind ?? (await pickUnitKind(conversation, ctx, t, { prompt: t('units-add-kind'), again: t('units-add-kind-again'), button: unitKindButton, perRow: 2 })).value;
    const households = kind === 'block';
    const pasted = await ask(conversation, ctx, {
      prompt: t(`units-add-paste-${kind}`),
      read: (input) => {
        const text = input.message?.text;
        const parsed = text ? parseUnitLines(text, { households }) : null;
        if (!parsed || (parsed.errors.length === 0 && parsed.units.length === 0)) return retry(t('units-add-need-text'));
        if (parsed.errors.length > 0) return retry(lineErrors(t, parsed.errors));
        return accept(parsed.units);
      },
    });
    const result = await conversation.external(() => addUnits(deps.db, deps.clock, args.actorId, kind, pasted.value));
    const chunks = splitLines(addedReport(t, kind, result));
    for (const [i, chunk] of chunks.entries()) {
      await pasted.ctx.reply(chunk, i === chunks.length - 1 ? { reply_markup: addKindKeyboard(t) } : {});
    }
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
