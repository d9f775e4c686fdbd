import { type Context, InlineKeyboard } from 'grammy';
import { matchesName } from '../core/fold.js';
import type { UnitKind } from '../core/schema.js';
import { type ScopeUnit, type UnitScope, unitsInScope } from '../core/unit-scope.js';
import { UNIT_KINDS } from '../onboarding/unit-kinds.js';
import { answerPress, askChoice, clearButtons, waitInput } from './ask.js';
import type { Translate } from './context.js';
import type { BotConversation } from './conversation.js';
import type { Choice } from './keyboards.js';
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
  opts: { prefix: string; prompt: string; units: ScopeUnit[]; extra?: Choice[] },
): Promise<UnitScope | { mode: 'extra'; value: string }> {
  const { prefix, units } = opts;
  const count = (k: UnitKind) => units.filter((u) => u.kind === k).length;
  const kb = new InlineKeyboard().text(t('pick-all-units', { count: units.length }), `${prefix}:all`).row();
  if (count('block') > 0) kb.text(t('pick-all-blocks', { count: count('block') }), `${prefix}:blocks`).row();
  kb.text(t('pick-by-kinds'), `${prefix}:kinds`).row().text(t('pick-by-name'), `${prefix}:names`).row();
  for (const c of opts.extra ?? []) kb.text(c.label, `${prefix}:x:${c.data}`).row();
  const mode = await askChoice(conversation, ctx, t, opts.prompt, kb, `${prefix}:`);
  if (mode.value === 'all') return { mode: 'all' };
  if (mode.value === 'blocks') return { mode: 'kinds', kinds: ['block'] };
  if (mode.value.startsWith('x:')) return { mode: 'extra', value: mode.value.slice(2) };
  if (mode.value === 'kinds') return { mode: 'kinds', kinds: await pickKinds(conversation, mode.ctx, t, prefix, units) };
  return { mode: 'pick', unitIds: await pickByName(conversation, mode.ctx, t, prefix, units) };
}

/** Several kinds at once, each with its count; at least one unit in the end. */
async function pickKinds(conversation: BotConversation, ctx: Context, t: Translate, prefix: string, units: ScopeUnit[]): Promise<UnitKind[]> {
  const present = UNIT_KINDS.filter((k) => units.some((u) => u.kind === k));
  const chosen = new Set<UnitKind>();
  const render = () => {
    const kb = new InlineKeyboard();
    for (const k of present) {
      const n = units.filter((u) => u.kind === k).length;
      kb.text(t('pick-kind-toggle', { mark: chosen.has(k) ? '☑️' : '⬜', kind: t(`unit-kind-${k}`), count: n }), `${prefix}:k:${k}`).row();
    }
    return kb.text(t('pick-done', { count: unitsInScope(units, { mode: 'kinds', kinds: [...chosen] }).length }), `${prefix}:kd`);
  };
  await ctx.reply(t('pick-kinds'), { reply_markup: render() });
  for (;;) {
    const input = await waitInput(conversation);
    const data = input.callbackQuery?.data ?? '';
    await answerPress(input);
    const kind = present.find((k) => data === `${prefix}:k:${k}`);
    if (kind) {
      if (chosen.has(kind)) chosen.delete(kind);
      else chosen.add(kind);
      await input.editMessageReplyMarkup({ reply_markup: render() }).catch(() => undefined);
    } else if (data === `${prefix}:kd` && chosen.size > 0) {
      await clearButtons(input);
      return present.filter((k) => chosen.has(k));
    } else await input.reply(t(data === `${prefix}:kd` ? 'pick-kinds-none' : 'press-button'));
  }
}

/** Toggles over the units, paged; typing part of a name (accents optional) narrows the list. */
async function pickByName(conversation: BotConversation, ctx: Context, t: Translate, prefix: string, units: ScopeUnit[]): Promise<number[]> {
  const chosen = new Set<number>();
  let query = '';
  let page = 0;
  const shown = () => (query ? units.filter((u) => matchesName(query, u.name)) : units);
  const text = () => (query ? t('pick-search-result', { query, count: shown().length, chosen: chosen.size }) : t('pick-units', { count: chosen.size }));
  const render = () => {
    const choices = shown().map((u) => ({ label: `${chosen.has(u.id) ? '☑️' : '⬜'} ${u.name}`, data: `${prefix}:u:${u.id}` }));
    const kb = pagedKeyboard(choices, page, (p) => `${prefix}:p:${p}`, t).row();
    kb.text(t('pick-select-all', { count: shown().length }), `${prefix}:sa`).text(t('pick-select-none'), `${prefix}:sn`).row();
    if (query) kb.text(t('pick-search-clear'), `${prefix}:sc`).row();
    return kb.text(t('pick-done', { count: chosen.size }), `${prefix}:d`);
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
    const data = input.callbackQuery?.data ?? '';
    await answerPress(input);
    if (data === `${prefix}:d`) {
      if (chosen.size > 0) {
        await clearButtons(input);
        return units.filter((u) => chosen.has(u.id)).map((u) => u.id);
      }
      await input.reply(t('pick-none'));
      continue;
    }
    if (!applyPress(data, prefix, { units, shown: shown(), chosen })) {
      const page_ = /^.+:p:(\d{1,4})$/.exec(data);
      if (page_ && data.startsWith(`${prefix}:p:`)) page = Number(page_[1]);
      else if (data === `${prefix}:sc`) query = '';
      else {
        await input.reply(t('press-button'));
        continue;
      }
    }
    await input.editMessageText(text(), { reply_markup: render() }).catch(() => undefined);
  }
}

/** Applies a toggle, select-all or select-none press; false when the press was something else. */
function applyPress(data: string, prefix: string, s: { units: ScopeUnit[]; shown: ScopeUnit[]; chosen: Set<number> }): boolean {
  if (data === `${prefix}:sa`) s.shown.forEach((u) => s.chosen.add(u.id));
  else if (data === `${prefix}:sn`) s.shown.forEach((u) => s.chosen.delete(u.id));
  else {
    const id = data.startsWith(`${prefix}:u:`) ? Number(data.slice(prefix.length + 3)) : NaN;
    if (!s.units.some((u) => u.id === id)) return false;
    if (s.chosen.has(id)) s.chosen.delete(id);
    else s.chosen.add(id);
  }
  return true;
}
