import { Composer, InlineKeyboard, InputFile } from 'grammy';
import QRCode from 'qrcode';
import { formatLocal } from '../core/clock.js';
import type { Position, Role } from '../core/schema.js';
import type { BotContext } from '../telegram/context.js';
import type { Feature, FeatureEnv } from '../telegram/feature.js';
import { hasRole } from '../telegram/guards.js';
import { pagedKeyboard } from '../telegram/pager.js';
import { createInvite, type InviteRequest } from './invites.service.js';
import { findActiveUnit, listActiveUnits } from './units.service.js';

type InviteKind = 'leader' | 'deputy' | 'official' | 'admin';
const KINDS: readonly InviteKind[] = ['leader', 'deputy', 'official', 'admin'];

function requestFor(kind: InviteKind, unitId: number | null): InviteRequest {
  const role: Role = kind === 'deputy' ? 'leader' : kind;
  const position: Position | null = kind === 'leader' || kind === 'deputy' ? kind : null;
  return { role, unitId, position };
}

/** /invite for admins: role → (unit) → a single-use t.me link and a printable QR code. */
export function createInviteFeature(env: FeatureEnv): Feature {
  const { deps } = env;
  const composer = new Composer<BotContext>();
  const admin = composer.chatType('private').filter(hasRole('admin'));

  admin.command('invite', (ctx) => {
    const kb = new InlineKeyboard();
    for (const kind of KINDS) kb.text(ctx.t(`invite-role-${kind}`), `inv:r:${kind}`).row();
    return ctx.reply(ctx.t('invite-choose-role'), { reply_markup: kb });
  });

  // "inv:r:<kind>" picks the role; for unit roles "inv:p:<kind>:<page>" pages and "inv:u:<kind>:<unitId>" picks.
  admin.callbackQuery(/^inv:(?:r|p):(leader|deputy|official|admin)(?::(\d+))?$/, async (ctx) => {
    const kind = ctx.match[1] as InviteKind;
    await ctx.answerCallbackQuery();
    if (kind === 'official' || kind === 'admin') {
      await ctx.editMessageReplyMarkup();
      return sendInvite(ctx, kind, null);
    }
    const units = await listActiveUnits(deps.db);
    if (units.length === 0) return ctx.editMessageText(ctx.t('invite-no-units'));
    const choices = units.map((u) => ({ label: u.name, data: `inv:u:${kind}:${u.id}` }));
    const kb = pagedKeyboard(choices, Number(ctx.match[2] ?? 0), (p) => `inv:p:${kind}:${p}`, ctx.t);
    await ctx.editMessageText(ctx.t('invite-choose-unit', { who: ctx.t(`invite-role-${kind}`) }), { reply_markup: kb });
  });

  admin.callbackQuery(/^inv:u:(leader|deputy):(\d+)$/, async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.editMessageReplyMarkup();
    await sendInvite(ctx, ctx.match[1] as InviteKind, Number(ctx.match[2]));
  });

  async function sendInvite(ctx: BotContext, kind: InviteKind, unitId: number | null) {
    const member = ctx.member;
    if (!member) return;
    const unit = unitId === null ? null : await findActiveUnit(deps.db, unitId);
    if (unitId !== null && !unit) return ctx.reply(ctx.t('units-not-found'));
    const invite = await createInvite(deps.db, deps.clock, {
      actorId: member.id,
      ttlDays: deps.config.inviteTtlDays,
      ...requestFor(kind, unitId),
    });
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

  return { composer };
}
