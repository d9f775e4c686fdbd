import { type CallbackQueryContext, Composer, InlineKeyboard } from 'grammy';
import type { Member } from '../core/member.js';
import { answerPress, clearButtons } from '../telegram/ask.js';
import type { BotContext, Translate } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { pagedKeyboard } from '../telegram/pager.js';
import { splitLines } from '../telegram/split.js';
import {
  deactivateNoButton,
  deactivateUnitPicker,
  deactivateYesButton,
  reactivateUnitPicker,
  renameUnitPicker,
  unitsAddButton,
  unitsAddKindButton,
  unitsHouseholdsButton,
} from './onboarding.buttons.js';
import { UNIT_KINDS } from '../core/unit-kinds.js';
import { unitHouseholdsConversation } from './units-households.conversation.js';
import { addKindKeyboard, householdsNote, unitRenameConversation, unitsAddConversation } from './units.conversation.js';
import { deactivateUnit, findActiveUnit, listActiveUnits, listInactiveUnits, listUnitsWithMembers, reactivateUnit, type Unit, type UnitWithMembers } from './units.service.js';

type AdminContext = BotContext & { member: Member };
type AdminPress = CallbackQueryContext<AdminContext>;
type UnitPicker = typeof renameUnitPicker;
type Conversations = {
  add: ReturnType<typeof unitsAddConversation>;
  rename: ReturnType<typeof unitRenameConversation>;
  households: ReturnType<typeof unitHouseholdsConversation>;
};

/** The list, one block per kind ("Thôn (14):"), each unit with its households and who is in charge. */
function unitLines(t: Translate, units: UnitWithMembers[]): string[] {
  const lines = [t('units-header', { count: units.length })];
  for (const kind of UNIT_KINDS) {
    const ofKind = units.filter((u) => u.kind === kind);
    if (ofKind.length === 0) continue;
    lines.push('', t('units-kind-header', { kind: t(`unit-kind-${kind}`), count: ofKind.length }));
    ofKind.forEach((u, i) => {
      const members = u.members.length ? u.members.map((m) => `${m.displayName} (${t(`position-${m.position}`)})`).join(', ') : t('units-no-members');
      lines.push(t('units-line', { index: i + 1, name: u.name, households: householdsNote(t, u), members }));
    });
  }
  return lines;
}

function unitActions(t: Translate, units: Unit[], inactive: number): InlineKeyboard {
  const kb = new InlineKeyboard().text(t('units-add'), unitsAddButton.pack());
  if (units.some((u) => u.kind === 'block')) kb.text(t('units-households-edit'), unitsHouseholdsButton.pack());
  kb.row().text(t('units-rename'), renameUnitPicker.open.pack()).text(t('units-deactivate'), deactivateUnitPicker.open.pack());
  if (inactive > 0) kb.row().text(t('units-reactivate', { count: inactive }), reactivateUnitPicker.open.pack());
  return kb;
}

/** /units: the list with who is in charge and the actions under its last part; with no unit yet, the kinds to add. */
const onUnitsCommand =
  ({ deps }: FeatureEnv) =>
  async (ctx: BotContext) => {
    const [units, inactive] = await Promise.all([listUnitsWithMembers(deps.db), listInactiveUnits(deps.db)]);
    const t: Translate = (key, vars) => ctx.t(key, vars);
    if (units.length === 0) {
      const kb = addKindKeyboard(t);
      if (inactive.length) kb.row().text(t('units-reactivate', { count: inactive.length }), reactivateUnitPicker.open.pack());
      return ctx.reply(t('units-empty-add'), { reply_markup: kb });
    }
    const chunks = splitLines(unitLines(t, units));
    const actions = unitActions(t, units, inactive.length);
    for (const [i, chunk] of chunks.entries()) await ctx.reply(chunk, i === chunks.length - 1 ? { reply_markup: actions } : {});
  };

const enterArgs = async (ctx: AdminPress) => ({ locale: await ctx.i18n.getLocale(), actorId: ctx.member.id });

const onAddButton = (c: Conversations) => async (ctx: AdminPress) => {
  await answerPress(ctx);
  await c.add.enter(ctx, { ...(await enterArgs(ctx)), kind: null });
};

/** "➕ <kind>" under a paste's result or an empty list: straight to the paste prompt of that kind. */
const onAddKindButton = (c: Conversations) => async (ctx: AdminPress) => {
  const pressed = unitsAddKindButton.unpack(ctx.callbackQuery.data);
  if (!pressed) return;
  await answerPress(ctx);
  await clearButtons(ctx);
  await c.add.enter(ctx, { ...(await enterArgs(ctx)), kind: pressed[0] });
};

