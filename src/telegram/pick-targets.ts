import { type Context, InlineKeyboard } from 'grammy';
import { matchesName } from '../core/fold.js';
import type { UnitKind } from '../core/schema.js';
import { type ScopeUnit, type UnitScope, unitsInScope } from '../core/unit-scope.js';
import { UNIT_KINDS } from '../core/unit-kinds.js';
import { answerPress, askChoice, clearButtons, waitInput } from './ask.js';
import type { Translate } from './context.js';
import type { BotConversation } from './conversation.js';
import { pickedMode, type TargetPickerButtons } from './pickers.buttons.js';
import { pagedKeyboard } from './pager.js';
import { clip } from '../core/text.js';

/**
 * The one way to say who a task or broadcast is for, in a few taps: all units, all residential
 * units, several kinds at once, or units picked by name (with search, select all / none).
 * `extra` adds choices of the caller's own (e.g. officials only), returned as `{ mode: 'extra' }`.
 */
export async function pickTargets(
  conversation: BotConversation,
  ctx: Context,
  t: Translate,
  opts: { buttons: TargetPickerButtons; prompt: string; units: ScopeUnit[]; extra?: { label: string; value: string }[] },
): Promise<UnitScope | { mode: 'extra'; value: string }> {
  const { buttons: b, units } = opts;
  const count = (k: UnitKind) => units.filter((u) => u.kind === k).length;
  const kb = new InlineKeyboard().text(t('pick-all-units', { count: units.length }), b.mode.pack('all')).row();
  if (count('block') > 0) kb.text(t('pick-all-blocks', { count: count('block') }), b.mode.pack('blocks')).row();
  kb.text(t('pick-by-kinds'), b.mode.pack('kinds')).row().text(t('pick-by-name'), b.mode.pack('names')).row();
  for (const c of opts.extra ?? []) if (b.extra) kb.text(c.label, b.extra.pack(c.value)).row();
  const mode = await askChoice(conversation, ctx, t, opts.prompt, kb, pickedMode(b));
  if (typeof mode.value === 'object') return { mode: 'extra', value: mode.value.extra };
  if (mode.value === 'all') return { mode: 'all' };
  if (mode.value === 'blocks') return { mode: 'kinds', kinds: ['block'] };
  if (mode.value === 'kinds') return { mode: 'kinds', kinds: await pickKinds(conversation, mode.ctx, t, b, units) };
  return { mode: 'pick', unitIds: await pickByName(conversation, mode.ctx, t, b, units) };
}

/** Several kinds at once, each with its count; at least one unit in the end. */
async function pickKinds(conversation: BotConversation, ctx: Context, t: Translate, b: TargetPickerButtons, units: ScopeUnit[]): Promise<UnitKind[]> {
  const present = UNIT_KINDS.filter((k) => units.some((u) => u.kind === k));
  const chosen = new Set<UnitKind>();
  const render = () => {
    const kb = new InlineKeyboard();
    for (const k of present) {
      const n = units.filter((u) => u.kind === k).length;
      kb.text(t('pick-kind-toggle', { mark: chosen.has(k) ? '☑️' : '⬜', kind: t(`unit-kind-${k}`), count: n }), b.kind.pack(k)).row();
    }
    return kb.text(t('pick-done', { count: unitsInScope(units, { mode: 'kinds', kinds: [...chosen] }).length }), b.kindsDone.pack());
  };
  await ctx.reply(t('pick-kinds'), { reply_markup: render() });
  for (;;) {
    const input = await waitInput(conversation);
    const data = input.callbackQuery?.data;
    await answerPress(input);
    const kind = present.find((k) => k === b.kind.unpack(data)?.[0]);
    if (kind) {
      if (chosen.has(kind)) chosen.delete(kind);
      else chosen.add(kind);
      await input.editMessageReplyMarkup({ reply_markup: render() }).catch(() => undefined);
    } else if (b.kindsDone.unpack(data) && chosen.size > 0) {
      await clearButtons(input);
      return present.filter((k) => chosen.has(k));
    } else await input.reply(t(b.kindsDone.unpack(data) ? 'pick-kinds-none' : 'press-button'));
  }
}

/** Toggles over the units, paged; typing part of a name (accents optional) narrows the list. */
async function pickByName(conversation: BotConversation, ctx: Context, t: Translate, b: TargetPickerButtons, units: ScopeUnit[]): Promise<number[]> {
  const chosen = new Set<number>();
  let query = '';
  let page = 0;
  const shown = () => (query ? units.filter((u) => matchesName(query, u.name)) : units);
  const text = () => (query ? t('pick-search-result', { query, count: shown().length, chosen: chosen.size }) : t('pick-units', { count: chosen.size }));
  const render = () => {
    const choices = shown().map((u) => ({ label: `${chosen.has(u.id) ? '☑️' : '⬜'} ${u.name}`, data: b.unit.pack(u.id) }));
    const kb = pagedKeyboard(choices, page, (p) => b.page.pack(p), t).row();
    kb.text(t('pick-select-all', { count: shown().length }), b.selectAll.pack()).text(t('pick-select-none'), b.selectNone.pack()).row();
    if (query) kb.text(t('pick-search-clear'), b.searchClear.pack()).row();
    return kb.text(t('pick-done', { count: chosen.size }), b.done.pack());
  };
  await ctx.reply(`${text()}\n${t('pick-search-hint')}`, { reply_markup: render() });
  for (;;) {
    const input = await waitInput(conversation);
    const typed = input.message?.text?.trim();
    if (typed) {
      query = clip(typed, 40);
      page = 0;
      await input.reply(shown().length ? text() : t('pick-search-nothing', { query }), { reply_markup: render() });
      continue;
    }
    const data = input.callbackQuery?.data;
    await answerPress(input);
    if (b.done.unpack(data)) {
      if (chosen.size > 0) {
        await clearButtons(input);
        return units.filter((u) => chosen.has(u.id)).map((u) => u.id);
      }
      await input.reply(t('pick-none'));
      continue;
    }
    if (!applyPress(data, b, { units, shown: shown(), chosen })) {
      const turned = b.page.unpack(data);
      if (turned) page = turned[0];
      else if (b.searchClear.unpack(data)) query = '';
      else {
        await input.reply(t('press-button'));
        continue;
      }
    }
    await input.editMessageText(text(), { reply_markup: render() }).catch(() => undefined);
  }
}

/** Applies a toggle, select-all or select-none press; false when the press was something else. */
function applyPress(data: string | undefined, b: TargetPickerButtons, s: { units: ScopeUnit[]; shown: ScopeUnit[]; chosen: Set<number> }): boolean {
  if (b.selectAll.unpack(data)) s.shown.forEach((u) => s.chosen.add(u.id));
  else if (b.selectNone.unpack(data)) s.shown.forEach((u) => s.chosen.delete(u.id));
  else {
    const id = b.unit.unpack(data)?.[0] ?? NaN;
    if (!s.units.some((u) => u.id === id)) return false;
    if (s.chosen.has(id)) s.chosen.delete(id);
    else s.chosen.add(id);
  }
  return true;
}
