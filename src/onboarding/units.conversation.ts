import type { Context } from 'grammy';
import type { UnitKind } from '../core/schema.js';
import type { Translate } from '../telegram/context.js';
import { waitButton, waitInput } from '../telegram/conversation-kit.js';
import type { BotConversation, ConversationDef, FeatureEnv } from '../telegram/feature.js';
import { translator } from '../telegram/i18n.js';
import { choiceKeyboard } from '../telegram/keyboards.js';
import { MAX_UNIT_NAME, parseUnitLines, type UnitLineError } from './units.rules.js';
import { addUnits, renameUnit } from './units.service.js';

export const UNIT_KINDS: readonly UnitKind[] = ['block', 'school', 'club', 'organisation', 'staff'];

function lineErrors(t: Translate, errors: UnitLineError[]): string {
  const lines = errors.map((e) => t('units-line-error', { lineNo: e.lineNo, line: e.line.slice(0, 60), reason: t(`units-reason-${e.reason}`) }));
  return [t('units-add-bad-lines'), ...lines, t('units-add-fix')].join('\n');
}

/** Admin pastes many units at once; a bad line is explained and nothing is stored until all are right. */
export function unitsAddConversation(env: FeatureEnv): ConversationDef {
  const { deps, i18n } = env;
  async function unitsAdd(conversation: BotConversation, ctx: Context, locale: string, actorId: number) {
    const t = translator(i18n, locale);
    const kinds = UNIT_KINDS.map((k) => ({ label: t(`unit-kind-${k}`), data: `uk:${k}` }));
    await ctx.reply(t('units-add-kind'), { reply_markup: choiceKeyboard(kinds, 2) });
    const picked = await waitButton(conversation, 'uk:', (c) => c.reply(t('units-add-kind-again')));
    const kind = UNIT_KINDS.find((k) => k === picked.value) ?? 'block';
    await picked.ctx.editMessageReplyMarkup();
    await ctx.reply(t('units-add-paste'));
    for (;;) {
      const input = await waitInput(conversation);
      const text = input.message?.text;
      if (!text) {
        await input.reply(t('units-add-need-text'));
        continue;
      }
      const { units, errors } = parseUnitLines(text);
      if (errors.length > 0 || units.length === 0) {
        await input.reply(errors.length ? lineErrors(t, errors) : t('units-add-need-text'));
        continue;
      }
      const result = await conversation.external(() => addUnits(deps.db, deps.clock, actorId, kind, units));
      const parts = [
        result.added.length
          ? t('units-added', { count: result.added.length, names: result.added.map((u) => u.name).join(', ') })
          : t('units-nothing-added'),
      ];
      if (result.skipped.length) parts.push(t('units-skipped', { names: result.skipped.join(', ') }));
      await input.reply(parts.join('\n'));
      return;
    }
  }
  return { id: 'units-add', builder: unitsAdd as ConversationDef['builder'] };
}

/** Admin renames one unit; a taken name or bad length is explained and asked again. */
export function unitRenameConversation(env: FeatureEnv): ConversationDef {
  const { deps, i18n } = env;
  async function unitRename(conversation: BotConversation, ctx: Context, locale: string, actorId: number, unitId: number, oldName: string) {
    const t = translator(i18n, locale);
    await ctx.reply(t('units-rename-ask', { name: oldName }));
    for (;;) {
      const input = await waitInput(conversation);
      const name = input.message?.text?.trim().replace(/\s+/g, ' ') ?? '';
      if (!name || name.length > MAX_UNIT_NAME) {
        await input.reply(t('units-rename-invalid'));
        continue;
      }
      const result = await conversation.external(() => renameUnit(deps.db, deps.clock, actorId, unitId, name));
      if (result === 'name-taken') {
        await input.reply(t('units-name-taken', { name }));
        continue;
      }
      await input.reply(result === 'renamed' ? t('units-renamed', { from: oldName, to: name }) : t('units-not-found'));
      return;
    }
  }
  return { id: 'unit-rename', builder: unitRename as ConversationDef['builder'] };
}