const onHouseholdsButton = (c: Conversations) => async (ctx: AdminPress) => {
  await answerPress(ctx);
  await c.households.enter(ctx, await enterArgs(ctx));
};

/** Opens a unit picker in a new message (page 0) or turns its pages in place. */
const onPicker =
  ({ deps }: FeatureEnv, picker: UnitPicker, o: { prompt: string; none: string; load: typeof listActiveUnits }) =>
  async (ctx: AdminPress) => {
    const page = picker.page.unpack(ctx.callbackQuery.data)?.[0] ?? 0;
    const units = await o.load(deps.db);
    const choices = units.map((u) => ({ label: u.name, data: picker.pick.pack(u.id) }));
    const kb = pagedKeyboard(choices, page, (p) => picker.page.pack(p), ctx.t);
    const text = ctx.t(units.length ? o.prompt : o.none);
    await answerPress(ctx);
    if (picker.open.pattern.test(ctx.callbackQuery.data)) await ctx.reply(text, { reply_markup: kb });
    else await ctx.editMessageText(text, { reply_markup: kb });
  };

const onRenamePick = (env: FeatureEnv, c: Conversations) => async (ctx: AdminPress) => {
  const pressed = renameUnitPicker.pick.unpack(ctx.callbackQuery.data);
  if (!pressed) return;
  const unit = await findActiveUnit(env.deps.db, pressed[0]);
  await answerPress(ctx);
  if (!unit) return ctx.reply(ctx.t('units-not-found'));
  await ctx.editMessageReplyMarkup();
  await c.rename.enter(ctx, { ...(await enterArgs(ctx)), unitId: unit.id, oldName: unit.name });
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

/** Reopening needs no question: nothing is lost, and it can be deactivated again. */
const onReactivatePick =
  ({ deps }: FeatureEnv) =>
  async (ctx: AdminPress) => {
    const pressed = reactivateUnitPicker.pick.unpack(ctx.callbackQuery.data);
    if (!pressed) return;
    const result = await reactivateUnit(deps.db, deps.clock, ctx.member.id, pressed[0]);
    await answerPress(ctx);
    if (result.ok) return ctx.editMessageText(ctx.t('units-reactivated', { name: result.unit.name }));
    const unit = result.reason === 'name-taken' ? (await listInactiveUnits(deps.db)).find((u) => u.id === pressed[0]) : undefined;
    await ctx.editMessageText(unit ? ctx.t('units-reactivate-name-taken', { name: unit.name }) : ctx.t('units-not-found'));
  };

/** /units for admins: the list with who is in charge; add, fix households, rename, deactivate, reopen. */
export function createUnitsFeature(env: FeatureEnv): Feature {
  const c: Conversations = { add: unitsAddConversation(env), rename: unitRenameConversation(env), households: unitHouseholdsConversation(env) };
  const composer = new Composer<BotContext>();
  const admin = composer.chatType('private').filter(hasRole('admin'));
  admin.command('units', onUnitsCommand(env));
  admin.callbackQuery(unitsAddButton.pattern, onAddButton(c));
  admin.callbackQuery(unitsAddKindButton.pattern, onAddKindButton(c));
  admin.callbackQuery(unitsHouseholdsButton.pattern, onHouseholdsButton(c));
  const rename = { prompt: 'units-pick-rename', none: 'units-empty', load: listActiveUnits };
  const deactivate = { prompt: 'units-pick-deactivate', none: 'units-empty', load: listActiveUnits };
  const reactivate = { prompt: 'units-pick-reactivate', none: 'units-none-inactive', load: listInactiveUnits };
  admin.callbackQuery([renameUnitPicker.open.pattern, renameUnitPicker.page.pattern], onPicker(env, renameUnitPicker, rename));
  admin.callbackQuery([deactivateUnitPicker.open.pattern, deactivateUnitPicker.page.pattern], onPicker(env, deactivateUnitPicker, deactivate));
  admin.callbackQuery([reactivateUnitPicker.open.pattern, reactivateUnitPicker.page.pattern], onPicker(env, reactivateUnitPicker, reactivate));
  admin.callbackQuery(renameUnitPicker.pick.pattern, onRenamePick(env, c));
  admin.callbackQuery(deactivateUnitPicker.pick.pattern, onDeactivatePick(env));
  admin.callbackQuery(deactivateYesButton.pattern, onDeactivateYes(env));
  admin.callbackQuery(deactivateNoButton.pattern, onDeactivateNo);
  admin.callbackQuery(reactivateUnitPicker.pick.pattern, onReactivatePick(env));
  return { composer, conversations: [c.add, c.rename, c.households] };
}
