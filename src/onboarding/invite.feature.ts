import { type CallbackQueryContext, Composer, InlineKeyboard } from 'grammy';
import type { Member } from '../core/member.js';
import type { Position, Role } from '../core/schema.js';
import { answerPress, clearButtons } from '../telegram/ask.js';
import type { BotContext, Translate } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { pagedKeyboard } from '../telegram/pager.js';
import { invitePickConversation } from './invite-pick.conversation.js';
import { type InviteSender, sendInviteBatch, sendSingleInvite } from './invite-send.feature.js';
import { unitsWithOpenInvites } from './invites.queries.js';
import type { InviteRequest } from './invites.service.js';
import { inviteAllButton, invitePickButton, inviteRoleButton, type InviteKind, inviteUnitButton, inviteUnitPageButton, type UNIT_INVITE_KINDS } from './onboarding.buttons.js';
import { findActiveUnit, listActiveUnits, listUnitsWithoutMembers } from './units.service.js';

type AdminContext = BotContext & { member: Member };
type AdminPress = CallbackQueryContext<AdminContext>;
type UnitInviteKind = (typeof UNIT_INVITE_KINDS)[number];
type InvitePick = ReturnType<typeof invitePickConversation>;

function requestFor(kind: InviteKind, unitId: number | null): InviteRequest {
  const role: Role = kind === 'deputy' ? 'leader' : kind;
  const position: Position | null = kind === 'leader' || kind === 'deputy' ? kind : null;
  return { role, unitId, position };
}

const textsOf = (ctx: BotContext): Translate => (key, vars) => ctx.t(key, vars);

function senderFor({ deps }: FeatureEnv, ctx: AdminContext): InviteSender {
  return { deps, ctx, t: textsOf(ctx), botUsername: ctx.me.username, actorId: ctx.member.id };
}

/** /invite: everyone without a person in charge at once, picked units, one unit, or staff. */
const onInviteCommand =
  ({ deps }: FeatureEnv) =>
  async (ctx: AdminContext) => {
    const [units, without] = await Promise.all([listActiveUnits(deps.db), listUnitsWithoutMembers(deps.db)]);
    const pending = await unitsWithOpenInvites(deps.db, without.map((u) => u.id), deps.clock.now());
    const lines = [ctx.t('invite-choose-role')];
    if (units.length) lines.push(ctx.t('invite-summary', { without: without.length, total: units.length }));
    if (pending.length) lines.push(ctx.t('invite-pending-note', { pending: pending.length }));
    const kb = new InlineKeyboard();
    if (without.length) kb.text(ctx.t('invite-all', { count: without.length }), inviteAllButton.pack()).row();
    if (units.length) kb.text(ctx.t('invite-pick'), invitePickButton.pack()).row();
    kb.text(ctx.t('invite-role-leader'), inviteRoleButton.pack('leader')).text(ctx.t('invite-role-deputy'), inviteRoleButton.pack('deputy')).row();
    kb.text(ctx.t('invite-role-official'), inviteRoleButton.pack('official')).text(ctx.t('invite-role-admin'), inviteRoleButton.pack('admin'));
    await ctx.reply(lines.join('\n'), { reply_markup: kb });
  };

/** Every active unit nobody has joined: one link each, listed, and the printable cards. */
const onInviteAll = (env: FeatureEnv) => async (ctx: AdminPress) => {
  await answerPress(ctx);
  const units = await listUnitsWithoutMembers(env.deps.db);
  const key = `invite-all:${ctx.chat?.id ?? 0}:${ctx.callbackQuery.message?.message_id ?? 0}`;
  await clearButtons(ctx);
  if (units.length === 0) return ctx.reply(ctx.t('invite-all-none'));
  await sendInviteBatch(senderFor(env, ctx), units, { position: 'leader', creationKey: key });
};

const onInvitePick = (invitePick: InvitePick) => async (ctx: AdminPress) => {
  await answerPress(ctx);
  await clearButtons(ctx);
  await invitePick.enter(ctx, { locale: await ctx.i18n.getLocale(), actorId: ctx.member.id, botUsername: ctx.me.username });
};

/** A leader or deputy invitation names a unit: one page of the active units. */
async function showUnitPicker({ deps }: FeatureEnv, ctx: BotContext, kind: UnitInviteKind, page: number) {
  const units = await listActiveUnits(deps.db);
  if (units.length === 0) return ctx.editMessageText(ctx.t('invite-no-units'));
  const choices = units.map((u) => ({ label: u.name, data: inviteUnitButton.pack(kind, u.id) }));
  const kb = pagedKeyboard(choices, page, (p) => inviteUnitPageButton.pack(kind, p), ctx.t);
  await ctx.editMessageText(ctx.t(`invite-choose-unit-${kind}`), { reply_markup: kb });
}

/** Staff invitations are made at once; unit ones ask for the unit first. */
const onRoleButton = (env: FeatureEnv) => async (ctx: AdminPress) => {
  const pressed = inviteRoleButton.unpack(ctx.callbackQuery.data);
  if (!pressed) return;
  const [kind] = pressed;
  await answerPress(ctx);
  if (kind === 'leader' || kind === 'deputy') return showUnitPicker(env, ctx, kind, 0);
  await clearButtons(ctx);
  await sendSingleInvite(senderFor(env, ctx), requestFor(kind, null), null);
};

const onUnitPageButton = (env: FeatureEnv) => async (ctx: AdminPress) => {
  const pressed = inviteUnitPageButton.unpack(ctx.callbackQuery.data);
  if (!pressed) return;
  await answerPress(ctx);
  await showUnitPicker(env, ctx, ...pressed);
};

const onUnitButton = (env: FeatureEnv) => async (ctx: AdminPress) => {
  const pressed = inviteUnitButton.unpack(ctx.callbackQuery.data);
  if (!pressed) return;
  const [kind, unitId] = pressed;
  await answerPress(ctx);
  await clearButtons(ctx);
  const unit = await findActiveUnit(env.deps.db, unitId);
  if (!unit) return ctx.reply(ctx.t('units-not-found'));
  await sendSingleInvite(senderFor(env, ctx), requestFor(kind, unitId), unit);
};

/** /invite for admins: many units at once (list + printable cards), one unit (link + QR), or staff. */
export function createInviteFeature(env: FeatureEnv): Feature {
  const invitePick = invitePickConversation(env);
  const composer = new Composer<BotContext>();
  const admin = composer.chatType('private').filter(hasRole('admin'));
  admin.command('invite', onInviteCommand(env));
  admin.callbackQuery(inviteAllButton.pattern, onInviteAll(env));
  admin.callbackQuery(invitePickButton.pattern, onInvitePick(invitePick));
  admin.callbackQuery(inviteRoleButton.pattern, onRoleButton(env));
  admin.callbackQuery(inviteUnitPageButton.pattern, onUnitPageButton(env));
  admin.callbackQuery(inviteUnitButton.pattern, onUnitButton(env));
  return { composer, conversations: [invitePick] };
}
