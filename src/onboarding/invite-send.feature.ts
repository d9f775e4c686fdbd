import { type Context, GrammyError, InputFile } from 'grammy';
import { formatLocal } from '../core/clock.js';
import type { Position } from '../core/schema.js';
import type { Dependencies, Translate } from '../telegram/context.js';
import { splitLines } from '../telegram/split.js';
import { inviteRoleLabel } from './invite-roles.js';
import { createInvite, createInviteBatch, type InviteRequest } from './invites.service.js';
import { UNIT_KINDS } from '../core/unit-kinds.js';
import type { Unit } from './units.service.js';
import type { InviteCard } from './invite-cards.pdf.js';

/**
 * Sends something that holds invite codes. A failed request's error carries the request, codes
 * included, and errors end up in the logs: rethrow with only Telegram's code and description.
 */
async function holdingCodes<T>(send: () => Promise<T>): Promise<T> {
  try {
    return await send();
  } catch (error) {
    const why = error instanceof GrammyError ? `${error.error_code} ${error.description}` : error instanceof Error ? error.name : 'unknown error';
    throw new Error(`could not send invitations: ${why}`);
  }
}

export const startLink = (botUsername: string, code: string) => `https://t.me/${botUsername}?start=${code}`;
const noPreview = { link_preview_options: { is_disabled: true } } as const;

export interface InviteSender {
  deps: Dependencies;
  ctx: Context;
  /** Texts in the admin's language (with the office's local term). */
  t: Translate;
  botUsername: string;
  actorId: number;
}

/** One invitation: its single-use link, then the same link as a QR image that names the unit and the role. */
export async function sendSingleInvite(s: InviteSender, request: InviteRequest, unit: Unit | null): Promise<void> {
  const { deps, ctx, t } = s;
  const invite = await createInvite(deps.db, deps.clock, { actorId: s.actorId, ttlDays: deps.config.inviteTtlDays, ...request });
  const link = startLink(s.botUsername, invite.code);
  const who = unit && request.position ? inviteRoleLabel(t, request.position, unit.kind) : t(`invite-as-${request.role}`);
  const vars = { who, unit: unit ? t('invite-for-unit', { unit: unit.name }) : '', expires: formatLocal(invite.expiresAt, deps.config.timezone) };
  await holdingCodes(() => ctx.reply(t('invite-created', { ...vars, link }), noPreview));
  const { renderInviteQr } = await import('./invite-qr.js');
  const png = await renderInviteQr({ link, unitName: unit?.name ?? null, role: who });
  await holdingCodes(() => ctx.replyWithPhoto(new InputFile(png, 'invite-qr.png'), { caption: t('invite-qr-caption', vars) }));
}

/**
 * One invitation per unit, made once per `creationKey` (the press): one text listing unit →
 * link (split under Telegram's 4,096 characters) and one printable PDF, a card per unit.
 * A repeated press only says the links are above (the codes exist nowhere else).
 */
export async function sendInviteBatch(s: InviteSender, units: Unit[], opts: { position: Position; creationKey: string }): Promise<'sent' | 'already-made'> {
  const { deps, ctx, t } = s;
  const batch = await createInviteBatch(deps.db, deps.clock, { actorId: s.actorId, ttlDays: deps.config.inviteTtlDays, unitIds: units.map((u) => u.id), ...opts });
  if (!batch.ok) {
    await ctx.reply(t('invite-batch-again'));
    return 'already-made';
  }
  const linkOf = new Map(batch.codes.map((c) => [c.unitId, startLink(s.botUsername, c.code)]));
  // In the order /units shows them: residential units first, then schools, clubs, organisations, staff.
  const ordered = [...units].sort((a, b) => UNIT_KINDS.indexOf(a.kind) - UNIT_KINDS.indexOf(b.kind));
  const invited = ordered.map((unit) => ({ unit, link: linkOf.get(unit.id) ?? '' }));
  const cards = invited.map((i) => ({ unitName: i.unit.name, role: inviteRoleLabel(t, opts.position, i.unit.kind), link: i.link, expiresAt: batch.expiresAt }));
  await sendInviteCards(s, cards, batch.expiresAt);
  return 'sent';
}

/**
 * A batch of invitations as sent: one text listing name → link (split under 4,096 characters),
 * then the PDF of cards. `header` names who they are for (units by default; a province's communes).
 */
export async function sendInviteCards(s: Pick<InviteSender, 'deps' | 'ctx' | 't'>, cards: InviteCard[], expiresAt: Date, header = 'invite-batch-header'): Promise<void> {
  const { deps, ctx, t } = s;
  const zone = deps.config.timezone;
  const expires = formatLocal(expiresAt, zone);
  const lines = [t(header, { count: cards.length, expires }), ...cards.map((c) => t('invite-batch-line', { unit: c.unitName, link: c.link }))];
  for (const chunk of splitLines(lines)) await holdingCodes(() => ctx.reply(chunk, noPreview));
  const { buildInviteCardsPdf } = await import('./invite-cards.pdf.js');
  const pdf = await buildInviteCardsPdf(cards, { t, zone });
  const filename = t('invite-batch-filename', { date: formatLocal(deps.clock.now(), zone, 'dd-MM-yyyy') });
  await holdingCodes(() => ctx.replyWithDocument(new InputFile(pdf, filename), { caption: t('invite-batch-caption', { count: cards.length }) }));
}
