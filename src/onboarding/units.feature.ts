import { type CallbackQueryContext, Composer, InlineKeyboard } from 'grammy';
import type { Member } from '../core/member.js';
import { answerPress } from '../telegram/ask.js';
import type { BotContext, Translate } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { pagedKeyboard } from '../telegram/pager.js';
import { splitLines } from '../telegram/split.js';
import { deactivateNoButton, deactivateUnitPicker, deactivateYesButton, renameUnitPicker, unitsAddButton } from './onboarding.buttons.js';
import { unitRenameConversation, unitsAddConversation } from './units.conversation.js';
import { deactivateUnit, findActiveUnit, listActiveUnits, listUnitsWithMembers, type UnitWithMembers } from './units.service.js';

type AdminContext = BotContext & { member: Member };
type AdminPress = CallbackQueryContext<AdminContext>;
type UnitPicker = typeof renameUnitPicker;
type UnitRename = ReturnType<typeof unitRenameConversation>;
type UnitsAdd = ReturnType<typeof unitsAddConversation>;

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

/** /units: the list with members, then the add / rename / deactivate buttons under its last part. */
const onUnitsCommand =
  ({ deps }: FeatureEnv) =>
  async (ctx: BotContext) => {
    const chunks = splitLines(unitLines(ctx.t, await listUnitsWithMembers(deps.db)));
    const actions = new InlineKeyboard()
      .text(ctx.t('units-add'), unitsAddButton.pack())
      .row()
      .text(ctx.t('units-rename'), renameUnitPicker.open.pack())
      .text(ctx.t('units-deactivate'), deactivateUnitPicker.open.pack());
    for (const [i, chunk] of chunks.entries()) {
      await ctx.reply(chunk, i === chunks.length - 1 ? { reply_markup: actions } : {});
    }
  };

const onAddButton = (unitsAdd: UnitsAdd) => async (ctx: AdminPress) => {
  await answerPress(ctx);
  await unitsAdd.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id });
};

/** Opens the picker in a new message (page 0) or turns its pages in place. */
const onPicker =
  ({ deps }: FeatureEnv, picker: UnitPicker, promptKey: string) =>
  async (ctx: AdminPress) => {
    const page = picker.page.unpack(ctx.callbackQuery.data)?.[0] ?? 0;
    const units = await listActiveUnits(deps.db);
    const choices = units.map((u) => ({ label: u.name, data: picker.pick.pack(u.id) }));
    const kb = pagedKeyboard(choices, page, (p) => picker.page.pack(p), ctx.t);
    const text = ctx.t(units.length ? promptKey : 'units-empty');
    await answerPress(ctx);
    if (picker.open.pattern.test(ctx.callbackQuery.data)) await ctx.reply(text, { reply_markup: kb });
    else await ctx.editMessageText(text, { reply_markup: kb });
  };

const onRenamePick = (env: FeatureEnv, unitRename: UnitRename) => async (ctx: AdminPress) => {
  const pressed = renameUnitPicker.pick.unpack(ctx.callbackQuery.data);
  if (!pressed) return;
  const unit = await findActiveUnit(env.deps.db, pressed[0]);
  await answerPress(ctx);
  if (!unit) return ctx.reply(ctx.t('units-not-found'));
  await ctx.editMessageReplyMarkup();
  await unitRename.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, unitId: unit.id, oldName: unit.name });
};

/** Deactivating asks first. */
const onDeactivatePick =
  ({ deps }: FeatureEnv) =>
  async (ctx: AdminPress) => {
    const pressed = deactivateUnitPicker.pick.unpack(ctx.callbackQuery.data);
    if (!pressed) return;
    const unit = await findActiveUnit(deps.db, pressed[0]);
    await answerPress(ctx);
    if (!unit) return ctx.editMessageText(ctx.t('units-not-found'));
    const kb = new InlineKeyboard().text(ctx.t('units-deactivate-yes'), deactivateYesButton.pack(unit.id)).text(ctx.t('units-deactivate-no'), deactivateNoButton.pack());
    await ctx.editMessageText(ctx.t('units-deactivate-confirm', { name: unit.name }), { reply_markup: kb });
  };

const onDeactivateYes =
  ({ deps }: FeatureEnv) =>
  async (ctx: AdminPress) => {
    const pressed = deactivateYesButton.unpack(ctx.callbackQuery.data);
    if (!pressed) return;
    const unit = await deactivateUnit(deps.db, deps.clock, ctx.member.id, pressed[0]);
    await answerPress(ctx);
    await ctx.editMessageText(unit ? ctx.t('units-deactivated', { name: unit.name }) : ctx.t('units-not-found'));
  };

const onDeactivateNo = async (ctx: AdminPress) => {
  await answerPress(ctx);
  await ctx.editMessageText(ctx.t('units-deactivate-kept'));
};

/** /units for admins: the list with members, and add / rename / deactivate. */
export function createUnitsFeature(env: FeatureEnv): Feature {
  const unitsAdd = unitsAddConversation(env);
  const unitRename = unitRenameConversation(env);
  const composer = new Composer<BotContext>();
  const admin = composer.chatType('private').filter(hasRole('admin'));
  admin.command('units', onUnitsCommand(env));
  admin.callbackQuery(unitsAddButton.pattern, onAddButton(unitsAdd));
  admin.callbackQuery([renameUnitPicker.open.pattern, renameUnitPicker.page.pattern], onPicker(env, renameUnitPicker, 'units-pick-rename'));
  admin.callbackQuery([deactivateUnitPicker.open.pattern, deactivateUnitPicker.page.pattern], onPicker(env, deactivateUnitPicker, 'units-pick-deactivate'));
  admin.callbackQuery(renameUnitPicker.pick.pattern, onRenamePick(env, unitRename));
  admin.callbackQuery(deactivateUnitPicker.pick.pattern, onDeactivatePick(env));
  admin.callbackQuery(deactivateYesButton.pattern, onDeactivateYes(env));
  admin.callbackQuery(deactivateNoButton.pattern, onDeactivateNo);
  return { composer, conversations: [unitsAdd, unitRename] };
}
