import { Composer, InlineKeyboard } from 'grammy';
import type { BotContext, Translate } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { pagedKeyboard } from '../telegram/pager.js';
import { splitLines } from '../telegram/split.js';
import { unitRenameConversation, unitsAddConversation } from './units.conversation.js';
import { deactivateUnit, findActiveUnit, listActiveUnits, listUnitsWithMembers, type UnitWithMembers } from './units.service.js';

function unitLines(t: Translate, units: UnitWithMembers[]): string[] {
  if (units.length === 0) return [t('units-empty')];
  return [
    t('units-header', { count: units.length }),
    ...units.map((u, i) =>
      t('units-line', {
        index: i + 1,
        name: u.name,
        households: u.households === null ? '' : t('units-households', { count: u.households }),
        members: u.members.length
          ? u.members.map((m) => `${m.displayName} (${t(`position-${m.position}`)})`).join(', ')
          : t('units-no-members'),
      }),
    ),
  ];
}

/** /units for admins: the list with members, and add / rename / deactivate. */
export function createUnitsFeature(env: FeatureEnv): Feature {
  const { deps } = env;
  const unitsAdd = unitsAddConversation(env);
  const unitRename = unitRenameConversation(env);
  const composer = new Composer<BotContext>();
  const admin = composer.chatType('private').filter(hasRole('admin'));

  admin.command('units', async (ctx) => {
    const chunks = splitLines(unitLines(ctx.t, await listUnitsWithMembers(deps.db)));
    const actions = new InlineKeyboard()
      .text(ctx.t('units-add'), 'units:add')
      .row()
      .text(ctx.t('units-rename'), 'units:rn:list')
      .text(ctx.t('units-deactivate'), 'units:off:list');
    for (const [i, chunk] of chunks.entries()) {
      await ctx.reply(chunk, i === chunks.length - 1 ? { reply_markup: actions } : {});
    }
  });

  admin.callbackQuery('units:add', async (ctx) => {
    await ctx.answerCallbackQuery();
    await unitsAdd.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id });
  });

  // Picking a unit to rename or deactivate: "list" opens the picker, "p:<page>" turns its pages,
  // "<id>" picks.
  admin.callbackQuery(/^units:(rn|off):(list|p:(\d+))$/, async (ctx) => {
    const action = ctx.match[1] ?? 'rn';
    const units = await listActiveUnits(deps.db);
    const choices = units.map((u) => ({ label: u.name, data: `units:${action}:${u.id}` }));
    const kb = pagedKeyboard(choices, Number(ctx.match[3] ?? 0), (p) => `units:${action}:p:${p}`, ctx.t);
    const text = ctx.t(units.length ? (action === 'rn' ? 'units-pick-rename' : 'units-pick-deactivate') : 'units-empty');
    await ctx.answerCallbackQuery();
    if (ctx.match[2] === 'list') await ctx.reply(text, { reply_markup: kb });
    else await ctx.editMessageText(text, { reply_markup: kb });
  });

  admin.callbackQuery(/^units:rn:(\d+)$/, async (ctx) => {
    const unit = await findActiveUnit(deps.db, Number(ctx.match[1]));
    await ctx.answerCallbackQuery();
    if (!unit) return ctx.reply(ctx.t('units-not-found'));
    await ctx.editMessageReplyMarkup();
    await unitRename.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, unitId: unit.id, oldName: unit.name });
  });

  admin.callbackQuery(/^units:off:(\d+)$/, async (ctx) => {
    const unit = await findActiveUnit(deps.db, Number(ctx.match[1]));
    await ctx.answerCallbackQuery();
    if (!unit) return ctx.editMessageText(ctx.t('units-not-found'));
    const kb = new InlineKeyboard().text(ctx.t('units-deactivate-yes'), `units:offok:${unit.id}`).text(ctx.t('units-deactivate-no'), 'units:offno');
    await ctx.editMessageText(ctx.t('units-deactivate-confirm', { name: unit.name }), { reply_markup: kb });
  });

  admin.callbackQuery(/^units:offok:(\d+)$/, async (ctx) => {
    const unit = await deactivateUnit(deps.db, deps.clock, ctx.member.id, Number(ctx.match[1]));
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(unit ? ctx.t('units-deactivated', { name: unit.name }) : ctx.t('units-not-found'));
  });

  admin.callbackQuery('units:offno', async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageText(ctx.t('units-deactivate-kept'));
  });

  return { composer, conversations: [unitsAdd, unitRename] };
}
