import { type CallbackQueryContext, Composer, InlineKeyboard, InputFile } from 'grammy';
import QRCode from 'qrcode';
import { formatLocal } from '../core/clock.js';
import type { Member } from '../core/member.js';
import type { Position, Role } from '../core/schema.js';
import { answerPress } from '../telegram/ask.js';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { pagedKeyboard } from '../telegram/pager.js';
import { createInvite, type InviteRequest } from './invites.service.js';
import { INVITE_KINDS, type InviteKind, inviteRoleButton, inviteUnitButton, inviteUnitPageButton, UNIT_INVITE_KINDS } from './onboarding.buttons.js';
import { findActiveUnit, listActiveUnits } from './units.service.js';

type AdminPress = CallbackQueryContext<BotContext & { member: Member }>;
type UnitInviteKind = (typeof UNIT_INVITE_KINDS)[number];

function requestFor(kind: InviteKind, unitId: number | null): InviteRequest {
  const role: Role = kind === 'deputy' ? 'leader' : kind;
  const position: Position | null = kind === 'leader' || kind === 'deputy' ? kind : null;
  return { role, unitId, position };
}

const onInviteCommand = (ctx: BotContext) => {
  const kb = new InlineKeyboard();
  for (const kind of INVITE_KINDS) kb.text(ctx.t(`invite-role-${kind}`), inviteRoleButton.pack(kind)).row();
  return ctx.reply(ctx.t('invite-choose-role'), { reply_markup: kb });
};

/** A leader or deputy invitation names a unit: one page of the active units. */
async function showUnitPicker({ deps }: FeatureEnv, ctx: BotContext, kind: UnitInviteKind, page: number) {
  const units = await listActiveUnits(deps.db);
  if (units.length === 0) return ctx.editMessageText(ctx.t('invite-no-units'));
  const choices = units.map((u) => ({ label: u.name, data: inviteUnitButton.pack(kind, u.id) }));
  const kb = pagedKeyboard(choices, page, (p) => inviteUnitPageButton.pack(kind, p), ctx.t);
  await ctx.editMessageText(ctx.t('invite-choose-unit', { who: ctx.t(`invite-role-${kind}`) }), { reply_markup: kb });
}

/** Staff invitations are made at once; unit ones ask for the unit first. */
const onRoleButton = (env: FeatureEnv) => async (ctx: AdminPress) => {
  const pressed = inviteRoleButton.unpack(ctx.callbackQuery.data);
  if (!pressed) return;
  const [kind] = pressed;
  await answerPress(ctx);
  if (kind === 'leader' || kind === 'deputy') return showUnitPicker(env, ctx, kind, 0);
  await ctx.editMessageReplyMarkup();
  await sendInvite(env, ctx, kind, null);
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
  await answerPress(ctx);
  await ctx.editMessageReplyMarkup();
  await sendInvite(env, ctx, ...pressed);
};

/** Creates the invitation and sends its single-use link, then the same link as a printable QR code. */
async function sendInvite({ deps }: FeatureEnv, ctx: BotContext, kind: InviteKind, unitId: number | null) {
  const member = ctx.member;
  if (!member) return;
  const unit = unitId === null ? null : await findActiveUnit(deps.db, unitId);
  if (unitId !== null && !unit) return ctx.reply(ctx.t('units-not-found'));
  const invite = await createInvite(deps.db, deps.clock, { actorId: member.id, ttlDays: deps.config.inviteTtlDays, ...requestFor(kind, unitId) });
  const link = `https://t.me/${ctx.me.username}?start=${invite.code}`;
  const vars = {
    who: ctx.t(`invite-role-${kind}`),
    unit: unit ? ctx.t('invite-for-unit', { unit: unit.name }) : '',
    expires: formatLocal(invite.expiresAt, deps.config.timezone),
  };
  await ctx.reply(ctx.t('invite-created', { ...vars, link }), { link_preview_options: { is_disabled: true } });
  const png = await QRCode.toBuffer(link, { type: 'png', width: 600, margin: 2, errorCorrectionLevel: 'M' });
  await ctx.replyWithPhoto(new InputFile(png, 'invite-qr.png'), { caption: ctx.t('invite-qr-caption', vars) });
}

/** /invite for admins: role → (unit) → a single-use t.me link and a printable QR code. */
export function createInviteFeature(env: FeatureEnv): Feature {
  const composer = new Composer<BotContext>();
  const admin = composer.chatType('private').filter(hasRole('admin'));
  admin.command('invite', onInviteCommand);
  admin.callbackQuery(inviteRoleButton.pattern, onRoleButton(env));
  admin.callbackQuery(inviteUnitPageButton.pattern, onUnitPageButton(env));
  admin.callbackQuery(inviteUnitButton.pattern, onUnitButton(env));
  return { composer };
}
